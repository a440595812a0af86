#!/usr/bin/env python3
"""Compares two per-instruction CPU logs (QEMU's and Chimera's) and stops at the first difference.

Both logs come from `-singlestep -d in_asm,cpu,nochain -D FILE`: one register dump per executed
instruction, in the SPARC dump layout (pc/npc, %g, %o, %l, %i, psr, fsr/y). The script walks
the two dumps in step, pairing them by order, and reports the first pair whose pc or registers
differ, with the instructions that led there. Fields that legitimately differ are masked: the
FSR version bits (QEMU's reset clears FSR.ver; the chips report theirs).

    scripts/cpu-log-diff.py q.log c.log [--context 8] [--skip-a N] [--skip-b N]

--resync lets the walk step over a stretch where one side takes extra records (an interrupt
taken at a different instruction, a timer polling loop that ran a different number of times):
on a pc mismatch it looks ahead in both logs for the nearest common pc and carries on there.
"""
import argparse
import collections
import re
import sys

FSR_VER_MASK = 7 << 17

STATE_START = re.compile(r"^pc: ([0-9a-f]+)\s+npc: ([0-9a-f]+)")
IN_LINE = re.compile(r"^0x([0-9a-f]+):\s+(.*)$")


class Record:
    """One register dump: its fields by name, and the line it started on."""

    def __init__(self, lineno, lines):
        self.lineno = lineno
        self.lines = lines
        self.fields = {}
        m = STATE_START.match(lines[0])
        self.pc = int(m.group(1), 16)
        self.fields["pc"] = self.pc
        self.fields["npc"] = int(m.group(2), 16)
        for line in lines[1:]:
            self.parse_line(line)

    def parse_line(self, line):
        m = re.match(r"^%([gol])0-7:\s*(.*)$", line) or re.match(r"^%(i)0-7:\s*(.*)$", line)
        if m:
            for i, v in enumerate(m.group(2).split()):
                self.fields[f"%{m.group(1)}{i}"] = int(v, 16)
            return
        m = re.match(r"^psr: ([0-9a-f]+) .* wim: ([0-9a-f]+)", line)
        if m:
            self.fields["psr"] = int(m.group(1), 16)
            self.fields["wim"] = int(m.group(2), 16)
            return
        m = re.match(r"^fsr: ([0-9a-f]+) y: ([0-9a-f]+)", line)
        if m:
            self.fields["fsr"] = int(m.group(1), 16) & ~FSR_VER_MASK
            self.fields["y"] = int(m.group(2), 16)


def records(path, insns):
    """Yields the Records of a log; fills insns (pc -> disassembly) from its IN: blocks."""
    with open(path, errors="replace") as f:
        state = None
        start = 0
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if state is not None:
                state.append(line)
                if line.startswith("fsr:"):
                    yield Record(start, state)
                    state = None
                continue
            if STATE_START.match(line):
                state = [line]
                start = lineno
                continue
            m = IN_LINE.match(line)
            if m:
                insns[int(m.group(1), 16)] = m.group(2).strip()


def differences(a, b):
    return [k for k in a.fields if k in b.fields and a.fields[k] != b.fields[k]]


def resync(ita, itb, ra, rb, window):
    """Looks ahead up to window records on each side for the nearest pc both reach.

    Returns the pair of records to continue from (with lookahead queues consumed), or None."""
    la, lb = [ra], [rb]
    for _ in range(window):
        for lst, it in ((la, ita), (lb, itb)):
            nxt = next(it, None)
            if nxt is not None:
                lst.append(nxt)
    best = None
    pcs_b = {}
    for j, r in enumerate(lb):
        pcs_b.setdefault(r.pc, j)
    for i, r in enumerate(la):
        j = pcs_b.get(r.pc)
        if j is not None and (best is None or i + j < best[0] + best[1]):
            best = (i, j)
    if best is None:
        return None
    return la[best[0]:], lb[best[1]:]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("a", help="reference log (QEMU)")
    ap.add_argument("b", help="log under test (Chimera)")
    ap.add_argument("--context", type=int, default=8, help="pairs shown before the difference")
    ap.add_argument("--skip-a", type=int, default=0, help="records of A to skip first")
    ap.add_argument("--skip-b", type=int, default=0, help="records of B to skip first")
    ap.add_argument("--resync", type=int, default=0, metavar="N",
                    help="on a pc mismatch, look up to N records ahead for a common pc")
    args = ap.parse_args()

    ins_a, ins_b = {}, {}
    ita, itb = records(args.a, ins_a), records(args.b, ins_b)
    for _ in range(args.skip_a):
        next(ita, None)
    for _ in range(args.skip_b):
        next(itb, None)
    history = collections.deque(maxlen=args.context)
    pending_a, pending_b = [], []
    n = 0
    resyncs = 0
    while True:
        ra = pending_a.pop(0) if pending_a else next(ita, None)
        rb = pending_b.pop(0) if pending_b else next(itb, None)
        if ra is None or rb is None:
            print(f"no difference in {n} records "
                  f"({'A' if ra is None else 'B'} ended first; {resyncs} resyncs)")
            return 0
        if ra.pc != rb.pc and args.resync:
            got = resync(ita, itb, ra, rb, args.resync)
            if got:
                la, lb = got
                ra, rb = la[0], lb[0]
                pending_a, pending_b = la[1:] + pending_a, lb[1:] + pending_b
                resyncs += 1
                history.clear()
        diff = differences(ra, rb) if ra.pc == rb.pc else ["pc"]
        if diff:
            print(f"first difference at record {n}: A line {ra.lineno}, B line {rb.lineno}"
                  f" ({resyncs} resyncs)")
            for pa, pb in history:
                print(f"  {pa.pc:08x} {ins_a.get(pa.pc, '?'):40s} | "
                      f"{pb.pc:08x} {ins_b.get(pb.pc, '?')}")
            print(f"> {ra.pc:08x} {ins_a.get(ra.pc, '?'):40s} | {rb.pc:08x} "
                  f"{ins_b.get(rb.pc, '?')}")
            print("differing: " + ", ".join(
                f"{k} {ra.fields.get(k, 0):08x} != {rb.fields.get(k, 0):08x}" for k in diff))
            print("--- A\n" + "\n".join(ra.lines) + "\n--- B\n" + "\n".join(rb.lines))
            return 1
        history.append((ra, rb))
        n += 1


if __name__ == "__main__":
    sys.exit(main())
