#!/usr/bin/env python3
"""Gantt chart, critical path and idle time of an ember run, from its --trace file.

    python3 perf/gantt.py TRACE.json [CHART.png]

Draws one row per StarPU worker (forward tasks dark, backward tasks light) with gnuplot
(Debian: apt-get install gnuplot-nox) and prints the span, each worker's idle time and the
critical path: the longest chain of tasks through their dependencies (forward(S) after the
forward tasks of the sectors that may request from S; backward(S) after forward(S) and after
the backward tasks of the sectors S's rows reference), weighted by measured durations.
Standard library only.
"""
import json
import os
import subprocess
import sys
import tempfile


def load(path):
    events = [e for e in json.load(open(path))["traceEvents"] if e.get("ph") == "X"]
    if not events:
        sys.exit("%s: no task slices" % path)
    return events


def critical_path(events):
    """Longest dependency chain, by summed durations; events in start order are topological."""
    task = {(e["args"]["phase"], e["args"]["sector"]): e for e in events}
    finish, via = {}, {}
    for e in sorted(events, key=lambda e: e["ts"]):
        phase, sector = e["args"]["phase"], e["args"]["sector"]
        preds = [(phase, s) for s in e["args"].get("after", [])]
        if phase == "backward":
            preds.append(("forward", sector))
        best, best_pred = 0.0, None
        for p in preds:
            if p in finish and finish[p] > best:
                best, best_pred = finish[p], p
        finish[(phase, sector)] = best + e["dur"]
        via[(phase, sector)] = best_pred
    end = max(finish, key=finish.get)
    chain, node = [], end
    while node is not None:
        chain.append(node)
        node = via[node]
    return finish[end], [task[n] for n in reversed(chain)]


def draw(events, png, span_ms):
    workers = sorted({e["tid"] for e in events})
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "tasks.dat")
        with open(data, "w") as f:
            for e in events:
                start, end = e["ts"] / 1e3, (e["ts"] + e["dur"]) / 1e3
                f.write("%d %.4f %.4f %d\n" % (workers.index(e["tid"]), start, end,
                                              1 if e["args"]["phase"] == "forward" else 2))
        script = """
set terminal pngcairo size 1400,%d font ',10'
set output '%s'
set title 'ember: tasks per worker (dark: forward, light: backward)'
set xlabel 'time (ms)'
set ylabel 'worker'
set yrange [-0.6:%f]
set xrange [0:%f]
set ytics 1
set style fill solid 1.0 border lc rgb '#333333'
set linetype 1 lc rgb '#b03a2e'
set linetype 2 lc rgb '#f5b041'
plot '%s' using (($2+$3)/2):1:(($3-$2)/2):(0.4):4 with boxxyerror lc variable notitle
""" % (200 + 60 * len(workers), png, len(workers) - 0.4, span_ms * 1.01, data)
        subprocess.run(["gnuplot"], input=script, text=True, check=True)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[2].strip())
    events = load(sys.argv[1])
    span = max(e["ts"] + e["dur"] for e in events) - min(e["ts"] for e in events)
    print("tasks: %d, span: %.1f ms, work: %.1f ms" % (len(events), span / 1e3, sum(e["dur"] for e in events) / 1e3))
    for w in sorted({e["tid"] for e in events}):
        busy = sum(e["dur"] for e in events if e["tid"] == w)
        print("worker %d: busy %.1f ms, idle %.1f ms (%.0f%%)" % (w, busy / 1e3, (span - busy) / 1e3,
                                                                100 * (span - busy) / span))
    length, chain = critical_path(events)
    print("critical path: %.1f ms over %d tasks (%.0f%% of the span)" % (length / 1e3, len(chain), 100 * length / span))
    for e in chain:
        print("  %-14s %8.1f ms  level %d  equations %d" % (e["name"], e["dur"] / 1e3, e["args"]["level"],
                                                          e["args"]["equations"]))
    if len(sys.argv) == 3:
        draw(events, sys.argv[2], span / 1e3)
        print("chart: %s" % sys.argv[2])


if __name__ == "__main__":
    main()
