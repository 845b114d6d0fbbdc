#!/usr/bin/env python3
"""ember's benchmark: the reference targets of FIRE's table, fused graph against FIRE's level
barriers, 1 and 2 cores, medians of repeated runs, with start-up time and arithmetic floor.

    python3 perf/bench.py [--runs 5] [--ember build/ember] [--shared ../shared] [--report FILE]

Each case reduces one feynman-bench target (or a whole topology's sample in one run) at the
feynman-bench point of its topology, prime index 0, from the topology's .sbases and .lbases.
Times are wall seconds of whole ember processes (start-up included). The arithmetic floor is
the multiply-adds ember counted times the cost of one, measured by build/ember_kernel_cost.
FIRE's figures are those of issue "The runtime at full strength" (stock FIRE 6.4.2, prime mode,
the same kind of 2-core machine, median of 3). Standard library only.
"""
import argparse
import json
import os
import platform
import statistics
import subprocess
import tempfile
import time

# (topology, target, FIRE seconds at 1 core, at 2 cores, FIRE's equations used)
REFERENCE = [
    ("box1l", [1, 1, 1, -1], 0.32, 0.37, 108),
    ("tri2l", [2, -1, 1, 1, 1, 1, 2], 1.06, 0.86, 11790),
    ("tri2l", [2, 2, 2, 2, 2, 2, 2], 2.81, 1.98, 93484),
    ("grav2l", [2, 1, 1, 1, 1, 1, 1, 2, -1], 1.86, 1.38, 25841),
    ("grav2l", [2, 2, 2, 2, 2, 2, 2, 2, -1], 4.84, 3.08, 392691),
    ("grav2l", [2, 2, 2, 2, 2, 2, 2, 2, 2], 10.36, 6.95, 906116),
]


def records(shared):
    out = {}
    for line in open(os.path.join(shared, "feynman-bench", "ground_truth_train_sample.jsonl")):
        r = json.loads(line)
        out.setdefault(r["topology"], []).append(r)
    return out


def write_job(work, shared, rec, targets, name):
    topo = os.path.join(shared, "feynman-bench", "topologies", rec["topology_path"], "fire", rec["topology"])
    with open(os.path.join(work, name + ".m"), "w") as f:
        f.write("{" + ",".join("{0,{%s}}" % ",".join(map(str, t)) for t in targets) + "}\n")
    config = os.path.join(work, name + ".config")
    with open(config, "w") as f:
        f.write("#threads 1\n#variables %s\n#prime 0\n#start\n#problem 0 %s.sbases\n#lbases %s.lbases\n"
                "#integrals %s.m\n#output %s.tables\n" % (
                    ",".join("%s->%d" % kv for kv in rec["params"].items()), topo, topo, name, name))
    return config


def measure(ember, config, cores, schedule, runs, work):
    times, stats = [], None
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([ember, "--quiet", "--cores", str(cores), "--schedule", schedule, "--stats",
                        os.path.join(work, "stats.json"), config], check=True, cwd=work)
        times.append(time.perf_counter() - start)
        stats = json.load(open(os.path.join(work, "stats.json")))
    return statistics.median(times), min(times), max(times), stats


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--ember", default=os.path.join(here, "..", "build", "ember"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--report", default=None)
    args = ap.parse_args()
    ember = os.path.abspath(args.ember)
    cost = json.loads(subprocess.run([os.path.join(os.path.dirname(ember), "ember_kernel_cost")],
                                     capture_output=True, text=True, check=True).stdout)["ns_per_madd_p2017"]
    recs = records(args.shared)
    heaviest = max((r for r in recs["p3lLA"] if r["num_steps"]), key=lambda r: r["num_steps"])
    cases = [(t, tgt, f1, f2, fe) for t, tgt, f1, f2, fe in REFERENCE]
    cases.append(("p3lLA", heaviest["integrals"][0], None, None, heaviest["num_steps"]))
    cases.append(("grav2l", "batch", None, None, None))
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    load = os.getloadavg()
    say("Machine: %s, %d cores, %s; %s; load average before: %.2f %.2f %.2f" % (
        platform.processor() or platform.machine(), os.cpu_count(),
        "%.0f GiB" % (os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30), platform.platform(), *load))
    say("Runs per cell: %d (median; min-max in brackets). One multiply-add: %.2f ns." % (args.runs, cost))
    say()
    with tempfile.TemporaryDirectory(prefix="ember-bench-") as work:
        empty = write_job(work, args.shared, recs["grav2l"][0], [], "empty")
        startup = statistics.median(
            [measure(ember, empty, 1, "fused", 1, work)[0] for _ in range(max(args.runs, 7))])
        say("Start-up (grav2l, no target, whole process): %.1f ms" % (1e3 * startup))
        say()
        say("| case | FIRE 1 core | ember 1 core | ratio | FIRE 2 cores | ember 2 cores | ratio | 2-core speed-up | levels 1 core | levels 2 cores | fused/levels (2 cores) | equations (FIRE) | peak RSS | floor | from floor |")
        say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for topo, target, fire1, fire2, fire_eqs in cases:
            rec = recs[topo][0]
            targets = [r["integrals"][0] for r in recs[topo]] if target == "batch" else [target]
            label = "%s %s" % (topo, "all %d sample targets" % len(targets) if target == "batch"
                               else "{" + ",".join(map(str, target)) + "}")
            config = write_job(work, args.shared, rec, targets, "case")
            cells = {}
            for cores in (1, 2):
                for schedule in ("fused", "levels"):
                    cells[(cores, schedule)] = measure(ember, config, cores, schedule, args.runs, work)
            f1, f2 = cells[(1, "fused")], cells[(2, "fused")]
            l1, l2 = cells[(1, "levels")], cells[(2, "levels")]
            stats = f1[3]
            floor = stats["multiply_adds"] * cost * 1e-9

            def t(cell):
                return "%.3f [%.3f-%.3f]" % cell[:3]

            say("| %s | %s | %s | %s | %s | %s | %s | %.2f | %s | %s | %.2f | %d (%s) | %.0f MiB | %.1f ms | %.0fx |" % (
                label, "%.2f" % fire1 if fire1 else "-", t(f1), "%.1fx" % (fire1 / f1[0]) if fire1 else "-",
                "%.2f" % fire2 if fire2 else "-", t(f2), "%.1fx" % (fire2 / f2[0]) if fire2 else "-",
                f1[0] / f2[0], t(l1), t(l2), f2[0] / l2[0], stats["equations_used"],
                "{:,}".format(fire_eqs) if fire_eqs else "-", stats["peak_rss_kib"] / 1024, floor * 1e3,
                f1[0] / floor if floor > 0 else float("nan")))
    say()
    say("Load average after: %.2f %.2f %.2f" % os.getloadavg())
    if args.report:
        with open(args.report, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
