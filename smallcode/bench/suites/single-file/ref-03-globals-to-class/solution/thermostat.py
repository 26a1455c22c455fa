"""Heating controller with hysteresis."""

MIN_TARGET = 5.0
MAX_TARGET = 30.0


class Thermostat:
    def __init__(self, target: float = 20.0, hysteresis: float = 0.5) -> None:
        self._hysteresis = hysteresis
        self._mode = "idle"
        self._history: list[tuple[float, str]] = []
        self._target = 20.0
        self.set_target(target)

    def set_target(self, value: float) -> None:
        if not MIN_TARGET <= value <= MAX_TARGET:
            raise ValueError(f"target must be between {MIN_TARGET} and {MAX_TARGET}")
        self._target = value

    def update(self, current_temp: float) -> str:
        """Heat when below target - hysteresis, stop above target + hysteresis, otherwise keep the mode."""
        if current_temp < self._target - self._hysteresis:
            self._mode = "heating"
        elif current_temp > self._target + self._hysteresis:
            self._mode = "idle"
        self._history.append((current_temp, self._mode))
        return self._mode

    def mode(self) -> str:
        return self._mode

    def history(self) -> list[tuple[float, str]]:
        return list(self._history)
