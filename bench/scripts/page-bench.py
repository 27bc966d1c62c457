#!/usr/bin/env python3
"""Server time to render web pages (the prerendered HTML of the first request), p50/p99 on loopback.

Usage: page-bench.py BASE_URL USER PASSWORD [--runs N]
Signs in through the real form (anti-forgery token and cookie), then requests: the customer list's first
page, filtered pages (type, tag), and customer 360 pages of customers drawn from the list.
Create the user first:  echo PASSWORD | guanxi users add bench --role admin --password-stdin --db ...
"""
import http.cookiejar, re, statistics, sys, time, urllib.parse, urllib.request

base, user, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 50
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

def get(path):
    t = time.perf_counter()
    with opener.open(base + path) as r:
        body = r.read().decode("utf-8")
        if "/signin" in r.url:
            sys.exit("not signed in: " + r.url)
    return (time.perf_counter() - t) * 1000, body

with opener.open(base + "/signin") as r:
    form = r.read().decode("utf-8")
token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', form) or \
        re.search(r'value="([^"]+)" name="__RequestVerificationToken"', form) or \
        re.search(r'name="__RequestVerificationToken"[^>]*value="([^"]+)"', form)
data = urllib.parse.urlencode({"userName": user, "password": password, "returnUrl": "/",
                               "__RequestVerificationToken": token.group(1)}).encode()
opener.open(urllib.request.Request(base + "/account/signin", data=data)).read()

_, listing = get("/customers")
ids = sorted(set(re.findall(r'href="/customers/(\d+)"', listing)))
pages = {
    "customer list, first page": lambda i: "/customers",
    "customer list, type filter": lambda i: "/customers?kind=Person",
    "customer list, tag filter": lambda i: "/customers?tag=VIP",
    "customer 360": lambda i: "/customers/" + ids[i % len(ids)],
}
print("| page | runs | p50 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- |")
for name, make in pages.items():
    get(make(0))  # warm
    times = sorted(get(make(i))[0] for i in range(runs))
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {runs} | {statistics.median(times):.1f} | {p99:.1f} | {times[-1]:.1f} |")
