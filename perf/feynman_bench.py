#!/usr/bin/env python3
"""feynman-bench with ember: validity and equation counts against FIRE 7's ground truth.

For every ground-truth record (one target integral, FIRE 7 prime mode, p = 2017) this builds
the FIRE config the upstream runner builds (the topology's .sbases as #problem 0, its .lbases,
the record's parameters, prime index 0) and runs ember on it, one target per run as FIRE did;
it also runs all targets of each (topology, parameters) group in one batch run. It prints, per
topology and overall: validity (every coefficient equal, in FIRE's masters), the step ratio
(ember's equations used / FIRE's num_steps, over records where FIRE's is not null) and wall
times.  Standard library only.

usage: perf/feynman_bench.py [--ember build/ember] [--shared ../shared] [--truth FILE]
                             [--cores N] [--only TOPOLOGY] [--no-batch] [--report FILE]
                             [--ember-arg=--full-levels]
"""
import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def fire_names(yaml_path):
    """parameter -> FIRE name, from parameters.yaml (two-space keys, 'fire:' lines)."""
    names, current = {}, None
    if not os.path.exists(yaml_path):
        return names
    for line in open(yaml_path):
        m = re.match(r"^  ([A-Za-z0-9_]+):\s*$", line)
        if m:
            current = m.group(1)
        m = re.match(r"^\s+fire:\s*([A-Za-z0-9_]+)", line)
        if m and current:
            names[current] = m.group(1)
    return names


def write_job(workdir, topo_dir, params, targets, cores):
    name = os.path.basename(topo_dir)
    fire = os.path.join(topo_dir, "fire")
    names = fire_names(os.path.join(topo_dir, "parameters.yaml"))
    variables = ",".join("%s->%d" % (names.get(k, k), v) for k, v in params.items())
    with open(os.path.join(workdir, "targets.m"), "w") as f:
        f.write("{" + ",".join("{0,{%s}}" % ",".join(map(str, t)) for t in targets) + "}\n")
    with open(os.path.join(workdir, "job.config"), "w") as f:
        f.write("#threads %d\n#variables %s\n#prime 0\n#start\n" % (cores, variables))
        f.write("#problem 0 %s\n" % os.path.join(fire, name + ".sbases"))
        f.write("#lbases %s\n" % os.path.join(fire, name + ".lbases"))
        f.write("#integrals targets.m\n#output out.tables\n")


EXTRA_ARGS = []


def run_ember(ember, workdir):
    """Runs the job; returns (records by target, seconds, error text or None)."""
    out = os.path.join(workdir, "out.json")
    if os.path.exists(out):
        os.unlink(out)
    start = time.perf_counter()
    p = subprocess.run([ember, "--quiet", "--json", out] + EXTRA_ARGS + ["job.config"], cwd=workdir,
                       capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if p.returncode != 0:
        return {}, seconds, p.stderr.strip()
    records = {}
    for line in open(out):
        r = json.loads(line)
        records[str(r["integrals"][0])] = r
    return records, seconds, None


def same_reduction(truth, ours):
    """Exact equality of {master: coefficient}, a missing master counting as zero."""
    a = {k: v for k, v in truth.items() if v % 2017}
    b = {k: v for k, v in ours.items() if v % 2017}
    return a == b


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ember", default=os.path.join(here, "..", "build", "ember"))
    ap.add_argument("--shared", default=os.path.join(here, "..", "..", "shared"))
    ap.add_argument("--truth", default=None)
    ap.add_argument("--cores", type=int, default=1)
    ap.add_argument("--only", default=None)
    ap.add_argument("--no-batch", action="store_true")
    ap.add_argument("--report", default=None)
    ap.add_argument("--ember-arg", action="append", default=[], help="extra ember option, e.g. --full-levels")
    args = ap.parse_args()
    bench = os.path.join(args.shared, "feynman-bench")
    truth_path = args.truth or os.path.join(bench, "ground_truth_train_sample.jsonl")
    ember = os.path.abspath(args.ember)
    EXTRA_ARGS.extend(args.ember_arg)

    groups = collections.OrderedDict()
    for line in open(truth_path):
        r = json.loads(line)
        if args.only and r["topology"] != args.only:
            continue
        groups.setdefault(r["topology"], []).append(r)

    lines = []
    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    say("| topology | records | valid (1 per run) | valid (batch) | step ratio | ember s/run (median) | ember s/run (total) | batch s |")
    say("|---|---|---|---|---|---|---|---|")
    totals = collections.Counter()
    failures = []
    for topo, recs in groups.items():
        topo_dir = os.path.join(bench, "topologies", recs[0]["topology_path"])
        valid = valid_batch = 0
        ours_steps = fire_steps = 0
        times = []
        batch_seconds = 0.0
        with tempfile.TemporaryDirectory(prefix="ember-fb-") as work:
            for r in recs:
                target = r["integrals"][0]
                write_job(work, topo_dir, r["params"], [target], args.cores)
                got, seconds, err = run_ember(ember, work)
                times.append(seconds)
                key = "[" + ", ".join(map(str, target)) + "]"
                ours = got.get(str(target))
                if ours and same_reduction(r["reductions"][key], ours["reductions"][key]):
                    valid += 1
                else:
                    failures.append((topo, target, err or "coefficients differ"))
                if r["num_steps"] is not None and ours and ours["num_steps"] is not None:
                    ours_steps += ours["num_steps"]
                    fire_steps += r["num_steps"]
            if not args.no_batch:
                by_params = collections.OrderedDict()
                for r in recs:
                    by_params.setdefault(json.dumps(r["params"], sort_keys=True), []).append(r)
                for group in by_params.values():
                    write_job(work, topo_dir, group[0]["params"], [r["integrals"][0] for r in group], args.cores)
                    got, seconds, err = run_ember(ember, work)
                    batch_seconds += seconds
                    for r in group:
                        target = r["integrals"][0]
                        key = "[" + ", ".join(map(str, target)) + "]"
                        ours = got.get(str(target))
                        if ours and same_reduction(r["reductions"][key], ours["reductions"][key]):
                            valid_batch += 1
        ratio = ours_steps / fire_steps if fire_steps else float("nan")
        say("| %s | %d | %d/%d | %s | %.3f | %.3f | %.2f | %s |" % (
            topo, len(recs), valid, len(recs),
            "-" if args.no_batch else "%d/%d" % (valid_batch, len(recs)),
            ratio, statistics.median(times), sum(times),
            "-" if args.no_batch else "%.2f" % batch_seconds))
        totals.update(records=len(recs), valid=valid, valid_batch=valid_batch,
                      ours=ours_steps, fire=fire_steps)
        totals["seconds"] += sum(times)
    say("| **all** | %d | %d/%d | %s | %.3f | | %.2f | |" % (
        totals["records"], totals["valid"], totals["records"],
        "-" if args.no_batch else "%d/%d" % (totals["valid_batch"], totals["records"]),
        totals["ours"] / totals["fire"] if totals["fire"] else float("nan"), totals["seconds"]))
    if failures:
        say()
        say("first failures:")
        for topo, target, why in failures[:10]:
            say("- %s %s: %s" % (topo, target, why.splitlines()[0] if why else ""))
    if args.report:
        with open(args.report, "w") as f:
            f.write("\n".join(lines) + "\n")
    return 0 if totals["valid"] == totals["records"] else 1


if __name__ == "__main__":
    sys.exit(main())
