import math

import pytest

from geometry.base import Shape
from geometry.circle import Circle
from geometry.rectangle import Rectangle


def test_perimeters() -> None:
    assert Circle(2).perimeter() == pytest.approx(4 * math.pi)
    assert Rectangle(2, 3).perimeter() == 10


def test_abstract() -> None:
    assert "perimeter" in Shape.__abstractmethods__


def test_describe() -> None:
    assert Rectangle(2, 3).describe() == "rectangle: area=6.00 perimeter=10.00"
    assert Circle(1).describe() == "circle: area=3.14 perimeter=6.28"
