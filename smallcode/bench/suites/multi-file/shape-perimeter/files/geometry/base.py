from abc import ABC, abstractmethod


class Shape(ABC):
    name = "shape"

    @abstractmethod
    def area(self) -> float: ...

    def describe(self) -> str:
        return f"{self.name}: area={self.area():.2f}"
