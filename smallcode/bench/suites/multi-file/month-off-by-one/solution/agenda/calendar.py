from agenda.dates import parse_date

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def format_long(text: str) -> str:
    date = parse_date(text)
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"
