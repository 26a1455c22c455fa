#[derive(Debug, PartialEq)]
pub enum Token {
    Number(i64),
    Plus,
}

pub fn lex(input: &str) -> Vec<Token> {
    input
        .split_whitespace()
        .map(|word| match word {
            "+" => Token::Plus,
            other => Token::Number(other.parse().unwrap_or(0)),
        })
        .collect()
}
