#!/usr/bin/env python3
"""Server time of the survey pages (issue 14), p50/p99 on loopback, against a database with many answers.

Usage: survey-bench.py BASE_URL TOKEN USER PASSWORD [--runs N]
Makes N survey links for customers through the API (bearer TOKEN), then times: the customer's survey page
GET /s/{token} (each link once), then N/5 times each: the results API GET /api/v1/surveys/results, and the staff results page
/service/surveys signed in as USER (the prerendered HTML of the first request).
"""
import http.cookiejar, json, re, statistics, sys, time, urllib.parse, urllib.request

base, token, user, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3], sys.argv[4]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 50
# The results read every answer in reach: fewer runs of them.
result_runs = max(1, runs // 5)
auth = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

def api(method, path, body=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, headers=auth, method=method)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read().decode("utf-8"))

def timed(opener, path):
    t = time.perf_counter()
    with opener.open(base + path) as r:
        r.read()
    return (time.perf_counter() - t) * 1000

def report(name, times):
    times = sorted(times)
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {len(times)} | {statistics.median(times):.1f} | {p99:.1f} | {times[-1]:.1f} |")

customers = [c["id"] for c in api("GET", "/api/v1/customers?limit=%d" % runs)["items"]]
links = [api("POST", "/api/v1/surveys", {"customerId": customers[i % len(customers)], "kind": "Csat"})["path"] for i in range(runs + 1)]
public = urllib.request.build_opener()
timed(public, links[0])  # warm
survey = [timed(public, p) for p in links[1:]]

jar = http.cookiejar.CookieJar()
staff = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
with staff.open(base + "/signin") as r:
    form = r.read().decode("utf-8")
anti = re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', form) or re.search(r'value="([^"]+)" name="__RequestVerificationToken"', form)
staff.open(urllib.request.Request(base + "/account/signin", data=urllib.parse.urlencode(
    {"userName": user, "password": password, "returnUrl": "/", "__RequestVerificationToken": anti.group(1)}).encode())).read()
bearer = urllib.request.build_opener()
bearer.addheaders = [("Authorization", "Bearer " + token)]
timed(bearer, "/api/v1/surveys/results")
results = [timed(bearer, "/api/v1/surveys/results") for _ in range(result_runs)]
timed(staff, "/service/surveys")
page = [timed(staff, "/service/surveys") for _ in range(result_runs)]

print("| page | runs | p50 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- |")
report("customer's survey page GET /s/{token}", survey)
report("survey results API (all answers)", results)
report("survey results page /service/surveys", page)
