#!/usr/bin/env python3
"""Writes the floor's ripgrep pattern file from InfraTrend's own sources, so the floor looks for what the audit looks for:

- library names: the JS/TS packages of Facts/Node/NodeLibraries.cs, the Python modules of PythonLibraries.cs and the
  Go import paths of GoLibraries.cs (with their rate-limiter and health-check lists), as import strings;
- the names whose mention makes the C# source parse a file (CSharpUsageFacts: its Calls and Types tables and
  OtherMentions), as literals;
- every regular expression the JS/TS, Python and Go usage sources and the catalogues' wiring calls run over source
  text (console/print calls, health routes, CORS, security headers, Sentry init...).

A named group becomes a plain group, and .NET regex syntax that ripgrep's engine lacks is rewritten: a `(?<![\\w.])`
look-behind becomes `\\b`, and a trailing look-ahead is dropped (each a slightly wider match, never a narrower one).
A pattern ripgrep still refuses is left out and counted. Usage: patterns.py SRC_DIR OUT_FILE
"""

import re
import subprocess
import sys

FACTS = "InfraTrend.Core/Facts/"


def read(src, rel):
    with open(src + "/" + FACTS + rel, encoding="utf-8") as f:
        return f.read()


def strings(text):
    return re.findall(r'"((?:[^"\\]|\\.)*)"', text)


def catalogue_names(text, array_index=0):
    """The quoted names of the array at array_index in each `new(FactKeys.X, "id", [..], [..])` line, plus the named string arrays below."""
    names = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("new(FactKeys."):
            arrays = re.findall(r"\[([^\]]*)\]", line.split(", R(@")[0])
            if len(arrays) > array_index:
                names += strings(arrays[array_index])
    for block in re.findall(r"public static readonly string\[\] \w+ =\s*\[(.*?)\];", text, re.S):
        names += strings(block)
    return names


def verbatim_regexes(text):
    """Patterns of [GeneratedRegex(@"...")], R(@"...") and new Regex(@"..."), unescaped from C# verbatim strings."""
    found = re.findall(r'(?:GeneratedRegex\(|\bR\(|new Regex\()@"((?:[^"]|"")*)"', text)
    return [p.replace('""', '"') for p in found]


def to_rust(pattern):
    p = pattern.replace("(?<![\\w.])", "\\b").replace("(?<!\\w)", "\\b")
    p = re.sub(r"\(\?<[A-Za-z_]\w*>", "(?:", p)
    p = re.sub(r"\(\?=[^()]*\)$", "", p)
    return p


def rg_accepts(pattern):
    result = subprocess.run(["rg", "--quiet", "-e", pattern, "/dev/null"], capture_output=True)
    return result.returncode in (0, 1) and not result.stderr


def main():
    src, out = sys.argv[1], sys.argv[2]
    node = read(src, "Node/NodeLibraries.cs")
    python = read(src, "Python/PythonLibraries.cs")
    go = read(src, "Go/GoLibraries.cs")
    csharp = read(src, "Dotnet/CSharpUsageFacts.cs")

    node_names = sorted(set(catalogue_names(node)))
    python_names = sorted(set(catalogue_names(python)))
    go_names = sorted(set(catalogue_names(go)))
    csharp_tables = re.findall(r'\["(\w+)"\] =', csharp)
    other = re.search(r"OtherMentions =\s*\[(.*?)\];", csharp, re.S)
    csharp_names = sorted(set(csharp_tables + [s.replace('\\"', '"') for s in strings(other.group(1))]))

    groups = {
        "node packages (import strings)": ["[\"'`](?:%s)(?:/[^\"'`]*)?[\"'`]" % "|".join(re.escape(n) for n in node_names)],
        "python modules (import lines)": ["^\\s*(?:from|import)\\s+(?:%s)\\b" % "|".join(re.escape(n) for n in python_names)],
        "go import paths": ["\"(?:%s)(?:[/.][^\"]*)?\"" % "|".join(re.escape(n) for n in go_names)],
        "c# mentions (the parse prefilter)": ["(?:%s)" % "|".join(re.escape(n) for n in csharp_names)],
    }
    usage = []
    for rel in ["Node/NodeUsageFacts.cs", "Python/PythonUsageFacts.cs", "Go/GoUsageFacts.cs", "Node/NodeLibraries.cs", "Python/PythonLibraries.cs", "Go/GoLibraries.cs"]:
        usage += verbatim_regexes(read(src, rel))
    converted = [to_rust(p) for p in usage]
    accepted = [p for p in converted if rg_accepts(p)]
    groups["usage regexes (console/print, routes, CORS, headers, wiring...)"] = accepted

    with open(out, "w", encoding="utf-8") as f:
        for patterns in groups.values():
            for p in patterns:
                f.write(p + "\n")
    names = len(node_names) + len(python_names) + len(go_names) + len(csharp_names)
    print("patterns: %d library/mention names (node %d, python %d, go %d, c# %d) in 4 alternations, %d of %d usage regexes (%d refused by rg)"
          % (names, len(node_names), len(python_names), len(go_names), len(csharp_names), len(accepted), len(usage), len(usage) - len(accepted)))


if __name__ == "__main__":
    main()
