"""What is installed: the package presstag and nothing generic; its components reach any spaCy pipeline."""

import subprocess
import sys


def _run(code: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_presstag_is_importable_and_nothing_generic_is(tmp_path):
    ok = _run("import presstag; print(presstag.__version__, sorted(presstag.__all__)[:2])", tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("0.")
    for generic in ("nlp", "cli"):
        missing = _run(f"import {generic}", tmp_path)  # outside the checkout: not on sys.path
        assert missing.returncode == 1 and f"No module named '{generic}'" in missing.stderr


def test_components_are_spacy_factories_through_entry_points(tmp_path):
    code = ("import spacy; nlp = spacy.blank('en'); nlp.add_pipe('presstag_gazetteer'); "
            "nlp.add_pipe('presstag_date_spans'); doc = nlp('They met in Geneva and Kazakhstan on 5 May 2024.'); "
            "print([(e.text, e.label_) for e in doc.ents])")
    result = _run(code, tmp_path)  # a fresh process: nothing of presstag imported before add_pipe
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('Geneva', 'PLACE'), ('Kazakhstan', 'PLACE'), ('5 May 2024', 'DATE')]"


def test_modules_depend_one_way():
    """No two modules of the library import each other, directly or round a circle (imports inside functions and
    for type checking count too)."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "nlp"
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        if path.is_symlink():
            continue  # nlp/cli.py: the command line, which imports the library, not the other way round
        name = ".".join(path.relative_to(root).with_suffix("").parts)
        package = name.rsplit(".", 1)[0] if "." in name else ""
        edges = graph.setdefault(name, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".") if package else []
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join([*base, node.module] if node.module else base)
                for alias in node.names:
                    full = f"{target}.{alias.name}" if target else alias.name
                    edges.add(full if (root / Path(*full.split("."))).with_suffix(".py").exists() else target)
    graph = {k: {t.removesuffix(".__init__") for t in v if t and t != k} for k, v in graph.items()}

    def cycle_from(start: str, node: str, seen: tuple[str, ...]) -> tuple[str, ...] | None:
        for nxt in graph.get(node, ()):
            if nxt == start:
                return (*seen, nxt)
            if nxt not in seen:
                found = cycle_from(start, nxt, (*seen, nxt))
                if found:
                    return found
        return None

    cycles = [c for m in graph if (c := cycle_from(m, m, (m,))) and "__init__" not in c]
    assert cycles == []


def test_the_readme_example_of_a_users_own_pipeline(tmp_path):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## In your own spaCy pipeline"):readme.index("## How it works")]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    code = code.replace('spacy.load("en_core_web_sm")', "spacy.load(resolve_model_name())")
    code = "from presstag.pipeline import resolve_model_name\n" + code
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr
    expected = [ln.lstrip("# ").strip() for ln in code.splitlines() if ln.startswith("#")]
    printed = result.stdout.strip().splitlines()
    assert printed[0].replace(" ", "") == "".join(expected[:2]).replace(" ", "")
    assert printed[1:] == ["5 March 2024 2024-03-05", "Q4 2025 2025-Q4", "2024-03-05"]
