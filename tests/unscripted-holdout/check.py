#!/usr/bin/env python3
"""Validate the held-out caller personas in this directory.

Checks: well-formed JSON, every key present with the right type, file names
NNN-slug.json with NNN in 101..140, unique seeds, goal dates between today+1
and today+300 with return >= departure (and null exactly when one way),
passengers 1-9, known cabin / flight / slot names, airport codes from a list
of real IATA airport and metro codes, 1-3 non-empty lines per answer slot,
and aside turns within the 30-turn limit.

Usage: python3 tests/unscripted-holdout/check.py   (exit code 1 on problems)
"""
import datetime as dt
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
SLOTS = ["name", "origin", "destination", "trip_type", "departure_date",
         "return_date", "passengers", "cabin"]
KEYS = ["persona", "today", "seed", "goal", "opening", "answers", "affirm",
        "deny", "corrections", "choose", "asides"]
GOAL_KEYS = ["name", "origin", "destination", "trip_type", "departure_date",
             "return_date", "passengers", "cabin", "flight"]
CABINS = {"economy", "premium_economy", "business", "first", None}
FLIGHTS = {"cheapest", "earliest", "latest", "nonstop", "morning", "afternoon",
           "evening", "first_listed", "any"}
# Real IATA airport codes and metro (city) codes that these personas may use.
AIRPORTS = set("""
NYC JFK LGA EWR CHI ORD MDW WAS IAD DCA BWI LON LHR LGW STN LTN LCY HOU IAH
DFW DAL SFO OAK SJC LAX BUR LGB ONT SNA CLE PHX DEN BOS ORL MCO SFB FRA BOG
PDX MSP LAS DUB DTW HNL TUL TYO NRT HND BNA PAR CDG ORY FLL MIA PBI SMF SLC
ELP PHL SAN SHA PVG AUS MSY SAT ANC ALB RDU TPA PIT TUS MKE CUN YMQ YUL BOI
PVD RSW ATL SEA
""".split())


def check_file(path, seeds, problems):
    def bad(msg):
        problems.append(f"{path.name}: {msg}")

    m = re.fullmatch(r"(\d{3})-[a-z0-9]+(?:-[a-z0-9]+)*\.json", path.name)
    if not m or not 101 <= int(m.group(1)) <= 140:
        bad("file name must be NNN-short-slug.json with NNN in 101..140")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        bad(f"not valid JSON: {e}")
        return
    if not isinstance(data, dict):
        bad("top level is not an object")
        return
    for k in KEYS:
        if k not in data:
            bad(f"missing key {k!r}")
    extra = set(data) - set(KEYS)
    if extra:
        bad(f"unexpected keys {sorted(extra)}")
    if any(k not in data for k in KEYS):
        return

    def nonempty_str(x):
        return isinstance(x, str) and x.strip() != ""

    def str_list(x, lo=1, hi=None):
        return (isinstance(x, list) and len(x) >= lo and (hi is None or len(x) <= hi)
                and all(nonempty_str(s) for s in x))

    for k in ("persona", "opening"):
        if not nonempty_str(data[k]):
            bad(f"{k} must be a non-empty string")
    if not isinstance(data["seed"], int) or isinstance(data["seed"], bool):
        bad("seed must be an integer")
    elif data["seed"] in seeds:
        bad(f"seed {data['seed']} also used by {seeds[data['seed']]}")
    else:
        seeds[data["seed"]] = path.name

    try:
        today = dt.date.fromisoformat(data["today"])
    except (TypeError, ValueError):
        bad("today must be YYYY-MM-DD")
        return

    goal = data["goal"]
    if not isinstance(goal, dict):
        bad("goal must be an object")
        return
    for k in GOAL_KEYS:
        if k not in goal:
            bad(f"goal missing {k!r}")
    if set(goal) - set(GOAL_KEYS):
        bad(f"goal has unexpected keys {sorted(set(goal) - set(GOAL_KEYS))}")
    if any(k not in goal for k in GOAL_KEYS):
        return
    if not nonempty_str(goal["name"]) or len(goal["name"].split()) < 2:
        bad("goal.name must be a first and last name")
    for k in ("origin", "destination"):
        codes = goal[k]
        if not (isinstance(codes, list) and codes):
            bad(f"goal.{k} must be a non-empty list")
            continue
        for c in codes:
            if not (isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c)):
                bad(f"goal.{k} code {c!r} is not a 3-letter IATA code")
            elif c not in AIRPORTS:
                bad(f"goal.{k} code {c!r} is not in the known-airport list")
        if len(set(codes)) != len(codes):
            bad(f"goal.{k} has duplicates")
    if isinstance(goal["origin"], list) and isinstance(goal["destination"], list):
        if set(goal["origin"]) & set(goal["destination"]):
            bad("origin and destination overlap")
    if goal["trip_type"] not in ("round_trip", "one_way"):
        bad("goal.trip_type must be round_trip or one_way")
    try:
        dep = dt.date.fromisoformat(goal["departure_date"])
    except (TypeError, ValueError):
        bad("goal.departure_date must be YYYY-MM-DD")
        dep = None
    lo, hi = today + dt.timedelta(days=1), today + dt.timedelta(days=300)
    if dep and not lo <= dep <= hi:
        bad(f"departure {dep} outside {lo}..{hi}")
    ret = goal["return_date"]
    if goal["trip_type"] == "one_way":
        if ret is not None:
            bad("one_way trip must have return_date null")
    else:
        try:
            r = dt.date.fromisoformat(ret)
        except (TypeError, ValueError):
            bad("round_trip needs return_date YYYY-MM-DD")
            r = None
        if r and dep and r < dep:
            bad("return before departure")
        if r and not lo <= r <= hi:
            bad(f"return {r} outside {lo}..{hi}")
    p = goal["passengers"]
    if not (isinstance(p, int) and not isinstance(p, bool) and 1 <= p <= 9):
        bad("goal.passengers must be an integer 1-9")
    if goal["cabin"] not in CABINS:
        bad(f"goal.cabin {goal['cabin']!r} unknown")
    if goal["flight"] not in FLIGHTS:
        bad(f"goal.flight {goal['flight']!r} unknown")

    answers = data["answers"]
    if not isinstance(answers, dict):
        bad("answers must be an object")
    else:
        for s in SLOTS:
            if s not in answers:
                bad(f"answers missing slot {s!r}")
            elif not str_list(answers[s], 1, 3):
                bad(f"answers.{s} must hold 1-3 non-empty strings")
        if set(answers) - set(SLOTS):
            bad(f"answers has unknown slots {sorted(set(answers) - set(SLOTS))}")
    for k in ("affirm", "deny", "choose"):
        if not str_list(data[k]):
            bad(f"{k} must be a non-empty list of strings")
    corr = data["corrections"]
    if not isinstance(corr, dict):
        bad("corrections must be an object")
    else:
        for s, lines in corr.items():
            if s not in SLOTS:
                bad(f"corrections has unknown slot {s!r}")
            if not str_list(lines, 1, 3):
                bad(f"corrections.{s} must hold 1-3 non-empty strings")
    asides = data["asides"]
    if not isinstance(asides, list):
        bad("asides must be a list")
    else:
        turns = []
        for a in asides:
            if not (isinstance(a, dict) and set(a) == {"turn", "say"}):
                bad(f"aside {a!r} must have exactly turn and say")
                continue
            t = a["turn"]
            if not (isinstance(t, int) and not isinstance(t, bool) and 2 <= t <= 30):
                bad(f"aside turn {t!r} must be an integer 2-30 (turn 1 is the opening)")
            if not nonempty_str(a["say"]):
                bad("aside say must be a non-empty string")
            turns.append(t)
        if len(turns) != len(set(turns)):
            bad("two asides share a turn")


def main():
    files = sorted(HERE.glob("*.json"))
    problems, seeds = [], {}
    for f in files:
        check_file(f, seeds, problems)
    nums = sorted(int(f.name[:3]) for f in files if f.name[:3].isdigit())
    if len(nums) != len(set(nums)):
        problems.append("duplicate persona numbers")
    for p in problems:
        print(p)
    stats = {"files": len(files)}
    if not problems:
        goals = [json.loads(f.read_text(encoding="utf-8"))["goal"] for f in files]
        stats["one_way"] = sum(g["trip_type"] == "one_way" for g in goals)
        stats["premium_cabins"] = sum(g["cabin"] in ("premium_economy", "business", "first") for g in goals)
        stats["multi_passenger"] = sum(g["passengers"] > 1 for g in goals)
    print(("FAIL" if problems else "OK"), stats)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
