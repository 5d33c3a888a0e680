"""The layers of ARCHITECTURE.md, held to the code: an import against their direction fails.

Every ``import`` and ``from … import`` of the package is read (at the top of a module or inside
a function: a lazy import is an import all the same) and checked against ``ALLOWED``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "budgetcli"

#: what each layer may import of budgetcli, besides itself ("budgetcli": ``__version__``)
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "folder": {"core"},
    "word": {"core", "folder"},
    "store": {"core", "folder", "budgetcli"},
    "text": {"core"},
    "publish": {"core", "text"},
    "cli": {"core", "folder", "word", "store", "text", "publish", "budgetcli"},
    "__main__": {"cli"},
    "__init__": set(),
}


def layer_of(module: str) -> str:
    """``budgetcli.core.calc`` → ``core``; ``budgetcli`` → ``budgetcli``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "budgetcli"


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Each budgetcli module a file imports, with its line."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("budgetcli")]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("budgetcli"):
            module = node.module or ""
            if module == "budgetcli":  # from budgetcli import x: x may be a layer
                found += [
                    (node.lineno, f"budgetcli.{a.name}" if a.name in ALLOWED else module)
                    for a in node.names
                ]
            else:
                found.append((node.lineno, module))
    return found


def violations(package: Path) -> list[str]:
    """Every import in ``package`` that runs against the layers, as ``path:line: message``."""
    wrong = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        layer = relative.parts[0].removesuffix(".py")
        allowed = ALLOWED.get(layer)
        if allowed is None:
            wrong.append(f"{relative}: not in a layer (add it to one, see ARCHITECTURE.md)")
            continue
        for line, module in imported(ast.parse(path.read_text(encoding="utf-8"))):
            target = layer_of(module)
            if target != layer and target not in allowed:
                wrong.append(
                    f"{relative}:{line}: {layer} imports {module} ({target}); "
                    f"{layer} may import {', '.join(sorted(allowed)) or 'nothing else'}"
                )
    return wrong


def test_the_layers_hold() -> None:
    assert violations(PACKAGE) == []


def test_a_wrong_way_import_is_caught(tmp_path: Path) -> None:
    for folder in ("core", "text", "folder"):
        (tmp_path / folder).mkdir()
    (tmp_path / "core" / "calc.py").write_text(
        "def f():\n    from budgetcli.folder.listing import DataFile\n"
    )
    (tmp_path / "text" / "summary.py").write_text("from budgetcli.store import cache\n")
    (tmp_path / "folder" / "git.py").write_text("import budgetcli.core.errors\n")
    (tmp_path / "helpers.py").write_text("")
    assert violations(tmp_path) == [
        "core/calc.py:2: core imports budgetcli.folder.listing (folder); core may import nothing else",
        "helpers.py: not in a layer (add it to one, see ARCHITECTURE.md)",
        "text/summary.py:1: text imports budgetcli.store (store); text may import core",
    ]


def test_the_folders_are_the_layers() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    # and locale/, the message catalogues: data, no code
    assert folders == {"core", "folder", "word", "store", "text", "publish", "cli", "locale"}
    assert not list((PACKAGE / "locale").rglob("*.py"))


#: the longest function and class a newcomer is asked to read at once (ARCHITECTURE.md)
MOST_LINES = {"function": 60, "class": 200}


def too_long(package: Path) -> list[str]:
    """Each function over 60 lines and class over 200 in ``package``, as ``path:line name``."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                kind = "class" if isinstance(node, ast.ClassDef) else "function"
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MOST_LINES[kind]:
                    found.append(f"{path.relative_to(package)}:{node.lineno} {node.name} ({lines})")
    return found


def test_no_function_over_60_lines_and_no_class_over_200() -> None:
    assert too_long(PACKAGE) == []


def test_a_long_function_is_caught(tmp_path: Path) -> None:
    body = "".join(f"    x{i} = {i}\n" for i in range(60))
    (tmp_path / "m.py").write_text(f"def short():\n    pass\n\n\ndef long():\n{body}")
    assert too_long(tmp_path) == ["m.py:5 long (61)"]


#: the most lines of a command's module, docstring included: a command a reader takes in at
#: once (its options, its help, the one call below it, the rendering)
MOST_COMMAND_LINES = 120


def long_commands(commands: Path) -> list[str]:
    """Each module of ``commands`` over 120 lines, as ``name (lines)``."""
    found = []
    for path in sorted(commands.glob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MOST_COMMAND_LINES:
            found.append(f"{path.name} ({lines})")
    return found


def test_no_command_module_over_120_lines() -> None:
    commands = PACKAGE / "cli" / "commands"
    from budgetcli.cli.root import app

    # a module a command, and __init__: the test looks where the commands are
    assert len(list(commands.glob("*.py"))) == len(app.registered_commands) + 1
    assert long_commands(commands) == []


def test_a_long_command_module_is_caught(tmp_path: Path) -> None:
    (tmp_path / "short.py").write_text("x = 1\n" * 120)
    (tmp_path / "long.py").write_text('"""A command."""\n' + "x = 1\n" * 120)
    assert long_commands(tmp_path) == ["long.py (121)"]


def imports_of(package: Path) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports (a lazy import, and one
    for type checking only, count as well: a circle of either is a tangle to read)."""
    modules = {}
    for path in package.rglob("*.py"):
        parts = path.relative_to(package.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        modules[name] = path
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                subs = [f"{node.module}.{a.name}" for a in node.names]
                found = [s for s in subs if s in modules] or [node.module]
            else:
                continue
            edges[name] |= {t for t in found if t in modules and t != name}
    return edges


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import circles: each set of modules that import each other, round (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while (w := stack.pop()) != v:
                component.append(w)
            if component:
                found.append(sorted([v, *component]))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_circles() -> None:
    assert circles(imports_of(PACKAGE)) == []


def test_an_import_circle_is_caught() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert circles(edges) == [["a", "b", "c"]]


def test_rich_only_in_text_rich() -> None:
    """rich draws the terminal's tables: one module imports it (start-up, and one place that
    says how a table looks); ruff's ban cannot hold it in cli/, where typer is allowed."""
    rich = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "rich" or n.startswith("rich.") for n in names):
                rich.add(str(path.relative_to(PACKAGE)))
    assert rich == {"text/rich.py"}
