"""A labelled corpus for copies and stories (written for the project; invented events, not real news).

Events on eight conflicts, several on the same conflict and day in different places. Each event is
reported by two to four outlets in their own words (rewrites: same story, not copies), some get a
follow-up a day or two later with a new toll (same story), and some reports are a wire original that
other outlets carry with realistic edits: another headline, other page clutter, the last paragraph
trimmed, a "Reporting by" line, a changed dateline (copies: same copy group and story).

Every figure sentence comes from a template whose scope is known, so the figures' scope can be scored.
`python -m tests.story_fixture [SEED...]` prints the measures (see README), one line per seed.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from analysis.models import RawDocument
from analysis.store import schema as S
from analysis.store.parquet_store import read_connection

OUTLETS = ["Harbor Wire", "Meridian Daily", "Atlas Report", "Northline News", "Levant Observer",
           "Pacific Courier", "The Eastern Ledger", "Delta Times"]

# conflict -> (countries named, places, attackers, claimants, weapons, targets, background paragraphs)
CONFLICTS = {
    "ukraine": dict(
        places=["Kharkiv", "Odesa", "Dnipro", "Zaporizhzhia", "Lviv", "Sumy", "Kherson", "Poltava"],
        country="Ukraine", attacker="Russia", attacker_adj="Russian", claimant="Ukraine's air force",
        local="regional governor", weapons=["drone", "missile", "glide bomb"],
        targets=["power plant", "apartment block", "grain terminal", "railway station", "market", "hospital"],
        background=[
            "Russia launched its full-scale invasion of Ukraine in February 2022 and has stepped up attacks on energy sites before winter.",
            "Kyiv has asked its allies in Europe and the United States for more air defence systems to protect its cities.",
        ],
    ),
    "sudan": dict(
        places=["El Fasher", "Omdurman", "Kadugli", "Nyala", "El Obeid", "Tawila"],
        country="Sudan", attacker="the Rapid Support Forces", attacker_adj="RSF", claimant="the health ministry",
        local="local medics", weapons=["drone", "artillery shell", "rocket"],
        targets=["displacement camp", "market", "mosque", "hospital", "fuel depot", "school"],
        background=[
            "The war between Sudan's army and the Rapid Support Forces began in April 2023 and has caused the world's largest displacement crisis.",
            "Aid agencies say famine has been confirmed in parts of Darfur and the Nuba Mountains.",
        ],
    ),
    "gaza": dict(
        places=["Gaza City", "Khan Younis", "Rafah", "Deir al-Balah", "Jabalia", "Nuseirat"],
        country="Gaza", attacker="Israel", attacker_adj="Israeli", claimant="the territory's health ministry",
        local="civil defence officials", weapons=["airstrike", "tank shell", "drone strike"],
        targets=["school shelter", "tent camp", "aid distribution point", "family home", "clinic"],
        background=[
            "The ceasefire agreed in October has been strained by repeated strikes that Israel says target militants.",
            "Egypt, Qatar and the United States are mediating talks on the next phase of the truce.",
        ],
    ),
    "caribbean": dict(
        places=["the southern Caribbean", "waters off Venezuela", "the eastern Pacific", "waters near Trinidad",
                "the Gulf of Paria", "waters off Colombia"],
        country="Venezuela", attacker="the United States", attacker_adj="US", claimant="the Pentagon",
        local="Venezuelan officials", weapons=["strike", "missile strike"],
        targets=["speedboat", "semi-submersible", "fishing vessel", "go-fast boat"],
        background=[
            "Washington says the boats carried drugs; Caracas and several legal scholars call the strikes unlawful.",
            "The US has deployed warships, a submarine and F-35 jets to the region since August.",
        ],
    ),
    "congo": dict(
        places=["Goma", "Bukavu", "Uvira", "Walikale", "Masisi", "Rutshuru"],
        country="Congo", attacker="M23 rebels", attacker_adj="M23", claimant="the provincial governor",
        local="civil society leaders", weapons=["mortar", "bomb", "rocket"],
        targets=["village", "army position", "displacement site", "mining town", "road checkpoint"],
        background=[
            "UN experts say Rwanda backs the M23, which Kigali denies.",
            "A peace framework signed in Washington and Doha has not stopped the fighting in North and South Kivu.",
        ],
    ),
    "myanmar": dict(
        places=["Sagaing", "Mandalay", "Lashio", "Myawaddy", "Hpakant", "Kyaukme"],
        country="Myanmar", attacker="the military junta", attacker_adj="junta", claimant="the National Unity Government",
        local="local rescuers", weapons=["airstrike", "paraglider bomb", "artillery"],
        targets=["monastery", "village school", "festival", "market", "jade mine camp"],
        background=[
            "Myanmar's military seized power in a coup in February 2021 and has since lost ground to armed groups.",
            "The junta plans elections that its opponents and Western governments call a sham.",
        ],
    ),
    "yemen": dict(
        places=["Hodeidah", "Sanaa", "Saada", "Ras Isa", "the Red Sea", "Marib"],
        country="Yemen", attacker="the Houthis", attacker_adj="Houthi", claimant="the group's military spokesman",
        local="port workers", weapons=["drone", "ballistic missile", "cruise missile"],
        targets=["cargo ship", "oil tanker", "port", "power station", "fuel terminal"],
        background=[
            "The Houthis say their attacks on shipping support the Palestinians; they have disrupted trade through the Suez Canal.",
            "Shipping insurers have raised premiums for vessels crossing the Bab el-Mandeb strait.",
        ],
    ),
    "taiwan": dict(
        places=["the Taiwan Strait", "waters east of Taiwan", "the Bashi Channel", "waters near Kinmen",
                "waters off Fujian", "the Matsu islands"],
        country="Taiwan", attacker="China", attacker_adj="Chinese", claimant="Taiwan's defence ministry",
        local="coast guard officers", weapons=["warship", "aircraft"],
        targets=["drill zone", "blockade exercise", "live-fire area"],
        background=[
            "Beijing claims Taiwan as its own territory and has increased military pressure on the island since 2022.",
            "Washington is Taiwan's main arms supplier and has urged restraint on both sides.",
        ],
    ),
}

# Headline, lede and body templates. {k} killed, {w} wounded, {n} a count, {t} target, {p} place.
# The scope of each figure sentence is in its tag: (template, {kind: scope}).
ATTACK_HEADLINES = [
    "{Att} {weapon} attack on {p} {t} kills {k}",
    "{k} dead after {weapon} strike hits {t} in {p}",
    "Strike on {t} in {p} leaves {k} dead, {w} hurt",
    "{p} mourns after {t} attack",
    "Deadly {weapon} strike on {p} {t}",
]
ATTACK_LEDES = [
    ("A {weapon} strike by {att} on a {t} in {p} killed {k} people on {day}, {claimant} said.", {"killed": "incident"}),
    ("At least {k} people were killed and {w} wounded when a {att_adj} {weapon} hit a {t} in {p} on {day}, {local} said.",
     {"killed": "incident", "wounded": "incident"}),
    ("{Att} struck a {t} in {p} overnight, killing {k} people and wounding {w}, according to {local}.",
     {"killed": "incident", "wounded": "incident"}),
    ("{K} people died in a {weapon} attack on a {t} in the city of {p} on {day}, {claimant} said.", {"killed": "incident"}),
]
# Each detail in the words of several outlets: independent rewrites rarely share a whole sentence.
ATTACK_DETAILS = [
    ["Rescuers searched the rubble of the {t} for survivors late into the night.",
     "Emergency crews dug through the ruins of the {t} until dawn looking for people trapped inside.",
     "Search teams were still combing the wreckage of the {t} hours later."],
    ["Footage verified by {outlet} showed smoke rising over the {t} and burned-out cars nearby.",
     "Video seen by {outlet} showed a column of black smoke above the {t}.",
     "Images shared by residents showed the {t} gutted by fire."],
    ["The {t} had been hit once before, residents told {outlet}.",
     "It was the second time the {t} had been targeted, according to people living nearby.",
     "Locals said the same {t} was attacked earlier in the year."],
    ["Hospitals in {p} appealed for blood donors after the attack.",
     "Doctors in {p} asked residents to give blood as the wounded arrived.",
     "Medical staff in {p} said they were overwhelmed by the number of casualties."],
    ["{Local} said {w} people were being treated for their injuries.",
     "Another {w} people were taken to hospital, {local} said.",
     "Some {w} more were injured, some of them critically, according to {local}."],
    ["Among the dead were two children and a paramedic, {local} said.",
     "Children were among the victims, {local} said.",
     "A first responder was among those killed, {local} said."],
    ["The attack came hours after talks between envoys ended without agreement.",
     "The strike followed a round of negotiations that produced no deal.",
     "Diplomats had met earlier in the day but failed to agree on a truce."],
]
CUMULATIVE_LINES = [
    ("Since the start of the year, {total} civilians have been killed in {country}, according to the UN.", {"killed": "cumulative"}),
    ("The conflict's death toll has now climbed to {total}, {claimant} said.", {"killed": "cumulative"}),
    ("So far this month {total} people have been killed in attacks on the region.", {"killed": "cumulative"}),
]
FOLLOW_HEADLINES = [
    "Toll from {p} {t} strike rises to {k2}",
    "{p} buries its dead as toll from {day} attack climbs",
]
FOLLOW_LEDES = [
    ("The death toll from {day}'s strike on a {t} in {p} rose to {k2}, {claimant} said on {day2}.", {"killed": "incident"}),
    ("Rescuers in {p} recovered more bodies from the {t} hit on {day}, bringing the toll from the attack to {k2}, {local} said.",
     {"killed": "incident"}),
]
FOLLOW_DETAILS = [
    ["Funerals were held on {day2} for several of the victims."],
    ["The government declared a day of mourning in {p}."],
    ["Investigators said the {weapon} had been launched from about 100 km away."],
]
STATE_HEADLINES = ["{Att} masses forces near {p}", "{Att} keeps up pressure around {p}"]
STATE_LEDES = [
    ("{Att} has deployed {n} troops near {p}, {claimant} said on {day}.", {"troops": "state"}),
    ("Some {n} {att_adj} warships remain in {p}, {claimant} said on {day}.", {"warships": "state"}),
]
STATE_DETAILS = [
    ["Satellite images reviewed by {outlet} showed new positions near {p}.",
     "Commercial satellite pictures showed fresh deployments close to {p}."],
    ["Analysts said the build-up was the largest in months.",
     "It is the biggest concentration of forces in the area this year, experts said."],
    ["Officials would not say how long the forces would stay.",
     "There was no word on how long the deployment would last."],
]
# (under the dateline, after the story): page furniture that differs between outlets carrying one story.
CLUTTER = [
    (["Share", "Share - WhatsApp"], ["Most Viewed in 24 Hours", "Top", "FOLLOW US"]),
    (["Listen to this article"], ["Sign up for our newsletter", "Related: Live updates"]),
    ([], ["Editor: Li Wen", "Copyright 2025 {outlet}. All rights reserved."]),
    (["Advertisement"], ["Tags: World, Conflict", "© 2025 {outlet}"]),
]
QUOTES = [
    "\"We heard the explosion and ran outside,\" said {name}, who lives nearby.",
    "\"There was nothing left of the building,\" {name}, a volunteer, told {outlet}.",
    "\"We are exhausted, but we will not leave,\" said {name}, a teacher in {p}.",
    "\"Nobody warned us,\" said {name}, whose brother was hurt.",
]
# Reactions and context that outlets add in their own words (two or three per report).
REACTIONS = [
    ["The foreign ministry condemned the attack as a violation of international law and called on partners to respond.",
     "In a statement, the foreign ministry said the attack broke international law and urged allies to act.",
     "Diplomats described the strike as a grave breach of international humanitarian law."],
    ["The United Nations said it was gathering information and repeated its call for the protection of civilians.",
     "A UN spokesperson said the organisation was alarmed and called for civilians to be spared.",
     "UN officials urged all parties to respect civilian infrastructure and allow aid to reach those in need."],
    ["Local authorities announced that schools would stay closed for the rest of the week and opened shelters.",
     "Schools in the area were shut and emergency shelters opened in sports halls, local authorities said.",
     "Officials set up temporary shelters and told parents to keep children at home until further notice."],
    ["Electricity and water supplies were cut in several districts, and repair crews said work would take days.",
     "Several neighbourhoods were left without power or running water, according to the local utility.",
     "The utility company said it expected to restore power to most homes within 48 hours."],
    ["Aid groups said they had sent teams with medicine and food, but roads into the area remained dangerous.",
     "Humanitarian organisations said convoys were on their way, though access was limited by fighting.",
     "Relief agencies warned that stocks of medicine were running low in the area's hospitals."],
]
NAMES = ["Olena", "Ahmed", "Maria", "Yusuf", "Thida", "Joseph", "Fatima", "Carlos", "Lin", "Amani"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
FIRST_DAY = dt.date(2025, 10, 6)


@dataclass
class Item:
    name: str  # the origin
    story: str
    copy_group: str
    published: dt.date
    source: str
    title: str
    paragraphs: list[str]
    scopes: list[tuple[str, str, str]] = field(default_factory=list)  # (sentence, kind, scope)


def _fill(template: str, facts: dict) -> str:
    return template.format(**facts)


def _page(item: Item, rng: random.Random, clutter: tuple[list[str], list[str]]) -> str:
    head = ["Global Edition | World", "Home / World", "", item.title, "",
            f"Source: {item.source} | Updated: {item.published.isoformat()} 08:{rng.randint(10, 59)}", *clutter[0], ""]
    tail = ["", *[c.format(outlet=item.source) for c in clutter[1]]]
    return "\n".join(head + item.paragraphs + tail) + "\n"


def _facts(conflict: str, c: dict, rng: random.Random, day: dt.date, outlet: str) -> dict:
    k = rng.randint(3, 60)
    return dict(
        country=c["country"], att=c["attacker"], Att=c["attacker"][0].upper() + c["attacker"][1:],
        att_adj=c["attacker_adj"], claimant=c["claimant"], local=c["local"], Local=c["local"][0].upper() + c["local"][1:],
        weapon=rng.choice(c["weapons"]), t=rng.choice(c["targets"]), p=rng.choice(c["places"]),
        k=k, K=k, w=rng.randint(5, 120), n=rng.choice([4, 6, 8, 12, 5000, 12000, 40000]),
        total=rng.randint(300, 9000), day=DAYS[day.weekday()], outlet=outlet,
    )


def _report(rng: random.Random, facts: dict, headlines, ledes, details, extra_lines=(), lede_choice=None
            ) -> tuple[str, list[str], list]:
    title = _fill(rng.choice(headlines), facts)
    lede_t, lede_scopes = lede_choice or rng.choice(ledes)
    lede = _fill(lede_t, facts)
    paras = [lede]
    scopes = [(lede, kind, scope) for kind, scope in lede_scopes.items()]
    for variants in rng.sample(details, k=min(4, len(details))):
        paras.append(_fill(rng.choice(variants), facts))
    for variants in rng.sample(REACTIONS, k=rng.randint(2, 3)):
        paras.append(rng.choice(variants))
    if rng.random() < 0.7:
        paras.append(_fill(rng.choice(QUOTES), dict(facts, name=f"{rng.choice(NAMES)} {rng.choice('ABKMRS')}.")))
    for line_t, line_scopes in extra_lines:
        line = _fill(line_t, facts)
        paras.append(line)
        scopes += [(line, kind, scope) for kind, scope in line_scopes.items()]
    return title, paras, scopes


def _copy_edits(item: Item, rng: random.Random, outlet: str, n: int, day: dt.date) -> Item:
    """A syndicated copy: the same paragraphs with the edits outlets make."""
    paras = list(item.paragraphs)
    edits = rng.sample(["headline", "trim", "byline", "dateline", "teaser", "trim2", "local"], k=rng.randint(2, 5))
    title = item.title
    if "headline" in edits:
        title = rng.choice([f"{item.title.split(' ')[0]} latest: {item.title.lower()}", f"UPDATE 1-{item.title}",
                            f"{item.title} - officials", " ".join(reversed(item.title.split(" ", 2)[:2])) + " " + item.title])
    if "trim" in edits and len(paras) > 3:
        paras = paras[:-1]
    if "trim2" in edits and len(paras) > 5:  # a short version: the last two paragraphs cut
        paras = paras[:-2]
    if "local" in edits:  # the outlet adds a paragraph of its own and a few words to another
        paras.insert(len(paras) // 2, f"{outlet} could not independently verify the reports.")
        paras[-1] = paras[-1].rstrip(".") + ", officials added."
    if "byline" in edits:
        paras.append(f"Reporting by {rng.choice(['Lena Marsh', 'Omar Haddad', 'Ana Ruiz'])}; Editing by {rng.choice(['Tom Hale', 'Mia Chen'])}")
    if "dateline" in edits:
        paras[0] = f"({outlet}) - " + paras[0]
    if "teaser" in edits:
        # ("Read more: ..." would be realistic too, but the cleaner ends the article there: see the report.)
        paras.insert(1, f"See also: {rng.choice(['Live updates', 'Analysis', 'Explainer'])} on {outlet}")
    return Item(f"{item.name}-copy{n}", item.story, item.copy_group, day, outlet, title, paras,
                [s for s in item.scopes if s[0] in paras[0] or s[0] in paras])


def labelled_corpus(seed: int = 15, events_per_conflict: int = 5) -> list[Item]:
    rng = random.Random(seed)
    items: list[Item] = []
    for conflict, c in CONFLICTS.items():
        # Separate incidents of one conflict here happen in another place (the hard case, one conflict's
        # attacker, weapons and officials in every report, is kept).
        sites = [(p, rng.choice(c["targets"])) for p in rng.sample(c["places"], k=events_per_conflict)]
        for e in range(events_per_conflict):
            story = f"{conflict}-{e}"
            day = FIRST_DAY + dt.timedelta(days=rng.randint(0, 20))
            state = conflict in ("taiwan",) or (conflict == "ukraine" and e == 4)
            heads, ledes, details = (STATE_HEADLINES, STATE_LEDES, STATE_DETAILS) if state else \
                (ATTACK_HEADLINES, ATTACK_LEDES, ATTACK_DETAILS)
            base = dict(_facts(conflict, c, rng, day, ""), p=sites[e][0], t=sites[e][1])
            outlets = rng.sample(OUTLETS, k=rng.randint(2, 4))
            reports = []
            lede_order = rng.sample(ledes, k=len(ledes))
            for i, outlet in enumerate(outlets):
                facts = dict(base, outlet=outlet, w=base["w"] + rng.choice([0, 0, 2]))
                extra = [rng.choice(CUMULATIVE_LINES)] if not state and rng.random() < 0.4 else []
                title, paras, scopes = _report(rng, facts, heads, ledes, details, extra, lede_order[i % len(ledes)])
                paras.append(rng.choice(c["background"]))
                published = day + dt.timedelta(days=rng.choice([0, 0, 1]))
                name = f"{story}-r{i}"
                item = Item(name, story, name, published, outlet, title, paras, scopes)
                items.append(item)
                reports.append(item)
            # Wire copies of one or two reports, carried by other outlets with edits.
            for original in rng.sample(reports, k=min(len(reports), rng.choice([1, 1, 2]))):
                others = [o for o in OUTLETS if o != original.source]
                for n in range(rng.randint(1, 3)):
                    items.append(_copy_edits(original, rng, rng.choice(others), n,
                                             original.published + dt.timedelta(days=rng.choice([0, 0, 1]))))
            if not state and rng.random() < 0.6:
                k2 = base["k"] + rng.randint(2, 15)
                facts = dict(base, k2=k2, day2=DAYS[(day.weekday() + 1) % 7], outlet=rng.choice(OUTLETS))
                title, paras, scopes = _report(rng, facts, FOLLOW_HEADLINES, FOLLOW_LEDES, FOLLOW_DETAILS)
                paras.append(c["background"][0])
                name = f"{story}-follow"
                items.append(Item(name, story, name, day + dt.timedelta(days=rng.choice([1, 2])), facts["outlet"], title,
                                  paras, scopes))
    return items + bulletins(seed)


# A statement issued every week from one template: each issue is its own story and copy group (a copy is a
# reprint, days apart at most), though the issues share nearly every sentence; an outlet's reprint of an
# issue a day later is its copy. Drawn from their own random stream, after the events.
BULLETIN = [
    "The humanitarian coordination office for {country} issued its weekly situation statement on {day}.",
    "Partners continued to deliver food, water and medical supplies where access allowed, and the office repeated "
    "its call on all parties to protect civilians and civilian infrastructure under international humanitarian law.",
    "Relief convoys reached {n} locations this week, and {m} more requests for access were pending.",
    "Funding for the response plan remains far below what is needed, and the office urged donors to release the "
    "funds they have pledged before the end of the quarter.",
    "Humanitarian workers must be able to move safely, and the office reminded all parties of their obligation to "
    "allow and facilitate rapid and unimpeded passage of relief for civilians in need.",
    "The next statement is due in one week.",
]


def bulletins(seed: int = 15, weeks: int = 12) -> list[Item]:
    rng = random.Random(seed * 7 + 1)
    items: list[Item] = []
    # One series: the same office's statement on two countries the same week would be a copy by its text.
    for conflict in [("sudan", "congo", "myanmar")[seed % 3]]:
        country = CONFLICTS[conflict]["country"]
        start = FIRST_DAY - dt.timedelta(days=7 * (weeks - 4) + rng.randint(0, 6))
        for w in range(weeks):
            day = start + dt.timedelta(days=7 * w)
            facts = dict(country=country, day=DAYS[day.weekday()], n=rng.randint(3, 40), m=rng.randint(2, 15))
            name = f"bulletin-{conflict}-{w}"
            issue = Item(name, name, name, day, "Levant Observer", f"Weekly humanitarian statement on {country}",
                         [_fill(t, facts) for t in BULLETIN])
            items.append(issue)
            if rng.random() < 0.4:
                items.append(_copy_edits(issue, rng, rng.choice(["Delta Times", "Harbor Wire"]), 0,
                                         day + dt.timedelta(days=rng.choice([0, 1, 2]))))
    return items


def raw_documents(items: list[Item], seed: int = 15) -> list[RawDocument]:
    rng = random.Random(seed)
    return [RawDocument(origin=it.name, content=_page(it, rng, rng.choice(CLUTTER))) for it in items]


def pairs(labels: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, list[str]] = {}
    for name, label in labels.items():
        groups.setdefault(label, []).append(name)
    return {frozenset((a, b)) for members in groups.values() for i, a in enumerate(members) for b in members[i + 1:]}


def pair_scores(truth: dict[str, str], predicted: dict[str, str]) -> dict[str, float]:
    t, p = pairs(truth), pairs(predicted)
    hit = len(t & p)
    precision = hit / len(p) if p else 1.0
    recall = hit / len(t) if t else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": len(t), "predicted_pairs": len(p)}


def measure(db_path, seed: int = 15) -> dict:
    """Ingest the corpus into a new store at `db_path` and score copies, stories and figure scopes."""
    from analysis.ingest import ingest_documents
    from analysis.store.parquet_store import read_connection

    items = labelled_corpus(seed)
    ingest_documents(raw_documents(items, seed), db_path)
    with read_connection(db_path) as con:
        rows = con.execute(
            "SELECT a.origin, l.copy_of, l.story FROM articles a JOIN article_links l ON l.article_id = a.id"
        ).fetchall()
        figures = con.execute(
            "SELECT a.origin, f.sentence, f.kind, f.scope FROM figures f JOIN articles a ON a.id = f.article_id"
        ).fetchall()
    copy_pred = {o: c for o, c, _ in rows}
    story_pred = {o: s for o, _, s in rows}
    names = set(copy_pred)
    truth_copy = {it.name: it.copy_group for it in items if it.name in names}
    truth_story = {it.name: it.story for it in items if it.name in names}
    labelled: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for it in items:
        for sentence, kind, scope in it.scopes:
            labelled.setdefault((it.name, kind), []).append((sentence, scope))
    # A figure is scored against the labelled sentence it was found in (a copy may carry a dateline before it).
    scored = [
        (label, scope)
        for o, sentence, kind, scope in figures
        for text, label in labelled.get((o, kind), ())
        if text in sentence or sentence in text
    ]
    return {
        "articles": len(items),
        "stored": len(rows),
        "stories": len(set(truth_story.values())),
        "copies": pair_scores(truth_copy, copy_pred),
        "stories_pairs": pair_scores(truth_story, story_pred),
        "scope_accuracy": sum(a == b for a, b in scored) / len(scored) if scored else None,
        "scope_figures": len(scored),
    }


if __name__ == "__main__":
    import json
    import sys
    import tempfile
    from pathlib import Path

    seeds = [int(a) for a in sys.argv[1:]] or [15]
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            print(json.dumps({"seed": seed, **measure(Path(tmp) / f"stories-{seed}", seed)}))


def stored_links(db) -> dict[str, tuple[str, str]]:
    """Each stored article's copy group and story, by the articles' origins (names in the labelled corpus)."""
    with read_connection(db) as con:
        rows = con.execute(
            f"SELECT a.origin, c.origin, s.origin FROM {S.ARTICLE_LINKS} l JOIN {S.ARTICLES} a ON a.id = l.article_id "
            f"JOIN {S.ARTICLES} c ON c.id = l.copy_of JOIN {S.ARTICLES} s ON s.id = l.story"
        ).fetchall()
    return {a: (c, s) for a, c, s in rows}
