#!/usr/bin/env python3
"""Server time of the opportunity board and list pages (issue 15), p50/p99 on loopback, on the sales-lists data.

Usage: sales-pages-bench.py BASE_URL PASSWORD [--runs N]
Signs in (the sign-in form, a cookie session each) as the bench admin and as the 20 bench reps of the sales probes
(bench-sales-admin, bench-seller-0..19, all with PASSWORD), then times GET /opportunities/board and GET /opportunities
(the prerendered HTML of the first request: what the server does before the first paint), N times each under the
reps in turn and N/5 times under the admin, after one untimed request per page and user.
"""
import http.cookiejar, re, statistics, sys, time, urllib.parse, urllib.request

base, password = sys.argv[1].rstrip("/"), sys.argv[2]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 100

def session(user):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/signin") as r:
        form = r.read().decode("utf-8")
    anti = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', form) or re.search(r'value="([^"]+)" name="__RequestVerificationToken"', form)
    opener.open(urllib.request.Request(base + "/account/signin", data=urllib.parse.urlencode(
        {"userName": user, "password": password, "returnUrl": "/", "__RequestVerificationToken": anti.group(1)}).encode())).read()
    return opener

def timed(opener, path):
    t = time.perf_counter()
    with opener.open(base + path) as r:
        body = r.read().decode("utf-8")
    return (time.perf_counter() - t) * 1000, body

def report(name, times):
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p99:.1f} | {times[-1]:.1f} |", flush=True)

reps = [session(f"bench-seller-{i}") for i in range(20)]
admin = session("bench-sales-admin")
print("| page | runs | p50 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- |")
for path in ["/opportunities/board", "/opportunities"]:
    for s in reps + [admin]:
        _, body = timed(s, path)
        if "signin" in body[:2000].lower() and "__RequestVerificationToken" in body:
            sys.exit(f"not signed in: {path}")
    report(f"{path}, rep (20 in turn)", [timed(reps[i % 20], path)[0] for i in range(runs)])
    report(f"{path}, admin", [timed(admin, path)[0] for _ in range(max(1, runs // 5))])
