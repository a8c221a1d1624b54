#!/usr/bin/env python3
"""tests/export_check.py DIR SHARED — reads every export in DIR the way a
user's script would (Python's csv and json; pandas too when installed)
against the official column lists in SHARED/eval/formats and the PLOVER
gold set's shapes, and checks types, id joins between the files, and
that every offset points at the actor's and the trigger's words in the
article (DIR/docs.jsonl). Prints one line per failed check and exits 1
if any failed. Run by tests/test_export.c."""
import csv
import json
import os
import sys

d, shared = sys.argv[1], sys.argv[2]
fmt = os.path.join(shared, "eval", "formats")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def codebook(name):
    with open(os.path.join(fmt, name), newline="") as f:
        return [(r["name"], r["type"]) for r in csv.DictReader(f)]


def tsv(name, header):
    with open(os.path.join(d, name), newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return (rows[0], rows[1:]) if header else (None, rows)


def typed(value, kind):
    if value == "":
        return True
    try:
        if kind == "INTEGER":
            int(value)
        elif kind == "FLOAT":
            float(value)
        return True
    except ValueError:
        return False


docs = {}
with open(os.path.join(d, "docs.jsonl")) as f:
    for line in f:
        o = json.loads(line)
        docs[o["id"]] = o
        if o.get("url"):
            docs[o["url"]] = o

# --- GDELT events: 61 columns of the codebook, typed
ev_cols = codebook("events2.csv")
check(len(ev_cols) == 61, "events2.csv lists 61 columns")
_, ev = tsv("gdelt.tsv", False)
check(len(ev) > 0, "gdelt: rows")
events = {}
for r in ev:
    if not check(len(r) == len(ev_cols), "gdelt: %d columns, want %d" % (len(r), len(ev_cols))):
        continue
    row = dict(zip([c for c, _ in ev_cols], r))
    for (name, kind), v in zip(ev_cols, r):
        check(typed(v, kind), "gdelt: %s=%r is not %s" % (name, v, kind))
    events[row["GLOBALEVENTID"]] = row
    check(not row["Actor1Code"].startswith("-"), "gdelt: bare role code, not %s" % row["Actor1Code"])
    check(row["Actor1Name"].lower() not in ("he", "his", "she", "they", "it"), "gdelt: pronoun name")
    for g in ("Actor1Geo", "Actor2Geo", "ActionGeo"):
        t = row[g + "_Type"]
        cc, adm1 = row[g + "_CountryCode"], row[g + "_ADM1Code"]
        if t != "0":
            check(len(cc) == 2, "gdelt: %s_CountryCode %r is not FIPS" % (g, cc))
            check(adm1.startswith(cc), "gdelt: %s_ADM1Code %r not under %r" % (g, adm1, cc))
            name = row[g + "_FullName"].split(", ")
            check(len(name) == len(set(name)), "gdelt: repeated part in %r" % row[g + "_FullName"])
    check(int(row["NumArticles"]) <= int(row["NumMentions"]), "gdelt: articles <= mentions")
check(len(events) == len(ev), "gdelt: GLOBALEVENTID unique")

# --- GDELT mentions: 16 columns, every mention joins its event
mcols = codebook("mentions.csv")
check(len(mcols) == 16, "mentions.csv lists 16 columns")
_, men = tsv("mentions.tsv", False)
check(len(men) > 0, "mentions: rows")
mention_offsets = set()
for r in men:
    if not check(len(r) == 16, "mentions: %d columns" % len(r)):
        continue
    row = dict(zip([c for c, _ in mcols], r))
    for (name, kind), v in zip(mcols, r):
        check(typed(v, kind), "mentions: %s=%r is not %s" % (name, v, kind))
    e = events.get(row["GLOBALEVENTID"])
    if check(e is not None, "mentions: event %s not in the events file" % row["GLOBALEVENTID"]):
        check(row["EventTimeDate"] == e["DATEADDED"], "mentions: EventTimeDate is the event's DATEADDED")
        check(row["MentionTimeDate"] >= row["EventTimeDate"], "mentions: mentioned after first seen")
    mention_offsets.add((row["GLOBALEVENTID"], row["MentionIdentifier"], row["SentenceID"],
                         row["Actor1CharOffset"], row["Actor2CharOffset"], row["ActionCharOffset"]))
    doc = docs.get(row["MentionIdentifier"])
    if check(doc is not None, "mentions: identifier names a document"):
        check(int(row["MentionDocLen"]) == len(doc["text"]), "mentions: MentionDocLen in characters")

# --- JSONL: typed numbers, string ids, offsets at the words
plain = []
with open(os.path.join(d, "events.jsonl")) as f:
    for line in f:
        plain.append(json.loads(line))
offsets_checked = 0
late_seen = False
for o in plain:
    check(isinstance(o["event_id"], str) and o["event_id"] in events, "jsonl: event_id joins gdelt")
    check(isinstance(o["quad_class"], int), "jsonl: quad_class is a number")
    check(isinstance(o["goldstein"], (int, float)), "jsonl: goldstein is a number")
    check(isinstance(o["sentence"], int), "jsonl: sentence is a number")
    check(o["lat"] is None or isinstance(o["lat"], float), "jsonl: lat is a number")
    check(isinstance(o["cameo"], str), "jsonl: cameo stays text")
    check(o["date"] <= o["doc_date"][:10], "jsonl: %s dated after its article" % o["event_id"])
    if o["doc"] == "late":
        late_seen = check(o["date"] == "2023-07-23" and o["date_precision"] == "document",
                          "the December 2025 act takes its article's date")
    text = docs[o["doc"]]["text"]
    for side in ("source", "target"):
        if o[side + "_offset"] is not None and o[side + "_text"]:
            k = o[side + "_offset"]
            check(text[k:k + len(o[side + "_text"])] == o[side + "_text"],
                  "offset %d of %s is %r, not %r" % (k, side, text[k:k + 20], o[side + "_text"]))
            offsets_checked += 1
    k = o["trigger_offset"]
    check(k is not None and text[k:k + len(o["trigger"])] == o["trigger"],
          "trigger offset %r is not %r" % (k, o["trigger"]))
    offsets_checked += 1
    key = (o["event_id"], o["url"] or o["doc"], str(o["sentence"]),
           str(o["source_offset"]) if o["source_offset"] is not None else "-1",
           str(o["target_offset"]) if o["target_offset"] is not None else "-1", str(o["trigger_offset"]))
    check(key in mention_offsets, "jsonl mention %r is in the mentions file with its offsets" % (key,))
check(len(plain) == len(men), "jsonl: one row per mention (%d, %d)" % (len(plain), len(men)))
check(offsets_checked > 0, "offsets checked")
check(late_seen, "the act dated after its article is exported, with the article's date")

# --- CSV: header, codes kept as text
with open(os.path.join(d, "events.csv"), newline="") as f:
    rows = list(csv.DictReader(f))
check(len(rows) == len(plain), "csv: one row per mention")
for r in rows:
    check(r["event_id"] in events, "csv: event_id joins gdelt")
    check(r["cameo"].isdigit() and len(r["cameo"]) >= 3 and r["root"] == r["cameo"][:2],
          "csv: CAMEO code %r kept as text (root %r)" % (r["cameo"], r["root"]))

# --- ICEWS: the sample's header, typed columns, ids join
with open(os.path.join(fmt, "icews.events.2018.sample.tab"), newline="") as f:
    icews_header = next(csv.reader(f, delimiter="\t"))
head, ic = tsv("icews.tsv", True)
check(head[:len(icews_header)] == icews_header, "icews: the sample's columns %r" % head)
for r in ic:
    if not check(len(r) == len(head), "icews: %d columns" % len(r)):
        continue
    row = dict(zip(head, r))
    check(row["Event ID"] in events, "icews: Event ID joins gdelt")
    check(len(row["Event Date"]) == 10 and row["Event Date"][4] == "-", "icews: Event Date")
    float(row["Intensity"])
    int(row["Sentence Number"])
    check(row["Latitude"] == "NA" or typed(row["Latitude"], "FLOAT"), "icews: Latitude")

# --- POLECAT: the release columns
POLECAT = ("Event ID,Event Date,Event Type,Event Mode,Intensity,Quad Code,Contexts,Actor Name,"
           "Actor Country,Actor COW,Primary Actor Sector,Actor Sectors,Actor Title,Actor Name Raw,"
           "Wikipedia Actor ID,Recipient Name,Recipient Country,Recipient COW,Primary Recipient Sector,"
           "Recipient Sectors,Recipient Title,Recipient Name Raw,Wikipedia Recipient ID,Placename,City,"
           "District,Province,Country,Latitude,Longitude,GeoNames ID,Raw Placename,Feature Type,Source,"
           "Publication Date,Story People,Story Organizations,Story Locations,Language,Version").split(",")
head, pc = tsv("polecat.tsv", True)
check(head[:len(POLECAT)] == POLECAT, "polecat: the release's columns")
for r in pc:
    if check(len(r) == len(head), "polecat: %d columns" % len(r)):
        check(r[0] in events, "polecat: Event ID joins gdelt")


# --- PLOVER: one reader for the gold set's records and ours
def read_plover(o, actor="actor", recipient="recipient"):
    """What a PLOVER user's loader takes from a record."""
    assert isinstance(o["id"], str) and isinstance(o["date"], str) and isinstance(o["event"], str)
    assert isinstance(o["text"], str) and isinstance(o.get("eventText", ""), str)
    ents = []
    for side in (actor, recipient):
        v = o.get(side) or []
        if isinstance(v, str):  # a few gold records hold a bare string
            v = [{"actorText": v, "code": ""}]
        assert isinstance(v, list)
        for e in v:
            assert isinstance(e["actorText"], (str, type(None))) and isinstance(e["code"], str)
            ents.append((side, e["code"]))
    for k in ("mode", "context"):
        v = o.get(k)
        assert v is None or isinstance(v, (str, list))
    return ents


with open(os.path.join(shared, "eval", "events", "plover-gsr", "plover_gsr_dev.json")) as f:
    gold = json.load(f)
for g in gold:
    read_plover(g, "source", "target")
compound = 0
with open(os.path.join(d, "plover.jsonl")) as f:
    for line in f:
        o = json.loads(line)
        try:
            ents = read_plover(o)
        except (AssertionError, KeyError) as e:
            check(False, "plover: record not in the gold set's shape: %r %s" % (e, line[:300]))
            continue
        check(isinstance(o["mode"], list) and isinstance(o["context"], list), "plover: mode, context lists")
        check(o["id"] in events and all(i in events for i in o["event_ids"]), "plover: ids join gdelt")
        compound += sum(1 for s, _ in ents if s == "actor") > 1
        text = docs[o["story_id"]]["text"]
        for a in o["actor"] + o["recipient"]:
            k = a["offset"]
            if a["actorText"] is None:  # inferred from the article: no span
                check(k is None, "plover: an entity without text has no offset")
                continue
            check(k is not None and text[k:k + len(a["actorText"])] == a["actorText"], "plover: entity offset")

# --- pandas, when Debian's python3-pandas is there: the documented calls
try:
    import pandas as pd
except ImportError:
    pd = None
if pd is not None:
    names = [c for c, _ in ev_cols]
    df = pd.read_csv(os.path.join(d, "gdelt.tsv"), sep="\t", header=None, names=names,
                     dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    check(list(df.columns) == names, "pandas: gdelt columns")
    mf = pd.read_csv(os.path.join(d, "mentions.tsv"), sep="\t", header=None,
                     names=[c for c, _ in mcols])
    check(set(mf["GLOBALEVENTID"]) <= set(df["GLOBALEVENTID"]), "pandas: mentions join events")
    ic = pd.read_csv(os.path.join(d, "icews.tsv"), sep="\t", dtype={"CAMEO Code": str})
    check(set(ic["Event ID"]) <= set(df["GLOBALEVENTID"]), "pandas: icews joins gdelt")
    pj = pd.read_json(os.path.join(d, "plover.jsonl"), lines=True, dtype={"id": str})
    check(set(pj["id"]) <= set(str(i) for i in df["GLOBALEVENTID"]), "pandas: plover ids join")

for f in failures[:40]:
    print("FAIL", f)
print("export_check: %d failures, %d events, %d mentions, %d offsets" %
      (len(failures), len(events), len(men), offsets_checked))
sys.exit(1 if failures else 0)
