"""Every prompt the agent sends, in one place: short, concrete, written for 0.5B–8B models."""

SYSTEM = """\
You are a coding agent working inside a project folder. You change files only through actions.
- Do one action per reply.
- Before you change an existing file, read it. Create new files with write_file and their full content.
- When the task is done, call finish with a one-sentence summary."""

NO_TOOL_CALL = (
    "Your reply had no tool call. If the task is done, say so in one sentence; otherwise call a tool."
)

PARSE_PROBLEM = "Your tool call could not be used: {problems}"


PROGRESS = (
    "Files changed so far: {changed}.{checklist}\n"
    "If a part of the task is not done yet, do it now; if all is done, call finish."
)
CHECKLIST = "\nFiles the task names: {files}."

NATIVE_RULES = "Call exactly one tool per reply, inside <tool_call></tool_call> tags."

STAGED_RULES = """\
Each reply is one action from this list:
{menu}
Write an action as `Action: NAME`, then `Arguments: {{...}}` as JSON. File contents and code go after
the arguments in a fenced code block, never inside the JSON."""
STAGED_ACTION = "Action: "
STAGED_ARGUMENTS = "\nArguments: "
STAGED_RESULT = "Result of {name}:\n{result}"
STAGED_UNKNOWN = "There is no action {name!r}. Choose one of: {names}."
STAGED_BAD_ARGUMENTS = "The arguments of {name} were not a JSON object. Write them as JSON."
STAGED_TOO_LONG = "The {parameter} of {name} was cut off at the length limit. Write a shorter file."
STAGED_REPEATED = (
    "The {parameter} of {name} was stopped: it repeated the same lines over and over. Write each line once."
)

FOCUS_SYSTEM = "You are an expert programmer. You write complete, correct files."
FOCUS_FILES = "The files as they are now:"
FOCUS_FEEDBACK = "The last check of your work said:\n{feedback}"
FOCUS_CREATE = (
    "`{path}` does not exist yet. Reply with the content of this new file in a single fenced code block."
)
FOCUS_CREATE_TEST = (
    "`{path}` does not exist yet. It is a test file: reply with its content in a single fenced code "
    "block, tests that import the code they check and assert what it does, not a copy of that code."
)
FOCUS_WRITE = "Reply with the complete new content of `{path}` in a single fenced code block."
FOCUS_START = "{path} as it was before your changes"
FOCUS_AFRESH = (
    "Your version of `{path}` does not pass, and writing it again the same way will not help. Write "
    "`{path}` afresh, another way: reply with its complete content in a single fenced code block."
)

FILE_INVALID = "Check failed for {path}: {problem}"
TIDIED = "Removed from {path} the imports it does not use (Go refuses them): {imports}."
TIDIED_ADDED = "Added to {path} the imports it uses from the standard library: {imports}."
COPIED = "Not saved: that holds the code of the test {other}. Write the new content of {path} itself."
COPIED_CODE = (
    "Not saved: that is the code of {other} itself, not tests of it. Write {path} as tests that "
    "import what {other} defines and check what it does."
)
NOT_KEPT = "Not saved: that content broke {path}, which is back as it was.\n{problem}"
TESTS_FAIL = "Tests fail:\n{summary}"
DROPPED = (
    "{path} no longer defines {names}, which it defined before and the task does not mention. "
    "Unless the task asks to remove them, write {path} again with them kept."
)
LOST = "Not finished:\n{notes}"
UNTOUCHED = (
    "The task also names {files}, which you have not changed. If the task needs a change there, "
    "make it now; if not, call finish again."
)
FOLLOW = "Not finished: {files} not changed yet. Each comes next, to change (or create) or to keep as it is."
FOLLOW_MISSING = (
    "The task names {path}, which does not exist yet; this run wrote {written} instead. "
    "Write {path} as the task asks."
)
FOLLOW_NAMED = (
    "The task names {path}, which has not changed yet. If the task needs a change there, make it; "
    "if not, write it as it is."
)
FOLLOW_USES = (
    "These lines of {path} use definitions changed in another file:\n{lines}\n"
    "Make them fit the new definitions, and anything else the task needs there."
)
KEPT_AS_IS = "{path} needs no change: it stays as it is."
NOTHING_CHANGED = "No file has changed yet, but the task asks for a change. Make it now."
NOT_DONE = "Not done yet:\n{problems}\nFix this, or call finish again and say why it cannot pass."
STUCK = {
    "repeated_call": "You are repeating a call that already gave its answer. Use it and take the next step.",
    "repeated_edit": "That edit changed nothing: it was made before. Do another part of the task, or finish.",
    "patch_spiral": (
        "Several edits of {path} have failed. Stop patching: read {path}, then rewrite the whole file "
        "with write_file."
    ),
    "empty_reply": "Your reply was empty. Choose one action.",
    "read_only_loop": "You have read enough. Make the change the task asks for now.",
    "text_repetition": "Your reply repeated itself. Write one short, complete action.",
}

TESTS_AT_START = "The project's tests fail now:\n{summary}"
KEEP_EXAMPLES = (
    "Not saved: that leaves out {missing} of the docstring examples in {path}, which are the tests "
    "this task began with. Keep every example as it is and make the code pass it."
)
PROTECTED_TEST = (
    "{path} is one of the failing tests: they say what the code must do. "
    "Change the code they test, not the test."
)
KEEP_AS_IS = "Not saved: the task says not to change {path}. Leave it as it is."
SETTLED = "Done: the files already hold the final content and pass their checks."
STOPPED_DONE = "Stopped after repeated actions; the changes made pass the checks."
REPO_MAP = "The project's most relevant files and definitions:\n{outline}"
