"""Threats and acts: what each sentence says about force, and between which countries.

A sentence is an **act** when it reports force used (a strike, shelling, an invasion, fighting, people
killed by it, or a reaction to such an event: "condemned the strike"), a **threat** when force is shown,
warned of or prepared but not (yet) used ("vowed to strike", "could invade", "fears of war", warships
deployed, drills, an ultimatum, a nuclear warning, "tensions rise", an airspace closed as pressure), and
neither otherwise. A sentence that reports both is an act. The split follows the Geopolitical Risk index
(Caldara & Iacoviello, AER 2022: a topic word near a threat or act word, with exclusions) and PLOVER's
context (future, hypothetical, historical), but reads each force word in its clause:

1. The sentence is cut into lower-case words (a few string methods for a whole article); a set test
   drops the sentences with no word that could make a signal (most of them: it is built by running
   these rules on every word and phrase alone, and is exact); each remaining word, or two- to four-word
   phrase, gets its tags from the tables below by dictionary look-up, and a few from their neighbours
   ("violating the ceasefire" reports fire; "since 1991" is no history).
2. A modal word (will, could, vowed, planned, fears of, potential, if...) puts the force words after it in
   the same clause (up to `_MODAL_REACH` words, stopped by a comma or "that/which/after/since...")
   into the irrealis; so does a modal right after a force noun ("an invasion would", "strikes are
   planned", "a strike plan") and "to" right before a verb ("vowed to strike"; not "continued to
   shell"). A past form ("killed", "shelled") or a known event ("the shelling") stays real unless a
   modal stands right before it ("could have killed"). The main clause decides: inside a condition
   ("if / unless / should the ... / in case of / in the event of") or after "any" ("warned against any
   strike") a force word is never reported as done, whatever its tense.
3. A negation right before a force word cancels it ("no strikes", "did not attack"); so do history
   (a year before 2020, "anniversary", "Cold War") next to it, and phrases that only look like force
   ("price war", "heart attack", "strike a deal", "on strike", "charm offensive").
4. Real force words make an act: event words (strike, shelling, invasion) alone; casualty words
   (killed, dead) and kinetic verbs (hit, fired, launched) only beside a force word or a military
   actor (so "a fire killed 11" and "sanctions hit the economy" are not acts; "wounded", "killings" and
   "the killing of", "were killed", "the death toll" say someone did it), and never in a sentence
   about a natural disaster or an accident (a fire is one only when no weapon or attack is named);
   "war" only with something happening to it near it ("the war, now in its third year, has killed",
   "at war", "waging"). A missile fired into the sea, or a ballistic one at nothing named, is a test.
5. Irreal force words, threat words (threaten, ultimatum, warn of war...), shows of force (deployments,
   buildups, drills, airspace closures), coercive deadlines and nuclear weapons make a threat. Threat
   words that need a topic ("warned", "tensions") count only beside force words or countries.
6. Sentences about films, games, sport and books are not signals; a match's words ("struck twice in the
   second half", "a fierce counterattack before half-time") are play unless a weapon, a force, a casualty or a
   target is named beside them ("a drone struck the team's bus").

A signal's countries are the sentence's country mentions (`analysis.understand.countries`: names, demonyms,
capitals and seats of government used as actors); every unordered pair of them is a **pair**.
"""
from __future__ import annotations

import itertools
import re
from functools import reduce
from operator import or_
from collections.abc import Callable, Iterable, Sequence

from analysis.understand.countries import find_country_mentions

ACT = "act"
THREAT = "threat"
KINDS = (ACT, THREAT)

# --- tags: one bit each ---------------------------------------------------------------------------
EVENT = 1 << 0  # an act of force as a noun or verb: strike, shelling, invasion, bombed
WAR = 1 << 1  # a state of war: war, conflict, hostilities (an act only with something happening)
CASUALTY = 1 << 2  # killed, wounded, dead: an act beside a force word or actor
KINETIC = 1 << 3  # hit, fired, launched, seized: an act beside a force word, weapon or actor
ONGOING = 1 << 4  # carried out, continued, escalated, raged: an act beside an event or war word
WEAPON = 1 << 5  # missile, drone, artillery
ACTOR = 1 << 6  # troops, forces, military, warships, gunmen
MODAL = 1 << 7  # puts the force words after it in the irrealis: will, could, vowed, fears
POST_MODAL = 1 << 8  # after a force noun, puts it in the irrealis: "would", "planned", "imminent"
INFINITIVE = 1 << 9  # "to": a verb right after it is not (yet) done
NEGATION = 1 << 10
HISTORY = 1 << 11  # anniversary, a year before 2020, "Cold War"
EXCLUDED = 1 << 12  # a film, a game, sport: no signal in the sentence
THREAT_WORD = 1 << 13  # a threat by itself: ultimatum, "show of force", "military options"
THREAT_TOPIC = 1 << 14  # a threat beside a force word: warned, vowed, crisis, retaliation
THREAT_COUNTRY = 1 << 15  # a threat beside a force word or a country: threatened, tensions, standoff
POSTURE = 1 << 16  # a show of force beside an actor or weapon (or a country): deployed, buildup, drills
DEADLINE = 1 << 17  # a deadline: a threat with a coercive demand
COERCION = 1 << 18  # step down, relinquish, surrender
AIRSPACE = 1 << 19
CLOSING = 1 << 20
NUCLEAR = 1 << 21
NUCLEAR_ARMS = 1 << 22  # weapons, warheads, test, arsenal: "nuclear" with one of them is a threat
BY_FORCE_ROUTE = 1 << 23  # "by land", "by sea": force in a plan ("we'll stop them by land")
DISASTER = 1 << 24  # earthquake, flood, crash, accident: casualties without force
BREAK = 1 << 25  # ends a modal's reach: a comma, "that", "after"
PAST = 1 << 26  # a past form: a distant modal does not make it irreal
TARGET = 1 << 27  # what a kinetic verb hits in war: targets, boats, positions, convoy
BASE_VERB = 1 << 28  # a verb's base form ("invade", "kill"): irreal after "to" or a modal
TEST = 1 << 29  # a weapons test: a show of force, not an act
SHOW = 1 << 30  # drills, blockades, buildups: a show of force beside a country, actor or weapon
NON_FORCE = 1 << 31  # trade, tariffs, markets: a threat word among them is not about force
FRONTIER = 1 << 32  # border, frontier: where a standoff or tension is about force
LABOUR = 1 << 33  # workers, unions, pay: "strike" among them is a walkout
VERBAL = 1 << 34  # speech, remarks, criticism: "attacked" among them is words
OPENER = 1 << 35  # "during": a named past war after it makes the whole sentence history
DEFINITE = 1 << 36  # the, those, its: the force noun after it is one the text already knows
CEASEFIRE = 1 << 37  # ceasefire, truce: "violating the ceasefire" reports fire
VIOLATION = 1 << 38  # violate, breach: beside a ceasefire word, an act
ANY = 1 << 39  # "any": the force noun after it is a hypothetical one ("warned against any strike")
CONDITION = 1 << 40  # if, unless, "in case of": force words in the condition are not reported as done
FIRE = 1 << 41  # fire, blaze: an accident's, unless weapons or an attack are named
NEARBY = 1 << 42  # near, around, off: where a show of force is, not a show of force itself
SPLASH = 1 << 43  # "into the sea", "to waters": a missile launched at no target, a test
SPORT = 1 << 44  # half-time, scored, "2-1": "struck", "attack", "shot" among them are play, unless force is named

_REAL_ACT = EVENT | CASUALTY | KINETIC | ONGOING  # words whose place in the clause decides real or irreal
# A signal needs a word that is one alone (given the rest of the rules), or one that needs company with
# such company.
_ALONE = EVENT | WAR | THREAT_WORD | THREAT_COUNTRY | DEADLINE | AIRSPACE | NUCLEAR | BY_FORCE_ROUTE | SHOW | CEASEFIRE
_NEEDS_COMPANY = CASUALTY | KINETIC | THREAT_TOPIC | POSTURE | NEARBY | TEST
_COMPANY = ACTOR | WEAPON | TARGET | POSTURE | NEARBY | CASUALTY
_FREQUENT = _ALONE | _NEEDS_COMPANY | _COMPANY | MODAL | BREAK | ONGOING  # common in the sentences that pass

_MODAL_REACH = 8  # words after a modal that it can reach
_NEGATION_REACH = 3
_HISTORY_REACH = 4

# --- the tables -----------------------------------------------------------------------------------
# Each line: TAG TAG ...: word; word; ... Words are lower-case; a line's tags apply to every word on it.
_WORDS = """
EVENT: strike; strikes; airstrike; airstrikes; air-strike; air-strikes; attack; attacks; assault; assaults;
  bombing; bombings; bombardment; bombardments; shelling; shellings; invasion; invasions; incursion;
  incursions; raid; raids; offensive; offensives; counteroffensive; counter-offensive; counterattack;
  counter-attack; fighting; clash; clashes; firefight; firefights; gunfight; gunbattle; gunfire; shootout;
  shooting; shootings; ambush; ambushes; massacre; massacres; explosion; explosions; blast; blasts; siege;
  shootdown; hijacking; hostilities; skirmish; skirmishes; drone-strike; drone-strikes; barrage; barrages;
  salvo; salvos; bloodshed; attacking; atrocity; atrocities; crossfire; gunshot; gunshots; firing; firings;
  aggression
EVENT BASE_VERB: strike; attack; raid; bomb; shell; bombard; assault; invade; ambush; massacre; nuke
EVENT PAST: shelled; bombed; bombarded; invaded; raided; ambushed; massacred; struck; clashed; attacked;
  hijacked; torpedoed; skirmished
EVENT: strikes; attacks; shells; bombs; invades; raids; clashes; pounds; ambushes
WAR: war; wars; warfare; conflict; conflicts; combat; battle; battles; battlefield; frontline; frontlines;
  front-line; insurgency; war-torn; violence; rebellion; uprising
CASUALTY: killing; killings; kills; dead; deaths; death; casualties; wounding; injuring; toll; slain;
  fatalities; deadly; deadliest; lethal; lives; martyrdom
CASUALTY PAST: killed; wounded; injured; died; executed; kidnapped; abducted; beheaded; murdered; martyred
CASUALTY BASE_VERB: kill; wound; injure; murder
KINETIC: hit; hits; hitting; striking; fight; fights; razing; recapturing;
  launches; launching; targeting; destroying; downing; shooting;
  seizing; intercepting; pounding; storming; repelling; shoots; captures; seizes
KINETIC PAST: fired; launched; targeted; destroyed; downed; shot; seized; captured; intercepted; sank;
  sunk; stormed; pounded; repelled; repulsed; recaptured; retook; liberated; overran; razed; demolished;
  retaliated; hijacked
KINETIC ONGOING PAST: fought
KINETIC: advance; advances; advancing; advanced
KINETIC: used; using; uses
KINETIC BASE_VERB: use
KINETIC BASE_VERB: launch; target; destroy; shoot; seize; capture; sink; storm; retaliate; raze; recapture
ONGOING: ongoing; raging; rages; continuing; continues; escalating; escalates; escalation; intensifying;
  resumption; erupting; renewed; conducting; fierce; heavy; heavier; intense; deadly; bloody;
  full-scale; latest; new; fresh; another; wave; series; spate; string; rage; continue; escalate; brutal;
  devastating; waging
ONGOING PAST: continued; escalated; intensified; resumed; erupted; raged; conducted; carried; began;
  begun; started; broke; waged; spread
WEAPON: missile; missiles; rocket; rockets; drone; drones; artillery; mortar; mortars; munitions;
  warplane; warplanes; jets; fighter; bomber; bombers; tank; tanks; torpedo; grenade; grenades;
  explosive; explosives; ied; ieds; howitzer; howitzers; cruise; ballistic; hypersonic; bullets; gun;
  guns; rifle; rifles; weapon; weapons; arms; helicopter; helicopters; gunship; gunships; shahed; himars;
  tomahawk; tomahawks; atacms; storm-shadow; oreshnik; f-35; f-35s; f-16; f-16s; b-52; b-52s; b-2;
  aircraft; warplane; shots; rounds; firebomb; firebombs; landmine; landmines
ACTOR: troops; soldiers; soldier; forces; force; military; militaries; army; armies; navy; naval;
  marines; militants; militant; gunmen; gunman; rebels; rebel; insurgents; jihadists; militia; militias;
  paramilitary; paramilitaries; warship; warships; destroyer; destroyers; frigate; frigates; carrier;
  carriers; submarine; submarines; battalion; battalions; brigade; brigades; sniper; snipers; idf;
  pentagon; hamas; hezbollah; houthis; houthi; taliban; isis; al-shabaab; wagner; airforce; armed;
  fighters; commandos; nato; terrorist; terrorists; terror; narco-terrorists; cartel; cartels; gang;
  gangs; jihadist; idf; peacekeepers; reservists; conscripts; infantry; mercenaries; extremist; extremists;
  attacker; attackers; assailant; assailants; guerrilla; guerrillas; separatist; separatists; junta;
  troopers; servicemen
TARGET: target; targets; boat; boats; vessel; vessels; ship; ships; tanker; tankers; convoy; convoys;
  base; bases; positions; position; village; villages; hospital; hospitals; infrastructure; facility;
  facilities; depot; refinery; grid; substation; compound; headquarters; camp; mosque; mosques; church;
  school; schools; market; residential; apartment; building; buildings; port; airport; bridge; power; homes;
  houses
MODAL: will; would; could; might; may; can; shall; should; must; wo; ca; we'll; they'll; he'll; she'll; it'll;
  i'll; you'll; that'll; he'd; they'd; we'd; won't; wouldn't; couldn't; can't; cannot; shouldn't;
  going; gonna; plan; plans; planned; planning; prepare; prepares; prepared; preparing; preparation;
  preparations; poised; ready; readying; readies; consider; considers; considered; considering; weigh;
  weighs; weighed; weighing; mull; mulls; mulled; mulling; contemplate; contemplates; contemplating;
  potential; possible; possibly; possibility; prospect; prospects; likely; unlikely; imminent; looming;
  option; options; intend; intends; intended; intends; intention; aim; aims; seek; seeks; sought;
  want; wants; if; unless; whether; fear; fears; feared; fearing; risk; risks; risking; danger;
  dangers; vow; vows; vowed; vowing; pledge; pledges; pledged; promise; promises; promised; soon;
  next; upcoming; future; hypothetical; scenario; scenarios; would-be; expect; expects; expected;
  anticipate; anticipated; doubt; doubts; skepticism; scepticism; proposal; proposed; propose;
  authorize; authorise; spectre; specter; avert; averting; prevent; preventing; avoid; avoiding; avoided; deter;
  deterring; threat; threats; threaten; threatens; threatened; threatening; warn; warns; warned;
  warning; warnings; caution; cautions; cautioned; cautioning;
  rehearse; rehearsing; simulate; simulated; simulating; eventual; brink; verge
POST_MODAL: would; could; will; might; may; can; we'll; plan; plans; planned; possible; imminent; looming; loom;
  looms; expected; feared; likely; unlikely; threatened; option; options
INFINITIVE: to
NEGATION: no; not; never; n't; without; nor; neither; none
HISTORY: anniversary; anniversaries; commemorate; commemorates; commemorated; commemorating;
  commemoration; memorial; memorials; centenary; centennial; history; historic; historical; historian;
  historians; remembrance; veterans; decades-old; bygone; ago
EXCLUDED: film; films; movie; movies; documentary; documentaries; novel; novels; book; books; novelist;
  game; games; gaming; videogame; box-office; obituary; obituaries; album; albums;
  song; songs; concert; episode; episodes; trailer; sitcom; netflix; hollywood; paintball; fiction;
  poem; poetry; chess; penalty
SPORT: sport; sports; football; soccer; tennis; cricket; rugby; basketball; baseball; hockey; golf; olympic;
  olympics; championship; championships; tournament; league; striker; strikers; goalkeeper; midfielder;
  playoff; playoffs; fifa; uefa; nba; nfl; batsman; innings; wicket
SPORT: scored; scoring; scorer; scorers; halftime; half-time; kickoff; kick-off; derby; derbies; referee;
  equaliser; equalizer; equalised; equalized; hat-trick; midfield; keeper; quarterback; touchdown; touchdowns;
  match; matches; bowler; bowlers; batsmen; batters; pitcher; pitchers; goalie; goalscorer; 1-0; 2-0; 3-0; 4-0; 0-1; 0-2; 0-3; 1-1; 2-2; 0-0; 2-1; 3-1; 3-2; 4-1; 1-2; 1-3; 2-3
THREAT_WORD: ultimatum; ultimatums; sabre-rattling; saber-rattling; brinkmanship; gunboat; mobilisation;
  mobilization; casus; belli
THREAT_TOPIC: warn; warns; warned; warning; warnings; caution; cautions; cautioned; cautioning;
  vow; vows; vowed; vowing; crisis; retaliation;
  retaliate; retaliatory; revenge; avenge; deterrence; deterrent; escalation; escalate; escalatory;
  brink; verge; alarm; alarmed; fears; fear; feared; risk; danger; menace; menacing; peril; imminent;
  plans; planned; preparing; prepares; prepared; preparations; readiness; alert; poised; prospect; spectre;
  specter; pledged; pledge; ready; threatening; intimidate; intimidating; rhetoric
THREAT_COUNTRY: threat; threats; threaten; threatens; threatened; threatening; tension; tensions;
  standoff; stand-off; confrontation; confrontations; provocation; provocations; provocative; provoke;
  intimidation; coercion; coercive; bluff; hostile; hostility; belligerent; belligerence; bellicose;
  posturing; showdown; flashpoint; saber; sabre; consequences
POSTURE: deploy; deploys; deployed; deploying; redeploy; redeployed; mobilize; mobilizes; mobilized;
  mobilizing; mobilise; mobilised; mobilising; massing; massed; amassed; amassing; exercise; maneuver;
  manoeuvre; patrols; patrol; patrolling; reinforce; reinforced; reinforcing; dispatched;
  dispatch; dispatches; dispatching; stationed; positioned; encircle; encircled; flotilla; armada;
  posture; sent; sends; sending; send; ordered; moved; moving; bolster; bolstered; bolstering; militarize;
  militarized; presence; alert; readiness; rehearse; rehearsing; rehearsal; simulate; simulated;
  simulating; flyover; flyovers; overflight; overflights; intrusion; intrusions; sailed; sailing;
  transit; transited; violated; violation; violations; violating; buzzed; shadowed; tailing; scrambled;
  scramble; scrambles; scrambling; flew; flying; overflew; detected; spotted; tracked; crossed; crossing;
  entered
NEARBY: near; around; off; approaching; along
POSTURE ACTOR: reinforcements
SHOW: deployment; deployments; buildup; build-up; buildups; mobilization; mobilisation; drills; drill;
  exercises; maneuvers; manoeuvres; war-footing; live-fire; blockade; blockades; encirclement;
  militarization; militarisation; show-of-force
DEADLINE: deadline; deadlines
OPENER: during
DEFINITE: the; these; those; this; that; its; their; his; her; our; last; recent; latest
THREAT_COUNTRY: retaliate; retaliation; retaliatory; reprisal; reprisals; revenge; avenge
COERCION: relinquish; relinquished; surrender; surrendered; capitulate; capitulation; disarm;
  resign; resignation; cede; concede; comply; withdraw; withdrawal; exile; relinquishing
AIRSPACE: airspace; air-space; strait; straits; waterway
CLOSING: close; closed; closes; closing; closure; shut; shuts; shutting; shutdown; no-fly; off-limits;
  ban; banned; bans; restricted
NUCLEAR: nuclear; atomic; thermonuclear; nuclear-armed; nuclear-capable; nukes; nuke
NUCLEAR_ARMS: weapon; weapons; warhead; warheads; arsenal; arsenals; test; tests; tested; testing;
  strike; strikes; war; attack; attacks; threat; threats; missile; missiles; doctrine; deterrent;
  deterrence; option; options; launch; bomb; bombs; blackmail; annihilation; escalation; capable;
  submarine; submarines; forces; drills; exercises; armed; arms; capability; capabilities; sabre;
  saber; posture
DISASTER: earthquake; earthquakes; quake; quakes; flood; floods; flooding; storm; storms; hurricane;
  typhoon; cyclone; tornado; landslide; landslides; avalanche; tsunami; crash; crashes; crashed;
  accident; accidents; accidental; collision; collided; derailed; derailment; capsized; capsize;
  wildfire; wildfires; heatwave; drought; famine; disease; outbreak; epidemic; pandemic;
  cholera; virus; covid; stampede; overdose; overdoses; collapse; collapsed; lightning; volcano;
  eruption; mudslide; cancer; illness; traffic; shipwreck; drowned; drowning; gas; factory;
  boiler; fireworks; industrial; leak; mining; coal; warehouse; overturned
FIRE: fire; fires; blaze
FRONTIER: border; borders; frontier; frontiers; border's; boundary; line; cross-border
LABOUR: workers; worker; union; unions; nurses; teachers; doctors; staff; employees; pay; wages; wage;
  walkout; walkouts; pilots; drivers; dockworkers; strikers; picket; pickets; pension; pensions; salaries;
  salary; labour; labor
VERBAL: speech; speeches; remarks; statement; interview; tweet; tweets; post; posts; criticism; comments;
  rally; debate; op-ed; editorial; rhetoric; column; podcast; letter; press; opposition; critics; rival;
  rivals; campaign; opponent; opponents; policy; policies; plans; budget; decision; decisions; media;
  online; ruling; verdict; bill; proposal; reform; reforms; newspaper; journalists; press
NON_FORCE: tariff; tariffs; trade; economy; economic; inflation; prices; price; market; markets;
  recession; debt; budget; tax; taxes; exports; imports; investors; stocks; currency; climate; election;
  elections; vote; votes; democracy; jobs; lawsuit; court; sanctions; business; businesses; industry;
  growth; supply; chain; chains; earnings; profit; profits; revenue; oil; gas; energy; banks; bank; duties;
  levies; levy; boycott; boycotts
TEST: test; tests; tested; testing; test-fired; test-fire; test-fires; test-launched; test-launch;
  test-firing
BREAK: ,; ;; :; that; which; who; whom; whose; after; since; because; following; but; when; while;
  although; though; amid; before; where; as; until; despite; said; says; say; investigation; probe;
  inquiry; condemnation; aftermath; end; ends; ending; halt; halting
CONDITION: if; unless
ANY: any
VIOLATION: violate; violates; violated; violating; violation; violations; breach; breaches; breached;
  breaching
"""

# Phrases: tags for the first word, the others lose theirs. An empty tag list cancels the phrase.
_PHRASES = """
: price war; trade war; trade wars; tariff war; tariff wars; currency war; currency wars; culture war;
  culture wars; bidding war; turf war; turf wars; format war; price wars; war chest; war room; war of words;
  war on drugs; war on poverty; war on crime; war on cancer; war on inflation; star wars; war crimes;
  war crime; heart attack; heart attacks; panic attack; panic attacks; asthma attack; anxiety attack;
  shark attack; dog attack; attack ad; attack ads; attack dog; personal attack; personal attacks;
  verbal attack; verbal attacks; attacks on the press; hunger strike; hunger strikes; general strike;
  labor strike; labour strike; rail strike; teachers strike; teachers' strike; workers strike;
  nurses strike; doctors strike; strike action; strike ballot; on strike; went on strike; go on strike;
  going on strike; strike pay; strike a deal; strike deal; strike a balance; strike a chord; strike a note;
  struck a deal; struck a balance; struck a chord; struck a note; struck a tone; strike a tone;
  strikes a deal; strikes a balance; strikes a chord; striking a deal; striking a balance; struck down;
  strike down; strikes down; struck off; struck out; strike out; struck by lightning; struck gold;
  struck a blow; struck an agreement; strike an agreement; sexual assault; sexually assaulted;
  charm offensive; diplomatic offensive; offensive remarks; offensive comments; offensive language;
  offensive content; offensive posts; bomb cyclone; photo bomb; box office; bath bomb; blast furnace;
  shelled out; shell out; shelling out; shell company; shell companies; explosion of; explosive growth;
  fighting for; fighting to; fighting corruption; fighting inflation; fighting crime; fighting fires;
  fighting climate; fighting poverty; fighting disease; fighting back tears; fighting chance;
  firefighting; hit record; hit a record; hits a record; hit records; hit hard; hit harder; hardest hit;
  hit back at; hits back at; hit out at; hits out at; hit with sanctions; hit with tariffs; hit by tariffs;
  hit by sanctions; fired up; exercise restraint; exercise caution; exercise its right; exercise their right;
  exercise his right; border patrol; conflict of interest; conflicts of interest; battle for votes;
  legal battle; legal battles; court battle; court battles; battle with cancer; battleground state;
  battleground states; front page; front-page; front of; in front; front-runner; frontrunner; show of hands;
  stock market; target of criticism; inflation target; targets for; emissions targets; climate targets;
  killing it; dead end; deadline for comment; death penalty; new year; third party; third parties;
  talk show; shows that; showed that; show that; sent a letter; sent letters;
  sent a message; sends a message; sent a signal; send a signal; threat to democracy; risk assessment;
  risk of recession; risk of inflation; fire sale; friendly fire; fire brigade; fire department; fire service;
  armed with; armed robbery; armed robbers; cruise ship; cruise ships; fighter for; freedom fighter; fighters
  for; special envoy; special counsel; special forces; special operations; special operation; police said;
  police say; a force for; force of nature; tour de force; in force; task force; labor force; labour force;
  workforce; air force one; forced to; was forced; were forced; be forced; forces of nature; market forces;
  join forces; joined forces; joining forces; carrying out; carried out; carry out; carries out;
  taking a hit; took a hit; direct hit; hits list; smash hit; big hit; hit song; hit single; game changer;
  game-changer; no-fly zone; no fly zone; show of force; shows of force; war games; war game; wargames;
  military options; military option; use of force; use force; using force; military force; military action;
  military actions; military intervention; military operation; military operations; ground operation;
  ground operations; ground offensive; ground invasion; land attacks; land attack; land strikes; land strike;
  ground troops; boots on the ground; military buildup; military build-up; naval buildup; by land; by sea;
  by air; on land; cold war; world war; world wars; world war ii; world war i; world war two; world war one;
  second world war; first world war; third world war; world war iii; world war 3; korean war; vietnam war;
  gulf war; iraq war; six-day war; yom kippur war; iran-iraq war; falklands war; civil war; red line;
  red lines; all options; weighs options; weighing options; weigh options; weighed options; considering
  options; options on the table; step down; stepping down; steps down; leave the country; leave power;
  give up power; hand over power; cede power; or face; high alert; on alert; combat readiness;
  combat-ready; put on alert; state of alert; nuclear test; nuclear tests; no survivors; air raid;
  air raids; air-raid; air defence; air defense; air defences; air defenses; shot down; shoot down;
  shooting down; shoots down; opened fire; open fire; opens fire; came under fire; come under fire;
  under fire; ceasefire; cease-fire; truce; armistice; peace talks; peace deal; peace plan; death toll;
  counter-narcotics; counternarcotics; strike group; strike groups; carrier strike group; strike force;
  strike capability; strike capabilities; strike drones; artillery fire; mortar fire; rocket fire;
  sniper fire; tank fire; machine-gun fire; naval fire; calls for; called for; call for; calling for; to combat;
  hostile takeover; second year; third year; fourth year; fifth year; second week; third week;
  second month; third month; end to; an end; military aid; military spending; military budget;
  peace talks; peace deal; peace plan; exchange of fire; exchanges of fire; exchanged fire; exchanging fire;
  returned fire; bomb threat; bomb threats; bomb scare; rule out; ruled out; ruling out; rules out; coast guard; advanced weapons; advanced weapon;
  advanced missiles; advanced fighter; advanced fighters; advanced systems; advanced air; advanced technology;
  advanced economies; advanced chips; advanced talks; advanced negotiations; advanced economy; took hostage; taken hostage; took hostages; taken hostages; hostage-taking; taking hostages
  legitimate target; legitimate targets; legitimate military target; legitimate military targets;
  military pressure; warning shot; warning shots; fired warning shots; firing warning shots; opening fire;
  fire was returned; hostages were taken; seized power; seize power; seizing power; seizes power;
  diplomatic clash; diplomatic clashes; as planned; use of military force; air power; small arms; locked in;
  at war; into the sea; toward the sea; towards the sea; into the east sea; into waters; to waters;
  into the water; off its east coast; off its west coast; firing of; in case of; in case; in the event of;
  in the event; tear gas; ordered the release; ordered the arrest; ordered the evacuation; ordered an investigation;
  ordered the withdrawal;
  not ruled out; not rule out; not ruling out; n't rule out; n't ruled out; n't ruling out; never ruled out;
  never rule out; not excluded; not exclude; not excluding; n't exclude; n't excluded; never excluded;
  bracing for; braces for; braced for; brace for; military response; military responses; refused to rule out; refuses to rule out; refusing to rule out; declined to rule out;
  declines to rule out; declining to rule out; is set to; are set to; was set to; were set to; looks set to;
  look set to; appears set to; seems set to; is about to; are about to; was about to; were about to;
  traded fire; trading fire; trade fire; trades fire; traded gunfire; trading gunfire; exchanged gunfire;
  exchanging gunfire; traded shots; trading shots; exchanged shots; exchanging shots; traded artillery fire;
  trading artillery fire; exchanged artillery fire; exchanging artillery fire; traded rocket fire;
  exchanged rocket fire; traded heavy fire; exchanged heavy fire; exchange of gunfire; exchanges of gunfire;
  exchange of shots; exchanges of shots;
  first half; second half; extra time; injury time; stoppage time; final whistle; fourth quarter;
  third quarter; clean sheet; free kick; free-kick; corner kick; penalty kick; penalty shootout; own goal;
  on target; off target; world cup; super bowl; grand slam
"""

# Tags of each phrase above that is not a cancellation, by phrase.
_PHRASE_TAGS = {
    "carrying out": ONGOING, "carried out": ONGOING | PAST, "carry out": ONGOING | BASE_VERB,
    "carries out": ONGOING,
    "no-fly zone": POSTURE | AIRSPACE | CLOSING, "no fly zone": POSTURE | AIRSPACE | CLOSING,
    "show of force": THREAT_WORD, "shows of force": THREAT_WORD, "war games": POSTURE | ACTOR,
    "war game": POSTURE | ACTOR, "wargames": POSTURE | ACTOR, "military options": THREAT_WORD,
    "military option": THREAT_WORD, "use of force": EVENT, "use force": EVENT | BASE_VERB,
    "using force": EVENT, "military force": ACTOR, "use of military force": EVENT, "military action": EVENT,
    "military actions": EVENT,
    "military intervention": EVENT, "military operation": EVENT, "military operations": EVENT,
    "ground operation": EVENT, "ground operations": EVENT, "ground offensive": EVENT,
    "ground invasion": EVENT, "land attacks": EVENT, "land attack": EVENT, "land strikes": EVENT,
    "land strike": EVENT, "ground troops": ACTOR, "boots on the ground": ACTOR,
    "military buildup": POSTURE | ACTOR, "military build-up": POSTURE | ACTOR, "naval buildup": POSTURE | ACTOR,
    "by land": BY_FORCE_ROUTE, "by sea": BY_FORCE_ROUTE, "by air": BY_FORCE_ROUTE, "on land": BY_FORCE_ROUTE,
    "cold war": HISTORY, "world war": HISTORY, "world wars": HISTORY, "world war ii": HISTORY,
    "world war i": HISTORY, "world war two": HISTORY, "world war one": HISTORY, "second world war": HISTORY,
    "first world war": HISTORY, "korean war": HISTORY, "vietnam war": HISTORY, "gulf war": HISTORY,
    "iraq war": HISTORY, "six-day war": HISTORY, "yom kippur war": HISTORY, "iran-iraq war": HISTORY,
    "falklands war": HISTORY,
    "third world war": WAR | THREAT_TOPIC, "world war iii": WAR | THREAT_TOPIC, "world war 3": WAR | THREAT_TOPIC,
    "civil war": WAR, "red line": THREAT_COUNTRY, "red lines": THREAT_COUNTRY,
    "all options": THREAT_COUNTRY | MODAL, "weighs options": THREAT_COUNTRY | MODAL,
    "weighing options": THREAT_COUNTRY | MODAL, "weigh options": THREAT_COUNTRY | MODAL,
    "weighed options": THREAT_COUNTRY | MODAL, "considering options": THREAT_COUNTRY | MODAL,
    "options on the table": THREAT_COUNTRY | MODAL,
    "step down": COERCION, "stepping down": COERCION, "steps down": COERCION, "leave the country": COERCION,
    "leave power": COERCION, "give up power": COERCION, "hand over power": COERCION, "cede power": COERCION,
    "or face": COERCION,
    "high alert": POSTURE, "on alert": POSTURE, "combat readiness": POSTURE | ACTOR, "combat-ready": POSTURE | ACTOR,
    "put on alert": POSTURE, "state of alert": POSTURE, "nuclear test": NUCLEAR | NUCLEAR_ARMS,
    "nuclear tests": NUCLEAR | NUCLEAR_ARMS, "no survivors": CASUALTY,
    "air raid": EVENT, "air raids": EVENT, "air-raid": EVENT, "air defence": WEAPON, "air defense": WEAPON,
    "air defences": WEAPON, "air defenses": WEAPON, "shot down": KINETIC | PAST, "shoot down": KINETIC | BASE_VERB,
    "shooting down": KINETIC, "shoots down": KINETIC, "opened fire": EVENT | PAST, "open fire": EVENT | BASE_VERB,
    "opens fire": EVENT, "came under fire": KINETIC | PAST, "come under fire": KINETIC | BASE_VERB,
    "strike group": ACTOR, "strike groups": ACTOR, "carrier strike group": ACTOR, "strike force": ACTOR,
    "strike capability": WEAPON, "strike capabilities": WEAPON, "strike drones": WEAPON,
    "artillery fire": EVENT, "mortar fire": EVENT, "rocket fire": EVENT, "sniper fire": EVENT, "tank fire": EVENT,
    "machine-gun fire": EVENT, "naval fire": EVENT,
    "special forces": ACTOR, "special operations": ACTOR, "special operation": EVENT,
    "bomb threat": THREAT_WORD, "bomb threats": THREAT_WORD, "bomb scare": THREAT_WORD, "rule out": MODAL, "ruled out": MODAL, "ruling out": MODAL, "rules out": MODAL, "coast guard": ACTOR,
    "advanced weapons": WEAPON, "advanced weapon": WEAPON, "advanced missiles": WEAPON, "advanced fighter": WEAPON,
    "advanced fighters": WEAPON, "advanced systems": WEAPON, "advanced air": WEAPON,
    "exchange of fire": EVENT, "exchanges of fire": EVENT, "exchanged fire": EVENT | PAST,
    "exchanging fire": EVENT, "returned fire": EVENT | PAST, "took hostage": EVENT | PAST,
    "taken hostage": EVENT | PAST, "took hostages": EVENT | PAST, "taken hostages": EVENT | PAST,
    "hostage-taking": EVENT, "taking hostages": EVENT,
    "death toll": CASUALTY, "calls for": MODAL, "called for": MODAL, "call for": MODAL,
    "calling for": MODAL, "second year": ONGOING, "third year": ONGOING, "fourth year": ONGOING,
    "fifth year": ONGOING, "second week": ONGOING, "third week": ONGOING, "second month": ONGOING,
    "third month": ONGOING, "end to": BREAK, "an end": BREAK,
    "ceasefire": CEASEFIRE, "cease-fire": CEASEFIRE, "truce": CEASEFIRE, "armistice": CEASEFIRE,
    "legitimate target": THREAT_WORD, "legitimate targets": THREAT_WORD, "legitimate military target": THREAT_WORD,
    "legitimate military targets": THREAT_WORD, "military pressure": THREAT_WORD, "warning shot": THREAT_WORD,
    "warning shots": THREAT_WORD, "fired warning shots": THREAT_WORD, "firing warning shots": THREAT_WORD,
    "opening fire": EVENT, "fire was returned": EVENT | PAST, "hostages were taken": EVENT | PAST,
    "air power": WEAPON, "small arms": WEAPON, "tear gas": WEAPON, "locked in": ONGOING, "at war": WAR | ONGOING,
    "into the sea": SPLASH, "toward the sea": SPLASH, "towards the sea": SPLASH, "into the east sea": SPLASH,
    "into waters": SPLASH, "to waters": SPLASH, "into the water": SPLASH, "off its east coast": SPLASH,
    "off its west coast": SPLASH, "firing of": KINETIC, "in case of": CONDITION, "in case": CONDITION,
    "in the event of": CONDITION,
    "in the event": CONDITION, "counter-narcotics": 0, "counternarcotics": 0,
    # Not ruling force out keeps it possible: the words after it are a threat, not negated.
    **dict.fromkeys(("not ruled out", "not rule out", "not ruling out", "n't rule out", "n't ruled out",
                     "n't ruling out", "never ruled out", "never rule out", "refused to rule out",
                     "refuses to rule out", "refusing to rule out", "declined to rule out", "declines to rule out",
                     "declining to rule out", "not excluded", "not exclude", "not excluding", "n't exclude",
                     "n't excluded", "never excluded", "bracing for", "braces for", "braced for", "brace for"), MODAL),
    "military response": EVENT, "military responses": EVENT,
    # "is set to launch", "is about to invade": a force verb that is coming, not done
    **dict.fromkeys(("is set to", "are set to", "was set to", "were set to", "looks set to", "look set to",
                     "appears set to", "seems set to", "is about to", "are about to", "was about to",
                     "were about to"), MODAL),
    # Fire traded between two sides is fire used.
    **dict.fromkeys(("traded fire", "traded gunfire", "exchanged gunfire", "traded shots", "exchanged shots",
                     "traded artillery fire", "exchanged artillery fire", "traded rocket fire", "exchanged rocket fire",
                     "traded heavy fire", "exchanged heavy fire"), EVENT | PAST),
    **dict.fromkeys(("trading fire", "trade fire", "trades fire", "trading gunfire", "exchanging gunfire",
                     "trading shots", "exchanging shots", "trading artillery fire", "exchanging artillery fire",
                     "exchange of gunfire", "exchanges of gunfire", "exchange of shots", "exchanges of shots"), EVENT),
    **dict.fromkeys(("first half", "second half", "extra time", "injury time", "stoppage time", "final whistle",
                     "fourth quarter", "third quarter", "clean sheet", "free kick", "free-kick", "corner kick",
                     "penalty kick", "penalty shootout", "own goal", "on target", "off target", "world cup",
                     "super bowl", "grand slam"), SPORT),
}

_TAG_NAMES = {
    name: value for name, value in globals().items()
    if name.isupper() and not name.startswith("_") and isinstance(value, int) and value & (value - 1) == 0
}


def _parse_table(table: str) -> dict[str, int]:
    """'TAG TAG: w; w' lines (continued on indented lines) -> word -> OR of the tags."""
    out: dict[str, int] = {}
    tags = 0
    for line in table.strip("\n").splitlines():
        if not line.startswith(" "):
            head, _, line = line.partition(": ")
            tags = 0
            for name in head.split():
                tags |= _TAG_NAMES[name]
        for word in line.split("; "):
            word = word.strip().rstrip(";") if word.strip() not in (";", ",", ":") else word.strip()
            if word:
                out[word] = out.get(word, 0) | tags
    return out


def _parse_phrases(table: str) -> dict[str, int]:
    phrases = {}
    text = " ".join(line.strip() for line in table.strip("\n").splitlines()).removeprefix(": ")
    for phrase in text.split(";"):
        phrase = " ".join(phrase.split())
        if phrase:
            phrases[phrase] = _PHRASE_TAGS.get(phrase, 0)
    phrases.update({p: t for p, t in _PHRASE_TAGS.items() if " " not in p})
    return phrases


_LEXICON: dict[str, int] = _parse_table(_WORDS)  # completed below by the one-word phrases
for _year in range(1800, 2020):  # a year before 2020 next to a force word: history, not news
    _LEXICON[str(_year)] = HISTORY
_PHRASE_TABLE: dict[str, int] = _parse_phrases(_PHRASES)
# Each phrase is looked up by its first word that is not a common one ("by land" by "land"), so that the
# phrase pass runs only on sentences holding such a word, and only at its places.
# At each place of an anchor only the phrases whose next (or, for a last word, previous) word is there
# are compared, so a sentence full of "military" does not try every "military ..." phrase each time.
_COMMON = frozenset(
    "a an the to of in on by for at with and or is was be out down up off that no it its were are has have "
    "had said says their his her this those these from as into over".split()
)
_PHRASES_NEXT: dict[tuple[str, str], list[tuple[tuple[str, ...], int, int]]] = {}
_PHRASES_PREV: dict[tuple[str, str], list[tuple[tuple[str, ...], int, int]]] = {}
for _phrase, _tags in _PHRASE_TABLE.items():
    _words = tuple(_phrase.split())
    if len(_words) == 1:
        _LEXICON[_phrase] = _tags  # one word: a correction of the word tables
        continue
    # The rarest word anchors: one that is no force word ("price" in "price war"), else the last.
    _anchor = next(
        (i for i, w in enumerate(_words) if w not in _COMMON and not _LEXICON.get(w, 0) & _FREQUENT), None
    )
    if _anchor is None:  # the last, which is less often a force word ("war games", "military force")
        _anchor = max((i for i, w in enumerate(_words) if w not in _COMMON), default=0)
    if _anchor + 1 < len(_words):
        _PHRASES_NEXT.setdefault((_words[_anchor], _words[_anchor + 1]), []).append((_words, _anchor, _tags))
    else:
        _PHRASES_PREV.setdefault((_words[_anchor], _words[_anchor - 1]), []).append((_words, _anchor, _tags))
_ANCHORS = frozenset(a for a, _ in [*_PHRASES_NEXT, *_PHRASES_PREV])


# "the killing of aid workers", "killings", "beheaded": someone did it, whoever it was.
_AGENTIVE_KILLING = frozenset(
    {"killings", "slain", "beheaded", "massacred", "murdered", "wounded", "wounding", "casualties", "martyred",
     "martyrdom"}
)


def _units() -> list[tuple[str, tuple[str, ...], int]]:
    """(the word a set test sees, the words, their tags) of every tagged word and phrase: a phrase can only
    match where its anchor is, so the anchor stands for it."""
    units = [(w, (w,), t) for w, t in _LEXICON.items() if t]
    for table in (_PHRASES_NEXT, _PHRASES_PREV):
        for (anchor, _), entries in table.items():
            units += [(anchor, words, t) for words, _, t in entries if t]
    return units


def _may_be_signalled(words: list[str]) -> bool:
    """False when no signal can come out of these words (the rules of `_classify` need one word that makes
    a signal alone, or two words, one needing company and one giving it)."""
    if not _SELF_WORDS.isdisjoint(words):
        return True
    if _NEEDS_COMPANY_WORDS.isdisjoint(words) or _COMPANY_WORDS.isdisjoint(words):
        return False
    return len(_PAIRED_WORDS.intersection(words)) >= 2


# Words, and the punctuation that ends a modal's reach, in one pass.
# Words are split on spaces, after quotes and brackets become spaces and the sentence's final
# punctuation is cut (a third of the time of a regex over the sentence): "'" and "-" stay inside words
# ("build-up", "we'll"); ",", ";" and ":" become words of their own, because they end a modal's reach.
_SPACED = ('"', "\u201c", "\u201d", "\u2018", "(", ")", "[", "]", "\u2014", "\u2026", "?", "!", " '", "' ", ".")
_CLAUSE_MARKS = (",", ";", ":")
_SENTENCE_END = "\x00"  # between the sentences of an article tokenised at once
_MONTH_MAY = re.compile(r"(?<=[a-z0-9,] )May\b")  # "in May", "on May 3": the month, not the modal
# "blast", "explosion" and "shooting" also happen in accidents; "strike", "attack" are done by someone.
_ACCIDENTAL_EVENTS = frozenset(
    {"explosion", "explosions", "blast", "blasts", "shooting", "shootings", "gunfire", "struck", "strikes", "hit"}
)
# Force words that are also a walkout ("strike") or words ("attacked"): they need a sign of force.
_WALKOUT = frozenset({"strike", "strikes", "striking"})
_WORDS_ATTACK = frozenset({"attack", "attacks", "attacked", "attacking", "assault", "assaults", "offensive"})
_HARD_FORCE = WEAPON | ACTOR | CASUALTY | TARGET
# Force words that are also a match's play ("struck late", "a fierce counterattack", "fired a shot").
_SPORT_FORCE = frozenset(
    """struck strike strikes striking attack attacks attacked attacking counterattack counter-attack counterattacks
    offensive offensives assault shot shots shoot shoots shooting fired fire fires firing hit hits hitting fought
    fight fights fighting battle battles clash clashes clashed raid raids blitz barrage siege war ambush ambushed
    defence defense""".split()
)
# Words of force in a match's report that name no force there: "shots on target", "rounds".
_SPORT_COMPANY = frozenset({"target", "targets", "rounds", "position", "positions", "lives"})


def _tokens(sentence: str) -> list[str]:
    """The sentence's words, lower-cased; run on several sentences joined by `_SENTENCE_END` it gives the
    same words, sentence by sentence, between `_SENTENCE_END` words (a few string methods per article
    instead of per sentence)."""
    if "May" in sentence:
        sentence = _MONTH_MAY.sub("month", sentence)
    text = sentence.lower() + " "
    if "\u2019" in text:
        text = text.replace("\u2019", "'")
    if "n't" in text:
        text = text.replace("n't", " n't")
    for mark in _SPACED:
        if mark in text:
            text = text.replace(mark, " ")
    for mark in _CLAUSE_MARKS:
        if mark in text:
            text = text.replace(mark, f" {mark} ")
    if "'s " in text:  # "the army's drones": the word without its possessive
        text = text.replace("'s ", " 's ")
    return text.split()


def _tag(tokens: list[str]) -> list[int]:
    get = _LEXICON.get
    tags = [get(t, 0) for t in tokens]
    present = _ANCHORS.intersection(tokens)
    if not present:
        return tags
    found = []  # (start, -length, tags) of every phrase in the sentence
    n = len(tokens)
    for anchor in present:
        i = -1
        while True:
            try:
                i = tokens.index(anchor, i + 1)
            except ValueError:
                break
            candidates = []
            if i + 1 < n:
                candidates += _PHRASES_NEXT.get((anchor, tokens[i + 1]), ())
            if i > 0:
                candidates += _PHRASES_PREV.get((anchor, tokens[i - 1]), ())
            for words, offset, phrase_tags in candidates:
                start = i - offset
                if start >= 0 and tuple(tokens[start : start + len(words)]) == words:
                    found.append((start, -len(words), phrase_tags))
    # Leftmost, then longest, phrase wins ("world war ii" over "world war", "came under fire" over "under fire").
    covered = -1
    for start, minus_length, phrase_tags in sorted(found):
        if start > covered:
            tags[start] = phrase_tags
            end = start - minus_length
            for j in range(start + 1, end):
                tags[j] = 0
            covered = end - 1
    return tags


def _scopes(
    pos: list[int], tg: list[int], flags: int
) -> tuple[list[bool], list[bool], list[bool], list[bool]]:
    """Per tagged word: under a modal's reach, right after a negation, beside history (within its clause),
    inside a condition ("if the shelling continued").

    Reaches are counted in words (`pos` is each tagged word's index in the sentence); a BREAK word ends
    them all.
    """
    k = len(tg)
    irreal = [False] * k
    negated = [False] * k
    historic = [False] * k
    conditional = [False] * k
    if not flags & (MODAL | NEGATION | HISTORY | CONDITION):
        return irreal, negated, historic, conditional
    modal_until = neg_until = hist_until = cond_until = -1
    for h in range(k):
        t, p = tg[h], pos[h]
        if t & BREAK:
            modal_until = neg_until = hist_until = cond_until = -1
        if p <= modal_until:
            irreal[h] = True
        if p <= neg_until:
            negated[h] = True
        if p <= hist_until:
            historic[h] = True
        if p <= cond_until:
            conditional[h] = True
        if t & MODAL:
            modal_until = p + _MODAL_REACH
        if t & CONDITION:
            cond_until = p + _MODAL_REACH
        if t & NEGATION and not (h + 1 < k and pos[h + 1] == p + 1 and tg[h + 1] & INFINITIVE):
            # "warned Iran not to attack" asks for no attack: the attack stays a possibility, not negated
            neg_until = p + _NEGATION_REACH
        if t & HISTORY:
            if any(tg[g] & OPENER and pos[g] >= p - 2 for g in range(max(0, h - 2), h)):
                return irreal, negated, [True] * k, conditional  # "During the Cold War, ...": all of it is history
            hist_until = p + _HISTORY_REACH
            historic[h] = True
            for g in (h - 1, h - 2):  # "the invasion's anniversary"
                if g < 0 or tg[g] & BREAK or pos[g] < p - 2:
                    break
                historic[g] = True
    return irreal, negated, historic, conditional


def _soft_cancelled(words: list[str], tg: list[int], flags: int) -> list[bool]:
    """Per tagged word: "strike" among workers and pay, "attacked" in a speech, "struck twice" in a match,
    with no other sign of force ("shots on target" are a match's)."""
    sport = bool(flags & SPORT) and not any(
        t & _HARD_FORCE for w, t in zip(words, tg) if w not in _SPORT_FORCE and w not in _SPORT_COMPANY
    )
    if not sport and (flags & _HARD_FORCE or not flags & (LABOUR | VERBAL)):
        return [False] * len(words)
    words_only = not flags & _HARD_FORCE
    return [
        bool((sport and w in _SPORT_FORCE)
             or (words_only and ((flags & LABOUR and w in _WALKOUT) or (flags & VERBAL and w in _WORDS_ATTACK))))
        for w in words
    ]


# Before "killed": someone was killed, which news reports of violence and says of accidents only with
# their cause ("were killed in a crash", a disaster word the rules see).
_PASSIVE = frozenset({"were", "was", "been", "being", "those"})


def _agentive_killing(tokens: list[str], pos: list[int], words: list[str], dead: list[bool]) -> bool:
    """"the killing of aid workers", "killings", "were killed", "the death toll", "left ... dead":
    someone did it, whoever it was."""
    n = len(tokens)
    for h, w in enumerate(words):
        if dead[h]:
            continue
        p = pos[h]
        if w in _AGENTIVE_KILLING:
            return True
        following = tokens[p + 1] if p + 1 < n else ""
        if (w == "killing" and following == "of") or (w == "death" and following == "toll"):
            return True
        if w == "killed" and p > 0 and tokens[p - 1] in _PASSIVE:
            return True
        if w == "dead" and "left" in tokens[max(0, p - 5) : p]:
            return True
    return False


_MAY_UNDO_AN_EVENT = (
    MODAL | POST_MODAL | NEGATION | HISTORY | LABOUR | VERBAL | NUCLEAR | DISASTER | FIRE | TEST | ANY | CONDITION
    | SPORT
)
# Verbs before "to" that say the act is under way, not intended: "continued to raze", "began to shell".
_ASPECT = frozenset(
    {"continued", "continue", "continues", "continuing", "began", "begin", "begins", "started", "start",
     "starts", "resumed", "resume", "resumes", "kept", "keep", "keeps"}
)
# After "should", a subject: the inverted condition "should the attacks continue".
_SUBJECT_AFTER_SHOULD = frozenset({"the", "a", "an", "any", "its", "their", "this", "these", "those", "they", "it"})
# What a missile launch can be aimed at; without one (and without a target word) a ballistic launch is a test.
_AIMED = frozenset({"at", "against", "toward", "towards", "targeting", "aimed"})
_LAUNCHES = frozenset({"fired", "fires", "fire", "firing", "launched", "launches", "launch", "launching"})
# "used air power against", "using tear gas against": a weapon used on someone; "uses drones to monitor"
# and "used the stadium as a base" are not.
_WIELDS = frozenset({"used", "using", "uses", "use"})
_RETALIATION = frozenset({"retaliation", "retaliate", "retaliatory", "revenge", "avenge", "reprisal", "reprisals"})
_TEST_MISSILES = frozenset({"ballistic", "icbm", "icbms", "intercontinental"})
# Words between "war" and what happens to it: before it ("a renewed war"), after it ("the war, now in its
# third year"), and farther after it for a verb ("a conflict between the army and the RSF, which erupted").
_ONGOING_BEFORE_WAR = 5
_ONGOING_AFTER_WAR = 5
_VERB_AFTER_WAR = 10
_SHOW_NEAR_KINETIC = 5  # "launched drills", "sent warships": the verb is the show of force's


def _may_signal(flags: int) -> bool:
    """Whether the sentence's tags can make a signal at all (the rules below need one of these)."""
    return bool(flags & _ALONE or (flags & _NEEDS_COMPANY and flags & _COMPANY)) or bool(flags & CASUALTY)


def _retag(tokens: list[str], tags: list[int], flags: int) -> int:
    """Tags that depend on a neighbour, set in place; returns the sentence's flags again.

    "violating the ceasefire" reports fire; "since 1991" is not history; "should the attacks continue" is
    a condition."""
    n = len(tokens)
    if flags & CEASEFIRE and flags & VIOLATION:
        truce = [i for i in range(n) if tags[i] & CEASEFIRE]
        for i in range(n):
            if tags[i] & VIOLATION and any(abs(i - j) <= 4 for j in truce):
                tags[i] |= EVENT | (PAST if tokens[i].endswith("ed") else 0)
    if flags & HISTORY:
        for i in range(1, n):
            if tags[i] & HISTORY and tokens[i - 1] == "since" and tokens[i].isdigit():
                tags[i] &= ~HISTORY
    if flags & MODAL:
        for i in range(n - 1):
            if tokens[i] == "should" and tokens[i + 1] in _SUBJECT_AFTER_SHOULD:
                tags[i] |= CONDITION
    return reduce(or_, tags, 0)


def _unaimed_launch(tokens: list[str], words: list[str], real_kinetic: list[str], live_flags: int) -> bool:
    """A missile fired into the sea, or a ballistic missile fired at nothing named: a test, a show of force."""
    if not real_kinetic or live_flags & (TARGET | EVENT | CASUALTY) or not live_flags & WEAPON:
        return False
    if not all(w in _LAUNCHES for w in real_kinetic):
        return False
    if live_flags & SPLASH:
        return True
    return not _TEST_MISSILES.isdisjoint(words) and _AIMED.isdisjoint(tokens)


def _classify(tokens: list[str], tags: list[int], has_country: Callable[[], bool]) -> str | None:
    flags = reduce(or_, tags, 0)
    if flags & (CEASEFIRE | HISTORY | MODAL):
        flags = _retag(tokens, tags, flags)
    if flags & EXCLUDED or not _may_signal(flags):
        return None
    if flags & EVENT and not flags & _MAY_UNDO_AN_EVENT and not (flags & INFINITIVE and flags & BASE_VERB):
        return ACT  # nothing here can make the event irreal, negated, history, a walkout or words
    pos = [i for i, t in enumerate(tags) if t]
    tg = [tags[i] for i in pos]
    words = [tokens[i] for i in pos]
    k = len(pos)
    irreal, negated, historic, conditional = _scopes(pos, tg, flags)
    soft = _soft_cancelled(words, tg, flags)

    def modal_right_before(h: int) -> bool:
        # The nearest tagged word before, within 3 words, is a modal: "could have killed", "will be shelled".
        return h > 0 and pos[h - 1] >= pos[h] - 3 and bool(tg[h - 1] & MODAL)

    def definite(h: int) -> bool:
        # A force noun the text already knows ("the strikes", "those US attacks"): real even after a modal.
        for g in (h - 1, h - 2, h - 3):
            if g < 0 or pos[g] < pos[h] - 3 or tg[g] & (MODAL | BREAK | INFINITIVE | NUCLEAR):
                return False
            if tg[g] & DEFINITE:
                return True
        return False

    def after_any(h: int) -> bool:
        # "any strike", "any further violations": a hypothetical one.
        for g in (h - 1, h - 2, h - 3):
            if g < 0 or pos[g] < pos[h] - 3 or tg[g] & BREAK:
                return False
            if tg[g] & ANY:
                return True
        return False

    def irreal_at(h: int) -> bool:
        t, p = tg[h], pos[h]
        if conditional[h]:  # "if the shelling continued": whatever its tense, a condition, not a report
            return True
        just_before = tg[h - 1] if h > 0 and pos[h - 1] == p - 1 else 0
        if just_before & NUCLEAR:  # "a nuclear strike" is not what anyone reports as done
            return True
        if flags & ANY and after_any(h):
            return True
        if t & BASE_VERB and just_before & INFINITIVE:  # "vowed to strike", "ordered to kill"
            # ... but "continued to raze homes" reports it under way
            return not (p >= 2 and tokens[p - 2] in _ASPECT and not irreal[h])
        if t & PAST:
            return modal_right_before(h)
        if _LEXICON.get(words[h], 0) & (EVENT | CASUALTY) and definite(h):
            return modal_right_before(h)
        if irreal[h]:
            return True
        for g in range(h + 1, k):  # "an invasion of Rafah would...", "strikes are planned"
            if pos[g] > p + 6 or tg[g] & BREAK:
                break
            if tg[g] & POST_MODAL:
                return True
        return False

    live_flags = 0  # tags of the words neither negated nor historic
    real_flags = 0  # force words of those that are real (not under a modal)
    irreal_flags = 0
    explicit_event = False
    dead = [False] * k
    real_war: list[int] = []
    real_ongoing: list[tuple[int, int]] = []  # (where, how far after a war word it may be)
    real_kinetic: list[str] = []
    kinetic_at: list[int] = []
    for h in range(k):
        t = tg[h]
        if negated[h] or soft[h] or (historic[h] and t & (EVENT | WAR | ONGOING | CASUALTY | KINETIC)):
            dead[h] = True
            continue
        live_flags |= t
        if t & (_REAL_ACT | WAR | BY_FORCE_ROUTE):
            if irreal_at(h):
                irreal_flags |= t
            else:
                real_flags |= t
                if t & EVENT and words[h] not in _ACCIDENTAL_EVENTS:
                    explicit_event = True
                if t & WAR:
                    real_war.append(pos[h])
                if t & ONGOING:
                    real_ongoing.append((pos[h], _VERB_AFTER_WAR if t & PAST else _ONGOING_AFTER_WAR))
                if t & KINETIC:
                    real_kinetic.append(words[h])
                    kinetic_at.append(pos[h])

    # A fire is an accident's unless weapons, forces or an attack are named ("a drone hit a house and
    # caught fire"); a crash or a flood is one whatever is named.
    disaster = bool(live_flags & DISASTER or (live_flags & FIRE and not live_flags & (WEAPON | EVENT | ACTOR)))
    force_nearby = live_flags & (EVENT | WAR | WEAPON | ACTOR)
    test = bool(live_flags & TEST) or _unaimed_launch(tokens, words, real_kinetic, live_flags)

    # Acts: force used.
    if real_flags & EVENT and (explicit_event or not disaster):
        return ACT
    if not disaster:
        if real_flags & CASUALTY and (force_nearby or _agentive_killing(tokens, pos, words, dead)):
            return ACT
        # "launched drills", "fired flares during the exercise": a show of force, not its use
        shown = live_flags & (POSTURE | SHOW) and any(
            abs(pos[g] - at) <= _SHOW_NEAR_KINETIC for g in range(k) if tg[g] & (POSTURE | SHOW) and not dead[g]
            for at in kinetic_at
        )
        wielded_only = all(w in _WIELDS for w in real_kinetic)
        if wielded_only and real_kinetic and not (live_flags & WEAPON and "against" in tokens):
            real_flags &= ~KINETIC
        if real_flags & KINETIC and not test and (
            live_flags & (WEAPON | TARGET)
            or real_flags & EVENT
            or (live_flags & ACTOR and not shown)
            or (real_flags & CASUALTY and has_country())
        ):
            return ACT
        if any(-_ONGOING_BEFORE_WAR <= o - w <= after for w in real_war for o, after in real_ongoing):
            return ACT

    # Threats: force shown, warned of or prepared.
    if disaster and not force_nearby:
        return None
    if irreal_flags & (EVENT | WAR | BY_FORCE_ROUTE):
        return THREAT
    if irreal_flags & (CASUALTY | KINETIC) and (force_nearby or live_flags & TARGET):
        return THREAT  # "should its nuclear facilities be targeted"
    if live_flags & THREAT_WORD or (test and live_flags & WEAPON):
        return THREAT
    if live_flags & NUCLEAR and live_flags & NUCLEAR_ARMS:
        return THREAT
    if live_flags & THREAT_TOPIC and (force_nearby or live_flags & (POSTURE | SHOW)):
        return THREAT
    if not live_flags & NON_FORCE and not _RETALIATION.isdisjoint(words) and has_country():
        return THREAT  # "warned Israel of massive retaliation"; not "retaliation for tariffs"
    if live_flags & THREAT_COUNTRY and (
        force_nearby or live_flags & FRONTIER or (not live_flags & NON_FORCE and has_country())
    ):
        return THREAT
    if live_flags & (POSTURE | NEARBY) and live_flags & (ACTOR | WEAPON):
        return THREAT
    if live_flags & SHOW and (live_flags & (ACTOR | WEAPON) or has_country()):
        return THREAT
    if live_flags & AIRSPACE and live_flags & CLOSING:
        return THREAT
    if live_flags & DEADLINE and (live_flags & COERCION or force_nearby):
        return THREAT
    return None


# The set tests that reject most sentences before any tagging, built by running the rules on every word
# and phrase alone. Small sets on purpose: in the pipeline they compete for the CPU's cache with VADER's.
_UNITS = _units()
# A word (or a phrase's anchor) that makes a signal by itself, a country named beside it at most.
_SELF_WORDS = frozenset(
    a for a, words, t in _UNITS
    if t & (_ALONE | CASUALTY) or _classify(list(words), [t] + [0] * (len(words) - 1), lambda: True)
)
_NEEDS_COMPANY_WORDS = frozenset(a for a, _, t in _UNITS if t & _NEEDS_COMPANY)
_COMPANY_WORDS = frozenset(a for a, _, t in _UNITS if t & _COMPANY)
_PAIRED_WORDS = _NEEDS_COMPANY_WORDS | _COMPANY_WORDS


def may_be_signalled(text: str) -> bool:
    """False when no sentence of `text` can be an act or a threat (a quick test on its words)."""
    return _may_be_signalled(_tokens(text.replace(".", " ")))


def _classify_with(sentence: str, countries: Iterable[str] | None) -> str | None:
    tokens = _tokens(sentence)
    if not _may_be_signalled(tokens):
        return None
    tags = _tag(tokens)
    if countries is not None:
        named = bool(tuple(countries))
        return _classify(tokens, tags, lambda: named)
    return _classify(tokens, tags, lambda: bool(find_country_mentions(sentence)))


def classify_sentences(sentences: Sequence[str], countries: Sequence[Sequence[str]]) -> list[str | None]:
    """`signal_with_countries` for each sentence of an article, the words of all found at once."""
    joined = f" {_SENTENCE_END} ".join(sentences)
    if joined.count(_SENTENCE_END) != max(0, len(sentences) - 1):  # the mark inside a sentence: one by one
        if not may_be_signalled(" ".join(sentences)):
            return [None] * len(sentences)
        return [_classify_with(s, list(named)) for s, named in zip(sentences, countries)]
    words = _tokens(joined)
    # Most articles of a general feed say nothing of force: one test on all their words skips them. The
    # words are those `may_be_signalled` would cut (the marks between sentences are in none of its sets),
    # so the article is cut into words once, not twice.
    if not _may_be_signalled(words):
        return [None] * len(sentences)
    kinds: list[str | None] = []
    start = 0
    for named in countries:
        try:
            end = words.index(_SENTENCE_END, start)
        except ValueError:
            end = len(words)
        tokens = words[start:end]
        start = end + 1
        if not _may_be_signalled(tokens):
            kinds.append(None)
            continue
        has_country = bool(named)
        kinds.append(_classify(tokens, _tag(tokens), lambda: has_country))
    return kinds


def classify_sentence(sentence: str) -> str | None:
    """"act", "threat" or None for one sentence."""
    return _classify_with(sentence, None)


def signal_with_countries(sentence: str, countries: Iterable[str]) -> str | None:
    """`classify_sentence` when the sentence's countries are already known (the extraction has them)."""
    return _classify_with(sentence, list(countries))


def pairs_of(countries: Iterable[str]) -> list[str]:
    """Every unordered pair of distinct countries, as sorted "ISO3|ISO3" strings, sorted."""
    distinct = sorted(set(countries))
    return [f"{a}|{b}" for a, b in itertools.combinations(distinct, 2)]


def sentence_pairs(sentence: str) -> list[str]:
    """The country pairs of a signalled sentence ("USA|VEN"), sorted; empty when it is not signalled."""
    countries = [m.iso3 for m in find_country_mentions(sentence)]
    if len(set(countries)) < 2 or _classify_with(sentence, countries) is None:
        return []
    return pairs_of(countries)
