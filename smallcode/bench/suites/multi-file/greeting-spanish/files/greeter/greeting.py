from greeter.messages import MESSAGES


def greet(name: str) -> str:
    return MESSAGES["en"]["hello"].format(name=name)


def farewell(name: str) -> str:
    return MESSAGES["en"]["bye"].format(name=name)
