#!/usr/bin/env python3
"""Extracts the Prometheus metrics a Nim node declares, from git trees (no work tree needed).

Usage: extract.py OUT HEADER -- GITDIR COMMIT PREFIX[,PREFIX...] [GITDIR COMMIT PREFIXES ...]

Reads every *.nim file under the prefixes at the commit (git grep -l, git show) and parses the
nim-metrics declarations (declare[Public]{Counter,Gauge,Histogram,Summary} NAME, "help", [labels]
or labels = [...]). A declaration inside a `when` block (e.g. `when defined(libp2p_agents_metrics)`)
is written with that condition: it exists only in builds that define it. Output lines:
name<TAB>kind<TAB>labels(JSON)<TAB>origin (repo-relative file, [when ...]). For nim-metrics'
metrics.nim, its built-in collectors' outputs (process_*, nim_gc_heap_*) are listed with kind
Collector: they are exposed under exactly that name.
The names are the declared ones; the exposed names follow nim-metrics' rule (Counter NAME ->
NAME_total and NAME_created; Histogram -> _bucket/_sum/_count/_created), applied by the tests.
"""
import json
import re
import subprocess
import sys

# The name comes first, or as a named argument (`identifier = NAME`, as nwaku v0.36.0 declares
# waku_rln_valid_messages_total).
DECL = re.compile(r"\bdeclare(?:Public)?(Counter|Gauge|Histogram|Summary)\b\s*\(?\s*(?:identifier\s*=\s*)?([A-Za-z_][A-Za-z0-9_]*)\s*\*?\s*,")
STRING = re.compile(r'"""(?:.|\n)*?"""|"(?:\\.|[^"\\])*"')


def git(gitdir, *args):
    return subprocess.run(["git", "-C", gitdir, *args], capture_output=True, text=True, check=False).stdout


def statement(lines, i):
    """The declaration starting on line i, continued while brackets are open or a line ends in , or &."""
    text = lines[i]
    depth = 0
    j = i
    while True:
        stripped = STRING.sub('""', lines[j]).split("#")[0]
        depth += stripped.count("(") + stripped.count("[") - stripped.count(")") - stripped.count("]")
        if depth <= 0 and not stripped.rstrip().endswith((",", "&")) or j + 1 >= len(lines):
            return text
        j += 1
        text += "\n" + lines[j]


def conditions(lines, i):
    """The enclosing `when` conditions of line i, by indentation."""
    indent = len(lines[i]) - len(lines[i].lstrip())
    found = []
    for k in range(i - 1, -1, -1):
        line = lines[k]
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        own = len(line) - len(line.lstrip())
        if own < indent:
            indent = own
            if line.lstrip().startswith(("when ", "elif ", "else")):
                found.append(line.strip().rstrip(":"))
            if own == 0:
                break
    return list(reversed(found))


def declarations(gitdir, commit, prefix):
    files = git(gitdir, "grep", "-l", "-E", r"declare(Public)?(Counter|Gauge|Histogram|Summary)", commit, "--", prefix)
    for entry in files.splitlines():
        path = entry.split(":", 1)[1]
        if not path.endswith(".nim"):
            continue
        lines = git(gitdir, "show", f"{commit}:{path}").split("\n")
        for i, line in enumerate(lines):
            code = line.split("#")[0]
            if "declare" not in code or re.search(r"\b(template|proc|macro|func)\b", code):
                continue
            text = statement(lines, i)
            m = DECL.search(text)
            if not m or m.start() > len(line):
                continue
            kind, name = m.group(1), m.group(2)
            rest = STRING.sub('""', text[m.end():])
            rest = re.sub(r"buckets\s*=\s*\[[^\]]*\]", "", rest)
            rest = re.sub(r"buckets\s*=\s*[A-Za-z_.]+", "", rest)
            lm = re.search(r"labels\s*=\s*\[([^\]]*)\]", rest) or re.search(r"\[([^\]]*)\]", rest)
            labels = []
            if lm:
                raw = text[m.end():]
                raw_lm = re.search(r"labels\s*=\s*\[([^\]]*)\]", raw) or re.search(r"\[\s*(\"[^\]]*)\]", raw)
                if raw_lm:
                    labels = re.findall(r'"([^"]*)"', raw_lm.group(1))
            cond = conditions(lines, i)
            origin = path + (" [" + "; ".join(cond) + "]" if cond else "")
            yield name, kind, labels, origin


OUTPUT = re.compile(r'output\(\s*name\s*=\s*"([A-Za-z_][A-Za-z0-9_]*)"(?:.|\n)*?\)', re.M)


def collector_outputs(gitdir, commit, path):
    """nim-metrics' own collectors (process_*, nim_gc_heap_*) write exposed names directly."""
    lines = git(gitdir, "show", f"{commit}:{path}").split("\n")
    text = "\n".join(lines)
    for m in OUTPUT.finditer(text):
        line = text.count("\n", 0, m.start())
        labels = []
        lm = re.search(r"labels\s*=\s*\[([^\]]*)\]", m.group(0))
        if lm:
            labels = re.findall(r'"([^"]*)"', lm.group(1))
        cond = conditions(lines, line)
        yield m.group(1), "Collector", labels, path + (" [" + "; ".join(cond) + "]" if cond else "")


def main():
    out, header = sys.argv[1], sys.argv[2]
    args = sys.argv[sys.argv.index("--") + 1:]
    rows = {}
    for k in range(0, len(args), 3):
        gitdir, commit, prefixes = args[k], args[k + 1], args[k + 2]
        for prefix in prefixes.split(","):
            for name, kind, labels, origin in declarations(gitdir, commit, prefix):
                rows.setdefault(name, (kind, labels, origin))
            if prefix == "metrics.nim":
                for name, kind, labels, origin in collector_outputs(gitdir, commit, prefix):
                    rows.setdefault(name, (kind, labels, origin))
    with open(out, "w") as f:
        f.write("# " + header + "\n")
        f.write("# names: nim-metrics\n")
        f.write("# defines: metrics nimTypeNames linux\n")
        for name in sorted(rows):
            kind, labels, origin = rows[name]
            f.write(f"{name}\t{kind}\t{json.dumps(labels, separators=(',', ':')) if labels else ''}\t{origin}\n")


if __name__ == "__main__":
    main()
