"""The type stubs (_core.pyi, py.typed) name everything the extension module exports, with the
same parameters, found by introspection: a binding added, renamed or given a new argument
without its stub fails here."""

import ast
import pathlib
import re

import pytest

import arthrokin as ak
from arthrokin import _core

PACKAGE_DIR = pathlib.Path(ak.__file__).resolve().parent
STUB = PACKAGE_DIR / "_core.pyi"


def split_params(text):
    """'a: int, b: List[x, y] = 1, *, c: str = 'x'' -> the top-level comma-separated parts."""
    parts, depth, cur, quote = [], 0, "", None
    for ch in text:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
            continue
        if ch in "'\"":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def runtime_params(obj, name):
    """[(name, kind, has_default)] from pybind11's signature line; kind 'pos' or 'kw'; self dropped."""
    sigs = [l for l in (obj.__doc__ or "").splitlines() if l.startswith(name + "(")]
    assert sigs, f"{name}: no pybind11 signature in its docstring"
    inner = re.match(re.escape(name) + r"\((.*)\) ->", sigs[0]).group(1)
    out, kind = [], "pos"
    for p in split_params(inner):
        if p == "*":
            kind = "kw"
            continue
        pname = p.split(":")[0].split("=")[0].strip()
        if pname == "self":
            continue
        out.append((pname, kind, "=" in p))
    return out


def stub_params(fn):
    a = fn.args
    params = [x for x in a.posonlyargs + a.args if x.arg != "self"]
    n_def = len(a.defaults)
    out = [(x.arg, "pos", i >= len(params) - n_def) for i, x in enumerate(params)]
    out += [(x.arg, "kw", d is not None) for x, d in zip(a.kwonlyargs, a.kw_defaults)]
    return out


def stub_tree():
    assert STUB.is_file(), f"{STUB} missing (installed with the package?)"
    return ast.parse(STUB.read_text())


def defs(body):
    """name -> list of FunctionDef (overloads) and ClassDef; names of annotated constants."""
    funcs, classes, consts = {}, {}, set()
    for node in body:
        if isinstance(node, ast.FunctionDef):
            funcs.setdefault(node.name, []).append(node)
        elif isinstance(node, ast.ClassDef):
            classes[node.name] = node
        elif isinstance(node, ast.AnnAssign):
            consts.add(node.target.id)
        elif isinstance(node, ast.Assign):
            consts.update(t.id for t in node.targets)
    return funcs, classes, consts


def exported():
    return [n for n in dir(_core) if not (n.startswith("__") and n.endswith("__")) or n == "__version__"]


def test_py_typed_marker_ships_with_the_package():
    assert (PACKAGE_DIR / "py.typed").is_file()


def test_stub_names_every_export_of_the_module():
    funcs, classes, consts = defs(stub_tree().body)
    missing = [n for n in exported() if n not in funcs and n not in classes and n not in consts]
    assert not missing, f"_core.pyi lacks {missing}"
    stale = [n for n in list(funcs) + list(classes) if not hasattr(_core, n)]
    assert not stale, f"_core.pyi names what the module does not export: {stale}"


@pytest.mark.parametrize("name", [n for n in dir(_core) if callable(getattr(_core, n)) and
                                  not isinstance(getattr(_core, n), type) and not n.startswith("__")])
def test_stub_functions_have_the_runtime_parameters(name):
    funcs, _, _ = defs(stub_tree().body)
    expected = runtime_params(getattr(_core, name), name)
    for fn in funcs[name]:  # every overload
        assert stub_params(fn) == expected, f"{name}: stub {stub_params(fn)} != module {expected}"


@pytest.mark.parametrize("cls", ["Limits", "RockingStretchMonitor"])
def test_stub_classes_have_every_method_with_its_parameters(cls):
    _, classes, _ = defs(stub_tree().body)
    funcs, _, _ = defs(classes[cls].body)
    runtime = getattr(_core, cls)
    for name, member in vars(runtime).items():
        if name.startswith("__") and name != "__init__":
            continue
        if name == "__init__" and "__init__(self:" not in (getattr(member, "__doc__", "") or ""):
            continue  # no constructor bound (pybind11's default)
        assert name in funcs, f"_core.pyi: {cls}.{name} missing"
        if isinstance(member, property):
            continue
        target = member.__func__ if isinstance(member, staticmethod) else getattr(runtime, name)
        assert stub_params(funcs[name][0]) == runtime_params(target, name), f"{cls}.{name}"
    stale = [n for n in funcs if not hasattr(runtime, n)]
    assert not stale, f"_core.pyi: {cls} has no {stale}"


def test_the_drift_check_can_fail(tmp_path):
    # A stub without a function and one with a renamed parameter are both caught.
    tree = stub_tree()
    funcs, _, _ = defs(tree.body)
    fn = funcs["dof_index"][0]
    assert stub_params(fn) == runtime_params(_core.dof_index, "dof_index")
    fn.args.args[0].arg = "dof"
    assert stub_params(fn) != runtime_params(_core.dof_index, "dof_index")
    body = [n for n in tree.body if not (isinstance(n, ast.FunctionDef) and n.name == "movers")]
    f2, c2, k2 = defs(body)
    assert "movers" in [n for n in exported() if n not in f2 and n not in c2 and n not in k2]
