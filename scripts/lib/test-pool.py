#!/usr/bin/env python3
"""Runs test binaries side by side.

Most of yinji's integration tests wait for blocks and finality rather than compute, so running
the test binaries one after another (as `cargo test` does) leaves the machine idle. This runs
the binaries that `cargo test --no-run --message-format=json` built, several at a time, each in
its package's directory as `cargo test` would, and prints each binary's whole output when it
ends, so that the log reads as `cargo test`'s does (one `test result:` line per binary).

The longest binaries start first (the durations of the previous run are kept in
`--durations`), so that the run ends as soon as the longest one does.

    test-pool.py --jobs 4 --durations FILE --args network=--test-threads=1 MESSAGES...

Each MESSAGES file holds the JSON messages of one `cargo test --no-run` invocation. Exits 1 if
any binary failed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor


def test_binaries(message_files):
    """The test executables of the cargo JSON messages, with their package directories."""
    found = {}
    for path in message_files:
        with open(path, encoding="utf-8") as messages:
            for line in messages:
                if not line.startswith("{"):
                    continue
                message = json.loads(line)
                if message.get("reason") != "compiler-artifact":
                    continue
                if not message.get("profile", {}).get("test") or not message.get("executable"):
                    continue
                target = message["target"]
                directory = os.path.dirname(message["manifest_path"])
                kind = "+".join(target["kind"])
                found[message["executable"]] = {
                    "key": f"{os.path.relpath(directory)}:{kind}:{target['name']}",
                    "target": target["name"],
                    "dir": directory,
                }
    return list(found.items())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--durations", required=True)
    parser.add_argument("--args", action="append", default=[], metavar="TARGET=ARGS")
    parser.add_argument("messages", nargs="+")
    options = parser.parse_args()

    extra = {}
    for spec in options.args:
        target, _, args = spec.partition("=")
        extra[target] = args.split()
    try:
        with open(options.durations, encoding="utf-8") as file:
            previous = json.load(file)
    except (OSError, ValueError):
        previous = {}

    binaries = test_binaries(options.messages)
    # Longest first; binaries never timed go first too (they may be long).
    binaries.sort(key=lambda item: -previous.get(item[1]["key"], 1e9))
    print_lock = threading.Lock()
    durations = dict(previous)
    failed = []

    def run(item):
        executable, info = item
        env = dict(os.environ, CARGO_MANIFEST_DIR=info["dir"])
        started = time.monotonic()
        with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as log:
            code = subprocess.call(
                [executable, *extra.get(info["target"], [])],
                cwd=info["dir"],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
            elapsed = time.monotonic() - started
            log.seek(0)
            output = log.read()
        with print_lock:
            status = "ok" if code == 0 else f"FAILED (exit {code})"
            print(f"     Running {info['key']} ({os.path.basename(executable)}): {status} in {elapsed:.0f} s")
            sys.stdout.write(output)
            sys.stdout.flush()
            durations[info["key"]] = round(elapsed, 1)
            if code != 0:
                failed.append(info["key"])

    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        list(pool.map(run, binaries))

    try:
        with open(options.durations, "w", encoding="utf-8") as file:
            json.dump(durations, file, indent=1, sort_keys=True)
    except OSError as error:
        print(f"warning: could not keep the durations: {error}", file=sys.stderr)
    if failed:
        print(f"failed test binaries: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
