#!/usr/bin/env python3
"""Writes a second benchmark briefing, made independently of bench/corpus.

bench/corpus (briefcorpus) draws every article from one template: five to
ten paragraphs of similar sentences, a heading and a list. A build that
is fast on that shape alone could be tuned to it. This generator shares
no code or word list with it and draws other shapes: bodies from a
paragraph to a long read (log-normal lengths), tables, code blocks,
block quotes, numbered and nested lists, footnotes, accented and CJK
text, date-only articles, articles without a summary (the excerpt
path), long notes, 500 tags drawn nearly uniformly, and eight topics
whose rules use `all` and `none` as well as `any`.

    othercorpus.py N DEST     # N articles into DEST (must not exist)

The same N gives the same bytes (random.Random with an integer seed is
stable across Python 3 versions). The articles are Hugo content as they
are; run.sh copies bench/build/hugo beside them as for briefcorpus.
"""

import os
import random
import sys

SUBJECTS = [
    "the observatory", "the water board", "the rail operator", "the port authority",
    "the university hospital", "the fisheries council", "the grid operator",
    "the housing trust", "the weather service", "the seed bank", "the ferry company",
    "the mining cooperative", "the translation bureau", "the satellite team",
    "the museum", "the vaccine lab", "the orchestra", "the library network",
]
VERBS = [
    "measured", "postponed", "rebuilt", "audited", "mapped", "trialled", "repaired",
    "catalogued", "reopened", "simulated", "calibrated", "surveyed", "licensed",
    "retired", "digitised", "sampled", "forecast", "rerouted",
]
OBJECTS = [
    "the northern reservoir", "a glacier's retreat", "two hundred kilometres of track",
    "the tidal barrier", "its cold-storage vaults", "the old signal boxes",
    "a backlog of permits", "the coral survey", "an archive of field notes",
    "the winter timetable", "its radio telescopes", "the flood maps", "a fleet of buses",
    "the migration counts", "its reading rooms", "the sensor array",
]
PLACES = [
    "Tromsø", "Valparaíso", "Kraków", "Zürich", "Łódź", "São Luís", "Reykjavík",
    "Hải Phòng", "Kyōto", "Nuuk", "Mombasa", "Tbilisi", "Hobart", "Ushuaia",
    "Jyväskylä", "Plzeň", "Córdoba", "Gdańsk", "Aarhus", "Izmir",
]
CJK = ["港口", "气象", "铁路", "水库", "图书馆", "天文台", "渔业", "电网"]
CLAUSES = [
    "according to figures released this week", "after a winter of delays",
    "despite objections from residents", "at a cost nobody would confirm",
    "for the first time since the survey began", "with help from volunteers",
    "under a contract signed last spring", "while the inquiry continues",
]
TOPICS = [
    ("water", "Water", {"any": ["reservoir", "tidal", "flood maps", "water board"]}),
    ("transport", "Transport", {"any": ["rail", "track", "ferry", "buses", "timetable"], "none": ["model railway"]}),
    ("science", "Science", {"any": ["observatory", "telescopes", "sensor", "satellite", "glacier"]}),
    ("health", "Health", {"any": ["hospital", "vaccine"]}),
    ("culture", "Culture", {"any": ["museum", "orchestra", "library", "reading rooms", "archive"]}),
    ("nature", "Nature", {"any": ["coral", "migration", "fisheries", "seed bank"]}),
    ("energy", "Energy", {"all": ["grid", "operator"]}),
    ("cities", "Cities", {"any": ["housing", "permits", "residents"], "none": ["seed bank"]}),
]
AUTHORS = [
    "Ingrid Solberg", "Tomás Herrera", "Aiko Tanabe", "Kwame Mensah", "Zuzana Horáková",
    "Rahul Iyer", "Mei-Ling Chou", "Oluwaseun Adeyemi", "Claire Dubois", "Björn Lindqvist",
    "Fatima Zahra", "Diego Ramírez", "Hana Novak", "Sean Ó Briain", "Leilani Kahale",
]
PUBLISHERS = [(f"The {p} Ledger", f"{p.lower()}-ledger.example") for p in
              ["Harbour", "Valley", "Coastal", "Upland", "Delta", "Lowland", "Northern", "Island",
               "Plains", "Fjord", "Steppe", "Canal"]]
TAGS = [f"{w} {n}" for w in ["Survey", "Budget", "Inquiry", "Pilot", "Census", "Repair", "Permit",
                             "Archive", "Forecast", "Contract"] for n in range(1, 51)]


def sentence(r):
    s = f"{r.choice(SUBJECTS)} in {r.choice(PLACES)} {r.choice(VERBS)} {r.choice(OBJECTS)}"
    if r.random() < 0.5:
        s += ", " + r.choice(CLAUSES)
    if r.random() < 0.08:
        s += f" ({r.choice(CJK)})"
    s = s[0].upper() + s[1:] + "."
    if r.random() < 0.15:
        words = s.split(" ")
        i = r.randrange(len(words))
        mark = r.choice(["*", "**", "`"])
        word = words[i].rstrip(".,")
        words[i] = mark + word + mark + words[i][len(word):]
        s = " ".join(words)
    return s


def paragraph(r, n):
    words = [sentence(r) for _ in range(n)]
    if r.random() < 0.3:
        i = r.randrange(len(words))
        words[i] = words[i].replace(" in ", " in [the report](https://records.example/" + str(r.randrange(10000)) + ") on ", 1)
    if r.random() < 0.2:
        words[0] = "**" + words[0][:-1] + "**."
    return " ".join(words)


def block(r, index, i, n):
    k = r.random()
    if k < 0.06:
        rows = ["| Site | Readings | Change |", "|---|---:|---:|"]
        for _ in range(r.randint(3, 12)):
            rows.append(f"| {r.choice(PLACES)} | {r.randint(10, 99999):,} | {r.uniform(-30, 30):+.1f}% |")
        return "\n".join(rows)
    if k < 0.10:
        lines = [f"reading_{j} = calibrate(sensor[{j}], offset={r.uniform(0, 2):.3f})" for j in range(r.randint(2, 8))]
        return "```python\n" + "\n".join(lines) + "\n```"
    if k < 0.16:
        return "> " + paragraph(r, r.randint(1, 3)) + "\n>\n> — " + r.choice(AUTHORS)
    if k < 0.22:
        return "\n".join(f"{j + 1}. {sentence(r)}" for j in range(r.randint(2, 6)))
    if k < 0.26:
        out = []
        for _ in range(r.randint(2, 4)):
            out.append("- " + r.choice(OBJECTS).capitalize())
            for _ in range(r.randint(1, 3)):
                out.append("  - " + sentence(r))
        return "\n".join(out)
    if k < 0.30:
        return "### " + r.choice(OBJECTS).capitalize() + " in " + r.choice(PLACES)
    if k < 0.32 and index > 0:
        other = r.randrange(index)
        return f"See also [an earlier report](/articles/item-{other:06d}/)."
    return paragraph(r, r.randint(2, 7))


def article(index):
    r = random.Random(1_000_003 * index + 17)
    blocks = max(1, min(120, int(r.lognormvariate(2.2, 0.8))))
    body = [block(r, index, i, blocks) for i in range(blocks)]
    if r.random() < 0.1:
        body[-1] += "[^1]"
        body.append("[^1]: " + sentence(r))
    day = r.randrange(0, 8 * 365)
    y, rest = 2017 + day // 365, day % 365
    m, d = 1 + rest // 31 % 12, 1 + rest % 28
    if r.random() < 0.2:
        date = f"{y:04d}-{m:02d}-{d:02d}"
    else:
        off = r.choice(["+00:00", "-05:00", "+09:00", "+05:30", "-03:00", "+01:00"])
        date = f"{y:04d}-{m:02d}-{d:02d}T{r.randrange(24):02d}:{r.randrange(60):02d}:00{off}"
    pub, host = r.choice(PUBLISHERS)
    title = sentence(r)[:-1]
    if r.random() < 0.05:
        title = r.choice(CJK) + "：" + title
    fm = ["---", f"title: {quote(title)}", f"date: {date}", f"source: {quote(pub)}",
          f"source_url: https://{host}/{y}/{m:02d}/item-{index:06d}",
          f"author: {quote(r.choice(AUTHORS))}"]
    listed = r.sample(TOPICS, r.choice([0, 1, 1, 2]))
    if listed:
        fm.append("topics: [" + ", ".join(quote(t[0]) for t in listed) + "]")
    fm.append("tags: [" + ", ".join(quote(t) for t in r.sample(TAGS, r.randint(1, 6))) + "]")
    if r.random() < 0.5:
        fm.append("summary: " + quote(sentence(r)))
    if r.random() < 0.1:
        fm.append("note: " + quote(paragraph(r, r.randint(1, 4))))
    fm.append("---")
    return "\n".join(fm) + "\n\n" + "\n\n".join(body) + "\n"


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def site_yaml(n):
    out = [
        "# Written by bench/build/othercorpus.py: a benchmark briefing independent of bench/corpus.",
        'title: "Field Notes: an independently generated briefing"',
        f'description: "{n} generated reports on infrastructure, science and culture."',
        "base_url: https://notes.example.net/",
        "language: en",
        "timezone: America/Santiago",
        "author: Field Desk",
        "per_page: 25",
        "feed_items: 20",
        "",
        "topics:",
    ]
    for slug, title, rules in TOPICS:
        out += [f"  - slug: {slug}", f'    title: "{title}"', "    match:"]
        for k, v in rules.items():
            out.append(f"      {k}: [" + ", ".join(quote(x) for x in v) + "]")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: othercorpus.py N DEST")
    n, dest = int(sys.argv[1]), sys.argv[2]
    os.makedirs(os.path.join(dest, "content", "articles"))
    with open(os.path.join(dest, "site.yaml"), "w", encoding="utf-8") as f:
        f.write(site_yaml(n))
    for i in range(n):
        with open(os.path.join(dest, "content", "articles", f"item-{i:06d}.md"), "w", encoding="utf-8") as f:
            f.write(article(i))


if __name__ == "__main__":
    main()
