from forms.validators import contains, min_length, required

CHECKS = [required("email"), contains("email", "@"), required("password"), min_length("password", 8)]


def validate_signup(data: dict[str, str]) -> list[str]:
    errors = []
    for check in CHECKS:
        message = check(data)
        if message is not None:
            errors.append(message)
    return errors
