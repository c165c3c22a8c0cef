#!/usr/bin/env python3
"""Peer solvers for the matching benchmark (issue 4), on the very instances nastavnik-bench wrote.

    bench_peers.py compare --instance region --input region.bin --ours ours.jsonl --solutions DIR

reads our JSON lines (one per mode) and our solutions (DIR/<instance>.<mode>.bin, Int32 little-endian),
runs each peer in a fresh process (so peak_rss_mb is that solve's) and prints one JSON line per
instance x mode x peer with `ratio` = our seconds / their seconds and `same_optimum` or
`same_matching`. `seconds` is the solve call only; building the peer's own graph or objects is
reported apart as `setup_seconds` (so the ratio is the stricter one for us).

Peers:
  optimal, optimal_count_first
    ortools_min_cost_flow   OR-Tools SimpleMinCostFlow: source -> mentee (cap 1) -> mentor (cap 1, cost -w)
                            -> sink (cap c). optimal: plus mentee -> sink (cap 1, cost 0, "stays
                            unpaired") and Solve(), i.e. the maximum-weight matching, as ours
                            with maximiseCount=false. optimal_count_first: no bypass and
                            SolveMaxFlowWithMinCost(), i.e. most mentees first, then maximum weight.
    scipy_lsa_dense         scipy.optimize.linear_sum_assignment on the dense matrix mentees x mentor
                            places (a mentor with capacity c is c columns), value w on an edge and 0
                            elsewhere (0 = unpaired); count first adds a bonus B > any weight total to
                            every edge. Skipped (a note line) when the matrix would not fit.
    scipy_sparse_lapjvsp    scipy.sparse.csgraph.min_weight_full_bipartite_matching (LAPJVsp) on the
                            sparse matrix mentees x (mentor places + one "unpaired" column per mentee).
  stable
    matching_hr             the `matching` package, HospitalResident.solve(optimal="resident").
  suggestions
    numpy_lexsort           top 5 mentors of every mentee by (weight desc, mentor asc) with numpy.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import time

import numpy as np

MAGIC = b"NSTVMAT1"
DENSE_LIMIT = int(os.environ.get("BENCH_DENSE_LIMIT", 120_000_000))  # matrix cells (8 bytes each)
PEERS = {
    "optimal": ["ortools_min_cost_flow", "scipy_lsa_dense", "scipy_sparse_lapjvsp"],
    "optimal_count_first": ["ortools_min_cost_flow", "scipy_lsa_dense", "scipy_sparse_lapjvsp"],
    "stable": ["matching_hr"],
    "suggestions": ["numpy_lexsort"],
}


def read_instance(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != MAGIC:
        raise SystemExit(f"{path}: not an instance file")
    n, m, e = np.frombuffer(data, dtype="<i8", count=3, offset=8)
    n, m, e = int(n), int(m), int(e)
    offset = 32

    def take(count):
        nonlocal offset
        a = np.frombuffer(data, dtype="<i4", count=count, offset=offset).astype(np.int64)
        offset += 4 * count
        return a

    inst = {"n": n, "m": m, "e": e}
    inst["capacity"] = take(m)
    inst["edge_start"] = take(n + 1)
    inst["edge_mentor"] = take(e)
    inst["edge_weight"] = take(e)
    inst["mentee_prefs"] = take(e)
    inst["mentor_pref_start"] = take(m + 1)
    inst["mentor_prefs"] = take(e)
    inst["edge_mentee"] = np.repeat(np.arange(n, dtype=np.int64), np.diff(inst["edge_start"]))
    return inst


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def evaluate(inst, mentor_of):
    """Objective (sum of weights) and matched count of an assignment mentee -> mentor (-1 unmatched)."""
    w = {}
    total, matched = 0, 0
    es, em, ew = inst["edge_start"], inst["edge_mentor"], inst["edge_weight"]
    for i in np.nonzero(mentor_of >= 0)[0]:
        lo, hi = es[i], es[i + 1]
        k = np.searchsorted(em[lo:hi], mentor_of[i])  # edges are sorted by mentor within a mentee
        assert k < hi - lo and em[lo + k] == mentor_of[i], "peer used a non-edge"
        total += int(ew[lo + k])
        matched += 1
    return total, matched


def slots(inst):
    """Mentor places: a mentor with capacity c (at most its degree) gives c columns."""
    degree = np.bincount(inst["edge_mentor"], minlength=inst["m"])
    places = np.minimum(inst["capacity"], degree)
    start = np.concatenate([[0], np.cumsum(places)])
    return places, start


def solve_ortools(inst, count_first):
    from ortools.graph.python import min_cost_flow

    n, m, e = inst["n"], inst["m"], inst["e"]
    t0 = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    source, sink = 0, n + m + 1
    mentees = np.arange(1, n + 1)
    mentors = np.arange(n + 1, n + m + 1)
    tails = [np.zeros(n, dtype=np.int64), inst["edge_mentee"] + 1, mentors]
    heads = [mentees, inst["edge_mentor"] + n + 1, np.full(m, sink)]
    caps = [np.ones(n, dtype=np.int64), np.ones(e, dtype=np.int64), inst["capacity"]]
    costs = [np.zeros(n, dtype=np.int64), -inst["edge_weight"], np.zeros(m, dtype=np.int64)]
    if not count_first:
        tails.append(mentees)
        heads.append(np.full(n, sink))
        caps.append(np.ones(n, dtype=np.int64))
        costs.append(np.zeros(n, dtype=np.int64))
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(tails), np.concatenate(heads), np.concatenate(caps), np.concatenate(costs)
    )
    smcf.set_nodes_supplies(np.array([source, sink]), np.array([n, -n]))
    setup = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    status = smcf.solve_max_flow_with_min_cost() if count_first else smcf.solve()
    seconds = time.perf_counter() - t0
    if status != smcf.OPTIMAL:
        return {"status": f"not optimal ({status})", "seconds": seconds, "setup_seconds": setup, "rss_before_solve_mb": before}
    edge_arcs = arcs[n : n + e]
    flows = smcf.flows(edge_arcs)
    mentor_of = np.full(n, -1, dtype=np.int64)
    used = np.nonzero(flows > 0)[0]
    mentor_of[inst["edge_mentee"][used]] = inst["edge_mentor"][used]
    return {"status": "optimal", "seconds": seconds, "setup_seconds": setup, "rss_before_solve_mb": before,
            "mentor_of": mentor_of, "solver_objective": -smcf.optimal_cost()}


def bonus(inst):
    return (int(inst["edge_weight"].max(initial=0)) + 1) * (inst["n"] + 1)


def solve_lsa_dense(inst, count_first):
    from scipy.optimize import linear_sum_assignment

    n = inst["n"]
    places, start = slots(inst)
    cols = int(start[-1])
    if n * cols > DENSE_LIMIT:
        return {"status": "skipped", "note": f"dense matrix {n} x {cols} = {n * cols * 8 / 2**30:.1f} GiB exceeds BENCH_DENSE_LIMIT={DENSE_LIMIT} cells"}
    t0 = time.perf_counter()
    value = np.zeros((n, cols), dtype=np.float64)
    w = inst["edge_weight"].astype(np.float64) + (bonus(inst) if count_first else 0)
    for k in range(int(places.max(initial=0))):
        sel = places[inst["edge_mentor"]] > k
        value[inst["edge_mentee"][sel], start[inst["edge_mentor"][sel]] + k] = w[sel]
    column_mentor = np.repeat(np.arange(inst["m"]), places)
    setup = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    rows, colidx = linear_sum_assignment(value, maximize=True)
    seconds = time.perf_counter() - t0
    mentor_of = np.full(n, -1, dtype=np.int64)
    real = value[rows, colidx] > 0
    mentor_of[rows[real]] = column_mentor[colidx[real]]
    # A weight-0 edge and "unpaired" are worth the same; count it as matched only where it is an edge.
    zero = ~real
    if zero.any():
        for r, c in zip(rows[zero], colidx[zero]):
            j = column_mentor[c]
            lo, hi = inst["edge_start"][r], inst["edge_start"][r + 1]
            k = np.searchsorted(inst["edge_mentor"][lo:hi], j)
            if not count_first and k < hi - lo and inst["edge_mentor"][lo + k] == j:
                mentor_of[r] = j
    return {"status": "optimal", "seconds": seconds, "setup_seconds": setup, "rss_before_solve_mb": before, "mentor_of": mentor_of}


def solve_lapjvsp(inst, count_first):
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    n, m = inst["n"], inst["m"]
    places, start = slots(inst)
    cols = int(start[-1])
    t0 = time.perf_counter()
    top = int(inst["edge_weight"].max(initial=0))
    # Costs are positive (an explicit 0 would read as "no edge"): edge top - w + 1, unpaired top + 1 (+ B).
    unpaired = top + 1 + (bonus(inst) if count_first else 0)
    rows, colsx, vals = [], [], []
    for k in range(int(places.max(initial=0))):
        sel = places[inst["edge_mentor"]] > k
        rows.append(inst["edge_mentee"][sel])
        colsx.append(start[inst["edge_mentor"][sel]] + k)
        vals.append((top - inst["edge_weight"][sel] + 1).astype(np.float64))
    rows.append(np.arange(n))
    colsx.append(cols + np.arange(n))
    vals.append(np.full(n, float(unpaired)))
    matrix = csr_matrix((np.concatenate(vals), (np.concatenate(rows), np.concatenate(colsx))), shape=(n, cols + n))
    column_mentor = np.concatenate([np.repeat(np.arange(m), places), np.full(n, -1)])
    setup = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    r, c = min_weight_full_bipartite_matching(matrix)
    seconds = time.perf_counter() - t0
    mentor_of = np.full(n, -1, dtype=np.int64)
    mentor_of[r] = column_mentor[c]
    return {"status": "optimal", "seconds": seconds, "setup_seconds": setup, "rss_before_solve_mb": before, "mentor_of": mentor_of}


def solve_matching_hr(inst):
    from matching.games import HospitalResident

    n, m = inst["n"], inst["m"]
    t0 = time.perf_counter()
    es, mp = inst["edge_start"].tolist(), inst["mentee_prefs"].tolist()
    ms, hp = inst["mentor_pref_start"].tolist(), inst["mentor_prefs"].tolist()
    resident_prefs = {i: mp[es[i] : es[i + 1]] for i in range(n) if es[i + 1] > es[i]}
    hospital_prefs = {j: hp[ms[j] : ms[j + 1]] for j in range(m) if ms[j + 1] > ms[j]}
    capacities = {j: int(inst["capacity"][j]) for j in hospital_prefs}
    game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capacities)
    setup = time.perf_counter() - t0
    before = rss_mb()
    t0 = time.perf_counter()
    result = game.solve(optimal="resident")
    seconds = time.perf_counter() - t0
    mentor_of = np.full(n, -1, dtype=np.int64)
    for hospital, residents in result.items():
        for r in residents:
            mentor_of[r.name] = hospital.name
    return {"status": "solved", "seconds": seconds, "setup_seconds": setup, "rss_before_solve_mb": before, "mentor_of": mentor_of}


def solve_suggestions(inst, limit=5):
    n = inst["n"]
    before = rss_mb()
    t0 = time.perf_counter()
    order = np.lexsort((inst["edge_mentor"], -inst["edge_weight"], inst["edge_mentee"]))
    mentee = inst["edge_mentee"][order]
    first = np.searchsorted(mentee, np.arange(n))
    position = np.arange(len(order)) - first[mentee]
    keep = position < limit
    table = np.full((n, limit), -1, dtype=np.int64)
    table[mentee[keep], position[keep]] = inst["edge_mentor"][order][keep]
    seconds = time.perf_counter() - t0
    return {"status": "solved", "seconds": seconds, "setup_seconds": 0.0, "rss_before_solve_mb": before,
            "table": table, "objective": int(inst["edge_weight"][order][keep].sum()), "matched": int((table[:, 0] >= 0).sum())}


def worker(args):
    """One peer, one instance, one mode, in this process; prints one JSON object."""
    inst = read_instance(args.input)
    count_first = args.mode == "optimal_count_first"
    if args.solver == "ortools_min_cost_flow":
        out = solve_ortools(inst, count_first)
    elif args.solver == "scipy_lsa_dense":
        out = solve_lsa_dense(inst, count_first)
    elif args.solver == "scipy_sparse_lapjvsp":
        out = solve_lapjvsp(inst, count_first)
    elif args.solver == "matching_hr":
        # The package deep-copies its linked player objects recursively: give it the stack it needs.
        import threading

        sys.setrecursionlimit(10**7)
        threading.stack_size(1 << 30)
        box = {}
        thread = threading.Thread(target=lambda: box.update(out=solve_matching_hr(inst)))
        thread.start()
        thread.join()
        out = box["out"]
    else:
        out = solve_suggestions(inst)
    out["peak_rss_mb"] = round(rss_mb(), 1)
    if "mentor_of" in out:
        out["objective"], out["matched"] = evaluate(inst, out["mentor_of"])
        np.asarray(out.pop("mentor_of"), dtype="<i4").tofile(args.solution)
    if "table" in out:
        np.asarray(out.pop("table"), dtype="<i4").reshape(-1).tofile(args.solution)
    print(json.dumps(out))


def compare(args):
    ours = {}
    with open(args.ours) as f:
        for line in f:
            line = line.strip()
            if line:
                row = json.loads(line)
                if row.get("instance") == args.instance:
                    ours[row["mode"]] = row
    timeout = float(os.environ.get("BENCH_PEER_TIMEOUT", 1800))
    for mode in args.modes.split(","):
        if mode not in ours:
            continue
        mine = ours[mode]
        our_solution = np.fromfile(os.path.join(args.solutions, f"{args.instance}.{mode}.bin"), dtype="<i4")
        for solver in PEERS[mode]:
            line = {"instance": args.instance, "mode": mode, "solver": solver}
            peer_solution = os.path.join(args.solutions, f"{args.instance}.{mode}.{solver}.bin")
            cmd = [sys.executable, os.path.abspath(__file__), "worker", "--instance", args.instance, "--input", args.input,
                   "--mode", mode, "--solver", solver, "--solution", peer_solution]
            try:
                done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                line.update({"status": "timeout", "note": f"no answer within BENCH_PEER_TIMEOUT={timeout:.0f} s",
                             "ratio_upper_bound": mine["seconds"] / timeout})
                print(json.dumps(line), flush=True)
                continue
            if done.returncode != 0:
                line.update({"status": "error", "note": done.stderr.strip().splitlines()[-1:] or ["exit %d" % done.returncode]})
                print(json.dumps(line), flush=True)
                continue
            theirs = json.loads(done.stdout.strip().splitlines()[-1])
            line.update(theirs)
            if theirs.get("status") not in ("skipped",) and "seconds" in theirs and "objective" in theirs:
                line["ratio"] = round(mine["seconds"] / theirs["seconds"], 4) if theirs["seconds"] > 0 else None
                peer = np.fromfile(peer_solution, dtype="<i4")
                if mode in ("optimal", "optimal_count_first"):
                    same = theirs["objective"] == mine["objective"]
                    if mode == "optimal_count_first":
                        same = same and theirs["matched"] == mine["matched"]
                    line["same_optimum"] = bool(same)
                    line["same_matching"] = bool(np.array_equal(peer, our_solution))  # optima may tie: informative only
                else:
                    line["same_matching"] = bool(np.array_equal(peer, our_solution))
                line["ours_seconds"] = mine["seconds"]
                line["ours_objective"] = mine["objective"]
            print(json.dumps(line), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("compare")
    c.add_argument("--instance", required=True)
    c.add_argument("--input", required=True)
    c.add_argument("--ours", required=True, help="JSON lines printed by nastavnik-bench run")
    c.add_argument("--solutions", required=True, help="directory of <instance>.<mode>.bin solutions")
    c.add_argument("--modes", default="optimal,optimal_count_first,stable,suggestions")
    w = sub.add_parser("worker")
    w.add_argument("--instance", required=True)
    w.add_argument("--input", required=True)
    w.add_argument("--mode", required=True)
    w.add_argument("--solver", required=True)
    w.add_argument("--solution", required=True)
    args = parser.parse_args()
    (compare if args.command == "compare" else worker)(args)


if __name__ == "__main__":
    main()
