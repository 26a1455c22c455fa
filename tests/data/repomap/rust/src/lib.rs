pub mod token;

use crate::token::{lex, Token};

pub struct Parser {
    tokens: Vec<Token>,
}

impl Parser {
    pub fn new(input: &str) -> Self {
        Parser { tokens: lex(input) }
    }

    pub fn evaluate(&self) -> i64 {
        self.tokens
            .iter()
            .map(|t| if let Token::Number(n) = t { *n } else { 0 })
            .sum()
    }
}
