from tally.commands import register


@register("echo")
def echo(args: list[str]) -> str:
    return " ".join(args)
