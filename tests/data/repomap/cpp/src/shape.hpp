#pragma once

namespace geo {

class Shape {
public:
    virtual ~Shape() = default;
    virtual double area() const = 0;
};

class Circle : public Shape {
public:
    explicit Circle(double radius);
    double area() const override;

private:
    double radius_;
};

}  // namespace geo
