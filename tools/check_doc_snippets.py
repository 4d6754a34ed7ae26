#!/usr/bin/python3
"""Compile (and where possible run) the C++ code samples of README.md and docs/*.md.

Every ```cpp block of one file is compiled as one program, in order: #include and
`using namespace` lines go to file scope, the rest into main(), so a page's samples
may build on each other. A block preceded by `<!-- doc-test: skip ... -->` is left
out (say why in the comment). If a block prints with std::cout and the next line
is a `// expected output` comment, the program is run and its output compared.

usage: check_doc_snippets.py CXX INCLUDE_DIR... [FLAG | LIBRARY]... -- FILE.md...

A directory is an include directory; anything else before `--` (an option such as
`-pthread`, or a library file such as the compiled core `libarthrokin.a`) is passed to
the compiler after the source, for the programs that are linked and run.
"""
import pathlib
import re
import subprocess
import sys
import tempfile


def blocks(md):
    out, skip = [], False
    lines = md.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip().startswith("<!-- doc-test: skip"):
            skip = True
        elif line.strip() == "```cpp":
            body = []
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                body.append(lines[i])
                i += 1
            if not skip:
                out.append(body)
            skip = False
        elif line.strip():
            skip = skip and line.strip().startswith("<!--")
        i += 1
    return out


def program(bks):
    head = ["#include <arthrokin/arthrokin.hpp>", "#include <cmath>", "#include <iostream>", "#include <optional>"]
    body, expected = [], []
    for b in bks:
        for j, line in enumerate(b):
            s = line.strip()
            if s.startswith("#include") or s.startswith("using namespace"):
                head.append(line)
            else:
                body.append(line)
                if "std::cout" in s and j + 1 < len(b) and b[j + 1].strip().startswith("// "):
                    expected.append(b[j + 1].strip()[3:])
    src = "\n".join(head) + "\nint main() {\n" + "\n".join(body) + "\n  return 0;\n}\n"
    return src, expected


def main():
    sep = sys.argv.index("--")
    cxx, files = sys.argv[1], sys.argv[sep + 1:]
    includes = [a for a in sys.argv[2:sep] if pathlib.Path(a).is_dir()]
    link = [a for a in sys.argv[2:sep] if not pathlib.Path(a).is_dir()]
    failures = checked = 0
    for f in files:
        bks = blocks(pathlib.Path(f).read_text(encoding="utf-8"))
        if not bks:
            continue
        src, expected = program(bks)
        with tempfile.TemporaryDirectory() as d:
            cpp, exe = pathlib.Path(d) / "doc.cpp", pathlib.Path(d) / "doc"
            cpp.write_text(src, encoding="utf-8")
            cmd = [cxx, "-std=c++20", "-Wall", "-Wextra", "-Werror", "-Wno-unused-variable", "-Wno-unused-but-set-variable", "-O0"]
            cmd += [f"-I{i}" for i in includes] + [str(cpp), "-o", str(exe)]
            if expected:
                cmd += link
            else:
                cmd.insert(1, "-c")  # compile only: nothing to run (and no need to link the compiled libraries)
            r = subprocess.run(cmd, capture_output=True, text=True)
            checked += 1
            if r.returncode != 0:
                failures += 1
                print(f"FAIL {f}: the samples do not compile\n{src}\n{r.stderr[:4000]}")
                continue
            if expected:
                run = subprocess.run([str(exe)], capture_output=True, text=True)
                got = run.stdout
                for e in expected:
                    if e not in got:
                        failures += 1
                        print(f"FAIL {f}: expected output not printed:\n  expected: {e}\n  got: {got}")
            print(f"ok   {f}: {len(bks)} sample(s) compiled" + (f", {len(expected)} output(s) checked" if expected else ""))
    print(f"{checked - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
