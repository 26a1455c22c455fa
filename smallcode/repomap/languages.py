"""Which files the map can read, and the tree-sitter queries that find their definitions.

Every definition pattern captures the whole definition as ``@def.<kind>`` and its name as ``@name``;
when two patterns capture the same name, the earlier pattern wins (so specific patterns come first).
References are every identifier-like leaf of the listed node types, minus the definitions' own names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath


@dataclass(frozen=True)
class LanguageSpec:
    name: str
    """The grammar's name in tree-sitter-language-pack."""
    definitions: str
    references: tuple[str, ...]
    """Node types whose text is a name used somewhere (identifier, type_identifier, …)."""
    links: str = ""
    """Patterns capturing ``@link`` where a name points at a definition elsewhere: calls, imports, type
    and base-class names (every use of a capitalised name counts too). Only these feed the ranking:
    a local variable that shares a method's name would otherwise link every file to that method."""
    header_prefix: dict[str, str] = field(default_factory=dict)
    """Text put before a definition's header, by kind (Go's ``type_spec`` lacks its ``type`` keyword)."""


# Kinds that only give nested definitions their context (Rust's ``impl Foo``); never indexed as names.
SCOPE_KINDS = frozenset({"impl"})
# Members shown under their class (and found by search), but not ranked on their own: ``name`` or
# ``code`` as a field of one class says little about which file another file's ``x.name`` means.
MEMBER_KINDS = frozenset({"field"})
# Definitions whose nested functions are methods.
CLASS_KINDS = frozenset({"class", "interface", "struct", "trait", "impl", "enum", "record"})

_PYTHON = """
(class_definition name: (identifier) @name) @def.class
(function_definition name: (identifier) @name) @def.function
(module (assignment left: (identifier) @name) @def.constant)
(class_definition body: (block (assignment left: (identifier) @name) @def.field))
"""

_JAVASCRIPT = """
(class_declaration name: (_) @name) @def.class
(function_declaration name: (identifier) @name) @def.function
(generator_function_declaration name: (identifier) @name) @def.function
(method_definition name: (_) @name) @def.method
(program (lexical_declaration (variable_declarator
  name: (identifier) @name value: [(arrow_function) (function_expression)])) @def.function)
(program (export_statement (lexical_declaration (variable_declarator
  name: (identifier) @name value: [(arrow_function) (function_expression)])) @def.function))
(program (variable_declaration (variable_declarator
  name: (identifier) @name value: [(arrow_function) (function_expression)])) @def.function)
(program (lexical_declaration (variable_declarator name: (identifier) @name)) @def.constant)
(program (export_statement
  (lexical_declaration (variable_declarator name: (identifier) @name)) @def.constant))
(field_definition property: (property_identifier) @name) @def.field
"""

_TYPESCRIPT = (
    _JAVASCRIPT
    + """
(abstract_class_declaration name: (_) @name) @def.class
(interface_declaration name: (_) @name) @def.interface
(type_alias_declaration name: (_) @name) @def.type
(enum_declaration name: (_) @name) @def.enum
(function_signature name: (identifier) @name) @def.function
(method_signature name: (_) @name) @def.method
(abstract_method_signature name: (_) @name) @def.method
(internal_module name: (_) @name) @def.namespace
(public_field_definition name: (_) @name) @def.field
(property_signature name: (_) @name) @def.field
"""
)

_GO = """
(function_declaration name: (identifier) @name) @def.function
(method_declaration name: (field_identifier) @name) @def.method
(type_spec name: (type_identifier) @name type: (struct_type)) @def.struct
(type_spec name: (type_identifier) @name type: (interface_type)) @def.interface
(type_spec name: (type_identifier) @name) @def.type
(method_elem name: (field_identifier) @name) @def.method
(source_file (const_declaration (const_spec name: (identifier) @name) @def.constant))
(source_file (var_declaration (var_spec name: (identifier) @name) @def.variable))
(field_declaration name: (field_identifier) @name) @def.field
"""

_RUST = """
(struct_item name: (type_identifier) @name) @def.struct
(enum_item name: (type_identifier) @name) @def.enum
(union_item name: (type_identifier) @name) @def.union
(trait_item name: (type_identifier) @name) @def.trait
(impl_item type: (_) @name) @def.impl
(function_item name: (identifier) @name) @def.function
(function_signature_item name: (identifier) @name) @def.function
(type_item name: (type_identifier) @name) @def.type
(const_item name: (identifier) @name) @def.constant
(static_item name: (identifier) @name) @def.constant
(mod_item name: (identifier) @name) @def.module
(macro_definition name: (identifier) @name) @def.macro
(field_declaration name: (field_identifier) @name) @def.field
"""

_JAVA = """
(class_declaration name: (identifier) @name) @def.class
(interface_declaration name: (identifier) @name) @def.interface
(enum_declaration name: (identifier) @name) @def.enum
(record_declaration name: (identifier) @name) @def.record
(annotation_type_declaration name: (identifier) @name) @def.annotation
(method_declaration name: (identifier) @name) @def.method
(constructor_declaration name: (identifier) @name) @def.constructor
(field_declaration declarator: (variable_declarator name: (identifier) @name)) @def.field
"""

_C = """
(function_definition declarator: (function_declarator declarator: (identifier) @name)) @def.function
(function_definition declarator: (pointer_declarator
  declarator: (function_declarator declarator: (identifier) @name))) @def.function
(declaration declarator: (function_declarator declarator: (identifier) @name)) @def.prototype
(declaration declarator: (pointer_declarator
  declarator: (function_declarator declarator: (identifier) @name))) @def.prototype
(struct_specifier name: (type_identifier) @name body: (_)) @def.struct
(union_specifier name: (type_identifier) @name body: (_)) @def.union
(enum_specifier name: (type_identifier) @name body: (_)) @def.enum
(type_definition declarator: (type_identifier) @name) @def.type
(preproc_def name: (identifier) @name) @def.macro
(preproc_function_def name: (identifier) @name) @def.macro
(field_declaration declarator: (field_identifier) @name) @def.field
(field_declaration declarator: (array_declarator declarator: (field_identifier) @name)) @def.field
(field_declaration declarator: (pointer_declarator declarator: (field_identifier) @name)) @def.field
"""

_CPP = (
    """
(class_specifier name: (type_identifier) @name body: (_)) @def.class
(namespace_definition name: (namespace_identifier) @name) @def.namespace
(function_definition
  declarator: (function_declarator declarator: (qualified_identifier name: (identifier) @name))) @def.method
(function_definition declarator: (function_declarator declarator: (field_identifier) @name)) @def.method
(field_declaration declarator: (function_declarator declarator: (field_identifier) @name)) @def.method
(alias_declaration name: (type_identifier) @name) @def.type
"""
    + _C
)

_PYTHON_LINKS = """
(call function: (identifier) @link)
(call function: (attribute attribute: (identifier) @link))
(import_from_statement name: (dotted_name (identifier) @link))
(import_from_statement name: (aliased_import name: (dotted_name (identifier) @link)))
(type (identifier) @link)
(decorator (identifier) @link)
(decorator (attribute attribute: (identifier) @link))
(class_definition superclasses: (argument_list (identifier) @link))
"""

_JAVASCRIPT_LINKS = """
(call_expression function: (identifier) @link)
(call_expression function: (member_expression property: (property_identifier) @link))
(new_expression constructor: (identifier) @link)
(import_specifier name: (identifier) @link)
(import_clause (identifier) @link)
(class_heritage (identifier) @link)
(jsx_opening_element name: (identifier) @link)
(jsx_self_closing_element name: (identifier) @link)
"""

_TYPESCRIPT_LINKS = (
    _JAVASCRIPT_LINKS
    + """
(type_identifier) @link
(extends_clause value: (identifier) @link)
"""
)

_GO_LINKS = """
(call_expression function: (identifier) @link)
(call_expression function: (selector_expression field: (field_identifier) @link))
(type_identifier) @link
"""

_RUST_LINKS = """
(call_expression function: (identifier) @link)
(call_expression function: (scoped_identifier name: (identifier) @link))
(call_expression function: (field_expression field: (field_identifier) @link))
(macro_invocation macro: (identifier) @link)
(scoped_identifier name: (identifier) @link)
(use_list (identifier) @link)
(type_identifier) @link
"""

_JAVA_LINKS = """
(method_invocation name: (identifier) @link)
(object_creation_expression type: (type_identifier) @link)
(import_declaration (scoped_identifier name: (identifier) @link))
(type_identifier) @link
"""

_C_LINKS = """
(call_expression function: (identifier) @link)
(call_expression function: (field_expression field: (field_identifier) @link))
(type_identifier) @link
"""

_CPP_LINKS = (
    _C_LINKS
    + """
(call_expression function: (qualified_identifier name: (identifier) @link))
(namespace_identifier) @link
"""
)

_JS_REFS = (
    "identifier",
    "property_identifier",
    "shorthand_property_identifier",
    "shorthand_property_identifier_pattern",
)
_C_REFS = ("identifier", "type_identifier", "field_identifier")

LANGUAGES: dict[str, LanguageSpec] = {
    spec.name: spec
    for spec in (
        LanguageSpec("python", _PYTHON, ("identifier",), _PYTHON_LINKS),
        LanguageSpec("javascript", _JAVASCRIPT, _JS_REFS, _JAVASCRIPT_LINKS),
        LanguageSpec("typescript", _TYPESCRIPT, (*_JS_REFS, "type_identifier"), _TYPESCRIPT_LINKS),
        LanguageSpec("tsx", _TYPESCRIPT, (*_JS_REFS, "type_identifier"), _TYPESCRIPT_LINKS),
        LanguageSpec(
            "go",
            _GO,
            ("identifier", "type_identifier", "field_identifier", "package_identifier"),
            _GO_LINKS,
            header_prefix={"struct": "type ", "interface": "type ", "type": "type "},
        ),
        LanguageSpec("rust", _RUST, ("identifier", "type_identifier", "field_identifier"), _RUST_LINKS),
        LanguageSpec("java", _JAVA, ("identifier", "type_identifier"), _JAVA_LINKS),
        LanguageSpec("c", _C, _C_REFS, _C_LINKS),
        LanguageSpec("cpp", _CPP, (*_C_REFS, "namespace_identifier"), _CPP_LINKS),
    )
}

EXTENSIONS: dict[str, str] = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".go": "go",
    ".rs": "rust",
    ".java": "java",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".hh": "cpp",
    ".hpp": "cpp",
    ".hxx": "cpp",
}

_CPP_HEADER = re.compile(rb"^[ \t]*(?:class|namespace|template\s*<)|\bstd::", re.MULTILINE)


def language_for(path: str) -> str | None:
    """The language the map parses ``path`` as, from its extension; None when it cannot."""
    return EXTENSIONS.get(PurePosixPath(path).suffix.lower())


def refine_language(path: str, language: str, source: bytes) -> str:
    """A ``.h`` file holding C++ (classes, namespaces, templates) is parsed as C++."""
    if language == "c" and path.lower().endswith(".h") and _CPP_HEADER.search(source):
        return "cpp"
    return language
