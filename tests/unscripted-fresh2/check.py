#!/usr/bin/env python3
"""Validate the caller personas in this directory (tests/unscripted-fresh2).

Checks: well-formed JSON, file naming (NNN-slug.json, NNN 301-340), required keys
and types, answer lists of 1-3 non-empty strings per slot, IATA-shaped codes,
trip type vs return date, dates within today+1 .. today+300 and return >= departure,
passengers 1-9, cabin / flight enums, corrections keyed by slot, asides turns 1-30,
distinct persona numbers and seeds.
Exit status 0 when every file passes. Uses only the standard library.
"""
import datetime as dt
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SLOTS = ["name", "origin", "destination", "trip_type", "departure_date",
         "return_date", "passengers", "cabin"]
GOAL_KEYS = SLOTS + ["flight"]
TOP_KEYS = {"persona", "today", "seed", "goal", "opening", "answers", "affirm",
            "deny", "corrections", "choose", "asides"}
CABINS = {"economy", "premium_economy", "business", "first", None}
FLIGHTS = {"cheapest", "earliest", "latest", "nonstop", "morning", "afternoon",
           "evening", "first_listed", "any"}
# The persona numbers of this set; tests/unscripted-fresh/check.py reuses this file with its own.
FIRST, LAST = 301, 340
NAME_RE = re.compile(r"^[0-9]{3}-[a-z0-9]+(-[a-z0-9]+)*\.json$")


def strs(x, lo=1, hi=None):
    return (isinstance(x, list) and len(x) >= lo and (hi is None or len(x) <= hi)
            and all(isinstance(s, str) and s.strip() for s in x))


def check(path):
    errs = []
    e = errs.append
    if not NAME_RE.match(path.name) or not FIRST <= int(path.name[:3]) <= LAST:
        e(f"file name must be NNN-slug.json with NNN in {FIRST}..{LAST}")
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except Exception as x:  # noqa: BLE001
        return [f"bad JSON: {x}"]
    if not isinstance(d, dict):
        return ["top level is not an object"]
    missing, extra = TOP_KEYS - d.keys(), d.keys() - TOP_KEYS
    if missing:
        e(f"missing keys {sorted(missing)}")
    if extra:
        e(f"unexpected keys {sorted(extra)}")
    if not isinstance(d.get("persona"), str) or len(d.get("persona", "")) < 40:
        e("persona must be a descriptive string")
    if not isinstance(d.get("opening"), str) or not d.get("opening", "").strip():
        e("opening must be a non-empty string")
    if not isinstance(d.get("seed"), int) or isinstance(d.get("seed"), bool):
        e("seed must be an int")
    try:
        today = dt.date.fromisoformat(d.get("today"))
    except Exception:  # noqa: BLE001
        return errs + ["today is not an ISO date"]

    g = d.get("goal")
    if not isinstance(g, dict) or set(g) != set(GOAL_KEYS):
        e(f"goal must have exactly keys {GOAL_KEYS}")
        g = g if isinstance(g, dict) else {}
    if not (isinstance(g.get("name"), str) and len(g.get("name", "").split()) >= 2):
        e("goal.name must be 'First Last'")
    for k in ("origin", "destination"):
        v = g.get(k)
        if not (strs(v) and all(re.fullmatch(r"[A-Z]{3}", c) for c in v) and len(set(v)) == len(v)):
            e(f"goal.{k} must be a non-empty list of distinct 3-letter codes")
    if set(g.get("origin") or []) & set(g.get("destination") or []):
        e("origin and destination overlap")
    tt = g.get("trip_type")
    if tt not in ("round_trip", "one_way"):
        e("goal.trip_type must be round_trip or one_way")
    dep = ret = None
    try:
        dep = dt.date.fromisoformat(g.get("departure_date"))
        if not today + dt.timedelta(1) <= dep <= today + dt.timedelta(300):
            e(f"departure {dep} outside today+1..today+300")
    except Exception:  # noqa: BLE001
        e("goal.departure_date is not an ISO date")
    if tt == "one_way":
        if g.get("return_date") is not None:
            e("one_way goal must have return_date null")
    else:
        try:
            ret = dt.date.fromisoformat(g.get("return_date"))
            if not today + dt.timedelta(1) <= ret <= today + dt.timedelta(300):
                e(f"return {ret} outside today+1..today+300")
            if dep and ret < dep:
                e("return before departure")
        except Exception:  # noqa: BLE001
            e("round_trip goal needs an ISO return_date")
    p = g.get("passengers")
    if not (isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= 9):
        e("goal.passengers must be an int 1..9")
    if g.get("cabin") not in CABINS:
        e("goal.cabin invalid")
    if g.get("flight") not in FLIGHTS:
        e("goal.flight invalid")

    a = d.get("answers")
    if not isinstance(a, dict) or set(a) != set(SLOTS):
        e(f"answers must have exactly the slots {SLOTS}")
    else:
        for k in SLOTS:
            if not strs(a[k], 1, 3):
                e(f"answers.{k} must be 1-3 non-empty strings")
    for k in ("affirm", "deny", "choose"):
        if not strs(d.get(k)):
            e(f"{k} must be a non-empty list of strings")
    c = d.get("corrections")
    if not isinstance(c, dict) or not all(k in SLOTS and strs(v) for k, v in c.items()):
        e("corrections must map slot names to non-empty string lists")
    s = d.get("asides")
    if not isinstance(s, list):
        e("asides must be a list")
    else:
        turns = []
        for x in s:
            if not (isinstance(x, dict) and set(x) == {"turn", "say"}
                    and isinstance(x["turn"], int) and 1 <= x["turn"] <= 30
                    and isinstance(x["say"], str) and x["say"].strip()):
                e(f"bad aside {x!r}")
            else:
                turns.append(x["turn"])
        if len(turns) != len(set(turns)):
            e("two asides share a turn")
    return errs


def main():
    files = sorted(HERE.glob("*.json"))
    bad = 0
    nums = []
    for f in files:
        errs = check(f)
        nums.append(f.name[:3])
        if errs:
            bad += 1
            for x in errs:
                print(f"{f.name}: {x}")
    if len(set(nums)) != len(nums):
        print("duplicate persona numbers")
        bad += 1
    seeds = [json.loads(f.read_text()).get("seed") for f in files]
    if len(set(seeds)) != len(seeds):
        print("duplicate seeds")
        bad += 1
    g = [json.loads(f.read_text())["goal"] for f in files]
    print(f"{len(files)} personas, {len(files) - bad if bad <= len(files) else 0} ok"
          f" | one_way {sum(x['trip_type'] == 'one_way' for x in g)}"
          f" | non-economy {sum(x['cabin'] not in ('economy', None) for x in g)}"
          f" | groups(>=2) {sum(x['passengers'] >= 2 for x in g)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
