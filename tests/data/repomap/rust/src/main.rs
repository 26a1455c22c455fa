use calc::Parser;

fn main() {
    let parser = Parser::new("1 + 2");
    println!("{}", parser.evaluate());
}
