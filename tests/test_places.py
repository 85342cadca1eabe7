"""Places: sentence -> the cities and regions it names, each linked to its country (or left alone)."""
import pytest

from analysis.understand.countries import find_country_mentions
from analysis.understand.places import find_places

CASES = [
    # cities and regions that name no country
    ("Shelling in Kharkiv killed 3 people overnight.", [("Kharkiv", "UKR")]),
    ("A drone hit Dnipro, and Kharkiv's mayor said 12 were hurt.", [("Dnipro", "UKR"), ("Kharkiv", "UKR")]),
    ("The RSF seized El Fasher after an 18-month siege.", [("El Fasher", "SDN")]),
    ("Rebels advanced on Goma as thousands fled.", [("Goma", "COD")]),
    ("Militants attacked Timbuktu on Tuesday.", [("Timbuktu", "MLI")]),
    ("Israeli strikes on Khan Younis killed 20.", [("Khan Younis", "PSE")]),
    ("Officials in Deir al-Balah said the hospital was full.", [("Deir al-Balah", "PSE")]),
    ("Strikes hit Khān Yūnis overnight.", [("Khān Yūnis", "PSE")]),  # written with its accents
    ("Fighting raged near Pokrovsk and Kupiansk.", [("Pokrovsk", "UKR"), ("Kupiansk", "UKR")]),  # not Russia's Pokrovsk
    ("Strikes on Russian-held Donetsk killed 4, officials said.", [("Donetsk", "UKR")]),
    ("Kharkiv Regional Military Administration said 5 were killed.", [("Kharkiv", "UKR")]),
    ("Heavy fighting continued across Darfur and Kordofan.", [("Darfur", "SDN"), ("Kordofan", "SDN")]),
    ("Aid reached the Tawila camp on Friday.", [("Tawila", "SDN")]),
    ("Two people died in Zaporizhzhia region.", [("Zaporizhzhia", "UKR")]),
    ("Gunfire was heard in Mumbai late on Monday.", [("Mumbai", "IND")]),  # a city of millions links alone
    # a smaller city links only when the story names its country
    ("Police said the march in Tampere passed calmly.", []),
    ("Finnish police said the march in Tampere passed calmly.", [("Tampere", "FIN")]),
    ("Troops were seen near Bello on Monday.", []),
    ("Troops from Colombia were seen near Bello on Monday.", [("Bello", "COL")]),
    ("Germany said Hamas fighters had opened fire.", []),  # a group sharing a German town's name: no place's grammar
    ("Manila sent observers to the talks in Santiago.", []),  # the Philippines' Santiago is far smaller than Chile's
    # ambiguity: a state after the name, the countries' own names, ordinary words, people
    ("She was born in Paris, Texas, and moved away.", [("Texas", "USA")]),  # Paris is the Texas town here
    ("Police detained 12 protesters in Odessa, Texas.", [("Odessa", "USA"), ("Texas", "USA")]),
    ("The summit in Paris ended without a deal.", []),  # Paris is a country mention (France), not a place
    ("Georgia's parliament met on Monday.", []),  # a country, or a state: the countries' rules decide
    ("Most residents stayed indoors.", []),  # Most, Czechia
    ("Van drivers went on strike.", []),  # Van, Turkey
    ("Police blocked the road.", []),  # Police, Poland
    ("Andrew Jackson was the seventh president.", []),
    ("Jackson said the plan would work.", []),
    ("President Lincoln signed the act.", []),
    ("David met the minister on Monday.", []),  # David, Panama
    ("KHARKIV, Ukraine — Russian missiles hit the city.", []),  # a dateline: where the reporter filed from
    # a name inside a longer word is none, even beside the real one
    ("The xKharkiv account posted that Kharkiv was hit.", [("Kharkiv", "UKR")]),
    ("Posts tagged #ilovekharkiv_Goma said nothing of Goma.", [("Goma", "COD")]),
]


@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_find_places(sentence, expected):
    places = find_places(sentence, find_country_mentions(sentence))
    assert [(p.name, p.iso3) for p in places] == expected
    for p in places:
        assert sentence[p.start : p.end] == p.name


def test_a_town_named_after_a_country_is_not_that_country():
    assert find_country_mentions("She grew up in Lebanon, Pennsylvania, and Paris, Texas.") == []
    assert [m.iso3 for m in find_country_mentions("Talks in Paris, France, ended.")] == ["FRA", "FRA"]


def test_places_never_overlap_country_mentions():
    text = "Strikes hit Gaza City and Rafah; Israel said the Gaza Strip was a combat zone."
    mentions = find_country_mentions(text)
    for p in find_places(text, mentions):
        assert all(p.end <= m.start or m.end <= p.start for m in mentions)
