#!/usr/bin/env python3
"""Appends getters and setters for the private fields of API POJOs that lack them.

The API classes are plain Java beans (Jackson and the CRD generator read them); this keeps their
boilerplate mechanical. Usage: tools/accessors.py FILE.java...
"""
import re
import sys

FIELD = re.compile(r"^  private (?!static)([\w<>, ?.]+) (\w+)( = [^;]+)?;", re.M)

for path in sys.argv[1:]:
    src = open(path).read()
    out = []
    for ftype, name, _ in FIELD.findall(src):
        cap = name[0].upper() + name[1:]
        getter = ("is" if ftype == "boolean" else "get") + cap
        if re.search(r"\b%s\(\)" % getter, src):
            continue
        out.append(f"\n  public {ftype} {getter}() {{\n    return {name};\n  }}\n")
        out.append(f"\n  public void set{cap}({ftype} {name}) {{\n    this.{name} = {name};\n  }}\n")
    if out:
        idx = src.rstrip().rfind("}")
        src = src[:idx].rstrip("\n") + "\n" + "".join(out) + "}\n"
        open(path, "w").write(src)
