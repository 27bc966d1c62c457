#!/usr/bin/env python3
"""Server time to render web pages (the prerendered HTML of the first request), p50/p99 on loopback.

Usage: page-bench.py BASE_URL USER PASSWORD [--runs N] [--customers ID,ID,...] [--only SUBSTRING]
Signs in through the real form (anti-forgery token and cookie), then requests every main page a salesperson opens:
the home page (trends, layers, churn alerts), the customer list (first page, each sort, filters, a saved view with
every column), customer 360 pages (customers drawn from the list, plus --customers, e.g. the ones with the most
orders), the models pages (overview, a model with its distribution and trend, a class's customers, the RFM heat map
and a cell, the migration matrix), the opportunities list and board, the service queue, the tasks and the campaigns.
Every page loads its data while it renders on the server (the prerendered HTML already shows it), so the server time
of the first request is the time until the user sees the data; the API the home page's data comes from
(GET /api/v1/customers/trends) is timed too, for API clients.
Create the user first:  echo PASSWORD | guanxi users add bench --role admin --password-stdin --db ...
"""
import http.cookiejar, json, re, statistics, sys, time, urllib.parse, urllib.request

base, user, password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
def arg(name, default=None):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default
runs = int(arg("--runs", "50"))
heavy = [c for c in arg("--customers", "").split(",") if c]
only = arg("--only")
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
data = urllib.parse.urlencode({"userName": user, "password": password, "returnUrl": "/customers",
                               "__RequestVerificationToken": token.group(1)}).encode()
opener.open(urllib.request.Request(base + "/account/signin", data=data)).read()

_, listing = get("/customers")
ids = sorted(set(re.findall(r'href="/customers/(\d+)"', listing)))

# A saved view with every column the list offers (the user's own; named after the user, so reruns reuse it).
view = None
api_token = arg("--token")
if api_token:
    headers = {"Authorization": "Bearer " + api_token, "Content-Type": "application/json"}
    body = json.dumps({"name": "bench " + user, "query": "kind=Person&sort=Name", "shared": False,
                       "columns": ["code", "kind", "phone", "city", "owner", "created", "spend", "orders", "lastPurchase",
                                   "lastContact", "tags", "rfm", "value", "tier"]}).encode()
    try:
        with urllib.request.urlopen(urllib.request.Request(base + "/api/v1/customer-views", data=body, headers=headers)) as r:
            view = json.load(r)["id"]
    except urllib.error.HTTPError as e:
        print(f"(no saved view: {e.code})", file=sys.stderr)

pages = {
    "home /": lambda i: "/",
    "GET /api/v1/customers/trends": lambda i: "/api/v1/customers/trends",
    "customer list, first page": lambda i: "/customers",
    "customer list, sort name": lambda i: "/customers?sort=Name",
    "customer list, sort code": lambda i: "/customers?sort=Code",
    "customer list, sort city": lambda i: "/customers?sort=City",
    "customer list, sort oldest": lambda i: "/customers?sort=Oldest",
    "customer list, type filter": lambda i: "/customers?kind=Person",
    "customer list, tag filter": lambda i: "/customers?tag=VIP",
    "customer list, city filter": lambda i: "/customers?city=" + urllib.parse.quote("上海"),
    "customer 360 (from the list)": lambda i: "/customers/" + ids[i % len(ids)],
    "/models": lambda i: "/models",
    "/models/value": lambda i: "/models/value",
    "/models/value, a class's customers": lambda i: "/models/value?class=high_value",
    "/models/member_tier": lambda i: "/models/member_tier",
    "/models/rfm_segment (RFM heat map)": lambda i: "/models/rfm_segment",
    "/models/rfm_segment, a cell": lambda i: "/models/rfm_segment?r=5&f=5",
    "/models/migration": lambda i: "/models/migration",
    "/opportunities": lambda i: "/opportunities",
    "/opportunities/board": lambda i: "/opportunities/board",
    "/service": lambda i: "/service",
    "/tasks": lambda i: "/tasks",
    "/marketing/campaigns": lambda i: "/marketing/campaigns",
}
if view is not None:
    pages["customer list, saved view (every column)"] = lambda i: f"/customers?view={view}"
if heavy:
    pages["customer 360 (most orders)"] = lambda i: "/customers/" + heavy[i % len(heavy)]

# "first ms" is the first request of the page (the warm-up, not in p50/p99): pages that keep an answer (the home page's
# figures, the migration matrix) show there what the first visitor after a restart or expiry waits.
print("| page | runs | first ms | p50 ms | p99 ms | max ms |")
print("| --- | --- | --- | --- | --- | --- |")
for name, make in pages.items():
    if only and only not in name:
        continue
    first = get(make(0))[0]  # warm
    times = sorted(get(make(i))[0] for i in range(runs))
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    print(f"| {name} | {runs} | {first:.1f} | {statistics.median(times):.1f} | {p99:.1f} | {times[-1]:.1f} |", flush=True)
