#!/usr/bin/env python3
"""Paired search latency: the same query to the before and after servers back to back, in random order, so both
see the same machine load. Usage: paired.py URL_BEFORE URL_AFTER TOKEN [RUNS]"""
import json, random, statistics, sys, time, urllib.parse, urllib.request
a, b, token = sys.argv[1], sys.argv[2], sys.argv[3]
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 150
rng = random.Random(7)
def get(base, path):
    t = time.perf_counter()
    with urllib.request.urlopen(urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, json.loads(body)
_, page = get(a, "/api/v1/customers?limit=200")
sample = page["items"]
for _ in range(5):
    _, page = get(a, "/api/v1/customers?limit=200&sort=Name&after=" + urllib.parse.quote(page["nextCursor"]))
    sample += page["items"]
digits = ["".join(ch for ch in c["phone"] if ch.isdigit()) for c in sample if c.get("phone")]
emails = [c["email"] for c in sample if c.get("email")]
names = [c["name"] for c in sample]
kinds = {
    "phone 4 digits": lambda: "q=" + (lambda d: d[rng.randrange(0, len(d) - 4):][:4])(rng.choice(digits)),
    "phone 7 digits": lambda: "q=" + rng.choice(digits)[-7:],
    "name 3 chars": lambda: "q=" + urllib.parse.quote(rng.choice([n for n in names if len(n) >= 3])[:3]),
    "name 2 chars": lambda: "q=" + urllib.parse.quote(rng.choice(names)[:2]),
    "name 1 char": lambda: "q=" + urllib.parse.quote((lambda n: n[rng.randrange(len(n))])(rng.choice(names))),
    "email part": lambda: "q=" + urllib.parse.quote(rng.choice(emails).split("@")[0][:6] + "@"),
    "exact code": lambda: "q=" + urllib.parse.quote(rng.choice(sample)["code"]),
    "first page (no q)": lambda: "",
}
print("| query | pairs | before p50 ms | after p50 ms | median of after/before per pair |")
print("| --- | --- | --- | --- | --- |")
for name, make in kinds.items():
    tb, ta, ratios = [], [], []
    for _ in range(runs):
        path = "/api/v1/customers?limit=50&" + make()
        order = [(a, tb), (b, ta)]
        rng.shuffle(order)
        times = {}
        for base, into in order:
            ms, _ = get(base, path)
            into.append(ms); times[base] = ms
        ratios.append(times[b] / times[a])
    print(f"| {name} | {runs} | {statistics.median(tb):.1f} | {statistics.median(ta):.1f} | {statistics.median(ratios):.2f} |")
