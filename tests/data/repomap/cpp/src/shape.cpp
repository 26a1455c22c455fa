#include "shape.hpp"

namespace geo {

Circle::Circle(double radius) : radius_(radius) {}

double Circle::area() const {
    return 3.14159 * radius_ * radius_;
}

}  // namespace geo
