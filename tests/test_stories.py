"""Story linking (pure): copies follow their original, rewrites of one event join it, other events do not."""
from __future__ import annotations

import datetime as dt

import pytest

from analysis.monitor.event_evidence import reported
from analysis.monitor.stories import Article, assign, terms

D = dt.date(2025, 10, 6)
WIRE = (
    "A drone strike by Russia on a grain terminal in Odesa killed 12 people on Monday, the regional governor said. "
    "Rescuers searched the ruins of the terminal through the night while engineers restored power to the port. "
    "Ukraine's air force said 48 drones and 3 missiles were launched at the region, most of them shot down. "
    "Kyiv has asked its allies for more air defence systems to protect its ports before winter."
)
REWRITE = (
    "Twelve people died when a Russian drone hit a grain terminal in the port of Odesa, officials said. "
    "Emergency crews worked until dawn at the Odesa terminal, and the port's grain exports were halted."
)
OTHER_EVENT = (
    "A missile struck a railway station in Kharkiv on Monday, killing 5 people and wounding 20, the mayor said. "
    "Trains to the east were suspended while investigators examined the damaged platforms."
)


# Stored articles on other subjects: the window a batch is read against, which gives words their weight
# (linking two articles alone, every shared word would weigh as little as the rarest).
BACKGROUND_TEXTS = [
    ("Parliament debates the budget", "Lawmakers in Berlin argued over the budget deficit and pension reform for a third day."),
    ("Floods hit the north", "Heavy rain flooded villages along the river and the army evacuated hundreds of families."),
    ("Central bank holds rates", "The central bank kept interest rates unchanged, citing slowing inflation and weak exports."),
    ("Election campaign opens", "Candidates toured the provinces as the election campaign opened with rallies and debates."),
    ("Grain prices fall", "Wheat and corn prices fell on world markets as harvests in the Americas beat forecasts."),
    ("Talks on energy resume", "Ministers met in Vienna to discuss gas supplies and electricity prices for the winter."),
]


def background(day: dt.date = D) -> list[Article]:
    return [Article(id=f"bg{i}", day=day, title=t, body=b, countries=frozenset({"DEU"}), copy_of=f"bg{i}",
                    story=f"bg{i}", story_first=day) for i, (t, b) in enumerate(BACKGROUND_TEXTS)]


def art(id: str, title: str, body: str, day: dt.date = D, countries=("UKR", "RUS"), **kw) -> Article:
    return Article(id=id, day=day, title=title, body=body, countries=frozenset(countries), **kw)


def test_terms_are_content_words():
    assert terms("The strikes on Odesa's port killed 12 people") == ["strike", "odesa", "port", "killed", "12"]


def test_copy_joins_its_original_and_its_story():
    new = [art("a", "Drone strike on Odesa grain terminal kills 12", WIRE),
           art("b", "UPDATE 1-Odesa terminal hit", "(Harbor Wire) - " + WIRE + " Reporting by Lena Marsh")]
    out = {x.article_id: x for x in assign(new, [], background())}
    assert out["a"].copy_of == "a" and out["b"].copy_of == "a"
    assert out["b"].story == out["a"].story == "a"


def test_rewrite_of_the_same_event_joins_the_story_but_is_not_a_copy():
    new = [art("a", "Drone strike on Odesa grain terminal kills 12", WIRE),
           art("b", "Odesa grain terminal hit by Russian drone, 12 dead", REWRITE, D + dt.timedelta(days=1))]
    out = {x.article_id: x for x in assign(new, [], background())}
    assert out["b"].copy_of == "b" and out["b"].story == "a"


def test_another_event_of_the_same_conflict_is_another_story():
    new = [art("a", "Drone strike on Odesa grain terminal kills 12", WIRE),
           art("b", "Missile hits Kharkiv railway station", OTHER_EVENT)]
    out = {x.article_id: x for x in assign(new, [], background())}
    assert out["b"].story == "b"


@pytest.mark.parametrize("day, countries", [(D + dt.timedelta(days=7), ("UKR",)), (D, ("FRA",))])
def test_a_week_later_or_without_a_shared_country_is_another_story(day, countries):
    first = art("a", "Drone strike on Odesa grain terminal kills 12", WIRE)
    other = art("b", "Odesa grain terminal hit by Russian drone, 12 dead", REWRITE, day, countries)
    out = {x.article_id: x for x in assign([first, other], [], background())}
    assert out["b"].story == "b"
    # the same pair on the same day, sharing a country, is one story
    same = art("b", "Odesa grain terminal hit by Russian drone, 12 dead", REWRITE)
    assert {x.article_id: x.story for x in assign([first, same], [], background())}["b"] == "a"


def test_a_new_batch_links_to_stored_articles_without_changing_them():
    stored = art("a", "Drone strike on Odesa grain terminal kills 12", WIRE, copy_of="a", story="s1", story_first=D)
    new = [art("b", "Odesa grain terminal hit by Russian drone, 12 dead", REWRITE, D + dt.timedelta(days=1)),
           art("c", "Odesa strike", WIRE + " Reporting by Ana Ruiz", D + dt.timedelta(days=5))]
    out = {x.article_id: x for x in assign(new, [stored], [stored, *background()])}
    assert set(out) == {"b", "c"}
    assert out["b"].story == "s1"
    # a copy five days on, past the story window: the same group and story
    assert out["c"].copy_of == "a" and out["c"].story == "s1"


# A copy is a reprint: the same text published again within COPY_DAYS (6). A weekly bulletin or a
# boilerplate statement repeated months apart is not one.
REPRINTS = [(0, True), (3, True), (6, True), (7, False), (30, False), (90, False), (365, False)]


@pytest.mark.parametrize("days_apart, is_copy", REPRINTS)
def test_the_same_text_is_a_copy_only_within_copy_days_in_one_batch(days_apart, is_copy):
    new = [art("a", "Drone strike on Odesa grain terminal kills 12", WIRE),
           art("b", "Odesa terminal hit", WIRE + " Reporting by Ana Ruiz", D + dt.timedelta(days=days_apart))]
    out = {x.article_id: x for x in assign(new, [], background())}
    assert (out["b"].copy_of == "a") is is_copy


@pytest.mark.parametrize("days_apart, is_copy", REPRINTS)
def test_the_same_text_is_a_copy_only_within_copy_days_of_a_stored_article(days_apart, is_copy):
    stored = art("a", "Drone strike on Odesa grain terminal kills 12", WIRE, copy_of="a", story="s1", story_first=D)
    later = D + dt.timedelta(days=days_apart)
    new = [art("b", "Odesa terminal hit", WIRE + " Reporting by Ana Ruiz", later)]
    out = assign(new, [stored], background(later))[0]
    assert (out.copy_of == "a") is is_copy
    assert (out.story == "s1") is is_copy  # nor does it join the old story: past the story window too


def test_a_bulletin_repeated_every_week_joins_no_copy_group_but_its_reprints_do():
    weeks = [art(f"w{i}", "Weekly security bulletin", WIRE, D + dt.timedelta(days=7 * i)) for i in range(12)]
    reprint = art("r", "Security bulletin", "(Harbor Wire) - " + WIRE, D + dt.timedelta(days=7 * 11 + 1))
    out = {x.article_id: x.copy_of for x in assign([*weeks, reprint], [], background())}
    assert [out[f"w{i}"] for i in range(12)] == [f"w{i}" for i in range(12)]
    assert out["r"] == "w11"  # the nearest issue, though a dozen earlier ones share its buckets


def test_a_statement_repeated_every_day_does_not_chain_into_one_group():
    days = [art(f"d{i:02}", "Daily statement", WIRE, D + dt.timedelta(days=i)) for i in range(21)]
    out = {x.article_id: x.copy_of for x in assign(days, [], background())}
    groups: dict[str, list[int]] = {}
    for i in range(21):
        groups.setdefault(out[f"d{i:02}"], []).append(i)
    assert len(groups) == 3 and all(max(g) - min(g) <= 6 for g in groups.values())


@pytest.mark.parametrize("group_began, joins", [(D, True), (D - dt.timedelta(days=4), True), (D - dt.timedelta(days=5), False)])
def test_a_stored_copy_group_is_joined_only_within_copy_days_of_its_first_article(group_began, joins):
    stored = art("x", "Odesa strike", WIRE, copy_of="o", story="s1", story_first=group_began, copy_first=group_began)
    later = D + dt.timedelta(days=2)
    out = assign([art("n", "Odesa terminal hit", WIRE + " Reporting by Ana Ruiz", later)], [stored], background(later))[0]
    assert (out.copy_of == "o") is joins


@pytest.mark.parametrize("days_apart, same_story", [(1, True), (3, True), (4, False), (10, False)])
def test_the_story_window_holds_against_stored_articles(days_apart, same_story):
    stored = art("a", "Drone strike on Odesa grain terminal kills 12", WIRE, copy_of="a", story="s1", story_first=D)
    later = D + dt.timedelta(days=days_apart)
    new = [art("b", "Odesa grain terminal hit by Russian drone, 12 dead", REWRITE, later)]
    assert (assign(new, [], [stored, *background(later)])[0].story == "s1") is same_story


def test_order_of_the_batch_does_not_matter():
    new = [art("a", "Drone strike on Odesa grain terminal kills 12", WIRE),
           art("b", "Odesa grain terminal hit by Russian drone, 12 dead", REWRITE, D + dt.timedelta(days=1)),
           art("c", "Missile hits Kharkiv railway station", OTHER_EVENT)]
    assert assign(new, [], background()) == assign(list(reversed(new)), [], background())


# --- the event's own evidence: the figures it states ----------------------------------------------------

# One conflict's nightly attacks, told every night in the same words (the sample's Ukraine reports).
NIGHTLY = (
    "KYIV - Russia launched {drones} drones and {missiles} missiles at Ukraine overnight, the air force said. "
    "At least {killed} people were killed and {wounded} wounded in {city}, regional officials said. "
    "Kyiv asked its allies in Europe for more air defence systems."
)


def nightly(id: str, day: dt.date, drones: int, missiles: int, killed: int, wounded: int, city: str,
            title: str = "Russia fires drones at Ukraine in overnight attack") -> Article:
    body = NIGHTLY.format(drones=drones, missiles=missiles, killed=killed, wounded=wounded, city=city)
    sentences = body.split(". ")
    figures = (reported("drones", drones, "incident", sentences[0], day),
               reported("missiles", missiles, "incident", sentences[0], day),
               reported("killed", killed, "incident", sentences[1], day),
               reported("wounded", wounded, "incident", sentences[1], day))
    return art(id, title, body, day, figures=figures)


def test_separate_nightly_attacks_told_in_the_same_words_are_separate_stories():
    nights = [nightly("sep06", D, 483, 13, 6, 24, "Dnipro"), nightly("sep09", D + dt.timedelta(days=3), 101, 7, 6, 18, "Kyiv"),
              nightly("sep12", D + dt.timedelta(days=6), 792, 14, 24, 48, "Dnipro")]
    out = {x.article_id: x for x in assign(nights, [], background())}
    assert len({x.story for x in out.values()}) == 3
    assert len({x.copy_of for x in out.values()}) == 3  # nor copies: the same words, other counts


def test_a_night_told_again_the_next_day_by_another_outlet_joins_its_story():
    night = nightly("a", D, 483, 13, 6, 24, "Dnipro")
    again = nightly("b", D + dt.timedelta(days=1), 483, 13, 7, 24, "Dnipro", title="Ukraine counts the damage")
    out = {x.article_id: x for x in assign([night, again], [], background())}
    assert out["b"].story == "a"


def test_the_next_nights_attack_does_not_join_through_a_story_of_several_reports():
    """Single link chains A~B~C: the new report is checked against every report of the story."""
    first = nightly("a", D, 483, 13, 6, 24, "Dnipro")
    same_night = nightly("b", D + dt.timedelta(days=1), 483, 13, 6, 24, "Dnipro", title="Overnight attack on Ukraine")
    next_night = nightly("c", D + dt.timedelta(days=2), 101, 7, 6, 18, "Kyiv", title="Overnight attack on Ukraine")
    out = {x.article_id: x for x in assign([first, same_night, next_night], [], background())}
    assert out["b"].story == "a" and out["c"].story == "c"


def _toll(id: str, day: dt.date, sentence: str, value: int, title: str) -> Article:
    body = sentence + " Rescuers searched the ruins of the grain terminal in Odesa while engineers restored power."
    return art(id, title, body, day, figures=(reported("killed", value, "incident", sentence, day),))


@pytest.mark.parametrize("sentence, value", [
    ("The death toll from Monday's strike on a grain terminal in Odesa rose to 15, the governor said.", 15),
    ("Monday's drone strike on a grain terminal in Odesa killed 15 people, the emergency service said.", 15),
    ("Rescuers recovered more bodies at the Odesa grain terminal, bringing the toll from the attack to 19.", 19),
    ("The drone strike on a grain terminal in Odesa killed 12 people, officials said.", 12),
])
def test_a_follow_up_with_a_revised_toll_joins_its_story(sentence, value):
    first = _toll("a", D, "A drone strike on a grain terminal in Odesa killed 12 people on Monday.", 12,
                  "Drone strike on Odesa grain terminal kills 12")
    follow = _toll("b", D + dt.timedelta(days=1), sentence, value, "Odesa grain terminal strike: toll rises")
    out = {x.article_id: x for x in assign([first, follow], [], background())}
    assert out["b"].story == "a"


@pytest.mark.parametrize("sentence, value", [
    ("A drone strike on a grain terminal in Odesa killed 30 people, the governor said.", 30),  # another toll
    ("A drone strike on a grain terminal in Odesa killed 13 people on Wednesday.", 13),  # another day named
])
def test_another_toll_or_another_day_days_later_is_another_event(sentence, value):
    first = _toll("a", D, "A drone strike on a grain terminal in Odesa killed 12 people on Monday.", 12,
                  "Drone strike on Odesa grain terminal kills 12")
    later = _toll("b", D + dt.timedelta(days=2), sentence, value, "Drone strike on Odesa grain terminal")
    out = {x.article_id: x for x in assign([first, later], [], background())}
    assert out["b"].story == "b"


# Two reports of one outlet's recurring template: the same boilerplate, different tolls (the sample's
# ledger-2025-11-02-110 and meridian-2025-11-18-025 were exactly this, 16 days apart).
_TEMPLATE = (
    "GOMA - Fighting between M23 rebels and the army killed at least {killed} people near Goma on {day}, "
    "local officials said.\n\nAbout {displaced} people have been displaced since the rebels advanced, the UN "
    "said. Washington and Doha have hosted talks between the two governments.\n\nThe Democratic Republic of "
    "the Congo accused Rwanda of backing the rebels, which Kigali denies."
)


def _goma(id: str, day: dt.date, killed: int, displaced: int, with_figures: bool = True) -> Article:
    text = _TEMPLATE.format(killed=killed, day=f"Nov. {day.day}", displaced=f"{displaced:,}")
    figures = (reported("killed", killed, "incident", text.split("\n")[0], day),
               reported("displaced", displaced, "cumulative", "", day)) if with_figures else ()
    return Article(id, day, "Fighting near Goma kills dozens", text, frozenset({"COD", "RWA"}), figures=figures)


def test_reports_of_two_attacks_with_different_tolls_weeks_apart_are_not_copies():
    by_id = {a.article_id: a for a in assign([_goma("a", dt.date(2025, 11, 2), 77, 120_000, False),
                                              _goma("b", dt.date(2025, 11, 18), 10, 400_000, False)], [], [])}
    assert by_id["b"].copy_of != by_id["a"].copy_of
    assert by_id["b"].story != by_id["a"].story


@pytest.mark.parametrize("days_apart", [0, 1, 3, 6])
def test_a_template_page_reused_with_other_tolls_within_copy_days_is_no_copy(days_apart):
    first = _goma("a", dt.date(2025, 11, 2), 77, 120_000)
    later = _goma("b", dt.date(2025, 11, 2 + days_apart), 10, 120_000)
    by_id = {a.article_id: a for a in assign([first, later], [], [])}
    assert by_id["b"].copy_of == "b"
    # nor the same story, once days apart: its toll and the day it names are another event's
    assert (by_id["b"].story == "a") is (days_apart == 0)


def test_a_stored_template_page_with_another_toll_is_no_copy_either():
    stored = _goma("a", dt.date(2025, 11, 2), 77, 120_000)
    stored.copy_of, stored.story, stored.story_first = "a", "a", stored.day
    later = _goma("b", dt.date(2025, 11, 4), 10, 120_000)
    out = assign([later], [stored], [stored])[0]
    assert out.copy_of == "b" and out.story == "b"


def test_a_copy_with_the_same_figures_is_still_a_copy():
    first = _goma("a", dt.date(2025, 11, 2), 77, 120_000)
    reprint = _goma("b", dt.date(2025, 11, 3), 77, 120_000)
    reprint.body += " Reporting by Ana Ruiz"
    out = {a.article_id: a for a in assign([first, reprint], [], [])}
    assert out["b"].copy_of == "a" and out["b"].story == "a"


# --- where it happened: the places it names ---------------------------------------------------------------

STRIKE = ("An Israeli airstrike on an aid distribution point in {place} killed {killed} people on Tuesday, the "
          "territory's health ministry said. Rescuers searched the rubble of the aid distribution point for survivors.")


def strike(id: str, place: str, killed: int, day: dt.date = D, title: str = "Deadly airstrike on aid distribution point",
           places: tuple[str, ...] | None = None) -> Article:
    body = STRIKE.format(place=place, killed=killed)
    return art(id, title, body, day, countries=("ISR", "PSE"), places=frozenset(places if places is not None else (place,)),
               figures=(reported("killed", killed, "incident", body.split(". ")[0], day),))


@pytest.mark.parametrize("place_b, places_b, same_story", [
    ("Jabalia", None, True),
    ("Deir al-Balah", None, False),  # the same day's strike on another town
    ("Jabalia", ("Jabalia", "Gaza City"), True),  # a report naming one more place
    ("Khan Younis", ("Khan Younis", "Rafah"), False),
])
def test_a_report_naming_none_of_the_storys_places_is_of_another_event(place_b, places_b, same_story):
    first = strike("a", "Jabalia", 18)
    other = strike("b", place_b, 18, D + dt.timedelta(days=1), places=places_b)
    out = {x.article_id: x for x in assign([first, other], [], background())}
    assert (out["b"].story == "a") is same_story


def test_a_report_naming_no_place_is_judged_by_its_words_and_figures():
    first = strike("a", "Jabalia", 18)
    unplaced = strike("b", "the north of the strip", 18, D + dt.timedelta(days=1), places=())
    out = {x.article_id: x for x in assign([first, unplaced], [], background())}
    assert out["b"].story == "a"


@pytest.mark.parametrize("places_b, is_copy", [(("Jabalia",), True), (("Jabalia", "Gaza City"), True),
                                               ((), True), (("Deir al-Balah",), False)])
def test_the_same_text_naming_another_place_is_no_copy(places_b, is_copy):
    first = strike("a", "Jabalia", 18)
    again = strike("b", "Jabalia", 18, D + dt.timedelta(days=1), places=places_b)
    again.body += " Reporting by Ana Ruiz"
    out = {x.article_id: x for x in assign([first, again], [], background())}
    assert (out["b"].copy_of == "a") is is_copy


# --- a batch dated before the store's newest articles (an archive's backfill) ---------------------------

TITLE = "Drone strike on Odesa grain terminal kills 12"


def _later_reports(first: dt.date, n: int) -> list[Article]:
    """`n` stored reports of another Odesa terminal attack, weeks after `first`, in the same words: each
    holds the new article's distinctive terms, so without a bound they are its newest postings."""
    later = first + dt.timedelta(days=30)
    return [art(f"late{i}", TITLE, WIRE, later, copy_of=f"late{i}", story="late", story_first=later) for i in range(n)]


@pytest.mark.parametrize("later_reports", [0, 10, 63, 64, 65, 80, 200])
@pytest.mark.parametrize("days_after", [0, 1, 3])
def test_a_backfilled_article_finds_its_story_however_many_later_reports_share_its_words(later_reports, days_after):
    # the same words as the stored report (a copy were it among the copy candidates): what stands
    # between them is only whether the stored report is read among the new one's candidates
    stored = art("a", TITLE, WIRE, copy_of="a", story="s1", story_first=D)
    filler = background() * 200  # the reports' words stay under COMMON_SHARE of the window
    new = [art("b", TITLE, WIRE, D + dt.timedelta(days=days_after))]
    assert assign(new, [], [stored, *_later_reports(D, later_reports), *filler])[0].story == "s1"
