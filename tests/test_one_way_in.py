"""One way in: only the store's write half changes the database.

A static check over the package's source: SQL that writes (INSERT, UPDATE, DELETE, REPLACE,
DROP, ALTER, CREATE TABLE) and SQLAlchemy writes (session.add/delete/merge, insert(),
update(), delete()) may appear only in the modules that make up the store's operations, the
migrations, and the modules that write files beside the database (backups, encryption). A
window, a command or the PDF writing through any other route fails this test, and so does the
same write added to one of the listed modules' neighbours.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ercsheet"

# Module -> why it may write.
WRITERS = {
    "store/operations.py": "the store's operations on the profile, candidates and sheets",
    "store/evidence_operations.py": "the store's operations on a sheet's rows and ticks",
    "store/evidence_changes.py": "voids the signatures an evidence change makes stale",
    "store/library_operations.py": "the candidate's evidence library, inside operations",
    "store/registration_operations.py": "registrations on a qualification and their units",
    "store/sign_operations.py": "the store's signing, reopening and erasure operations",
    "store/import_operations.py": "the store's import operation",
    "store/candidate_import_operations.py": "the store's import of a candidate's file (version 2)",
    "store/unit_operations.py": "the store's update of a draft sheet to its unit's current file",
    "store/audit.py": "appends every operation's audit event",
    "store/signing.py": "the seal, addenda and the signing key, inside operations",
    "store/database.py": "creates a new file's tables (then stamps its schema)",
    "store/backup.py": "erases a candidate from the backup files the store keeps",
    "store/cipher.py": "re-keys the whole file (SQLCipher's export)",
    "store/opening.py": "sets the connection's durable pragmas",
}
MIGRATIONS = "store/migrations/"

SQL_WRITE = re.compile(
    r"\b(INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|REPLACE\s+INTO|"
    r"DROP\s+TABLE|ALTER\s+TABLE|CREATE\s+TABLE|VACUUM)\b",
    re.IGNORECASE,
)
ORM_WRITE_METHODS = {"add", "add_all", "delete", "merge", "bulk_save_objects"}
CORE_WRITE_FUNCTIONS = {"insert", "update", "delete"}


def writes_in(source: str) -> list[str]:
    """Each write found in a module's source, as `line: what`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            match = SQL_WRITE.search(node.value)
            if match:
                found.append(f"{node.lineno}: SQL {match.group(0)!r}")
        elif isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and func.attr in ORM_WRITE_METHODS
                and "session" in ast.unparse(func.value)
            ):
                found.append(f"{node.lineno}: {ast.unparse(func)}()")
            elif isinstance(func, ast.Name) and func.id in CORE_WRITE_FUNCTIONS:
                found.append(f"{node.lineno}: {func.id}()")
    return found


def test_only_the_store_s_write_half_writes_the_database() -> None:
    outside = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        if name in WRITERS or name.startswith(MIGRATIONS):
            continue
        found = writes_in(path.read_text(encoding="utf-8"))
        if found:
            outside[name] = found
    assert outside == {}, f"writes outside the store's operations: {outside}"


def test_every_listed_writer_still_exists() -> None:
    assert [name for name in WRITERS if not (PACKAGE / name).is_file()] == []


@pytest.mark.parametrize(
    "source",
    [
        'connection.execute("UPDATE sheet SET record_code = NULL")',
        'db.execute("delete from tick where 1")',
        "session.add(models.Candidate(name='x'))",
        "self.session.delete(row)",
        "session.execute(update(models.Sheet).values(seal=None))",
        "cursor.executescript(\"INSERT INTO candidate (name) VALUES ('x')\")",
    ],
)
def test_the_check_finds_each_kind_of_write(source: str) -> None:
    assert writes_in(source) != []


@pytest.mark.parametrize(
    "source",
    [
        'connection.execute("SELECT name FROM candidate")',
        "layout.addWidget(button)",
        "items.add(criterion)",
        "self.audit_button.setText('Update')",
    ],
)
def test_reads_and_plain_words_are_not_writes(source: str) -> None:
    assert writes_in(source) == []


# --- the window changes data one way: through operation.attempt, or an undo command -----------

STORE_WRITES = {
    "set_tick",
    "add_evidence",
    "update_evidence",
    "delete_evidence",
    "move_evidence",
    "add_signature",
    "reopen",
    "set_profile",
    "set_pin",
    "add_candidate",
    "update_candidate",
    "create_sheet",
    "delete_sheet",
    "erase_candidate",
    "change_passphrase",
    "restore",
    "import_sheet",
    "note_restored",
    "erase_from_backups",
}
WRITING_FUNCTIONS = {
    "import_file",
    "import_files",
    "create_example_candidate",
    "store_sheet",
    "store_prepared",
}


def unguarded_writes(source: str, commands_module: bool = False) -> list[str]:
    """Store writes in a GUI module that do not run through `attempt` (or, in the undo
    commands' module, an `apply`/`revert` method, which the commands run through it)."""
    tree = ast.parse(source)
    parents: dict[ast.AST, ast.AST] = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node

    def guarded(node: ast.AST) -> bool:
        while node in parents:
            node = parents[node]
            if isinstance(node, ast.Call) and ast.unparse(node.func).endswith("attempt"):
                return True
            if (
                commands_module
                and isinstance(node, ast.FunctionDef)
                and node.name in ("apply", "revert")
            ):
                return True
        return False

    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        writes = (
            isinstance(func, ast.Attribute)
            and func.attr in STORE_WRITES
            and "store" in ast.unparse(func.value)
        ) or (isinstance(func, ast.Name) and func.id in WRITING_FUNCTIONS)
        if writes and not guarded(node):
            found.append(f"{node.lineno}: {ast.unparse(func)}()")
    return found


def test_the_window_changes_data_only_through_operations() -> None:
    outside = {}
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        name = path.relative_to(PACKAGE).as_posix()
        found = unguarded_writes(path.read_text(encoding="utf-8"), name == "gui/commands.py")
        if found:
            outside[name] = found
    assert outside == {}, f"store writes outside operation.attempt: {outside}"


@pytest.mark.parametrize(
    "source",
    [
        "self._store.set_tick(evidence_id, '1.1', True)",
        "store.add_signature(sheet_id, signature, today)",
        "import_file(store, path, units, today)",
        "attempt(lambda: print(1)); self.store.create_sheet(1, unit, '', person)",
    ],
)
def test_an_unguarded_window_write_is_found(source: str) -> None:
    assert unguarded_writes(source) != []


def test_writes_through_attempt_are_allowed() -> None:
    source = "result = attempt(lambda: self._store.add_candidate(name, number, centre))"
    assert unguarded_writes(source) == []
