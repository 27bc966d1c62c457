#!/usr/bin/env python3
"""Search latency of the customer list API (server time on loopback, p50/p99).

Usage: search-bench.py BASE_URL --token TOKEN [--runs N]   (token: guanxi tokens create bench --db ...)
Start the server first, e.g.
  dotnet /tmp/bench/guanxi-bin/guanxi.dll serve --db /tmp/bench/demo1m.db --urls http://127.0.0.1:5077 --no-demo
Queries are drawn from the data itself (first page only, limit 50): phone fragments of 4 and 7
digits, 3-character name parts, 2-character names (first two, and from inside the name), single
characters, two Latin letters, email parts, exact codes, a city filter, a tag
filter and the unfiltered first page.
"""
import json, random, statistics, sys, time, urllib.parse, urllib.request

base = sys.argv[1].rstrip("/")
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 200
token = sys.argv[sys.argv.index("--token") + 1] if "--token" in sys.argv else None
rng = random.Random(42)

def get(path):
    t = time.perf_counter()
    request = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request) as r:
        body = r.read()
    return (time.perf_counter() - t) * 1000, json.loads(body)

# Sample real values by paging a little through the newest customers and one customer per request.
_, page = get("/api/v1/customers?limit=200")
sample = page["items"]
for _ in range(5):
    if not page.get("nextCursor"):
        break
    _, page = get("/api/v1/customers?limit=200&sort=Name&after=" + urllib.parse.quote(page["nextCursor"]))
    sample += page["items"]
phones = [c["phone"] for c in sample if c.get("phone")]
digits = ["".join(ch for ch in p if ch.isdigit()) for p in phones]
emails = [c["email"] for c in sample if c.get("email")]
names = [c["name"] for c in sample]

kinds = {
    "phone 4 digits": lambda: "q=" + (lambda d: d[rng.randrange(0, len(d) - 4):][:4])(rng.choice(digits)),
    "phone 7 digits": lambda: "q=" + (lambda d: d[-7:])(rng.choice(digits)),
    "name 3 chars": lambda: "q=" + urllib.parse.quote((lambda n: n[:3] if len(n) >= 3 else n)(rng.choice([n for n in names if len(n) >= 3] or names))),
    "name 2 chars": lambda: "q=" + urllib.parse.quote(rng.choice(names)[:2]),
    "email part": lambda: "q=" + urllib.parse.quote(rng.choice(emails).split("@")[0][:6] + "@"),
    "exact code": lambda: "q=" + urllib.parse.quote(rng.choice(sample)["code"]),
    "city filter": lambda: "city=" + urllib.parse.quote(rng.choice([c["city"] for c in sample if c.get("city")])),
    "tag filter": lambda: "tag=VIP",
    "first page": lambda: "",
    # Added after the first figures were taken, last so the queries drawn above stay the same.
    "name 2 chars, inside": lambda: "q=" + urllib.parse.quote((lambda n: n[1:3] if len(n) >= 3 else n)(rng.choice(names))),
    "name 1 char": lambda: "q=" + urllib.parse.quote((lambda n: n[rng.randrange(len(n))])(rng.choice(names))),
    "name 2 Latin letters": lambda: "q=" + rng.choice(["li", "an", "wa", "zh", "qx"]),
}
print("| query | runs | p50 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- |")
for name, make in kinds.items():
    times = []
    for _ in range(runs):
        ms, _ = get("/api/v1/customers?limit=50&" + make())
        times.append(ms)
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {runs} | {statistics.median(times):.1f} | {p99:.1f} | {times[-1]:.1f} |")
