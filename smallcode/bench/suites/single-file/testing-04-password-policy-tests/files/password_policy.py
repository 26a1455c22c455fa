"""Password rules for new accounts.

check_password(password, username="") returns a list of problem codes, in this order, empty if acceptable:
  "too_short"     fewer than 12 characters
  "too_long"      more than 128 characters
  "no_lower"      no lower-case letter
  "no_upper"      no upper-case letter
  "no_digit"      no digit
  "no_symbol"     no character that is not a letter, digit or whitespace
  "contains_name" the username (at least 3 characters, compared case-insensitively) appears in the password
  "common"        the password, lower-cased, is in COMMON_PASSWORDS

strength(password) -> int from 0 to 4: one point each for length >= 12, length >= 16, having both cases,
having both a digit and a symbol.
"""

COMMON_PASSWORDS = {"password1234", "qwertyuiop12", "letmein12345", "correcthorse"}


def check_password(password: str, username: str = "") -> list[str]:
    problems = []
    if len(password) < 12:
        problems.append("too_short")
    if len(password) > 128:
        problems.append("too_long")
    if not any(c.islower() for c in password):
        problems.append("no_lower")
    if not any(c.isupper() for c in password):
        problems.append("no_upper")
    if not any(c.isdigit() for c in password):
        problems.append("no_digit")
    if not any(not c.isalnum() and not c.isspace() for c in password):
        problems.append("no_symbol")
    if len(username) >= 3 and username.lower() in password.lower():
        problems.append("contains_name")
    if password.lower() in COMMON_PASSWORDS:
        problems.append("common")
    return problems


def strength(password: str) -> int:
    score = 0
    if len(password) >= 12:
        score += 1
    if len(password) >= 16:
        score += 1
    if any(c.islower() for c in password) and any(c.isupper() for c in password):
        score += 1
    has_digit = any(c.isdigit() for c in password)
    has_symbol = any(not c.isalnum() and not c.isspace() for c in password)
    if has_digit and has_symbol:
        score += 1
    return score
