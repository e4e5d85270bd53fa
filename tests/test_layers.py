"""Which app may import which (issue 10): `core` is the bottom layer and imports none of
our other apps; `provenance` imports nothing from `shop` and reads none of the shop's
order models; `demo` is the top layer and nothing but the tests imports it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKIP = {".venv", "var", "node_modules", ".git", "tests"}


def python_files(folder):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if not SKIP.intersection(path.relative_to(ROOT).parts):
            yield path


def imported_packages(path):
    """The top-level package of every absolute import in ``path`` (inside functions too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.lineno


def models_read(path):
    """The app labels of every ``get_model("label", "Model")`` call in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None)) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            yield str(node.args[0].value).split(".")[0], node.lineno


def offences(folder, forbidden):
    return [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in python_files(folder)
        for package, line in imported_packages(path)
        if package in forbidden
    ]


def test_the_checker_sees_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import shop.order\n\ndef f():\n    from demo.loader import X\n")
    assert list(imported_packages(sample)) == [("shop", 1), ("demo", 4)]
    sample.write_text('Line = get_model("order", "Line")\napps.get_model("basket.Basket")\n')
    assert list(models_read(sample)) == [("order", 1), ("basket", 2)]


OUR_APPS = {
    "cms",
    "shop",
    "provenance",
    "cooperatives",
    "payments",
    "events",
    "tourism",
    "plan",
    "demo",
}
#: App labels of the shop's Oscar apps (forked or not) and of our apps.
SHOP_LABELS = {"catalogue", "partner", "order", "basket", "address", "shipping", "checkout"}


def test_core_imports_none_of_our_other_apps():
    assert offences("core", OUR_APPS) == []
    # Nor reads their models by name (apps.get_model / Oscar's get_model).
    assert [
        f"{path.relative_to(ROOT)}:{line} reads {label}"
        for path in python_files("core")
        for label, line in models_read(path)
        if label in SHOP_LABELS | OUR_APPS
    ] == []


def test_provenance_imports_nothing_from_the_shop():
    assert offences("provenance", {"shop"}) == []
    # The shop's order side is the shop's: provenance asks it through a registered finder.
    shop_side = {"order", "basket", "checkout", "payment"}
    assert [
        f"{path.relative_to(ROOT)}:{line} reads {label}"
        for path in python_files("provenance")
        if "migrations" not in path.parts
        for label, line in models_read(path)
        if label in shop_side
    ] == []


@pytest.mark.parametrize(
    "folder",
    sorted(
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and p.name not in SKIP | {"demo"} and any(p.glob("*.py"))
    ),
)
def test_only_tests_import_demo(folder):
    assert offences(folder, {"demo"}) == []


@pytest.mark.parametrize(
    "folder",
    sorted(
        p.name
        for p in ROOT.iterdir()
        if p.is_dir() and p.name not in SKIP | {"plan"} and any(p.rglob("*.py"))
    ),
)
def test_only_config_and_tests_import_plan(folder):
    """The plan report reads the other apps' records; nothing but the URLconf imports it."""
    found = offences(folder, {"plan"})
    if folder == "config":
        found = [f for f in found if not f.startswith("config/urls.py")]
    assert found == []


def test_plan_reads_records_and_imports_no_app_above_it():
    assert offences("plan", {"cms", "cooperatives", "payments", "demo"}) == []
