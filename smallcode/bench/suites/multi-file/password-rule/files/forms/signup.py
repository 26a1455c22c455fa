from forms.validators import contains, required

CHECKS = [required("email"), contains("email", "@"), required("password")]


def validate_signup(data: dict[str, str]) -> list[str]:
    errors = []
    for check in CHECKS:
        message = check(data)
        if message is not None:
            errors.append(message)
    return errors
