MESSAGES = {
    "en": {"hello": "Hello, {name}!", "bye": "Goodbye, {name}."},
}
