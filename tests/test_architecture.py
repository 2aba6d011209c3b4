"""The shape of the code: one direction between apps, no module-level import cycle.

The direction (also in the README's layout section):
- `common` serves every app and imports none of them; `clusters` (bodies, clusters, staff) builds on
  `common` only.
- `plans` (the plan, its workflow, policy, change log and documents) builds on `clusters`; of
  `activities` it reads only the rows a plan is made of (models, choices), their schedule (groups and
  order) and the periods of an activity, never its services or views.
- `activities` (what follows an issued plan: registrations, tracking) builds on `plans`.
- `staffing` (accounts, roles, the staff audit log, a province's import) builds on `plans`, because its
  rights are decided by the one policy module, `plans.policy`; nothing imports it.
- `emulation` (the year after the plan: registrations, compact, criteria, scoring, review meeting,
  proposal) builds on `plans` and `activities`; its papers go through the plans' workflow and
  documents, and its rights through `plans.policy`; nothing imports it.
- A page may read any app's selectors, services and policy, but no module imports another app's
  views: the plan page gets its follow-up panels from `plans.panels`, which each app fills.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("common", "clusters", "plans", "activities", "staffing", "emulation")
# What each app's modules may import of the other apps (a module, or a package and all in it).
ALLOWED = {
    "common": (),
    "clusters": ("common",),
    "plans": (
        "common",
        "clusters",
        "activities.models",
        "activities.choices",
        "activities.schedule",
        "activities.tracking.periods",
    ),
    "activities": ("common", "clusters", "plans"),
    # Staff management sits above plans: its rights come from the one policy module, plans.policy.
    "staffing": ("common", "clusters", "plans"),
    # The emulation year (registrations, criteria, scoring, review, proposal) follows the plans and
    # their tracked activities; nothing imports it.
    "emulation": ("common", "clusters", "plans", "activities"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _top_level_imports(path: Path, module: str, modules: dict[str, Path]) -> set[str]:
    """Modules imported when `module` is imported: top-level statements, not those inside functions.

    `from package import submodule` links to the submodule only: a package's parents are always
    imported first, whatever imports what, so they make no cycle of their own.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in tree.body:
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            submodules = {f"{base}.{alias.name}" for alias in node.names} & set(modules)
            found |= submodules
            if len(submodules) < len(node.names):
                found.add(base)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {
        name: {
            target
            for target in _top_level_imports(path, name, modules)
            if target in modules and target != name
        }
        for name, path in modules.items()
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_module_level_import_cycle():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _crossings():
    for module, path in _modules().items():
        app = module.split(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):  # imports inside functions count too: they are links all the same
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                continue
            for target in targets:
                if target.split(".")[0] in APPS and target.split(".")[0] != app:
                    yield module, app, target


def test_apps_import_each_other_in_one_direction():
    wrong = []
    for module, app, target in _crossings():
        is_page = ".views" in f".{module.partition('.')[2]}"
        allowed = ALLOWED[app] + (APPS if is_page else ())
        if not any(target == prefix or target.startswith(f"{prefix}.") for prefix in allowed):
            wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_no_module_imports_another_apps_views():
    wrong = [
        f"{module} imports {target}"
        for module, _app, target in _crossings()
        if ".views" in f".{target.partition('.')[2]}" or target.endswith(".views")
    ]
    assert wrong == []
