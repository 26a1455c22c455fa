SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


def format_money(cents: int, currency: str = "USD") -> str:
    return f"{SYMBOLS[currency]}{cents // 100}.{cents % 100:02d}"
