"""Heating controller with hysteresis."""

MIN_TARGET = 5.0
MAX_TARGET = 30.0

_target = 20.0
_hysteresis = 0.5
_mode = "idle"
_history: list[tuple[float, str]] = []


def set_target(value: float) -> None:
    global _target
    if not MIN_TARGET <= value <= MAX_TARGET:
        raise ValueError(f"target must be between {MIN_TARGET} and {MAX_TARGET}")
    _target = value


def update(current_temp: float) -> str:
    """Heat when the room is below target - hysteresis, stop at target + hysteresis, otherwise keep the mode."""
    global _mode
    if current_temp < _target - _hysteresis:
        _mode = "heating"
    elif current_temp > _target + _hysteresis:
        _mode = "idle"
    _history.append((current_temp, _mode))
    return _mode


def mode() -> str:
    return _mode


def history() -> list[tuple[float, str]]:
    return list(_history)
