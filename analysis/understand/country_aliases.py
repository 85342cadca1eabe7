"""Curated country vocabulary that pycountry does not carry: short forms, demonyms, capitals and
government metonyms, and the phrases that look like a country but are not one.

pycountry supplies the official and common names of every ISO 3166-1 country and territory; this module
adds how news actually names them. Each line is `ISO3: alias; alias; ...`. Single-word aliases ending in
-an/-i (demonyms: Venezuelan, Iraqi) also match their plural (Venezuelans, Iraqis).
"""
from __future__ import annotations

ALIASES = """
AFG: Afghanistan; Afghan; Kabul
ALB: Albania; Albanian; Tirana
DZA: Algeria; Algerian; Algiers
AGO: Angola; Angolan; Luanda
ARG: Argentina; Argentine; Argentinian; Argentines; Buenos Aires
ARM: Armenia; Armenian; Yerevan
AUS: Australia; Australian; Canberra
AUT: Austria; Austrian; Vienna
AZE: Azerbaijan; Azerbaijani; Azeri; Baku
BHS: Bahamas; Bahamian
BHR: Bahrain; Bahraini; Manama
BGD: Bangladesh; Bangladeshi; Dhaka
BRB: Barbados; Barbadian
BLR: Belarus; Belarusian; Belarussian; Minsk
BEL: Belgium; Belgian
BLZ: Belize; Belizean
BEN: Benin; Beninese
BTN: Bhutan; Bhutanese
BOL: Bolivia; Bolivian; La Paz
BIH: Bosnia and Herzegovina; Bosnia-Herzegovina; Bosnia; Bosnian; Sarajevo
BWA: Botswana; Botswanan
BRA: Brazil; Brazilian; Brasilia; Brasília
BRN: Brunei; Bruneian
BGR: Bulgaria; Bulgarian
BFA: Burkina Faso; Burkinabe; Burkinabè; Ouagadougou
BDI: Burundi; Burundian
KHM: Cambodia; Cambodian; Phnom Penh
CMR: Cameroon; Cameroonian; Yaounde; Yaoundé
CAN: Canada; Canadian; Ottawa
CPV: Cape Verde; Cabo Verde; Cape Verdean
CAF: Central African Republic; Bangui
TCD: Chad; Chadian; N'Djamena; Ndjamena
CHL: Chile; Chilean
CHN: China; Chinese; Beijing; PRC; People's Republic of China; Zhongnanhai
COL: Colombia; Colombian; Bogota; Bogotá
COM: Comoros; Comoran; Comorian
COD: Democratic Republic of the Congo; Democratic Republic of Congo; DR Congo; DRC; D.R.C.; Congo-Kinshasa; Kinshasa; Congo; Congolese
COG: Republic of the Congo; Republic of Congo; Congo-Brazzaville; Congo Republic; Brazzaville
CRI: Costa Rica; Costa Rican
CIV: Ivory Coast; Côte d'Ivoire; Cote d'Ivoire; Ivorian; Abidjan
HRV: Croatia; Croatian; Croat; Croats; Zagreb
CUB: Cuba; Cuban; Havana
CYP: Cyprus; Cypriot; Nicosia
CZE: Czech Republic; Czechia; Czech; Czechs; Prague
DNK: Denmark; Danish; Dane; Danes; Copenhagen
DJI: Djibouti; Djiboutian
DMA: Dominica; Dominican Republic of Dominica
DOM: Dominican Republic; Dominican; Santo Domingo
ECU: Ecuador; Ecuadorian; Ecuadorean; Quito
EGY: Egypt; Egyptian; Cairo
SLV: El Salvador; Salvadoran; Salvadorian; San Salvador
GNQ: Equatorial Guinea; Equatoguinean
ERI: Eritrea; Eritrean; Asmara
EST: Estonia; Estonian; Tallinn
SWZ: Eswatini; Swaziland; Swazi
ETH: Ethiopia; Ethiopian; Addis Ababa
FJI: Fiji; Fijian
FIN: Finland; Finnish; Finn; Finns; Helsinki
FRA: France; French; Paris; Elysee; Élysée; Elysee Palace; Élysée Palace
GAB: Gabon; Gabonese; Libreville
GMB: Gambia; The Gambia; Gambian
GEO: Georgia; Georgian; Tbilisi
DEU: Germany; German; Berlin; Bundeswehr
GHA: Ghana; Ghanaian; Accra
GRC: Greece; Greek; Athens
GRD: Grenada; Grenadian
GTM: Guatemala; Guatemalan; Guatemala City
GIN: Guinea; Guinean; Conakry
GNB: Guinea-Bissau; Bissau-Guinean
GUY: Guyana; Guyanese
HTI: Haiti; Haitian; Port-au-Prince
HND: Honduras; Honduran; Tegucigalpa
HKG: Hong Kong; Hong Konger; Hong Kongers
HUN: Hungary; Hungarian; Budapest
ISL: Iceland; Icelandic; Icelander; Reykjavik
IND: India; Indian; New Delhi
IDN: Indonesia; Indonesian; Jakarta
IRN: Iran; Iranian; Tehran; Teheran; Islamic Republic of Iran
IRQ: Iraq; Iraqi; Baghdad
IRL: Ireland; Irish; Dublin; Republic of Ireland
ISR: Israel; Israeli; Knesset
ITA: Italy; Italian; Rome
JAM: Jamaica; Jamaican
JPN: Japan; Japanese; Tokyo
JOR: Jordan; Jordanian; Amman
KAZ: Kazakhstan; Kazakh; Kazakhstani; Astana
KEN: Kenya; Kenyan; Nairobi
KIR: Kiribati
PRK: North Korea; North Korean; DPRK; D.P.R.K.; Pyongyang; Democratic People's Republic of Korea
KOR: South Korea; South Korean; Republic of Korea; ROK; Seoul; Korea; Korean
XKX: Kosovo; Kosovar; Kosovan; Pristina
KWT: Kuwait; Kuwaiti; Kuwait City
KGZ: Kyrgyzstan; Kyrgyz; Bishkek
LAO: Laos; Lao; Laotian; Vientiane
LVA: Latvia; Latvian; Riga
LBN: Lebanon; Lebanese; Beirut
LSO: Lesotho
LBR: Liberia; Liberian; Monrovia
LBY: Libya; Libyan
LIE: Liechtenstein
LTU: Lithuania; Lithuanian; Vilnius
LUX: Luxembourg; Luxembourgish
MDG: Madagascar; Malagasy
MWI: Malawi; Malawian; Lilongwe
MYS: Malaysia; Malaysian; Kuala Lumpur
MDV: Maldives; Maldivian
MLI: Mali; Malian; Bamako
MLT: Malta; Maltese
MHL: Marshall Islands
MRT: Mauritania; Mauritanian; Nouakchott
MUS: Mauritius; Mauritian
MEX: Mexico; Mexican; Mexico City
FSM: Micronesia
MDA: Moldova; Moldovan; Chisinau
MCO: Monaco; Monegasque
MNG: Mongolia; Mongolian; Ulaanbaatar
MNE: Montenegro; Montenegrin; Podgorica
MAR: Morocco; Moroccan; Rabat
MOZ: Mozambique; Mozambican; Maputo
MMR: Myanmar; Burma; Burmese; Naypyidaw; Naypyitaw
NAM: Namibia; Namibian; Windhoek
NRU: Nauru
NPL: Nepal; Nepalese; Nepali; Kathmandu
NLD: Netherlands; Dutch; The Hague; Holland
NZL: New Zealand; New Zealander
NIC: Nicaragua; Nicaraguan; Managua
NER: Niger; Nigerien; Niamey
NGA: Nigeria; Nigerian; Abuja
MKD: North Macedonia; Macedonia; Macedonian; Skopje
NOR: Norway; Norwegian; Oslo
OMN: Oman; Omani; Muscat
PAK: Pakistan; Pakistani; Islamabad
PLW: Palau; Palauan
PSE: Palestine; State of Palestine; Palestinian; Palestinian territories; Palestinian Authority; Gaza; Gaza Strip; West Bank; Ramallah; Gazan
PAN: Panama; Panamanian; Panama City
PNG: Papua New Guinea; Papua New Guinean; Port Moresby
PRY: Paraguay; Paraguayan; Asuncion; Asunción
PER: Peru; Peruvian; Lima
PHL: Philippines; Philippine; Filipino; Filipinos; Manila
POL: Poland; Polish; Pole; Poles; Warsaw
PRT: Portugal; Portuguese; Lisbon
PRI: Puerto Rico; Puerto Rican
QAT: Qatar; Qatari; Doha
ROU: Romania; Romanian; Bucharest
RUS: Russia; Russian; Russian Federation; Moscow; Kremlin
RWA: Rwanda; Rwandan; Kigali
KNA: Saint Kitts and Nevis; St Kitts and Nevis; St. Kitts and Nevis
LCA: Saint Lucia; St Lucia; St. Lucia
VCT: Saint Vincent and the Grenadines; St Vincent and the Grenadines; St. Vincent and the Grenadines
WSM: Samoa; Samoan
SMR: San Marino
STP: Sao Tome and Principe; São Tomé and Príncipe
SAU: Saudi Arabia; Saudi; Saudis; Riyadh
SEN: Senegal; Senegalese; Dakar
SRB: Serbia; Serbian; Serb; Serbs; Belgrade
SYC: Seychelles; Seychellois
SLE: Sierra Leone; Sierra Leonean; Freetown
SGP: Singapore; Singaporean
SVK: Slovakia; Slovak; Slovaks; Bratislava
SVN: Slovenia; Slovenian; Slovene; Ljubljana
SLB: Solomon Islands
SOM: Somalia; Somali; Mogadishu
ZAF: South Africa; South African; Pretoria
SSD: South Sudan; South Sudanese; Juba
ESP: Spain; Spanish; Madrid
LKA: Sri Lanka; Sri Lankan; Colombo
SDN: Sudan; Sudanese; Khartoum
SUR: Suriname; Surinamese
SWE: Sweden; Swedish; Swede; Swedes; Stockholm
CHE: Switzerland; Swiss; Bern
SYR: Syria; Syrian; Damascus
TWN: Taiwan; Taiwanese; Taipei
TJK: Tajikistan; Tajik; Dushanbe
TZA: Tanzania; Tanzanian; Dodoma
THA: Thailand; Thai; Bangkok
TLS: Timor-Leste; East Timor; Timorese
TGO: Togo; Togolese; Lome; Lomé
TON: Tonga; Tongan
TTO: Trinidad and Tobago; Trinidad; Trinidadian; Port of Spain
TUN: Tunisia; Tunisian; Tunis
TUR: Turkey; Türkiye; Turkiye; Turkish; Turk; Turks; Ankara
TKM: Turkmenistan; Turkmen; Ashgabat
TUV: Tuvalu
UGA: Uganda; Ugandan; Kampala
UKR: Ukraine; Ukrainian; Kyiv; Kiev
ARE: United Arab Emirates; UAE; U.A.E.; Emirati; Emirates; Abu Dhabi
GBR: United Kingdom; UK; U.K.; Britain; Great Britain; British; Briton; Britons; London; Downing Street; England; Scotland; Scottish; Wales; Welsh
USA: United States; United States of America; US; U.S.; USA; U.S.A.; America; American; Washington; Washington, D.C.; White House; Pentagon
URY: Uruguay; Uruguayan; Montevideo
UZB: Uzbekistan; Uzbek; Tashkent
VUT: Vanuatu
VAT: Vatican; Holy See; Vatican City
VEN: Venezuela; Venezuelan; Caracas; Miraflores Palace
VNM: Vietnam; Viet Nam; Vietnamese; Hanoi
YEM: Yemen; Yemeni; Sanaa; Sana'a
ZMB: Zambia; Zambian; Lusaka
ZWE: Zimbabwe; Zimbabwean; Harare
ESH: Western Sahara; Sahrawi
GRL: Greenland; Greenlandic; Nuuk
"""

# Phrases that contain a country's name or demonym but do not mention the country. They take part in
# the longest-match contest and, when they win, hide the shorter name inside them.
NOT_COUNTRIES = """
South America; South American; South Americans; Latin America; Latin American; Latin Americans;
North America; North American; North Americans; Central America; Central American; Central Americans;
Pan-American; Pan American; Inter-American; Americas;
The Washington Post; Washington Post; Washington Times; Washington Examiner; Washington Free Beacon;
George Washington; Washington state; Washington State; Mount Washington;
New Mexico; New Mexican; Gulf of Mexico; New Jersey; New Guinea; New England; New South Wales;
Indian Ocean; Indian Country; American Indian; West Indian; West Indies; Indian Point;
Michael Jordan; Jordan Bardella; Israel Katz; Atlanta, Georgia; Georgia Tech; state of Georgia; Georgia State;
China Daily; China Daily Information Co; China Global Television Network; Japan Times; Korea Herald;
Korea Times; Times of India; Moscow Times; Kyiv Independent; Kyiv Post; Jerusalem Post; Tehran Times;
Taipei Times; Bangkok Post; Jamaica Gleaner; Miami Herald; Voice of America; Radio Free Europe;
Times of Israel; South China Morning Post; Jordan Times; Saudi Gazette; Irish Times; Israel Hayom;
Philippine Daily Inquirer; Philippine Star; Indian Express; Iran International; Kuwait Times;
Korean Central News Agency; Syrian Arab News Agency; Saudi Press Agency; Emirates News Agency;
Iraqi News Agency;
Agence France-Presse; France-Presse; France Presse; France 24; Deutsche Welle; Russia Today;
Turkish Airlines; Qatar Airways; American Airlines; Emirates airline; British Airways;
English; French fries; Dutch auction; Turkish delight; Swiss cheese; Chinese New Year;
Korean Peninsula; Korean War; Arab League; Persian Gulf; Gulf of Oman; Sea of Japan;
South China Sea; East China Sea;
Sudan People's Liberation; Congo River; Niger River; Niger Delta; Jordan River;
Guinea pig; guinea pig; North Pole; South Pole; English Channel; Panama hat; Panama Papers;
Budapest Memorandum; Minsk agreements; Minsk Agreements; Minsk accords; Minsk Group; Oslo Accords;
Paris Agreement; Paris climate agreement; Warsaw Pact
"""


def parse_aliases(table: str = ALIASES) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in table.strip().splitlines():
        iso3, _, rest = line.partition(":")
        out.setdefault(iso3.strip(), []).extend(a.strip() for a in rest.split(";") if a.strip())
    return out


def parse_phrases(table: str = NOT_COUNTRIES) -> list[str]:
    return [p.strip() for p in table.replace("\n", " ").split(";") if p.strip()]
