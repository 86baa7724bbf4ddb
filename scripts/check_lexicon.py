#!/usr/bin/python3
"""Checks the default lexicons in data/ (or the files given) against docs/lexicon.md.

Usage: /usr/bin/python3 scripts/check_lexicon.py [FILE.json ...]

Without arguments it checks data/places.json, data/companies.json,
data/organisations.json, data/themes.json, data/exchanges.json and data/products.json together
(references may cross files), then the given-name list data/first_names.json against them and
against data/cues.json (a file argument named first_names.json is checked
the same way). Prints counts per file and subtype, then every problem found, and
exits 1 if there is any problem (0 otherwise). Warnings (case-insensitive
alias clashes, which only matter for ALL-CAPS text) never fail the check.
Standard library only.
"""

import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_FILES = ["places.json", "companies.json", "organisations.json", "themes.json",
                 "exchanges.json", "products.json"]

PREFIX = {"organization": "org:", "person": "person:", "product": "product:", "place": "place:",
          "theme": "theme:"}
SUBTYPES = {
    "organization": {"company", "bank", "fund", "exchange", "programme", "government", "agency",
                     "central_bank", "international", "party", "union", "ngo", "sports"},
    "place": {"country", "region", "subregion", "grouping", "city", "state"},
    "theme": {"theme"},
    "person": None,  # free-form
    "product": None,
}
KNOWN_FIELDS = {"id", "name", "type", "subtype", "aliases", "tickers", "hq", "sectors", "parents",
                "demonyms", "cues", "iso2", "iso3", "country", "suffixes", "do_not_merge",
                "listings", "listing_places", "maker"}
LIST_FIELDS = ["aliases", "tickers", "sectors", "parents", "demonyms", "cues", "suffixes",
               "do_not_merge", "listing_places"]
STRING_FIELDS = ["id", "name", "type", "subtype", "hq", "iso2", "iso3", "country", "maker"]
ID_RE = re.compile(r"^(org|person|product|place|theme):[A-Za-z0-9][A-Za-z0-9.&'-]*$")
TICKER_RE = re.compile(r"^([^:]+):([^:\s]+)$")


class Checker:
    def __init__(self):
        self.problems = []
        self.warnings = []
        self.entities = []  # (file, index, entity)

    def problem(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))

    def load(self, path):
        name = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            self.problem(name, "cannot load (%s)" % e)
            return []
        if not isinstance(doc, dict) or not isinstance(doc.get("entities"), list):
            self.problem(name, 'top level must be an object with an "entities" array')
            return []
        loaded = []
        for i, e in enumerate(doc["entities"]):
            where = "%s: entities[%d]" % (name, i)
            if not isinstance(e, dict):
                self.problem(where, "entry must be an object")
                continue
            where += " (%s)" % e.get("id", "?")
            ok = True
            for field in ("id", "name", "type"):
                if not isinstance(e.get(field), str) or not e.get(field):
                    self.problem(where, 'missing required field "%s"' % field)
                    ok = False
            for field in STRING_FIELDS:
                if field in e and not isinstance(e[field], str):
                    self.problem(where, '"%s" must be a string' % field)
                    ok = False
            for field in LIST_FIELDS:
                if field in e and (not isinstance(e[field], list) or
                                   not all(isinstance(x, str) and x for x in e[field])):
                    self.problem(where, '"%s" must be an array of non-empty strings' % field)
                    ok = False
            for field in e:
                if field not in KNOWN_FIELDS:
                    self.problem(where, 'unknown field "%s"' % field)
            if not ok:
                continue
            self.entities.append((where, e))
            loaded.append(e)
        return loaded

    def check(self):
        by_id = {}
        for where, e in self.entities:
            t = e["type"]
            if t not in PREFIX:
                self.problem(where, 'bad type "%s" (one of %s)' % (t, ", ".join(sorted(PREFIX))))
                continue
            if not e["id"].startswith(PREFIX[t]):
                self.problem(where, 'id must start with "%s" for type %s' % (PREFIX[t], t))
            if not ID_RE.match(e["id"]):
                self.problem(where, "malformed id")
            allowed = SUBTYPES.get(t)
            if allowed is not None and e.get("subtype") not in allowed:
                self.problem(where, 'bad subtype "%s" for %s (one of %s)'
                             % (e.get("subtype", "(missing)"), t, ", ".join(sorted(allowed))))
            if e["id"] in by_id:
                self.problem(where, "duplicate id (also %s)" % by_id[e["id"]][0])
            else:
                by_id[e["id"]] = (where, e)
            if e.get("subtype") == "country":
                iso2 = e.get("iso2", "")
                if not re.match(r"^[A-Z]{2}$", iso2) or e["id"] != "place:" + iso2:
                    self.problem(where, 'countries need "iso2" matching the id')
                if not re.match(r"^[A-Z]{3}$", e.get("iso3", "")):
                    self.problem(where, 'countries need a 3-letter "iso3"')
            if "listings" in e and (e["listings"] not in ("domestic", "international")
                                    or e.get("subtype") != "exchange"):
                self.problem(where, '"listings" is "domestic" or "international", on exchanges')
            for s in e.get("suffixes", []):
                if not re.match(r"^\.[A-Z]{1,3}$", s):
                    self.problem(where, 'suffix "%s" must look like ".HK"' % s)
            for c in e.get("cues", []):
                if c != c.lower() or c != c.strip():
                    self.problem(where, 'cue "%s" must be lower-case and trimmed' % c)
            for a in [e["name"]] + e.get("aliases", []) + e.get("demonyms", []):
                if len(a) < 2:
                    self.problem(where, 'alias "%s" is shorter than 2 characters' % a)
                if a != a.strip():
                    self.problem(where, 'alias "%s" has surrounding spaces' % a)

        def ref(where, e, field, want_prefix, value):
            if value not in by_id:
                self.problem(where, '"%s" names unknown id "%s"' % (field, value))
            elif not value.startswith(want_prefix):
                self.problem(where, '"%s" must name a %s id, not "%s"' % (field, want_prefix, value))

        listing_place_owner = {}
        for where, e in self.entities:
            if e["type"] not in PREFIX:
                continue
            own = PREFIX[e["type"]]
            for p in e.get("parents", []):
                ref(where, e, "parents", own, p)
                if p == e["id"]:
                    self.problem(where, "is its own parent")
            for field in ("hq", "country"):
                if field in e:
                    ref(where, e, field, "place:", e[field])
                    target = by_id.get(e[field], (None, {}))[1]
                    if field == "country" and target and target.get("subtype") != "country":
                        self.problem(where, '"country" must name a country, not "%s"' % e[field])
            for s in e.get("sectors", []):
                ref(where, e, "sectors", "theme:", s)
            for p in e.get("listing_places", []):
                ref(where, e, "listing_places", "place:", p)
                if e.get("subtype") != "exchange":
                    self.problem(where, '"listing_places" belongs on exchanges')
                if p in listing_place_owner and listing_place_owner[p] != e["id"]:
                    self.problem(where, '"listing_places" names %s, which %s already names'
                                 % (p, listing_place_owner[p]))
                listing_place_owner[p] = e["id"]
            if "maker" in e:
                ref(where, e, "maker", "org:", e["maker"])
                if e.get("type") != "product":
                    self.problem(where, '"maker" belongs on products')
            for d in e.get("do_not_merge", []):
                if d not in by_id:
                    self.problem(where, '"do_not_merge" names unknown id "%s"' % d)

        # Parent cycles.
        state = {}

        def visit(node, path):
            state[node] = 1
            for p in by_id.get(node, (None, {}))[1].get("parents", []):
                if p not in by_id:
                    continue
                if state.get(p) == 1:
                    cycle = path[path.index(p):] + [p] if p in path else [node, p]
                    self.problem(by_id[node][0], "parent cycle: %s" % " -> ".join(cycle))
                elif p not in state:
                    visit(p, path + [p])
            state[node] = 2

        sys.setrecursionlimit(10000)
        for node in by_id:
            if node not in state:
                visit(node, [node])

        # Tickers: the exchange part must be a name or alias of an exchange.
        exchange_names = {}
        for where, e in self.entities:
            if e.get("subtype") == "exchange":
                for n in [e["name"]] + e.get("aliases", []):
                    exchange_names[n] = e["id"]
        seen_tickers = {}
        for where, e in self.entities:
            for t in e.get("tickers", []):
                m = TICKER_RE.match(t)
                if not m:
                    self.problem(where, 'ticker "%s" must be "EXCHANGE:SYMBOL"' % t)
                    continue
                if m.group(1) not in exchange_names:
                    self.problem(where, 'ticker "%s": "%s" is not the name or alias of an exchange'
                                 % (t, m.group(1)))
                    continue
                key = (exchange_names[m.group(1)], m.group(2))
                if key in seen_tickers and seen_tickers[key] != e["id"]:
                    self.problem(where, 'ticker "%s" also belongs to %s' % (t, seen_tickers[key]))
                seen_tickers[key] = e["id"]

        # Names, aliases and demonyms claimed by two entities of the same type.
        claims = collections.defaultdict(set)
        folded = collections.defaultdict(set)
        for where, e in self.entities:
            strings = {e["name"]} | set(e.get("aliases", [])) | set(e.get("demonyms", []))
            for s in strings:
                claims[(e["type"], s)].add(e["id"])
                folded[(e["type"], s.upper())].add(e["id"])
        for (t, s), ids in sorted(claims.items()):
            if len(ids) > 1:
                self.problem("duplicate alias", '"%s" (%s) is claimed by %s' % (s, t, ", ".join(sorted(ids))))
        for (t, s), ids in sorted(folded.items()):
            if len(ids) > 1 and not any(len(claims[(t, x)]) > 1 for x in [s]):
                exact = [k for k in claims if k[0] == t and k[1].upper() == s]
                if all(len(claims[k]) == 1 for k in exact):
                    self.warnings.append('"%s" (%s) differs only in case between %s'
                                         % (s, t, ", ".join(sorted(ids))))


# Given names that are also a lexicon name or alias, kept on purpose: {name: why}. A run
# the lexicon covers whole is read as that entity before the given-name cue is asked.
FIRST_NAME_ALSO_ENTITY = {}
# A given name is one capitalised word, or hyphenated words ("Jean-Pierre"): letters only.
FIRST_NAME_RE = re.compile(r"^[^\W\d_][^\W\d_]*(?:-[^\W\d_]+)*$")


def check_first_names(checker, path, cues_path):
    """Checks a given-name list ({"about": ..., "first_names": [...]}); returns its size."""
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        checker.problem(name, "cannot load (%s)" % e)
        return 0
    if not isinstance(doc, dict) or not isinstance(doc.get("first_names"), list):
        checker.problem(name, 'top level must be an object with a "first_names" array')
        return 0
    if not isinstance(doc.get("about"), str) or not doc["about"].strip():
        checker.problem(name, 'needs a short "about" string')
    for field in doc:
        if field not in ("about", "first_names"):
            checker.problem(name, 'unknown field "%s"' % field)
    cue_words = set()
    cue_first_names = set()
    try:
        with open(cues_path, encoding="utf-8") as f:
            cues = json.load(f)
        for field in ("not_entities", "function_words", "honorifics", "org_head_words",
                      "legal_suffixes", "org_prefixes"):
            cue_words.update(cues.get(field, []))
        cue_words.update(t for t in cues.get("titles", {}) if " " not in t)
        cue_first_names = set(cues.get("first_names", []))
    except (OSError, ValueError) as e:
        checker.problem(os.path.basename(cues_path), "cannot load (%s)" % e)
    entity_names = collections.defaultdict(set)
    for _, e in checker.entities:
        for s in [e["name"]] + e.get("aliases", []) + e.get("demonyms", []):
            entity_names[s].add(e["id"])
    names = doc["first_names"]
    listed = set(n for n in names if isinstance(n, str))
    seen = set()
    for i, n in enumerate(names):
        where = "%s: first_names[%d]" % (name, i)
        if not isinstance(n, str) or not FIRST_NAME_RE.match(n) or not n[0].isupper():
            checker.problem(where, '"%s" must be one capitalised word or hyphenated words' % n)
            continue
        where += " (%s)" % n
        if n in seen:
            checker.problem(where, "duplicate")
        seen.add(n)
        if "-" in n and n.split("-")[0] not in listed | cue_first_names:
            # The tokenizer splits hyphens, so only the first part can start a run.
            checker.problem(where, 'its first part "%s" must be listed too' % n.split("-")[0])
        if n in cue_words or n.lower() in cue_words:
            checker.problem(where, "is a cue word of data/cues.json (title, stop word, suffix)")
        if n in entity_names and n not in FIRST_NAME_ALSO_ENTITY:
            checker.problem(where, "is also the lexicon name of %s (allow it in "
                            "FIRST_NAME_ALSO_ENTITY if meant)" % ", ".join(sorted(entity_names[n])))
    return len(names)


def main(argv):
    paths = argv[1:] or [os.path.join(ROOT, "data", f) for f in DEFAULT_FILES + ["first_names.json"]]
    checker = Checker()
    name_lists = [p for p in paths if os.path.basename(p) == "first_names.json"]
    paths = [p for p in paths if p not in name_lists]
    for path in paths:
        loaded = checker.load(path)
        counts = collections.Counter(e.get("subtype", "(none)") for e in loaded)
        print("%-16s %5d entities: %s" % (os.path.basename(path), len(loaded),
                                          ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    checker.check()
    for path in name_lists:
        count = check_first_names(checker, path, os.path.join(ROOT, "data", "cues.json"))
        print("%-16s %5d given names" % (os.path.basename(path), count))
    for w in checker.warnings:
        print("warning: " + w)
    for p in checker.problems:
        print("error: " + p)
    if checker.problems:
        print("check_lexicon: %d problem(s)" % len(checker.problems))
        return 1
    print("check_lexicon: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
