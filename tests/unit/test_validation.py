from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from smallcode.stuck import StuckDetector, repeated_text
from smallcode.validation import check_file, failure_count, summarize_test_output
from smallcode.validation.tidy import (
    drop_unused_go_imports,
    import_missing_go_packages,
    import_missing_modules,
)


@pytest.mark.parametrize(
    ("name", "content", "ok", "fragment"),
    [
        ("a.py", "def f():\n    return 1\n", True, "python: ok"),
        ("a.py", "def f(:\n    return 1\n", False, "SyntaxError at line 1"),
        ("a.py", "def f():\n    return math.pi\n", False, "line 2: 'math'"),
        ("a.py", "t = {'a': lambda s: None if s else s['n'] = 1}\n", False, "an assignment inside a lambda"),
        ("a.py", "import math\n\ndef f():\n    return math.pi\n", True, "python: ok"),
        ("d.json", '{"a": [1, 2]}', True, "json: ok"),
        ("d.json", '{"a": [1, 2}', False, "invalid JSON"),
        ("p.html", "<html><body><div><p>hi</div></body></html>", True, "html: ok"),
        ("p.html", "<div><span>open</div>", False, "<span> is never closed"),
        ("notes.txt", "anything", True, "no checker for .txt"),
    ],
)
def test_check_file(tmp_path: Path, name: str, content: str, ok: bool, fragment: str) -> None:
    (tmp_path / name).write_text(content)
    check = check_file(tmp_path, name)
    assert check.ok is ok and fragment in check.message
    assert check.parses is (ok or "undefined names" in check.message)  # a syntax error does not parse


@pytest.mark.skipif(shutil.which("node") is None, reason="node is part of this project's toolchain")
def test_javascript_is_checked_with_node(tmp_path: Path) -> None:
    (tmp_path / "ok.js").write_text("const x = 1;\n")
    (tmp_path / "bad.js").write_text("const x = ;\n")
    assert check_file(tmp_path, "ok.js").ok
    bad = check_file(tmp_path, "bad.js")
    assert not bad.ok and bad.checker == "node --check" and "SyntaxError" in bad.message
    # Named as the model names it, without node's own stack and version.
    assert bad.message.startswith("bad.js:1\n") and str(tmp_path) not in bad.message
    assert "node:internal" not in bad.message and "Node.js v" not in bad.message


def test_a_go_syntax_error_names_the_file_as_the_model_does(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "m.go").write_text("package m\n\nfunc f( {\n")
    bad = check_file(tmp_path, "pkg/m.go")
    assert not bad.ok and bad.checker == "gofmt -e"
    assert bad.message.startswith("pkg/m.go:3:") and str(tmp_path) not in bad.message


def test_a_typescript_import_of_nothing_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    advice = (
        "Did you mean to set the 'moduleResolution' option to 'nodenext', "
        "or to add aliases to the 'paths' option?"
    )
    (tools / "tsc").write_text(
        "#!/bin/sh\n"
        f"echo \"expr.ts(1,27): error TS2792: Cannot find module './tokenizer'. {advice}\"\n"
        f"echo \"expr.ts(2,19): error TS2792: Cannot find module 'options'. {advice}\"\n"
        "exit 2\n"
    )
    (tools / "tsc").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    (tmp_path / "expr.ts").write_text("import { tokenize } from './tokenizer';\n")
    check = check_file(tmp_path, "expr.ts")
    assert not check.ok and check.checker == "tsc --noEmit" and "moduleResolution" not in check.message
    assert "'./tokenizer': the project has no such file" in check.message
    assert "'options': no such package is installed" in check.message


def test_typescript_is_checked_with_the_projects_own_tsconfig(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "tsc").write_text(  # reports the arguments it was given, and errors in two files
        "#!/bin/sh\n"
        'echo "args: $*"\n'
        f"echo \"src/c.ts(1,1): error TS2304: Cannot find name '{'y' * 2000}'.\"\n"  # more than is shown
        "echo \"src/a.ts(2,19): error TS7006: Parameter 'x' implicitly has an 'any' type.\"\n"
        "echo \"src/b.ts(1,14): error TS2322: Type 'string' is not assignable to type 'number'.\"\n"
        "echo \"  'x' could be anything.\"\n"
        "exit 2\n"
    )
    (tools / "tsc").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "src" / "a.ts").write_text("export function f(x) { return x; }\n")
    loose = check_file(project, "src/a.ts")  # no tsconfig.json: tsc's defaults, on this file
    assert "--target es2020 src/a.ts" in loose.message
    (project / "tsconfig.json").write_text('{"compilerOptions": {"strict": true}}\n')
    check = check_file(project, "src/a.ts")
    assert not check.ok and "TS7006" in check.message
    assert "src/b.ts" not in check.message and "could be anything" not in check.message  # not this file's
    (project / "src" / "a.ts").write_text("export function f(x: number) { return x; }\n")
    (tools / "tsc").write_text('#!/bin/sh\necho "src/b.ts(1,14): error TS2322: not a number"\nexit 2\n')
    assert check_file(project, "src/a.ts").ok  # another file's errors are not this edit's


GO_MOD = "module example.com/shop\n\ngo 1.19\n"


def test_go_files_are_compiled_with_their_package(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text(GO_MOD)
    (tmp_path / "cart").mkdir()
    (tmp_path / "cart" / "cart.go").write_text('package cart\n\nfunc Total() []int {\n\treturn "0"\n}\n')
    (tmp_path / "cart" / "cart_test.go").write_text(
        'package cart\n\nimport "testing"\n\nfunc TestTotal(t *testing.T) { _ = Totals() }\n'
    )
    bad = check_file(tmp_path, "cart/cart.go")
    assert not bad.ok and bad.checker == "go build" and bad.parses
    assert "cart.go:4" in bad.message and "in return statement" in bad.message  # a type error, not syntax
    (tmp_path / "cart" / "cart.go").write_text("package cart\n\nfunc Total() []int {\n\treturn nil\n}\n")
    assert check_file(tmp_path, "cart/cart.go").ok
    test = check_file(tmp_path, "cart/cart_test.go")  # a test file is compiled with the tests
    assert not test.ok and test.checker == "go test" and "undefined: Totals" in test.message


def test_go_without_a_module_or_with_a_missing_dependency(tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text('package main\n\nfunc main() {\n\tvar n int = "x"\n\t_ = n\n}\n')
    alone = check_file(tmp_path, "main.go")
    assert not alone.ok and alone.checker == "go build" and "main.go:4" in alone.message
    # A dependency that is not in the module cache cannot be fetched here: the types stay unchecked,
    # and the edit is not blocked for it.
    (tmp_path / "go.mod").write_text(GO_MOD + "\nrequire example.com/absent v1.0.0\n")
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "example.com/absent"\n\nfunc main() { absent.Run() }\n'
    )
    check = check_file(tmp_path, "main.go")
    assert check.ok and check.checker == "gofmt -e"
    # An import that no module go.mod requires provides is the edit's fault, offline or not.
    (tmp_path / "go.mod").write_text(GO_MOD)
    (tmp_path / "main.go").write_text(
        'package main\n\nimport "github.com/yourusername/absent"\n\nfunc main() { absent.Run() }\n'
    )
    guessed = check_file(tmp_path, "main.go")
    assert not guessed.ok and "providing package github.com/yourusername/absent" in guessed.message
    assert "github.com/yourusername" not in (tmp_path / "go.mod").read_text()


def test_a_missing_checker_is_said_not_passed_silently(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (tmp_path / "main.go").write_text("package main\n")
    check = check_file(tmp_path, "main.go")
    assert check.checker is None and "gofmt is not installed" in check.message


PYTEST_OUTPUT = (
    """\
============================= test session starts ==============================
collected 3 items

test_calc.py F.F                                                         [100%]

=================================== FAILURES ===================================
___________________________________ test_add ___________________________________

    def test_add():
>       assert add(2, 3) == 5
E       assert -1 == 5
E        +  where -1 = add(2, 3)

test_calc.py:4: AssertionError
"""
    + "\n".join(f"noise line {i}" for i in range(200))
    + """
=========================== short test summary info ============================
FAILED test_calc.py::test_add - assert -1 == 5
FAILED test_calc.py::test_div - ZeroDivisionError: division by zero
========================= 2 failed, 1 passed in 0.03s ==========================
"""
)


def test_test_output_is_summarized_for_the_model() -> None:
    summary = summarize_test_output(PYTEST_OUTPUT)
    assert summary.splitlines()[0] == "2 failed, 1 passed in 0.03s"
    assert "test_calc.py::test_add - assert -1 == 5" in summary and "test_calc.py::test_div" in summary
    assert "E       assert -1 == 5" in summary and "test_calc.py:4: AssertionError" in summary
    assert "noise line" not in summary and len(summary) < 600


NODE_TEST_OUTPUT = """
> cart@1.0.0 test
> node --test

TAP version 13
# Subtest: ErrorMessages
ok 1 - ErrorMessages
# node:internal/modules/cjs/loader:1210
# Error: Cannot find module './pricing'
#     at Module._resolveFilename (node:internal/modules/cjs/loader:1207:15)
# Subtest: sum
not ok 2 - sum
  ---
  duration_ms: 1.03989
  location: '/tmp/work/cart.test.js:5:1'
  failureType: 'testCodeFailure'
  error: |-
    Expected values to be strictly equal:

    2 !== 5

  code: 'ERR_ASSERTION'
  name: 'AssertionError'
  stack: |-
    TestContext.<anonymous> (/tmp/work/cart.test.js:5:28)
    Test.runInAsyncScope (node:async_hooks:206:9)
  ...
# Subtest: undef
not ok 4 - undef
  ---
  location: '/tmp/work/cart.test.js:7:1'
  error: 'foo is not defined'
  name: 'ReferenceError'
  stack: |-
    TestContext.<anonymous> (/tmp/work/cart.test.js:7:23)
  ...
1..4
# tests 4
# pass 2
# fail 2
# cancelled 0
"""


def test_node_test_output_is_summarized_as_its_failures() -> None:
    summary = summarize_test_output(NODE_TEST_OUTPUT).splitlines()
    assert summary == [
        "tests 4, pass 2, fail 2",
        "Error: Cannot find module './pricing'",
        "sum (cart.test.js:5): AssertionError: Expected values to be strictly equal: 2 !== 5",
        "undef (cart.test.js:7): ReferenceError: foo is not defined",
    ]
    assert failure_count(NODE_TEST_OUTPUT, passed=False) == 2


def test_non_pytest_output_keeps_its_tail() -> None:
    output = "\n".join(f"line {i}" for i in range(100)) + "\nnot ok 3 - adds numbers"
    summary = summarize_test_output(output)
    assert summary.endswith("not ok 3 - adds numbers") and "line 10\n" not in summary


def test_repeated_text_detection() -> None:
    assert repeated_text("ok\n" + "print('again and again')\n" * 5) == "print('again and again')"
    assert repeated_text("abcdefg " * 40) is not None
    assert repeated_text("def f():\n    return 1\n\ndef g():\n    return 2\n") is None


def test_detector_patterns() -> None:
    detector = StuckDetector(spiral_edits=3, read_only_limit=3, empty_limit=2)
    assert detector.observe_reply("", has_call=False) is None
    empty = detector.observe_reply("  ", has_call=False)
    assert empty is not None and empty.kind == "empty_reply"
    reads = [
        detector.observe_tool(category="read", edit_key=None, path="a", ok=True, unchanged=False)
        for _ in range(3)
    ]
    assert reads[:2] == [None, None] and reads[2] is not None and reads[2].kind == "read_only_loop"
    edit = {"category": "write", "path": "a.py", "ok": False, "unchanged": False}
    assert detector.observe_tool(edit_key="e1", **edit) is None  # type: ignore[arg-type]
    again = detector.observe_tool(edit_key="e1", **edit)  # type: ignore[arg-type]
    assert again is not None and again.kind == "repeated_edit"
    spiral = detector.observe_tool(edit_key="e3", **edit)  # type: ignore[arg-type]
    assert spiral is not None and spiral.kind == "patch_spiral" and spiral.path == "a.py"


@pytest.mark.parametrize(
    ("output", "passed", "expected"),
    [
        ("", True, 0),
        ("===== 2 failed, 3 passed in 0.1s =====", False, 2),
        ("1 failed, 1 passed, 2 errors in 0.3s", False, 3),
        ("***Test Failed*** 4 failures.", False, 4),
        ("Ran 5 tests in 0.001s\n\nFAILED (failures=2, errors=1)", False, 3),
        ("# tests 6\n# pass 4\n# fail 2", False, 2),
        ("--- FAIL: TestA (0.00s)\n--- FAIL: TestB (0.00s)\nFAIL", False, 2),
        ("Segmentation fault", False, 1),
    ],
)
def test_failing_tests_are_counted_in_every_runners_output(output: str, passed: bool, expected: int) -> None:
    assert failure_count(output, passed) == expected


GO_UNUSED = (
    'package shop\n\nimport (\n\t"errors"\n\tstr "strings"\n\t"fmt"\n)\n\nimport "os"\n\n'
    "func F() { fmt.Println(1) }\n"
)


@pytest.mark.parametrize(
    "problem",
    [
        '# example.com/shop\n./shop.go:4:2: imported and not used: "errors"\n'
        './shop.go:5:2: imported and not used: "strings" as str\n./shop.go:9:8: imported and not used: "os"\n'
        './shop.go:11:20: x declared but not used\n./other.go:4:2: imported and not used: "fmt"',
        '# example.com/shop\n./shop.go:4:2: "errors" imported and not used\n'
        './shop.go:5:2: "strings" imported as str and not used\n./shop.go:9:8: "os" imported and not used',
    ],
)
def test_unused_go_imports_are_dropped_by_the_lines_the_compiler_names(problem: str) -> None:
    tidied = drop_unused_go_imports("shop.go", GO_UNUSED, problem)
    assert tidied is not None
    text, dropped = tidied
    assert dropped == ["errors", "strings", "os"]  # not other.go's "fmt"
    assert text == 'package shop\n\nimport (\n\t"fmt"\n)\n\n\nfunc F() { fmt.Println(1) }\n'
    assert drop_unused_go_imports("shop.go", GO_UNUSED, "./shop.go:11:20: x declared but not used") is None
    # A line that is not the import named (the file changed since) is left alone.
    assert drop_unused_go_imports("shop.go", GO_UNUSED, './shop.go:6:2: imported and not used: "os"') is None


def test_standard_modules_used_but_never_imported_are_imported_after_the_docstring() -> None:
    text = (
        '"""Places."""\nfrom __future__ import annotations\n\n\ndef place(xs, x):\n'
        "    bisect.insort(xs, math.floor(x))\n    return os.sep.join(xs)\n"
    )
    tidied = import_missing_modules(text)
    assert tidied is not None
    assert tidied == (
        text.replace("annotations\n", "annotations\nimport bisect\nimport math\nimport os\n"),
        ["bisect", "math", "os"],
    )
    assert import_missing_modules(tidied[0]) is None  # nothing left to add


@pytest.mark.parametrize(
    "text",
    [
        "def stamp():\n    return datetime.now()\n",  # the module has no now(): a class was meant
        "def f():\n    return json\n",  # a name used as a value: a variable, not a module
        "def f():\n    return numpy.zeros(3)\n",  # not a standard module
        "def f(:\n    return math.pi\n",  # does not parse
    ],
)
def test_no_import_is_added_where_the_name_may_not_mean_the_module(text: str) -> None:
    assert import_missing_modules(text) is None


def test_an_added_import_goes_after_a_shebang() -> None:
    tidied = import_missing_modules("#!/usr/bin/env python3\nprint(sys.argv)\n")
    assert tidied == ("#!/usr/bin/env python3\nimport sys\nprint(sys.argv)\n", ["sys"])


STANDARD = ("strings", "strconv", "math/rand", "crypto/rand", "encoding/json", "fmt")
GO_UNDEFINED = (
    "# example.com/shop\n./money.go:9:9: undefined: strings\n./money.go:10:9: undefined: strconv\n"
    "./money.go:11:9: undefined: rand\n./money.go:12:9: undefined: json\n./money.go:13:9: undefined: total\n"
    "./other.go:4:2: undefined: fmt"
)
GO_USES = (
    "\tx := strings.Fields(s)\n\ty, _ := strconv.Atoi(x[0])\n\t_ = rand.Intn(y)\n"
    "\t_, _ = json.Marshal(y)\n\treturn total + fmt.Sprint(1)\n}\n"
)


@pytest.mark.parametrize(
    ("imports", "expected"),
    [
        ('import (\n\t"fmt"\n)\n', 'import (\n\t"strings"\n\t"strconv"\n\t"encoding/json"\n\t"fmt"\n)\n'),
        ('import "fmt"\n', 'import "fmt"\nimport "strings"\nimport "strconv"\nimport "encoding/json"\n'),
        ("", 'import "strings"\nimport "strconv"\nimport "encoding/json"\n'),
    ],
)
def test_standard_go_packages_the_compiler_finds_undefined_are_imported(imports: str, expected: str) -> None:
    text = f"package shop\n{imports}\nfunc F(s string) string {{\n{GO_USES}"
    tidied = import_missing_go_packages("money.go", text, GO_UNDEFINED, lambda: STANDARD)
    # not rand (math/rand or crypto/rand?), not total (no package), not other.go's fmt
    assert tidied == (
        text.replace(f"package shop\n{imports}", f"package shop\n{expected}"),
        ["strings", "strconv", "encoding/json"],
    )
    assert (
        import_missing_go_packages("money.go", text, "./money.go:11:9: undefined: rand", lambda: STANDARD)
        is None
    )
