from tally.commands import register


@register("count")
def count(args: list[str]) -> str:
    return str(len(args))
