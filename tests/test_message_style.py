"""Every message the user reads is in one style: sentence case, a full stop at the end of a
sentence, a title without one. Seen in the window: "could not back up …" beside "The disk is
full …", "safe-text:" as a refusal's title. The texts are collected from the source, so a new
message is held to the style the day it is written."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ercsheet.domain.rules import Rule
from ercsheet.domain.text import sentence
from ercsheet.gui.signing.problems import RULE_TITLES

PACKAGE = Path(__file__).resolve().parent.parent / "ercsheet"
HOLE = "\0"  # where a value goes into a message

# What refuses, and which argument is its text: the domain's problems (and the local `block`
# helpers that make them), and the store's errors, which the window shows as they are.
REFUSALS = {"Problem": 1, "block": 1}
ERRORS = {"NotFound", "StoreError", "BackupError", "DiskFull"}
MESSAGE_BOXES = {"critical", "warning", "information", "question"}
SAID_IN_WINDOW = {"show_error", "_show", "show_message", "refuse", "deleted", "showMessage", "emit"}


@dataclass(frozen=True)
class Text:
    where: str
    template: str  # the literal text, HOLE where a value goes

    @property
    def starts_lower(self) -> bool:
        first = self.template[:1]
        return first != HOLE and first.islower() and not self.template.startswith("ercsheet")

    @property
    def ends_unstopped(self) -> bool:
        last = self.template.rstrip()[-1:]
        return last != HOLE and last not in ".?!"


def template(node: ast.expr) -> str | None:
    """The message a string expression makes, values as holes; None when it is no literal."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(
            v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else HOLE
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = template(node.left), template(node.right)
        return None if left is None and right is None else (left or HOLE) + (right or HOLE)
    return None


def calls(folder: Path) -> Iterator[tuple[str, str, ast.Call]]:
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                function = node.func
                name = (
                    function.attr
                    if isinstance(function, ast.Attribute)
                    else function.id
                    if isinstance(function, ast.Name)
                    else ""
                )
                yield f"{path.relative_to(PACKAGE.parent)}:{node.lineno}", name, node


def argument(call: ast.Call, position: int, keyword: str = "message") -> ast.expr | None:
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def texts(folders: tuple[str, ...], positions: dict[str, int]) -> list[Text]:
    found = []
    for folder in folders:
        for where, name, call in calls(PACKAGE / folder):
            if name not in positions:
                continue
            node = argument(call, positions[name])
            made = template(node) if node is not None else None
            if made is not None and made.strip() and made != HOLE:
                found.append(Text(where, made))
    return found


def refusals() -> list[Text]:
    return texts(("domain", "store"), {**REFUSALS, **dict.fromkeys(ERRORS, 0)})


def test_the_domain_s_refusals_and_the_store_s_errors_are_sentences() -> None:
    found = refusals()
    assert len(found) > 60  # the collection finds them (it would pass on nothing)
    assert any(t.template == "A candidate needs a name." for t in found)
    assert [t for t in found if t.starts_lower] == []
    assert [t for t in found if t.ends_unstopped] == []


def test_what_the_window_says_is_in_sentences() -> None:
    said = texts(("gui",), {**dict.fromkeys(SAID_IN_WINDOW, 0), **REFUSALS})
    boxes = texts(("gui",), dict.fromkeys(MESSAGE_BOXES, 2))
    assert len(said) > 10 and len(boxes) > 10
    assert [t for t in said + boxes if t.starts_lower] == []
    assert [t for t in said + boxes if t.ends_unstopped] == []


def test_what_the_importer_marks_unsure_is_said_in_the_specification_s_words() -> None:
    # A mark is read as "<field's words>: <reason>", so the reason is the rest of a sentence:
    # it ends with its stop, and the field is one the reviewer has words for.
    from ercsheet.catalogue.importer.fields import LABELS
    from ercsheet.catalogue.importer.result import FIELD_WORDS, Unsure

    found = [
        (where, call)
        for where, name, call in calls(PACKAGE / "catalogue" / "importer")
        if name == "mark" and len(call.args) == 2
    ]
    reasons = [Text(where, made) for where, call in found if (made := template(call.args[1]))]
    fields = [template(call.args[0]) or HOLE for _, call in found]
    assert len(reasons) > 15
    assert [t for t in reasons if t.ends_unstopped] == []
    unnamed = [f for f in fields if f not in FIELD_WORDS and not f.startswith(("LO ", "AC "))]
    # The title block's marks name their field by a variable: one of its labels' fields.
    assert set(unnamed) == {HOLE}
    assert {name for name, _ in LABELS} <= set(FIELD_WORDS)
    said = str(Unsure("rules.simulation_allowed", "ruled out for AC 2.2 only."))
    assert said == "Simulation: ruled out for AC 2.2 only."


def test_what_unit_import_says_on_stderr_ends_as_a_sentence() -> None:
    said = texts(("cli",), {"print": 0})
    importer = [t for t in said if t.where.startswith("ercsheet/cli/unit_import.py")]
    told = [t for t in importer if t.template.startswith("ercsheet: ")]
    assert len(told) >= 4
    assert [t for t in told if t.ends_unstopped] == []


def test_titles_are_capitalised_without_a_full_stop() -> None:
    titles = texts(("gui",), {**dict.fromkeys(MESSAGE_BOXES, 1), "setWindowTitle": 0})
    titles += [Text(f"RULE_TITLES[{rule}]", title) for rule, title in RULE_TITLES.items()]
    assert len(titles) > 30
    assert [t for t in titles if t.starts_lower] == []
    assert [t for t in titles if t.template.rstrip().endswith(".")] == []


def test_every_rule_has_a_title_to_show_its_refusals_under() -> None:
    # Without one the window showed the rule's code ("safe-text:") over its message.
    assert set(RULE_TITLES) == set(Rule)


@pytest.mark.parametrize(
    ("source", "starts_lower", "ends_unstopped"),
    [
        ('Problem(Rule.X, "A candidate needs a name.")', False, False),
        ('Problem(Rule.X, f"could not back up {path}: {error}")', True, False),
        ('Problem(Rule.X, "The two differ")', False, True),
        ('Problem(Rule.X, f"{path} is damaged ({why}).")', False, False),
    ],
)
def test_the_check_can_fail(source: str, starts_lower: bool, ends_unstopped: bool) -> None:
    call = ast.parse(source).body[0]
    assert isinstance(call, ast.Expr) and isinstance(call.value, ast.Call)
    node = argument(call.value, 1)
    assert node is not None
    made = template(node)
    assert made is not None
    text = Text("example", made)
    assert (text.starts_lower, text.ends_unstopped) == (starts_lower, ends_unstopped)


def test_a_message_made_from_parts_is_made_a_sentence() -> None:
    assert sentence("there is no file x; nothing was changed") == (
        "There is no file x; nothing was changed."
    )
    assert sentence("Is it? ") == "Is it?"
