MESSAGES = {
    "en": {"hello": "Hello, {name}!", "bye": "Goodbye, {name}."},
    "es": {"hello": "¡Hola, {name}!", "bye": "Adiós, {name}."},
}
