#!/usr/bin/env python3
"""checkout_pinned.py SOURCE COMMIT DEST: a work tree of SOURCE (a git directory, bare or not) at COMMIT in DEST,
tolerating blobs the copy lacks.

The copies of public repositories that can be brought onto the benchmark machines lack every file of 4 MiB or more,
so `git checkout` stops at the first missing blob. This lays the tree out from the objects that are there: the index
comes from the commit's trees (which are all present), each present blob is written with its mode, a symbolic link
as a link, and a missing blob is left out of the work tree (git then reports it as deleted, as the audit does).
Elsewhere, `git clone https://github.com/OWNER/NAME DEST && git -C DEST checkout COMMIT` gives the complete tree.
"""
import os
import subprocess
import sys


def main() -> int:
    if len(sys.argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    source, commit, dest = sys.argv[1:]
    if os.path.exists(dest) and os.listdir(dest):
        print(f"checkout_pinned: {dest} is not empty", file=sys.stderr)
        return 1
    # --shared borrows the source's objects instead of copying them (the copy has no pack to fetch from for what is
    # missing, and a fetch would refuse it); read-tree needs only trees.
    subprocess.run(["git", "clone", "-q", "--shared", "--no-checkout", source, dest], check=True)
    subprocess.run(["git", "-C", dest, "update-ref", "--no-deref", "HEAD", commit], check=True)
    subprocess.run(["git", "-C", dest, "read-tree", commit], check=True)
    entries = subprocess.run(["git", "-C", dest, "ls-files", "-s", "-z"], check=True, capture_output=True).stdout
    rows = []
    for entry in entries.split(b"\0"):
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        mode, sha, _stage = meta.split(b" ")
        rows.append((mode, sha, path))
    batch = subprocess.Popen(["git", "-C", dest, "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    written = missing = links = 0
    for mode, sha, path in rows:
        if mode == b"160000":  # a submodule: its commit is in another repository
            os.makedirs(os.path.join(dest.encode(), path), exist_ok=True)
            continue
        batch.stdin.write(sha + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if len(header) < 3 or header[1] == b"missing":
            missing += 1
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = os.path.join(dest.encode(), path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if mode == b"120000":
            os.symlink(data, target)
            links += 1
        else:
            with open(target, "wb") as f:
                f.write(data)
            if mode == b"100755":
                os.chmod(target, 0o755)
        written += 1
    batch.stdin.close()
    batch.wait()
    # Stat information for what is there, so `git status` does not hash every file again.
    subprocess.run(["git", "-C", dest, "update-index", "-q", "--refresh"], check=False, stdout=subprocess.DEVNULL)
    print(f"{dest}: {written} files ({links} links) at {commit[:12]}, {missing} blobs missing from the copy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
