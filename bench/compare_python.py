#!/usr/bin/python3
"""Times igraph and networkx on the exposure benchmark's graph (bench/query_bench.cc).

Reads the walkable edge list that BM_SqliteRecursiveCte writes (edges.tsv: src, dst,
strength; targets.txt: vertices within region:Eastmark; subjects.txt: the 1000 query
subjects; vertices.txt: the vertex count) and, for each subject, runs the equivalent
bounded search: every vertex reachable within 3 hops over those edges, kept if it is a
target, with its best damped score (product of strengths x 0.85 per hop after the
first), top 10. igraph: C-level `neighborhood(order=3, mode="out")` for reachability,
then the scores layer by layer; networkx: `single_source_shortest_path_length(cutoff=3)`,
then the same scoring. Prints one JSON object with p50/p99/mean in microseconds, wall
(p50_us, ...) and thread CPU time (cpu_p50_us, ...).

Run with Debian's interpreter and packages (not pip):
  sudo apt-get install -y python3-igraph python3-networkx
  /usr/bin/python3 bench/compare_python.py --dir /tmp/corpgraph-bench/query-1000000-5000000-edges-v1
Missing packages are installed with apt-get when running as root (--no-install: never).
"""
import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import time

DAMPING = 0.85
HOPS = 3
TOP = 10


def ensure_packages(allow_install):
    missing = []
    for module, package in (("igraph", "python3-igraph"), ("networkx", "python3-networkx")):
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(package)
    if not missing:
        return
    command = ["apt-get", "install", "-y"] + missing
    if os.geteuid() != 0:
        command = ["sudo", "-n"] + command
    if not allow_install:
        sys.exit("compare_python: missing %s; install with: sudo apt-get install -y %s"
                 % (", ".join(missing), " ".join(missing)))
    print("compare_python: installing " + " ".join(missing), file=sys.stderr)
    if subprocess.call(command, env=dict(os.environ, DEBIAN_FRONTEND="noninteractive")) != 0:
        sys.exit("compare_python: could not install %s (run: sudo apt-get install -y %s)"
                 % (", ".join(missing), " ".join(missing)))


def load(directory):
    with open(os.path.join(directory, "vertices.txt")) as f:
        n = int(f.read())
    src, dst, strength = [], [], []
    with open(os.path.join(directory, "edges.tsv")) as f:
        for line in f:
            a, b, s = line.split("\t")
            src.append(int(a))
            dst.append(int(b))
            strength.append(float(s))
    with open(os.path.join(directory, "targets.txt")) as f:
        targets = {int(line) for line in f}
    with open(os.path.join(directory, "subjects.txt")) as f:
        subjects = [int(line) for line in f]
    return n, src, dst, strength, targets, subjects


def top_scores(source, out_edges, reachable, targets):
    """Best damped score per reachable target; walks stop at their first target."""
    best = {}
    layer = {source: 1.0}
    for hop in range(1, HOPS + 1):
        next_layer = {}
        for v, score in layer.items():
            if hop > 1 and v in targets:
                continue
            for w, s in out_edges(v):
                if w not in reachable:
                    continue
                value = s if hop == 1 else score * s * DAMPING
                if value > next_layer.get(w, -1.0):
                    next_layer[w] = value
        for w, value in next_layer.items():
            if w in targets and value > best.get(w, -1.0):
                best[w] = value
        layer = next_layer
    return sorted(best.items(), key=lambda item: (-item[1], item[0]))[:TOP]


def percentiles(values):
    values = sorted(values)
    def rank(q):
        index = max(0, min(len(values) - 1, int(-(-q * len(values) // 1)) - 1))
        return values[index]
    return {"p50_us": rank(0.50), "p99_us": rank(0.99), "mean_us": statistics.fmean(values),
            "queries": len(values)}


def time_queries(subjects, run, repeat):
    """Wall (perf_counter) and this thread's CPU time (thread_time) per query."""
    latencies = []
    cpu = []
    found = 0
    for _ in range(repeat):
        for s in subjects:
            cpu_start = time.thread_time()
            start = time.perf_counter()
            found += len(run(s))
            latencies.append((time.perf_counter() - start) * 1e6)
            cpu.append((time.thread_time() - cpu_start) * 1e6)
    result = percentiles(latencies)
    for key, value in percentiles(cpu).items():
        if key != "queries":
            result["cpu_" + key] = value
    result["targets_per_query"] = found / max(1, len(latencies))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dir", required=True, help="folder with edges.tsv, targets.txt, subjects.txt")
    parser.add_argument("--repeat", type=int, default=1, help="passes over the subjects")
    parser.add_argument("--no-install", action="store_true", help="never run apt-get")
    parser.add_argument("--skip", choices=["igraph", "networkx"], action="append", default=[])
    args = parser.parse_args()
    ensure_packages(not args.no_install)
    import igraph
    import networkx

    start = time.perf_counter()
    n, src, dst, strength, targets, subjects = load(args.dir)
    report = {"vertices": n, "walkable_edges": len(src), "subjects": len(subjects),
              "load_seconds": round(time.perf_counter() - start, 1)}

    if "igraph" not in args.skip:
        start = time.perf_counter()
        g = igraph.Graph(n=n, edges=list(zip(src, dst)), directed=True)
        g.es["strength"] = strength
        adjacency = g.get_inclist(mode="out")
        report["igraph_build_seconds"] = round(time.perf_counter() - start, 1)
        def out_edges(v):
            return ((dst[e], strength[e]) for e in adjacency[v])
        def run(s):
            reachable = set(g.neighborhood(s, order=HOPS, mode="out"))
            return top_scores(s, out_edges, reachable, targets)
        report["igraph"] = time_queries(subjects, run, args.repeat)
        report["igraph"]["version"] = igraph.__version__
        del g, adjacency

    if "networkx" not in args.skip:
        start = time.perf_counter()
        G = networkx.DiGraph()
        G.add_nodes_from(range(n))
        G.add_weighted_edges_from(zip(src, dst, strength), weight="strength")
        report["networkx_build_seconds"] = round(time.perf_counter() - start, 1)
        def out_edges_nx(v):
            return ((w, data["strength"]) for w, data in G.adj[v].items())
        def run_nx(s):
            reachable = set(networkx.single_source_shortest_path_length(G, s, cutoff=HOPS))
            return top_scores(s, out_edges_nx, reachable, targets)
        report["networkx"] = time_queries(subjects, run_nx, args.repeat)
        report["networkx"]["version"] = networkx.__version__
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
