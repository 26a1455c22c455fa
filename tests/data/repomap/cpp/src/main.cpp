#include <iostream>
#include "shape.hpp"

int main() {
    geo::Circle circle(2.0);
    std::cout << circle.area() << std::endl;
    return 0;
}
