from tally.commands import register


@register("upper")
def upper(args: list[str]) -> str:
    return " ".join(args).upper()
