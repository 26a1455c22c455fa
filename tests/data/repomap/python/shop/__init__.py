"""A tiny shop: orders, pricing and a command line."""
