#!/usr/bin/env python3
"""Runs one guest test program on the test board and checks it.

usage: run-guest-test.py EMULATOR KERNEL EXPECTED [--timeout SECONDS] [-- EXTRA-ARGS...]

Starts `EMULATOR -M testboard -nographic -kernel KERNEL EXTRA-ARGS`, kills it
after the timeout, and passes when its exit status is 0 and its console
output equals the EXPECTED file. On failure it prints what differed.
"""
import argparse
import difflib
import subprocess
import sys


def main():
    argv = sys.argv[1:]
    extra = []
    if '--' in argv:
        i = argv.index('--')
        argv, extra = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('emulator')
    ap.add_argument('kernel')
    ap.add_argument('expected')
    ap.add_argument('--timeout', type=float, default=30.0)
    args = ap.parse_args(argv)

    cmd = [args.emulator, '-M', 'testboard', '-nographic', '-kernel', args.kernel] + extra
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=args.timeout)
    except subprocess.TimeoutExpired as e:
        print(f'TIMEOUT after {args.timeout}s: {" ".join(cmd)}')
        sys.stdout.write((e.stdout or b'').decode(errors='replace'))
        return 1

    out = proc.stdout.decode(errors='replace').replace('\r\n', '\n')
    with open(args.expected, encoding='utf-8') as f:
        want = f.read()
    ok = True
    if out != want:
        ok = False
        print(f'output differs from {args.expected}:')
        sys.stdout.writelines(difflib.unified_diff(want.splitlines(True), out.splitlines(True),
                                                   'expected', 'got'))
    if proc.returncode != 0:
        ok = False
        print(f'exit status {proc.returncode}')
    if not ok and proc.stderr:
        print('stderr:')
        sys.stdout.write(proc.stderr.decode(errors='replace')[-4000:])
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
