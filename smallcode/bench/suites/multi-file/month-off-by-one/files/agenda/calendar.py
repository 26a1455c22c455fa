from agenda.dates import parse_date

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def format_long(text: str) -> str:
    year, month, day = parse_date(text)
    return f"{day} {MONTHS[month]} {year}"
