#!/usr/bin/env python3
"""Writes Fuzz/seeds/HARNESS/ from the repository's real inputs (run by `Scripts/fuzz --seeds`).

- FuzzSetFile: each line of Annotations/baseline.jsonl, the whole file, and the whole file
  with a byte-order mark and CR LF line ends.
- FuzzJournal: journals of `put LINE` and `delete ID` entries from the baseline, one torn;
  memo entries (`memo RECORD`, `unmemo ID`) alone, among puts, in a batch and a cut batch.
- FuzzCSVImport, FuzzW3CImport: exports of the baseline and of a one-annotation set, made
  by the built `parallax` binary (`export csv …`, `export w3c …`).
- FuzzQDPXImport: the baseline's qdpx export (also the harness's template for source texts),
  the one-annotation export's project.qde as text, and an archive with a `../evil` entry.
- FuzzCommandLine: every command line of the session snapshot tests and the README's tour, and
  every registered command's help examples.
- FuzzHTMLReader, FuzzPDFReader, FuzzDOCXReader: see Fuzz/make-reader-seeds.py.
"""
import io, os, re, shutil, subprocess, sys, tempfile, zipfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
seeds = os.path.join(root, "Fuzz", "seeds")
binary = os.path.join(root, ".build", "debug", "parallax")
if not os.access(binary, os.X_OK):
    subprocess.run(["swift", "build", "--product", "parallax"], cwd=root, check=True)


def put(harness, name, data):
    d = os.path.join(seeds, harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


for h in ["FuzzSetFile", "FuzzJournal", "FuzzCSVImport", "FuzzW3CImport", "FuzzQDPXImport", "FuzzCommandLine"]:
    shutil.rmtree(os.path.join(seeds, h), ignore_errors=True)

baseline = open(os.path.join(root, "Annotations", "baseline.jsonl"), "rb").read()
lines = [l for l in baseline.split(b"\n") if l]
for i, l in enumerate(lines):
    put("FuzzSetFile", f"line-{i:02}.jsonl", l + b"\n")
put("FuzzSetFile", "baseline.jsonl", baseline)
put("FuzzSetFile", "bom-crlf.jsonl", b"\xef\xbb\xbf" + baseline.replace(b"\n", b"\r\n"))

ids = [re.search(rb'"id":"([^"]+)"', l).group(1) for l in lines]
for i in range(0, len(lines), 8):
    chunk = b"".join(b"put " + l + b"\n" for l in lines[i:i + 8])
    put("FuzzJournal", f"puts-{i:02}.journal", chunk + b"delete " + ids[i] + b"\n")
put("FuzzJournal", "torn.journal", b"put " + lines[0] + b"\nput " + lines[1][: len(lines[1]) // 2])
# Memo entries (`memo {record}`, `unmemo ID`), alone, among puts, and in a batch.
memos = [
    '{"kind":"memo","id":"01MEMOAAAAAAAAAAAAAAAAAAAA","target":"question:reset-wedge","text":"Most \u201cno\u201d codings lean on one passage \u2014 Asl\u0131 disagrees","created":"2026-11-24T09:00:00Z","modified":"2026-11-24T09:00:00Z"}',
    '{"kind":"memo","id":"01MEMOBBBBBBBBBBBBBBBBBBBB","target":"' + "analyst:stent" + '","text":"line one\\nline two \U0001F642","created":"2026-11-24T09:00:00Z","modified":"2026-11-25T10:00:00Z","extra":{"a":[1,2]}}',
    '{"kind":"memo","id":"01MEMOCCCCCCCCCCCCCCCCCCCC","target":"doc:brookings","text":"","created":"2026-11-24T09:00:00Z","modified":"2026-11-24T09:00:00Z"}',
]
memo_lines = [b"memo " + m.encode() + b"\n" for m in memos]
put("FuzzJournal", "memos.journal", b"".join(memo_lines) + b"unmemo 01MEMOCCCCCCCCCCCCCCCCCCCC\n")
put("FuzzJournal", "memos-and-puts.journal", b"put " + lines[0] + b"\n" + memo_lines[0] + b"delete " + ids[0] + b"\n" + memo_lines[1])
put("FuzzJournal", "batch.journal", b"batch 3\nput " + lines[1] + b"\n" + memo_lines[2] + b"unmemo 01MEMOAAAAAAAAAAAAAAAAAAAA\n")
put("FuzzJournal", "batch-cut.journal", b"batch 3\nput " + lines[1] + b"\n" + memo_lines[2])

with tempfile.TemporaryDirectory() as tmp:
    shutil.copytree(os.path.join(root, "Corpus"), os.path.join(tmp, "Corpus"))
    os.makedirs(os.path.join(tmp, "Annotations"))
    shutil.copy(os.path.join(root, "Annotations", "codebook.json"), os.path.join(tmp, "Annotations"))
    shutil.copy(os.path.join(root, "Annotations", "baseline.jsonl"), os.path.join(tmp, "Annotations"))
    with open(os.path.join(tmp, "Annotations", "one.jsonl"), "wb") as f:
        f.write(lines[0] + b"\n")
    for s in ["baseline", "one"]:
        script = "".join(f"export {fmt} {tmp}/{s}.{ext}\n" for fmt, ext in [("csv", "csv"), ("w3c", "jsonld"), ("qdpx", "qdpx")])
        subprocess.run([binary, "--set", s], input=script.encode(), cwd=tmp, check=True, env={**os.environ, "NO_COLOR": "1"})
        put("FuzzCSVImport", f"{s}.csv", open(f"{tmp}/{s}.csv", "rb").read())
        put("FuzzW3CImport", f"{s}.jsonld", open(f"{tmp}/{s}.jsonld", "rb").read())
    put("FuzzQDPXImport", "baseline.qdpx", open(f"{tmp}/baseline.qdpx", "rb").read())
    with zipfile.ZipFile(f"{tmp}/one.qdpx") as z:
        put("FuzzQDPXImport", "one-project.qde", z.read("project.qde"))
    evil = io.BytesIO()
    with zipfile.ZipFile(evil, "w") as z:
        z.writestr("project.qde", "<Project/>")
        z.writestr("../evil", "x")
    put("FuzzQDPXImport", "evil.qdpx", evil.getvalue())

commands = []
source = open(os.path.join(root, "Tests", "ParallaxEndToEndTests", "SessionSnapshotTests.swift"), encoding="utf-8").read()
for block in re.findall(r'"""\n(.*?)"""', source, re.S):
    commands += [l.strip() for l in block.splitlines() if l.strip()]
for script in re.findall(r'session\("((?:[^"\\]|\\.)*)"', source):
    commands += [l for l in script.encode().decode("unicode_escape").split("\n") if l]
readme = open(os.path.join(root, "README.md"), encoding="utf-8").read()
commands += [m.split("#")[0].strip() for m in re.findall(r"parallax(?:\[[^\]]*\])?> (.*)", readme)]
for i, c in enumerate(dict.fromkeys(c for c in commands if c)):
    put("FuzzCommandLine", f"line-{i:03}.txt", c)
# Every registered command's examples (its help's `examples:` lines), so commands added since
# (doc, question, memo, sync, …) start from lines they accept.
examples = []
commands_dir = os.path.join(root, "Sources", "ParallaxREPL", "Commands")
for name in sorted(os.listdir(commands_dir)):
    text = open(os.path.join(commands_dir, name), encoding="utf-8").read()
    for block in re.findall(r"examples:\n(.*?)\"\"\"", text, re.S):
        examples += [l.strip() for l in block.splitlines() if l.strip()]
for i, c in enumerate(dict.fromkeys(c for c in examples if c not in commands)):
    put("FuzzCommandLine", f"example-{i:03}.txt", c)
# The document readers' seeds are written by their own script (no binary needed).
exec(open(os.path.join(root, "Fuzz", "make-reader-seeds.py"), encoding="utf-8").read())
for h in sorted(os.listdir(seeds)):
    print(h, len(os.listdir(os.path.join(seeds, h))), "seeds")
