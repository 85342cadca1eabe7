"""Figures: sentence -> the (kind, value, qualifier) it reports. Each row is a rule of the extractor."""
import itertools
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.understand.figures import KINDS, extract_figures, parse_number

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_a69457a0b8eee7a7.txt"

CASES = [
    # the phrasings the issue names
    ("The boat strike was the deadliest yet, killing at least 83 people.", [("killed", 83, "at least")]),
    ("83 people were killed in the attack.", [("killed", 83, None)]),
    ("The death toll rose to 83 on Tuesday.", [("killed", 83, None)]),
    ("The death toll has risen to at least 83, officials said.", [("killed", 83, "at least")]),
    ("US forces have carried out at least 21 known strikes since Sept. 2.", [("strikes", 21, "at least")]),
    ("The military carried out 21 strikes in the Caribbean.", [("strikes", 21, None)]),
    ("Washington has deployed 15,000 troops to the region.", [("troops", 15000, None)]),
    ("The Navy sent around a dozen warships.", [("warships", 12, "about")]),
    (
        "Russia launched 90 drones and 12 missiles at Ukraine overnight.",
        [("drones", 90, None), ("missiles", 12, None)],
    ),
    ("The blast wounded 40 people.", [("wounded", 40, None)]),
    ("Shelling injured 17 in Kharkiv.", [("wounded", 17, None)]),
    ("Officials reported 12 civilians dead after the shelling.", [("killed", 12, None)]),
    # casualties in other shapes
    ("The strike killed 10 people and wounded 25 others.", [("killed", 10, None), ("wounded", 25, None)]),
    ("Ten people were killed and 25 wounded.", [("killed", 10, None), ("wounded", 25, None)]),
    ("At least 4 people have died since the weekend.", [("killed", 4, "at least")]),
    ("The raid left 12 dead.", [("killed", 12, None)]),
    ("Three Palestinians were killed in Jenin.", [("killed", 3, None)]),
    ("Five soldiers were wounded near the border.", [("wounded", 5, None)]),
    ("More than 1,500 people have lost their lives.", [("killed", 1500, "more than")]),
    ("There were 42 deaths in the camp.", [("killed", 42, None)]),
    ("Police detained 30 people at the protest.", [("detained", 30, None)]),
    ("Troops arrested dozens of men in the raid.", [("detained", 12, "at least")]),
    ("More than 40,000 people have been displaced by the fighting.", [("displaced", 40000, "more than")]),
    ("More than 1.9 million Gazans - about 90% of the population - have been displaced.",
     [("displaced", 1900000, "more than")]),
    ("About 700,000 people—roughly a third of the city—have fled since May.", [("displaced", 700000, "about")]),
    ("Israeli airstrikes killed at least 27 Palestinians across the Gaza Strip.", [("killed", 27, "at least")]),
    ("Some 1,200 Kurds were detained in the sweep.", [("detained", 1200, "about")]),
    ("The military said two of its soldiers had been wounded in the south.", [("wounded", 2, None)]),
    ("Three of their children were killed in the strike.", [("killed", 3, None)]),
    ("One of its warships was hit by a drone.", []),  # one of a fleet, not a fleet's size
    ("Israel struck targets after one of its soldiers was killed in Rafah.", []),  # singled out, not a count
    ("It was one of the deadliest attacks of the war.", []),
    ("Hamas freed 20 hostages and Israel released 1,968 Palestinian prisoners.", []),  # releases, not arrests
    ("India said it struck nine sites in Pakistan early on Wednesday.", [("strikes", 9, None)]),
    ("Israel hit 12 Hezbollah targets overnight.", [("strikes", 12, None)]),
    ("The missile hit 2 buildings.", []),  # what was hit, not how many strikes
    ("Israel said it had struck dozens of Hamas targets.", []),  # too vague to count strikes by
    ("Around 2,000 people were evacuated from villages along the border.", [("displaced", 2000, "about")]),
    ("The war has displaced 1.2 million people.", [("displaced", 1_200_000, None)]),
    ("Some 1.2 million displaced people live in camps.", [("displaced", 1_200_000, "about")]),
    ("Nearly 12 million Sudanese have fled their homes.", [("displaced", 12_000_000, "about")]),
    ("Hundreds of people were killed in El Fasher.", [("killed", 100, "at least")]),
    ("Aid convoy reaches Tawila as thousands flee El Fasher", [("displaced", 1000, "at least")]),
    ("Tens of thousands of people have been displaced.", [("displaced", 10000, "at least")]),
    ("The attack killed forty-two civilians.", [("killed", 42, None)]),
    ("One person was killed and two were injured.", [("killed", 1, None), ("wounded", 2, None)]),
    # weapons and forces
    ("Taiwan detected 32 Chinese military aircraft and nine navy ships.", [("aircraft", 32, None), ("warships", 9, None)]),
    ("Beijing sent dozens of aircraft toward the island.", [("aircraft", 12, "at least")]),
    ("Three warships entered the Caribbean.", [("warships", 3, None)]),
    ("Ukraine said it shot down 45 of 60 drones.", [("drones", 60, None)]),
    ("Hamas fired about 30 rockets.", [("missiles", 30, "about")]),
    ("The Pentagon sent up to 4,000 marines.", [("troops", 4000, "up to")]),
    ("The carrier group includes 2 destroyers.", [("warships", 2, None)]),
    ("Israel carried out over 100 airstrikes in Gaza.", [("strikes", 100, "more than")]),
    ("The army mobilised half a million reservists.", [("troops", 500_000, None)]),
    ("The UN says 14 million people have been forced from their homes.", [("displaced", 14_000_000, None)]),
    ("Israeli forces detained at least 25 Palestinians in raids.", [("detained", 25, "at least")]),
    ("Gaza's health ministry says the death toll has passed 69,000.", [("killed", 69000, None)]),
    (
        "The strike killed six men, bringing the total to 27 killed in 8 strikes.",
        [("killed", 6, None), ("killed", 27, None), ("strikes", 8, None)],
    ),
    (
        "Taiwan tracked 21 Chinese military aircraft and 7 PLA Navy vessels.",
        [("aircraft", 21, None), ("warships", 7, None)],
    ),
    ("The air force flew 2 B-52 bombers near the coast.", [("aircraft", 2, None)]),
    ("Three U.S. Navy destroyers and a submarine are in the area.", [("warships", 3, None)]),
    ("At least 1,000 people were killed, including 200 children.", [("killed", 1000, "at least")]),
    # a toll as a noun phrase
    ("The ambush led to the deaths of 31 villagers.", [("killed", 31, None)]),
    ("Clashes on the border resulted in the deaths of at least 14 people.", [("killed", 14, "at least")]),
    ("The shelling caused the death of 5 soldiers.", [("killed", 5, None)]),
    ("The bombing claimed the lives of 12 civilians.", [("killed", 12, None)]),
    ("The landslide of rubble took the lives of nine rescuers.", [("killed", 9, None)]),
    ("The clinic saved the lives of 30 children.", []),  # lives saved, not lost
    ("The shelling the day before claimed three lives and left 60 injured.", [("killed", 3, None), ("wounded", 60, None)]),
    ("The attack claimed 12 lives, officials said.", [("killed", 12, None)]),
    ("The medics saved 30 lives.", []),
    ("Two people were hospitalised with injuries after the strike.", [("wounded", 2, None)]),
    ("Nine people were treated for shrapnel wounds.", [("wounded", 9, None)]),
    ("The fighting has cost the lives of more than 200 soldiers.", [("killed", 200, "more than")]),
    ("Shrapnel caused injuries to 30 more.", [("wounded", 30, None)]),
    ("The blast inflicted injuries on 15 people at the checkpoint.", [("wounded", 15, None)]),
    ("The explosion left 19 others injured.", [("wounded", 19, None)]),
    ("The raid left 25 police officers dead.", [("killed", 25, None)]),
    ("Rescue teams recovered 600 bodies from the rubble.", [("killed", 600, None)]),
    ("Medics pulled 17 bodies from the collapsed building.", [("killed", 17, None)]),
    ("The health office confirmed 9 fatalities.", [("killed", 9, None)]),
    ("The ministry recorded 6 deaths and 41 injuries.", [("killed", 6, None), ("wounded", 41, None)]),
    # a toll raised
    ("The shelling, which brings the toll of the offensive to at least 40, hit a school.", [("killed", 40, "at least")]),
    ("Fighting spread, raising the number displaced to nearly 9 million.", [("displaced", 9_000_000, "about")]),
    ("The latest raid brought the number of dead to 212.", [("killed", 212, None)]),
    ("The number of injured climbed to 57 by nightfall.", [("wounded", 57, None)]),
    ("That took the total number of people arrested since Friday to 340.", [("detained", 340, None)]),
    ("The toll climbed past 1,000 on Monday.", [("killed", 1000, None)]),
    ("The number of injured in the first attack on the city increased to 36 people.", [("wounded", 36, None)]),
    ("The toll from the week of strikes on the port has now climbed to 17.", [("killed", 17, None)]),
    ("The total rose to 9 as more groups joined the talks.", []),  # a total of nothing we count
    # relative clauses and long subjects
    ("It was an ambush by militiamen that killed at least 60 villagers.", [("killed", 60, "at least")]),
    ("A missile strike by the rebels on a crowded bus station killed 31 people on Sunday.", [("killed", 31, None)]),
    ("Gunfire from a convoy that had crossed the river overnight wounded 8 farmers.", [("wounded", 8, None)]),
    # displacement
    ("About 4,000 residents fled their villages.", [("displaced", 4000, "about")]),
    ("The offensive forced 20,000 from their homes.", [("displaced", 20000, None)]),
    ("The floods drove some 5,000 families out of their homes.", [("displaced", 5000, "about")]),
    ("The assault sent 3,000 people fleeing toward the coast.", [("displaced", 3000, None)]),
    ("About 300 families were left without shelter after the strikes.", [("displaced", 300, "about")]),
    ("Nearly 2,000 villagers have sought refuge in the town's mosque.", [("displaced", 2000, "about")]),
    ("About two dozen people were injured and thousands left their homes.", [("wounded", 24, "about"), ("displaced", 1000, "at least")]),
    ("They are among more than 165,000 Haitians who have fled their homes.", [("displaced", 165_000, "more than")]),
    ("Some 17,000 people overall were left homeless.", [("displaced", 17000, "about")]),
    ("Hundreds of people who killed 12 policemen were arrested.", [("killed", 12, None)]),  # they did the killing
    ("The sanctions forced 12 companies to close.", []),  # forced, but from no home
    # assets after other words
    ("Taipei tracked 40 Chinese aircraft and 9 navy ships around the island.", [("aircraft", 40, None), ("warships", 9, None)]),
    ("Officials said they detected a dozen Chinese naval ships and 47 military planes.", [("warships", 12, None), ("aircraft", 47, None)]),
    ("By 6 am, 15 PLA aircraft and 6 PLAN vessels were observed.", [("aircraft", 15, None), ("warships", 6, None)]),
    ("The navy fired a salvo of eight projectiles.", [("missiles", 8, None)]),
    ("Militants fired 200 rockets from the south.", [("missiles", 200, None)]),
    ("The brigade launched a barrage of 30 ballistic missiles.", [("missiles", 30, None)]),
    # sums of groups: the people killed are victims, whatever their trade
    ("Seven soldiers and four civilians were killed.", [("killed", 11, None)]),
    ("Three soldiers, two police officers and a civilian were wounded in the blast.", [("wounded", 6, None)]),
    ("Gunmen killed two children and a woman in the village.", [("killed", 3, None)]),
    ("The strike killed 4 Palestinians and 2 aid workers.", [("killed", 6, None)]),
    ("Dozens of soldiers and hundreds of civilians have been killed.", [("killed", 112, "at least")]),
    ("The strike killed 10 people and wounded 25 others.", [("killed", 10, None), ("wounded", 25, None)]),
    # detained
    ("120 protesters were held after the raid.", [("detained", 120, None)]),
    ("Dozens of students were taken into custody.", [("detained", 12, "at least")]),
    ("Some 40 men were rounded up at the checkpoint.", [("detained", 40, "about")]),
    ("Six journalists were taken hostage near the border.", [("detained", 6, None)]),
    ("Police said 14 people remain in custody.", [("detained", 14, None)]),
    ("Twenty people held a rally outside parliament.", []),  # held something: they did it
    # forces: deployments, mobilisation, troop levels (phrasings from real pages collected for issue 12)
    ("The army deployed 3,000 soldiers to the region.", [("troops", 3000, None)]),
    ("Russia has deployed a 5,000-strong force to the border.", [("troops", 5000, None)]),
    ("A 1,200-strong contingent of peacekeepers arrived in the capital.", [("troops", 1200, None)]),
    ("The site would be sealed by a 200-strong unit of chemical specialists.", []),  # not a force we count
    ("A 40-strong crowd gathered outside.", []),
    ("Putin ordered a partial mobilisation of some 300,000 reservists.", [("troops", 300_000, "about")]),
    ("Washington maintains troop levels of 28,500 on the peninsula.", [("troops", 28500, None)]),
    ("The number of USFK troops has remained unchanged at about 28,500, the ministry said.", [("troops", 28500, "about")]),
    ("The extra forces will bring the total number of troops to nearly 4,500.", [("troops", 4500, "about")]),
    ("The number of troops killed rose to 40.", [("killed", 40, None)]),  # a casualty tally, not a force
    ("Some 2,000 service members were deployed to the border.", [("troops", 2000, "about")]),
    ("The Pentagon sent two battalions and a brigade to the border.", []),  # units are not head counts
    ("The drills involved 1,000 troops and could expand to 5,000 troops next year.", [("troops", 1000, None)]),
    ("Russia could send 10,000 more troops to the front.", []),
    ("Up to 100,000 troops could be deployed if needed.", []),
    ("The RSF has some 100,000 fighters, according to analysts.", []),  # fighters are people, not jets
    ("Twelve fighters were killed in the clashes.", [("killed", 12, None)]),
    ("At least 10 soldiers from Mali have been killed in an attack on a base.", [("killed", 10, "at least")]),
    ("Two soldiers in Mali and three civilians in Burkina Faso died in attacks.", [("killed", 5, None)]),
    ("The raids forced around 500 locals from nearby villages to flee their homes.", [("displaced", 500, "about")]),
    # soldiers lost, swapped, sentenced, missing or surrendered are no force in the field
    ("Kyiv said 84 soldiers returned home in the latest prisoner swap.", []),
    ("Ukraine returned 30 Russian soldiers in the exchange.", []),
    ("Azerbaijan deployed 3,000 troops after an exchange of fire.", [("troops", 3000, None)]),
    ("Some 150 soldiers surrendered to the rebels.", []),
    ("Twenty soldiers are missing after the ambush.", []),
    ("Hundreds of soldiers deserted in the first week.", []),
    ("Ukraine says Russia has lost more than 600,000 soldiers since the invasion began.", []),
    ("The court sentenced 20 soldiers to prison.", []),
    ("Russia handed over the bodies of 909 fallen soldiers.", [("killed", 909, None)]),
    ("Israel called up 360,000 reservists after the attack.", [("troops", 360_000, None)]),
    # aircraft: counts of planes, never of flights, airliners or the planes' parts of a total
    ("Taiwan scrambled jets after 71 Chinese aircraft crossed the median line.", [("aircraft", 71, None)]),
    ("The air force flew 120 sorties over the weekend.", []),  # flights, not aircraft
    ("A total of 45 aircraft, including 12 J-16 fighters and four H-6 bombers, entered the zone.", [("aircraft", 45, None)]),
    ("The ministry said 10 Chinese aircraft - including four H-6 bombers, four J-16 fighters and one Y-8 - entered the zone.",
     [("aircraft", 10, None)]),
    ("The spokesperson said 10 Japanese aircraft, including F-15 jets, and 2 US surveillance planes entered the zone.",
     [("aircraft", 10, None), ("aircraft", 2, None)]),
    ("Four J-16 fighters flew near the island.", [("aircraft", 4, None)]),
    ("The regime launched an airstrike involving five gunships on the village.", [("aircraft", 5, None)]),
    ("The navy sent two amphibious assault ships to the gulf.", [("warships", 2, None)]),
    ("Boeing delivered 30 planes in March.", []),
    ("The airline grounded 12 jets after the incident.", []),
    ("The destroyer engaged 14 unmanned aerial systems launched from Yemen.", [("drones", 14, None)]),
    ('The Carney intercepted 14 "one-way attack drones", the command said.', [("drones", 14, None)]),
    ("Today in Aleppo there are 400,000 IDPs.", [("displaced", 400_000, None)]),
    ("The missile attack martyred 31 people and wounded 57.", [("killed", 31, None), ("wounded", 57, None)]),
    ("One civilian was martyred in Miano, the spokesman said.", [("killed", 1, None)]),
    ('The inquiry found that 131 people were "arbitrarily executed" in the massacre.', [("killed", 131, None)]),
    ("Pakistan said it shot down five Indian Air Force fighter jets.", [("aircraft", 5, None)]),
    ('India said it struck nine "terrorist infrastructure" sites.', [("strikes", 9, None)]),
    # precision: ages, teasers
    ("Three men aged 18 to 25 were detained.", []),
    ("Since the 7 October attacks, 1,200 people have been killed.", [("killed", 1200, None)]),  # a day, not 7 strikes
    ("The 24 February invasion displaced millions.", [("displaced", 1_000_000, "at least")]),
    ("On 22 June drones hit the city.", []),
    ("The 10 o'clock raid killed 3 men.", [("killed", 3, None)]),
    ("Twelve may be held for questioning, police said.", []),
    ("Related: 12 killed in Kharkiv strike", []),
    ("Also read: Israeli strike kills 30 in Gaza", []),
    # hypothetical counts, people in a place, people who did the killing
    ("The lab held enough poison to kill 10,000 people.", []),
    ("Officials warned that a breach could kill thousands.", []),
    ("The dam's collapse would displace 2 million people.", []),
    ("The plan could have killed 300 people, prosecutors said.", []),
    ("A drone struck a park with hundreds of people.", []),
    ("A drone struck a park crowded with hundreds of people, killing 3.", [("killed", 3, None)]),
    ("Hundreds of people killed 12 policemen in the riot.", [("killed", 12, None)]),
    ("Five fishing vessels were seized.", []),
    # not figures: ordinals, years, dates, ages, money, percentages, durations, furniture
    ("It led to a second strike on Sept. 2 against the boat.", []),
    ("The buildup is the largest in at least three decades.", []),
    ("The 2nd Infantry Division and the 82nd Airborne were put on alert.", []),
    ("Since 2014, the conflict has changed.", []),
    ("A 34-year-old man was among them.", []),
    ("The aid package is worth $1.5 billion.", []),
    ("Turnout was 45 percent and 12% abstained.", []),
    ("The talks lasted 48 hours.", []),
    ("Image size 1024*768 | Licence No. 0107", []),
    ("Updated: 2025-12-02 17:30", []),
    ("Resolution 2803 was adopted on Nov. 17.", []),
    ("Let us know what you think.", []),
    ("Among the dead were 5 children, including 2 infants.", []),
    ("Two boats were destroyed.", []),
    ("A 20-point peace plan was unveiled.", []),
    ("The ceasefire began on Oct. 10 at 12:00 local time.", []),
    ("He was 1 of 3 survivors.", []),
    ("A third of the population, or 8 million people, need aid.", []),
    ("Hamas returned the remains of four hostages.", []),
    ("The 10,000-strong force arrived after exercises involving 40 ships.", [("troops", 10000, None)]),
    ("He spent 15 years in prison.", []),
]


# A manner of death is a killing, in both voices, whatever the number's shape; "shot" alone is a wound.
MANNER_OF_DEATH = [
    # passive: the people, then what was done to them
    ("Five Palestinians were shot dead by Israeli troops.", [("killed", 5, None)]),
    ("Four protesters were shot and killed.", [("killed", 4, None)]),
    ("At least 30 people were massacred.", [("killed", 30, "at least")]),
    ("Three people were stabbed to death.", [("killed", 3, None)]),
    ("Twelve people were burned to death in their homes.", [("killed", 12, None)]),
    ("Two farmers were beaten to death by a mob.", [("killed", 2, None)]),
    ("Six villagers were hacked to death with machetes.", [("killed", 6, None)]),
    ("Nine prisoners were clubbed to death in the yard.", [("killed", 9, None)]),
    ("Eight men were bludgeoned to death.", [("killed", 8, None)]),
    ("At least 14 worshippers were crushed to death in the collapse of the mosque after the strike.",
     [("killed", 14, "at least")]),
    ("Two women were stoned to death.", [("killed", 2, None)]),
    ("Nearly 20 men were tortured to death in the prison.", [("killed", 20, "about")]),
    ("Eleven civilians were gunned down at a checkpoint.", [("killed", 11, None)]),
    ("Dozens of protesters were mowed down by machine-gun fire.", [("killed", 12, "at least")]),
    ("More than 200 villagers were slaughtered.", [("killed", 200, "more than")]),
    ("15 people were murdered in the attack on the market.", [("killed", 15, None)]),
    ("Three men were lynched by the crowd.", [("killed", 3, None)]),
    ("Four aid workers were beheaded.", [("killed", 4, None)]),
    ("Two officials were assassinated in the capital.", [("killed", 2, None)]),
    ("Six hostages were executed.", [("killed", 6, None)]),
    ("Seven prisoners were hanged at dawn.", [("killed", 7, None)]),
    ("Ten people were killed in cold blood.", [("killed", 10, None)]),
    ("Five families were burned alive in their homes.", [("killed", 5, None)]),
    ("Three soldiers were found dead near the post.", [("killed", 3, None)]),
    ("Scores of civilians were brutally murdered.", [("killed", 20, "at least")]),
    ("Two hundred villagers have reportedly been massacred.", [("killed", 200, None)]),
    ("Seven soldiers and four civilians were shot dead.", [("killed", 11, None)]),
    ("Five refugees were killed in the strike.", [("killed", 5, None)]),  # refugees, killed: a toll
    ("Two people succumbed to their wounds in hospital.", [("killed", 2, None)]),
    ("Two soldiers later succumbed to their injuries.", [("killed", 2, None)]),  # the dead, not a force
    ("Two more were killed on Sunday.", [("killed", 2, None)]),
    ("Thirty people were buried alive under rubble after the strike.", [("killed", 30, None)]),
    ("Two protesters were shot and wounded.", [("wounded", 2, None)]),
    ("Some 40 detainees were starved to death in the camp.", [("killed", 40, "about")]),
    # active: the verb, then the people
    ("Israeli troops shot dead five Palestinians in Jenin.", [("killed", 5, None)]),
    ("Militants gunned down 8 soldiers.", [("killed", 8, None)]),  # victims, not troops
    ("Gunmen shot and killed nine worshippers.", [("killed", 9, None)]),
    ("The militia massacred at least 60 villagers.", [("killed", 60, "at least")]),
    ("Jihadists slaughtered some 30 herders.", [("killed", 30, "about")]),
    ("The gang murdered four journalists last year.", [("killed", 4, None)]),
    ("A mob lynched two men accused of spying.", [("killed", 2, None)]),
    ("The group beheaded 3 hostages.", [("killed", 3, None)]),
    ("Iran executed twelve men on Thursday.", [("killed", 12, None)]),
    ("The massacre of 30 villagers shocked the region.", [("killed", 30, None)]),
    ("The rebels beat three men to death.", [("killed", 3, None)]),
    ("Soldiers shot five protesters dead outside the palace.", [("killed", 5, None)]),
    ("The mob burned two suspects to death.", [("killed", 2, None)]),
    ("Dozens were gunned down at the checkpoint.", [("killed", 12, "at least")]),
    # traps: shot down, shot at, shot alone, years, sentences, starving, threats
    ("The army shot down 3 drones.", [("drones", 3, None)]),
    ("Air defences shot down 12 missiles overnight.", [("missiles", 12, None)]),
    ("Two pilots were shot down over the sea.", []),
    ("He was gunned down in 2019.", []),
    ("5 people shot in the market", [("wounded", 5, None)]),  # shot, not dead: wounded
    ("Three protesters were shot in the legs.", [("wounded", 3, None)]),
    ("The gunman shot 5 people before fleeing.", [("wounded", 5, None)]),
    ("Five protesters were shot at as they fled.", []),
    ("A court sentenced to death 3 men.", []),
    ("The court sentenced 3 men to death.", []),
    ("Three men were sentenced to death.", []),
    ("The siege starved 2 million people of food.", []),
    ("The budget starved 40 schools of funds.", []),
    ("Troops burned 12 houses in the village.", []),
    ("The militia threatened to shoot 10 hostages.", []),
    ("The group vowed to behead 4 captives.", []),
    ("The striker shot twice in 3 minutes.", []),
    ("The crew shot 40 scenes in Morocco.", []),
]



@pytest.mark.parametrize("sentence, expected", CASES, ids=[c[0][:50] for c in CASES])
def test_extract_figures(sentence, expected):
    found = [(f.kind, f.value, f.qualifier) for f in extract_figures(sentence)]
    assert found == expected


@pytest.mark.parametrize("sentence, expected", MANNER_OF_DEATH, ids=[c[0][:50] for c in MANNER_OF_DEATH])
def test_a_manner_of_death_is_a_killed_figure(sentence, expected):
    assert [(f.kind, f.value, f.qualifier) for f in extract_figures(sentence)] == expected


# Each manner of death, passive and active, with every shape of number and qualifier a report uses.
MANNER_NUMBERS = [("five", 5), ("12", 12), ("forty-two", 42), ("1,200", 1200), ("a dozen", 12)]
MANNER_QUALIFIERS = [("", None), ("at least ", "at least"), ("some ", "about"), ("nearly ", "about"),
                     ("more than ", "more than")]
MANNER_TEMPLATES = [
    "{n} civilians were shot dead", "{n} villagers were gunned down", "{n} people were massacred",
    "{n} prisoners were executed", "{n} men were stabbed to death", "{n} detainees were tortured to death",
    "{n} protesters were shot and killed", "{n} worshippers were slaughtered", "{n} residents were burned alive",
    "{n} migrants were beaten to death", "{n} farmers were hacked to death", "{n} hostages were beheaded",
    "{n} students were mowed down", "{n} soldiers were killed in cold blood", "{n} journalists were murdered",
    "Troops shot dead {n} civilians", "Gunmen gunned down {n} villagers", "The militia massacred {n} people",
    "The regime executed {n} prisoners", "The mob beat {n} men to death", "Soldiers shot {n} protesters dead",
    "Militants slaughtered {n} worshippers", "The attackers burned {n} residents alive",
    "Jihadists beheaded {n} hostages",
]


@pytest.mark.parametrize("template", MANNER_TEMPLATES)
def test_a_manner_of_death_counts_every_shape_of_number(template):
    for (qualifier_words, qualifier), (number, value) in itertools.product(MANNER_QUALIFIERS, MANNER_NUMBERS):
        sentence = template.format(n=qualifier_words + number) + " on Monday."
        sentence = sentence[0].upper() + sentence[1:]
        found = [(f.kind, f.value, f.qualifier) for f in extract_figures(sentence)]
        assert found == [("killed", value, qualifier)], sentence


# ... and the phrasings that only look like one, in the same shapes: a sentence, a threat, a possibility,
# a siege "starving" people, things burned, shots fired at nobody or missing.
NOT_A_DEATH_TEMPLATES = [
    "A court sentenced {n} men to death", "{n} men were sentenced to death",
    "The group threatened to behead {n} hostages", "The militia vowed to massacre {n} villagers",
    "The siege starved {n} people of food", "Troops burned {n} houses", "{n} protesters were shot at",
    "The gunmen could have killed {n} people", "Police fired {n} shots in the air",
]


@pytest.mark.parametrize("template", NOT_A_DEATH_TEMPLATES)
def test_what_only_looks_like_a_manner_of_death_counts_nothing(template):
    for (qualifier_words, _), (number, _) in itertools.product(MANNER_QUALIFIERS, MANNER_NUMBERS):
        sentence = template.format(n=qualifier_words + number) + " on Monday."
        sentence = sentence[0].upper() + sentence[1:]
        assert extract_figures(sentence) == [], sentence


def test_evidence_and_spans_point_into_the_text():
    text = "Headline here\n\nCalm in the north. Russia launched 90 drones at Ukraine. Talks resume."
    (fig,) = extract_figures(text)
    assert fig.evidence == "Russia launched 90 drones at Ukraine."
    assert text[fig.start : fig.end] == fig.evidence
    assert text[fig.match_start : fig.match_end] == "90 drones"


def test_same_kind_and_value_is_one_report_per_article():
    text = "At least 21 strikes have been carried out. The 21 strikes killed 83 people."
    figures = extract_figures(text)
    assert [(f.kind, f.value) for f in figures] == [("strikes", 21), ("killed", 83)]
    assert figures[0].evidence.startswith("At least 21 strikes")


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("15,000", (15000, False)),
        ("1.2 million", (1_200_000, False)),
        ("a dozen", (12, False)),
        ("two dozen", (24, False)),
        ("half a dozen", (6, False)),
        ("forty-two", (42, False)),
        ("three hundred", (300, False)),
        ("twenty-five thousand", (25000, False)),
        ("dozens", (12, True)),
        ("hundreds", (100, True)),
        ("3.5", None),
    ],
)
def test_parse_number(phrase, value):
    assert parse_number(phrase) == value


@given(st.text(max_size=300))
def test_never_raises_and_kinds_are_known(text):
    for fig in extract_figures(text):
        assert fig.kind in KINDS and fig.value > 0
        assert text[fig.start : fig.end] == fig.evidence


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed page is not in this checkout")
def test_seed_page_figures_exactly():
    figures = extract_figures(SEED.read_text(encoding="utf-8"))
    assert sorted((f.kind, f.value, f.qualifier) for f in figures) == [
        ("killed", 83, "at least"),
        ("strikes", 21, "at least"),
        ("troops", 15000, None),
        ("warships", 12, "about"),
    ]


_NUMBERISH = st.lists(
    st.sampled_from(
        ["a", "an", "half", "dozen", "dozens", "two", "forty-two", "hundred", "thousand", "million", "tens",
         "of", "thousands", "1,200", "3", "$5", "often", "tensions", "1.5", "B-52", "killed", "people", " ", "\n"]
    ),
    max_size=30,
)


@given(_NUMBERISH)
def test_candidate_scan_finds_what_the_full_regex_finds(words):
    # The Aho-Corasick pre-scan is an optimisation: it must not change which numbers are seen.
    from analysis.understand.figures import _NUMBER, _number_matches

    text = " ".join(words)
    assert [m.span() for m in _number_matches(text)] == [m.span() for m in _NUMBER.finditer(text)]


# Digits of other scripts, signs and letters a number can be glued to, and characters that make a text
# non-ASCII without other digits ("€", curly quotes) or that lower() lengthens ("İ").
_GLUED_PIECES = st.lists(
    st.sampled_from(
        ["12", "3", "one", "drones", "M23", "$5", "€7", "#4", "_9", "x2", "-3", "+1", "/6", ":30", "*8", ".5", ",000",
         "\u0663\u0664", "\u0967", "\uff15", "\U0001d7d9", "\u00b2", "\u2163", "\u201c", "\u2014", "\u0130", "é", "a", "dozen",
         "half", "thousand", " ", "\n"]
    ),
    max_size=20,
)


@given(_GLUED_PIECES)
def test_candidate_scan_agrees_on_glued_numbers_and_other_scripts(pieces):
    from analysis.understand.figures import _NUMBER, _number_matches

    for text in ("".join(pieces), " ".join(pieces)):
        assert [m.span() for m in _number_matches(text)] == [m.span() for m in _NUMBER.finditer(text)]


def test_every_digit_outside_ascii_is_one_the_scan_looks_for():
    # The automaton finds ASCII digits; a text is searched for the others only when it holds a character
    # `_MAY_HOLD_OTHER_DIGITS` matches, so every character `\d` matches outside ASCII must be one.
    import re
    import sys

    from analysis.understand.figures import _MAY_HOLD_OTHER_DIGITS

    digit = re.compile(r"\d")
    missed = [hex(c) for c in range(128, sys.maxunicode + 1)
              if digit.match(chr(c)) and not _MAY_HOLD_OTHER_DIGITS.match(chr(c))]
    assert missed == []


def test_the_glued_characters_are_those_the_number_look_behind_refuses():
    import sys

    from analysis.understand.figures import _GLUED_BEFORE, _NUMBER

    for c in range(sys.maxunicode + 1):
        ch = chr(c)
        if 0xD800 <= c <= 0xDFFF:
            continue
        refused = _NUMBER.match(ch + "5", 1) is None
        assert refused == (ch.isalnum() or ch in _GLUED_BEFORE), hex(c)


def test_a_figure_stated_twice_keeps_the_sentence_that_says_how_exact_it_is():
    text = "Strikes kill 27 in Gaza\n\nAirstrikes killed at least 27 people overnight. The death toll of 27 was confirmed."
    (fig,) = extract_figures(text)
    assert (fig.kind, fig.value, fig.qualifier) == ("killed", 27, "at least")
    assert fig.evidence == "Airstrikes killed at least 27 people overnight."


@pytest.mark.parametrize(
    "sentence, value, wording",
    [
        ("A drone hit the market, killing 4 and wounding dozens more.", 12, "dozens"),
        ("Hundreds of thousands of people have been displaced.", 100_000, "Hundreds of thousands"),
        ("Seven soldiers and four civilians were killed.", 11, "Seven soldiers and four civilians"),
        ("The strike killed 4 people.", 4, None),  # a plain count needs no wording
        ("The navy sent a dozen warships.", 12, None),  # "a dozen" is exact
    ],
)
def test_a_number_not_stated_as_such_keeps_its_wording(sentence, value, wording):
    (fig,) = [f for f in extract_figures(sentence) if f.value == value]
    assert fig.wording == wording


REAL_PAGES = Path(__file__).parent / "fixtures" / "figures_real_pages.jsonl"


def _score_real_pages() -> tuple[int, int, int]:
    """(right, wrong, missed) over the hand-labelled sentences of real pages collected for issue 12."""
    import json
    from collections import Counter

    right = wrong = missed = 0
    for line in REAL_PAGES.read_text(encoding="utf-8").splitlines():
        for sentence in json.loads(line)["sentences"]:
            found = Counter((f.kind, f.value) for f in extract_figures(sentence["text"]))
            expected = Counter((kind, value) for kind, value, _ in sentence["figures"])
            hit = sum((found & expected).values())
            right, wrong, missed = right + hit, wrong + sum(found.values()) - hit, missed + sum(expected.values()) - hit
    return right, wrong, missed


def test_figures_on_real_pages_collected_for_issue_12_meet_the_target():
    # 57 pages of 51 sites (troops, mobilisation, median-line crossings, Red Sea drones, Lebanon, Syria,
    # Myanmar, Sahel, India-Pakistan, Kursk, DR Congo, Japan, Haiti), none in the held-out accuracy/ set; the rules were
    # tuned on them, so this guards against regressions. The target is the issue's: F1 >= 0.93, P >= 0.95.
    right, wrong, missed = _score_real_pages()
    precision, recall = right / (right + wrong), right / (right + missed)
    f1 = 2 * precision * recall / (precision + recall)
    assert precision >= 0.95 and f1 >= 0.93, (right, wrong, missed)


def test_the_collected_pages_are_not_in_the_held_out_set():
    import json

    held_out = Path(__file__).resolve().parents[1] / "accuracy" / "articles.jsonl"
    if not held_out.exists():
        pytest.skip("no held-out set in this checkout")
    held_out_urls = {json.loads(line).get("url") for line in held_out.read_text(encoding="utf-8").splitlines() if line}
    ours = {json.loads(line)["url"] for line in REAL_PAGES.read_text(encoding="utf-8").splitlines()}
    assert len(ours) >= 30 and not ours & held_out_urls


@pytest.mark.parametrize("digits", ["7", "007", "83", "15,000", "999999999999999", "1000000000000000",
                                    "9007199254740993", "12,345,678,901,234,567,891", "\u0663\u0664"])
def test_a_whole_number_is_the_integer_its_float_rounds_to(digits):
    # Counts are read as float() then rounded; below 10**15 digits they are read with int(), which must agree.
    assert parse_number(digits) == (int(round(float(digits.replace(",", "")))), False)


@pytest.mark.parametrize("text, kind, value", [
    ("Near \u0130dlib, twelve soldiers were killed.", "killed", 12),
    ("\u0130\u0130 Forty-two people were wounded.", "wounded", 42),
])
def test_number_words_after_a_turkish_capital_i_are_read(text, kind, value):
    # lower() turns "\u0130" into two characters; the number words' offsets must not shift after it.
    assert [(f.kind, f.value) for f in extract_figures(text)] == [(kind, value)]


# Patterns that `_next_word_may_start` skips when one space and a character out of their letters follow:
# were a pattern to start with another word, its letters must grow with it.
_SKIPPED_BY_NEXT_LETTER = [("_OF", "oO"), ("_OF_POSSESSIVE", "oO"), ("_WHERE_FROM", "fina")]
_OTHER_CHARACTERS = [chr(c) for c in range(0x3000) if not chr(c).isspace() and not 0xD800 <= c <= 0xDFFF]


@pytest.mark.parametrize("name, letters", _SKIPPED_BY_NEXT_LETTER)
def test_a_pattern_skipped_by_the_next_letter_matches_only_after_its_letters(name, letters):
    import re

    from analysis.understand import figures as figures_module

    pattern = getattr(figures_module, name)
    words = set(re.findall(r"[a-z]+", pattern.pattern.lower()))
    tails = [w[1:] + rest for w in words for rest in (" its soldiers", " the Sahel", " Mali", "")]
    for ch in _OTHER_CHARACTERS:
        if ch in letters:
            continue
        assert [t for t in tails if pattern.match(" " + ch + t)] == [], (name, ch)


def test_a_date_after_a_number_starts_with_a_capital_or_o_clock():
    from analysis.understand import figures as figures_module

    def is_date(text: str) -> bool:
        after = figures_module._DATE_AFTER.match(text)
        return bool(after) and (after.group(1) is None or after.group(1)[0].isupper()
                                and after.group(1).lower().rstrip(".") in figures_module._MONTHS)

    tails = ["'clock", "\u2019clock", "ctober", "ct.", "an", "une", "ept.", "ay", ""]
    for ch in _OTHER_CHARACTERS:
        if ch not in figures_module._DATE_STARTS:
            assert [t for t in tails if is_date(" " + ch + t)] == [], ch
