#!/usr/bin/env python3
"""Validate the unscripted caller personas in this directory.

Usage: python3 tests/unscripted/check_personas.py [--dates]

Checks every NNN-slug.json file for well-formed JSON, the required keys and
types, and that goal dates lie within today+1 .. today+300 days with
return >= departure.  --dates also prints each goal's dates with weekdays so
the relative-date reasoning written in `persona` can be eyeballed.
Exits non-zero if any file fails.
"""
import datetime as dt
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SLOTS = ["name", "origin", "destination", "trip_type", "departure_date",
         "return_date", "passengers", "cabin"]
GOAL_KEYS = SLOTS + ["flight"]
TOP_KEYS = ["persona", "today", "seed", "goal", "opening", "answers", "affirm",
            "deny", "corrections", "choose", "asides"]
CABINS = {"economy", "premium_economy", "business", "first", None}
FLIGHTS = {"cheapest", "earliest", "latest", "nonstop", "morning", "afternoon",
           "evening", "first_listed", "any"}
TRIP_TYPES = {"round_trip", "one_way"}
NAME_RE = re.compile(r"^\d{3}-[a-z0-9]+(-[a-z0-9]+)*\.json$")
CODE_RE = re.compile(r"^[A-Z]{3}$")


def nonempty_str_list(v, lo=1, hi=None):
    return (isinstance(v, list) and len(v) >= lo and (hi is None or len(v) <= hi)
            and all(isinstance(s, str) and s.strip() for s in v))


def parse_date(s):
    return dt.date.fromisoformat(s)


def check(path):
    errs = []
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
    except Exception as e:  # noqa: BLE001
        return [f"invalid JSON: {e}"], None
    if not NAME_RE.match(path.name):
        errs.append("file name is not NNN-short-slug.json")
    for k in TOP_KEYS:
        if k not in d:
            errs.append(f"missing key {k}")
    extra = set(d) - set(TOP_KEYS)
    if extra:
        errs.append(f"unknown keys {sorted(extra)}")
    if errs:
        return errs, d

    if not isinstance(d["persona"], str) or len(d["persona"]) < 20:
        errs.append("persona should be a descriptive string")
    if not isinstance(d["opening"], str) or not d["opening"].strip():
        errs.append("opening must be a non-empty string")
    if not (isinstance(d["seed"], int) and 1 <= d["seed"] <= 1000):
        errs.append("seed must be an integer 1-1000")
    try:
        today = parse_date(d["today"])
        if not (today.year == 2026 and today.month == 12):
            errs.append("today should be in December 2026")
    except Exception:  # noqa: BLE001
        errs.append("today is not an ISO date")
        today = None

    g = d["goal"]
    if not isinstance(g, dict):
        return errs + ["goal must be an object"], d
    for k in GOAL_KEYS:
        if k not in g:
            errs.append(f"goal missing {k}")
    if set(g) - set(GOAL_KEYS):
        errs.append(f"goal has unknown keys {sorted(set(g) - set(GOAL_KEYS))}")
    if errs:
        return errs, d
    if not isinstance(g["name"], str) or len(g["name"].split()) < 2:
        errs.append("goal.name should be a full name")
    for k in ("origin", "destination"):
        v = g[k]
        if not (isinstance(v, list) and v and all(isinstance(c, str) and CODE_RE.match(c) for c in v)):
            errs.append(f"goal.{k} must be a non-empty list of 3-letter upper-case codes")
    if isinstance(g["origin"], list) and isinstance(g["destination"], list):
        if set(g["origin"]) & set(g["destination"]):
            errs.append("origin and destination overlap")
    if g["trip_type"] not in TRIP_TYPES:
        errs.append("bad trip_type")
    if not (isinstance(g["passengers"], int) and 1 <= g["passengers"] <= 9):
        errs.append("passengers must be 1-9")
    if g["cabin"] not in CABINS:
        errs.append("bad cabin")
    if g["flight"] not in FLIGHTS:
        errs.append("bad flight preference")
    if today:
        lo, hi = today + dt.timedelta(days=1), today + dt.timedelta(days=300)
        try:
            dep = parse_date(g["departure_date"])
            if not lo <= dep <= hi:
                errs.append(f"departure {dep} outside {lo}..{hi}")
            if g["trip_type"] == "one_way":
                if g["return_date"] is not None:
                    errs.append("one_way must have return_date null")
            else:
                ret = parse_date(g["return_date"])
                if not lo <= ret <= hi:
                    errs.append(f"return {ret} outside {lo}..{hi}")
                if ret < dep:
                    errs.append("return before departure")
        except Exception as e:  # noqa: BLE001
            errs.append(f"bad goal date: {e}")

    a = d["answers"]
    if not isinstance(a, dict):
        errs.append("answers must be an object")
    else:
        for s in SLOTS:
            if s not in a:
                errs.append(f"answers missing {s}")
            elif not nonempty_str_list(a[s], 1, 3):
                errs.append(f"answers.{s} must be 1-3 non-empty strings")
        if set(a) - set(SLOTS):
            errs.append(f"answers has unknown slots {sorted(set(a) - set(SLOTS))}")
    for k in ("affirm", "deny", "choose"):
        if not nonempty_str_list(d[k]):
            errs.append(f"{k} must be a non-empty list of strings")
    c = d["corrections"]
    if not isinstance(c, dict):
        errs.append("corrections must be an object")
    else:
        for s, v in c.items():
            if s not in SLOTS:
                errs.append(f"corrections has unknown slot {s}")
            elif not nonempty_str_list(v):
                errs.append(f"corrections.{s} must be a non-empty list of strings")
    if not isinstance(d["asides"], list):
        errs.append("asides must be a list")
    else:
        for x in d["asides"]:
            if not (isinstance(x, dict) and set(x) == {"turn", "say"}
                    and isinstance(x["turn"], int) and 1 <= x["turn"] <= 30
                    and isinstance(x["say"], str) and x["say"].strip()):
                errs.append(f"bad aside {x!r}")
    return errs, d


def main():
    show_dates = "--dates" in sys.argv
    files = sorted(p for p in HERE.glob("*.json"))
    bad = 0
    seeds = {}
    for p in files:
        errs, d = check(p)
        if errs:
            bad += 1
            for e in errs:
                print(f"{p.name}: {e}")
            continue
        seeds.setdefault(d["seed"], []).append(p.name)
        if show_dates:
            g = d["goal"]
            t = parse_date(d["today"])
            dep = parse_date(g["departure_date"])
            ret = parse_date(g["return_date"]) if g["return_date"] else None
            fmt = lambda x: f"{x} {x.strftime('%a')}"  # noqa: E731
            print(f"{p.name:48s} today {fmt(t)}  dep {fmt(dep)}"
                  + (f"  ret {fmt(ret)}" if ret else "  one-way"))
    for s, names in seeds.items():
        if len(names) > 1:
            print(f"note: seed {s} shared by {names}")
    print(f"{len(files)} files, {len(files) - bad} ok, {bad} failing")
    sys.exit(1 if bad or not files else 0)


if __name__ == "__main__":
    main()
