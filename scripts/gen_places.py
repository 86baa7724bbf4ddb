#!/usr/bin/python3
"""Generates data/places.json: countries, UN M49 regions, groupings, states, cities.

Country names and ISO codes come from Debian's iso-codes package
(/usr/share/iso-codes/json/iso_3166-1.json). Everything else -- the M49
membership table, the news names, aliases, demonyms, groupings, states and
cities -- is written down below as facts.

Usage: /usr/bin/python3 scripts/gen_places.py [--iso FILE] [--out FILE]
Deterministic: the same input produces byte-identical output.
"""

import argparse
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------
# UN M49: regions and sub-regions. Intermediate regions (e.g. Eastern Africa,
# South America) are modelled as sub-regions whose parent is the M49
# sub-region (Sub-Saharan Africa, Latin America and the Caribbean).
# id -> (name, subtype, parents, aliases, demonyms)
REGIONS = {
    "africa": ("Africa", "region", [], [], ["African"]),
    "americas": ("Americas", "region", [], ["the Americas"], []),
    "asia": ("Asia", "region", [], [], ["Asian"]),
    "europe": ("Europe", "region", [], [], ["European"]),
    "oceania": ("Oceania", "region", [], [], ["Oceanian"]),
    # Africa
    "northern-africa": ("Northern Africa", "subregion", ["africa"], ["North Africa"],
                        ["North African"]),
    "sub-saharan-africa": ("Sub-Saharan Africa", "subregion", ["africa"],
                           ["sub-Saharan Africa", "Subsaharan Africa"], ["sub-Saharan", "Sub-Saharan"]),
    "eastern-africa": ("Eastern Africa", "subregion", ["sub-saharan-africa"], ["East Africa"],
                       ["East African"]),
    "middle-africa": ("Middle Africa", "subregion", ["sub-saharan-africa"], ["Central Africa"], []),
    "southern-africa": ("Southern Africa", "subregion", ["sub-saharan-africa"], [],
                        ["Southern African"]),
    "western-africa": ("Western Africa", "subregion", ["sub-saharan-africa"], ["West Africa"],
                       ["West African"]),
    # Americas
    "northern-america": ("Northern America", "subregion", ["americas"], ["North America"],
                         ["North American"]),
    "latin-america-and-the-caribbean": ("Latin America and the Caribbean", "subregion",
                                        ["americas"], ["Latin America & Caribbean"], []),
    "caribbean": ("Caribbean", "subregion", ["latin-america-and-the-caribbean"],
                  ["the Caribbean"], ["Caribbean"]),
    "central-america": ("Central America", "subregion", ["latin-america-and-the-caribbean"], [],
                        ["Central American"]),
    "south-america": ("South America", "subregion", ["latin-america-and-the-caribbean"], [],
                      ["South American"]),
    # Asia
    "central-asia": ("Central Asia", "subregion", ["asia"], [], ["Central Asian"]),
    "eastern-asia": ("Eastern Asia", "subregion", ["asia", "asia-pacific"],
                     ["East Asia", "Northeast Asia", "North-East Asia", "Far East"], ["East Asian"]),
    "south-eastern-asia": ("South-eastern Asia", "subregion", ["asia", "asia-pacific"],
                           ["Southeast Asia", "South-East Asia", "South East Asia",
                            "South-east Asia", "SE Asia"], ["Southeast Asian", "South-East Asian"]),
    "southern-asia": ("Southern Asia", "subregion", ["asia", "asia-pacific"], ["South Asia"],
                      ["South Asian"]),
    "western-asia": ("Western Asia", "subregion", ["asia"], ["West Asia"], ["West Asian"]),
    # Europe
    "eastern-europe": ("Eastern Europe", "subregion", ["europe"], ["East Europe"],
                       ["Eastern European", "East European"]),
    "northern-europe": ("Northern Europe", "subregion", ["europe"], [], ["Northern European"]),
    "southern-europe": ("Southern Europe", "subregion", ["europe"], [], ["Southern European"]),
    "western-europe": ("Western Europe", "subregion", ["europe"], [], ["Western European"]),
    # Oceania
    "australia-and-new-zealand": ("Australia and New Zealand", "subregion",
                                  ["oceania", "asia-pacific"], ["Australasia"], ["Australasian"]),
    "melanesia": ("Melanesia", "subregion", ["oceania", "asia-pacific"], [], ["Melanesian"]),
    "micronesia": ("Micronesia", "subregion", ["oceania", "asia-pacific"], [], []),
    "polynesia": ("Polynesia", "subregion", ["oceania", "asia-pacific"], [], ["Polynesian"]),
    # Seas and gulfs where companies drill, ship and fish, under the regions around them.
    "gulf-of-mexico": ("Gulf of Mexico", "subregion", ["northern-america"],
                       ["U.S. Gulf of Mexico", "US Gulf of Mexico"], []),
    "north-sea": ("North Sea", "subregion", ["northern-europe", "western-europe"],
                  ["UK North Sea", "Norwegian North Sea"], []),
    "south-china-sea": ("South China Sea", "subregion", ["south-eastern-asia", "eastern-asia"], [], []),
    "gulf-of-guinea": ("Gulf of Guinea", "subregion", ["western-africa"], [], []),
    "caspian-sea": ("Caspian Sea", "subregion", ["central-asia", "western-asia"], ["Caspian"], []),
    "black-sea": ("Black Sea", "subregion", ["eastern-europe"], [], []),
    "barents-sea": ("Barents Sea", "subregion", ["northern-europe"], [], []),
    "persian-gulf": ("Persian Gulf", "subregion", ["middle-east"], ["Arabian Gulf"], []),
    # Disputed between India and Pakistan (and China): a region under Southern Asia, not
    # a state of one country. India's union territory is the state Jammu and Kashmir.
    "kashmir": ("Kashmir", "subregion", ["southern-asia"], [], ["Kashmiri"]),
}

# Country (alpha-2) -> direct M49 (sub-/intermediate) region. Taiwan is not
# listed by the UN; it is placed in Eastern Asia as news treats it.
M49 = {
    "northern-africa": "DZ EG LY MA SD TN EH",
    "eastern-africa": "IO BI KM DJ ER ET TF KE MG MW MU YT MZ RE RW SC SO SS UG TZ ZM ZW",
    "middle-africa": "AO CM CF TD CG CD GQ GA ST",
    "southern-africa": "BW SZ LS NA ZA",
    "western-africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "central-america": "BZ CR SV GT HN MX NI PA",
    "south-america": "AR BO BV BR CL CO EC FK GF GY PY PE GS SR UY VE",
    "northern-america": "BM CA GL PM US",
    "central-asia": "KZ KG TJ TM UZ",
    "eastern-asia": "CN HK MO KP JP MN KR TW",
    "south-eastern-asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "southern-asia": "AF BD BT IN IR MV NP PK LK",
    "western-asia": "AM AZ BH CY GE IQ IL JO KW LB OM QA SA PS SY TR AE YE",
    "eastern-europe": "BY BG CZ HU PL MD RO RU SK UA",
    "northern-europe": "AX DK EE FO FI GG IS IE IM JE LV LT NO SJ SE GB",
    "southern-europe": "AL AD BA HR GI GR VA IT MT ME MK PT SM RS SI ES",
    "western-europe": "AT BE FR DE LI LU MC NL CH",
    "australia-and-new-zealand": "AU CX CC HM NZ NF",
    "melanesia": "FJ NC PG SB VU",
    "micronesia": "GU KI MH FM NR MP PW UM",
    "polynesia": "AS CK PF NU PN WS TK TO TV WF",
}

# Groupings: id -> (name, parents, aliases, demonyms, members)
# Membership as of 2025.
GROUPINGS = {
    "eu": ("European Union", [], ["EU", "E.U.", "the EU"], [],
           "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"),
    "eurozone": ("Eurozone", ["eu"], ["eurozone", "euro zone", "Euro zone", "euro area", "Euro Area",
                                      "euro-area", "Euro area"], [],
                 "AT BE HR CY EE FI FR DE GR IE IT LV LT LU MT NL PT SK SI ES"),
    "asean": ("ASEAN", ["south-eastern-asia"],
              ["Association of Southeast Asian Nations", "Association of South East Asian Nations",
               "Asean"], [],
              # Timor-Leste was admitted as the 11th member in October 2025.
              "BN KH ID LA MY MM PH SG TH VN TL"),
    "gcc": ("Gulf Cooperation Council", ["middle-east"],
            ["GCC", "Gulf", "Gulf states", "Gulf region", "Gulf countries", "Gulf Arab states",
             "Cooperation Council for the Arab States of the Gulf"], ["Gulf"],
            "SA AE QA KW BH OM"),
    "nordics": ("Nordic countries", ["northern-europe"],
                ["Nordics", "the Nordics", "Nordic region"], ["Nordic"], "DK FI IS NO SE FO AX"),
    "scandinavia": ("Scandinavia", ["nordics"], [], ["Scandinavian"], "DK NO SE"),
    "baltics": ("Baltic states", ["northern-europe"], ["Baltics", "the Baltics", "Baltic countries"],
                ["Baltic"], "EE LV LT"),
    "benelux": ("Benelux", ["western-europe"], [], [], "BE NL LU"),
    "greater-china": ("Greater China", ["eastern-asia"], ["Greater China region"], [],
                      "CN HK MO TW"),
    "middle-east": ("Middle East", ["mena"], ["Mideast", "the Middle East"], ["Middle Eastern", "Mideast"],
                    "BH EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE"),
    "mena": ("Middle East and North Africa", [], ["MENA", "Mena", "Middle East & North Africa"], [],
             "DZ LY MA TN"),
    "latin-america": ("Latin America", ["americas"], ["LatAm", "Latam", "LATAM"],
                      ["Latin American"],
                      "MX GT HN SV NI CR PA AR BO BR CL CO EC PY PE UY VE CU DO HT PR"),
    "asia-pacific": ("Asia-Pacific", [], ["Asia Pacific", "APAC", "Asia-Pac", "Asia and the Pacific"],
                     [], ""),
    # MSCI Emerging Markets constituents (2024-2025 classification).
    "emerging-markets": ("emerging markets", [],
                         ["Emerging markets", "Emerging Markets", "emerging economies",
                          "Emerging economies", "developing markets", "developing economies",
                          "emerging-market economies"],
                         ["emerging-market", "emerging market"],
                         "BR CL CN CO CZ EG GR HU IN ID KR KW MY MX PE PH PL QA SA ZA TW TH TR AE"),
    "g7": ("G7", [], ["Group of Seven", "G-7"], [], "US JP DE GB FR IT CA"),
    "g20": ("G20", [], ["Group of 20", "Group of Twenty", "G-20"], [],
            "AR AU BR CA CN FR DE IN ID IT JP KR MX RU SA ZA TR GB US"),
    # BRICS full members since January 2025 (Saudi Arabia has not formally joined).
    "brics": ("BRICS", [], ["Brics"], [], "BR RU IN CN ZA EG ET IR AE ID"),
    # OPEC since Angola left in January 2024.
    "opec": ("OPEC", ["opec-plus"], ["Organization of the Petroleum Exporting Countries", "Opec"], [],
             "DZ CG GQ GA IR IQ KW LY NG SA AE VE"),
    "opec-plus": ("OPEC+", [], ["Opec+", "OPEC Plus", "OPEC plus"], [],
                  "AZ BH BN KZ MY MX OM RU SD SS"),
    # The Balkans as news uses the word: the former Yugoslav states, Albania and Bulgaria
    # (Kosovo has no ISO code; it is a state below). The Western Balkans are the EU's term
    # for the candidates among them.
    "balkans": ("Balkans", ["europe"], ["the Balkans", "Balkan states", "Balkan countries"],
                ["Balkan"], "AL BA BG HR ME MK RS"),
    "western-balkans": ("Western Balkans", ["balkans"], ["the Western Balkans"], [],
                        "AL BA ME MK RS"),
    # The South Caucasus states; Russia's North Caucasus republics are states of Russia.
    "caucasus": ("Caucasus", ["western-asia"], ["the Caucasus", "South Caucasus", "Transcaucasia"],
                 [], "AM AZ GE"),
    # The G5 Sahel states.
    "sahel": ("Sahel", ["sub-saharan-africa"], ["the Sahel", "Sahel region"], ["Sahelian"],
              "BF ML MR NE TD"),
}

# alpha-2 -> (news name, extra aliases, demonyms). Aliases are matched
# case-sensitively; the ISO name and official name are added automatically.
COUNTRIES = {
    "US": ("United States", ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America",
                             "the United States", "the US", "the U.S."], ["American"]),
    "GB": ("United Kingdom", ["UK", "U.K.", "Britain", "Great Britain", "the UK", "the U.K."],
           ["British"]),
    "CN": ("China", ["mainland China", "Mainland China", "PRC", "P.R.C.", "People's Republic of China",
                     "Chinese mainland"], ["Chinese"]),
    "HK": ("Hong Kong", ["Hong Kong SAR", "HKSAR", "Hong Kong Special Administrative Region"],
           ["Hong Konger", "Hongkonger"]),
    "MO": ("Macau", ["Macao", "Macau SAR", "Macao SAR"], ["Macanese"]),
    "TW": ("Taiwan", ["Republic of China"], ["Taiwanese"]),
    "KR": ("South Korea", ["Republic of Korea", "Korea", "S. Korea", "S.Korea"],
           ["South Korean", "Korean"]),
    "KP": ("North Korea", ["DPRK", "Democratic People's Republic of Korea", "N. Korea"],
           ["North Korean"]),
    "JP": ("Japan", [], ["Japanese"]),
    "IN": ("India", ["Republic of India", "Bharat"], ["Indian"]),
    "ID": ("Indonesia", ["Republic of Indonesia"], ["Indonesian"]),
    "MY": ("Malaysia", [], ["Malaysian"]),
    "SG": ("Singapore", ["Republic of Singapore"], ["Singaporean"]),
    "TH": ("Thailand", ["Kingdom of Thailand"], ["Thai"]),
    "VN": ("Vietnam", ["Viet Nam", "Socialist Republic of Vietnam"], ["Vietnamese"]),
    "PH": ("Philippines", ["the Philippines", "Republic of the Philippines"], ["Philippine", "Filipino"]),
    "MM": ("Myanmar", ["Burma"], ["Myanmarese", "Burmese"]),
    "KH": ("Cambodia", ["Kingdom of Cambodia"], ["Cambodian"]),
    "LA": ("Laos", ["Lao PDR"], ["Laotian", "Lao"]),
    "BN": ("Brunei", ["Brunei Darussalam"], ["Bruneian"]),
    "TL": ("Timor-Leste", ["East Timor"], ["Timorese"]),
    "MN": ("Mongolia", [], ["Mongolian"]),
    "PK": ("Pakistan", ["Islamic Republic of Pakistan"], ["Pakistani"]),
    "BD": ("Bangladesh", [], ["Bangladeshi"]),
    "LK": ("Sri Lanka", ["Ceylon"], ["Sri Lankan"]),
    "NP": ("Nepal", [], ["Nepali", "Nepalese"]),
    "BT": ("Bhutan", [], ["Bhutanese"]),
    "MV": ("Maldives", ["the Maldives"], ["Maldivian"]),
    "AF": ("Afghanistan", [], ["Afghan"]),
    "IR": ("Iran", ["Islamic Republic of Iran"], ["Iranian"]),
    "KZ": ("Kazakhstan", [], ["Kazakh", "Kazakhstani"]),
    "UZ": ("Uzbekistan", [], ["Uzbek"]),
    "KG": ("Kyrgyzstan", ["Kyrgyz Republic"], ["Kyrgyz"]),
    "TJ": ("Tajikistan", [], ["Tajik"]),
    "TM": ("Turkmenistan", [], ["Turkmen"]),
    "SA": ("Saudi Arabia", ["Kingdom of Saudi Arabia", "KSA"], ["Saudi", "Saudi Arabian"]),
    "AE": ("United Arab Emirates", ["UAE", "U.A.E.", "the UAE", "the Emirates"], ["Emirati"]),
    "QA": ("Qatar", ["State of Qatar"], ["Qatari"]),
    "KW": ("Kuwait", ["State of Kuwait"], ["Kuwaiti"]),
    "BH": ("Bahrain", [], ["Bahraini"]),
    "OM": ("Oman", ["Sultanate of Oman"], ["Omani"]),
    "YE": ("Yemen", [], ["Yemeni"]),
    "IQ": ("Iraq", [], ["Iraqi"]),
    "SY": ("Syria", [], ["Syrian"]),
    "JO": ("Jordan", ["Hashemite Kingdom of Jordan"], ["Jordanian"]),
    "LB": ("Lebanon", [], ["Lebanese"]),
    "IL": ("Israel", ["State of Israel"], ["Israeli"]),
    "PS": ("Palestine", ["Palestinian territories", "State of Palestine"], ["Palestinian"]),
    "TR": ("Turkey", ["Türkiye", "Turkiye", "Republic of Türkiye"], ["Turkish"]),
    "CY": ("Cyprus", [], ["Cypriot"]),
    "GE": ("Georgia", [], ["Georgian"]),
    "AM": ("Armenia", [], ["Armenian"]),
    "AZ": ("Azerbaijan", [], ["Azerbaijani", "Azeri"]),
    "DE": ("Germany", [], ["German"]),
    "FR": ("France", [], ["French"]),
    "IT": ("Italy", ["Italian Republic"], ["Italian"]),
    "ES": ("Spain", [], ["Spanish"]),
    "PT": ("Portugal", ["Portuguese Republic"], ["Portuguese"]),
    "NL": ("Netherlands", ["the Netherlands", "Holland", "Kingdom of the Netherlands"], ["Dutch"]),
    "BE": ("Belgium", [], ["Belgian"]),
    "LU": ("Luxembourg", ["Grand Duchy of Luxembourg"], ["Luxembourgish", "Luxembourger"]),
    "CH": ("Switzerland", [], ["Swiss"]),
    "AT": ("Austria", [], ["Austrian"]),
    "IE": ("Ireland", ["Republic of Ireland"], ["Irish"]),
    "DK": ("Denmark", [], ["Danish"]),
    "SE": ("Sweden", ["Kingdom of Sweden"], ["Swedish"]),
    "NO": ("Norway", ["Kingdom of Norway"], ["Norwegian"]),
    "FI": ("Finland", [], ["Finnish"]),
    "IS": ("Iceland", [], ["Icelandic"]),
    "PL": ("Poland", [], ["Polish"]),
    "CZ": ("Czech Republic", ["Czechia"], ["Czech"]),
    "SK": ("Slovakia", ["Slovak Republic"], ["Slovak"]),
    "HU": ("Hungary", [], ["Hungarian"]),
    "RO": ("Romania", [], ["Romanian"]),
    "BG": ("Bulgaria", [], ["Bulgarian"]),
    "GR": ("Greece", ["Hellenic Republic"], ["Greek"]),
    "HR": ("Croatia", [], ["Croatian"]),
    "SI": ("Slovenia", [], ["Slovenian", "Slovene"]),
    "RS": ("Serbia", [], ["Serbian"]),
    "BA": ("Bosnia and Herzegovina", ["Bosnia"], ["Bosnian"]),
    "ME": ("Montenegro", [], ["Montenegrin"]),
    "MK": ("North Macedonia", [], ["North Macedonian"]),
    "AL": ("Albania", [], ["Albanian"]),
    "EE": ("Estonia", [], ["Estonian"]),
    "LV": ("Latvia", [], ["Latvian"]),
    "LT": ("Lithuania", [], ["Lithuanian"]),
    "UA": ("Ukraine", [], ["Ukrainian"]),
    "BY": ("Belarus", [], ["Belarusian"]),
    "MD": ("Moldova", [], ["Moldovan"]),
    "RU": ("Russia", ["Russian Federation"], ["Russian"]),
    "MT": ("Malta", [], ["Maltese"]),
    "MC": ("Monaco", [], ["Monegasque"]),
    "LI": ("Liechtenstein", [], []),
    "CA": ("Canada", [], ["Canadian"]),
    "MX": ("Mexico", ["United Mexican States"], ["Mexican"]),
    "BR": ("Brazil", [], ["Brazilian"]),
    "AR": ("Argentina", [], ["Argentine", "Argentinian"]),
    "CL": ("Chile", [], ["Chilean"]),
    "CO": ("Colombia", [], ["Colombian"]),
    "PE": ("Peru", [], ["Peruvian"]),
    "VE": ("Venezuela", [], ["Venezuelan"]),
    "EC": ("Ecuador", [], ["Ecuadorian"]),
    "BO": ("Bolivia", [], ["Bolivian"]),
    "PY": ("Paraguay", [], ["Paraguayan"]),
    "UY": ("Uruguay", [], ["Uruguayan"]),
    "CR": ("Costa Rica", [], ["Costa Rican"]),
    "PA": ("Panama", [], ["Panamanian"]),
    "GT": ("Guatemala", [], ["Guatemalan"]),
    "HN": ("Honduras", [], ["Honduran"]),
    "SV": ("El Salvador", [], ["Salvadoran"]),
    "NI": ("Nicaragua", [], ["Nicaraguan"]),
    "CU": ("Cuba", [], ["Cuban"]),
    "DO": ("Dominican Republic", [], ["Dominican"]),
    "HT": ("Haiti", [], ["Haitian"]),
    "JM": ("Jamaica", [], ["Jamaican"]),
    "PR": ("Puerto Rico", [], ["Puerto Rican"]),
    "TT": ("Trinidad and Tobago", [], ["Trinidadian"]),
    "BS": ("Bahamas", ["the Bahamas"], ["Bahamian"]),
    "BB": ("Barbados", [], ["Barbadian"]),
    "KY": ("Cayman Islands", ["the Cayman Islands", "Caymans"], []),
    "BM": ("Bermuda", [], ["Bermudian"]),
    "VG": ("British Virgin Islands", ["BVI"], []),
    "GY": ("Guyana", [], ["Guyanese"]),
    "SR": ("Suriname", [], ["Surinamese"]),
    "BZ": ("Belize", [], ["Belizean"]),
    "GL": ("Greenland", [], ["Greenlandic"]),
    "AU": ("Australia", ["Commonwealth of Australia"], ["Australian"]),
    "NZ": ("New Zealand", [], ["New Zealander"]),
    "PG": ("Papua New Guinea", [], ["Papua New Guinean"]),
    "FJ": ("Fiji", [], ["Fijian"]),
    "FM": ("Federated States of Micronesia", [], []),
    "ZA": ("South Africa", ["Republic of South Africa"], ["South African"]),
    "NG": ("Nigeria", ["Federal Republic of Nigeria"], ["Nigerian"]),
    "EG": ("Egypt", [], ["Egyptian"]),
    "KE": ("Kenya", [], ["Kenyan"]),
    "ET": ("Ethiopia", [], ["Ethiopian"]),
    "GH": ("Ghana", [], ["Ghanaian"]),
    "MA": ("Morocco", ["Kingdom of Morocco"], ["Moroccan"]),
    "DZ": ("Algeria", [], ["Algerian"]),
    "TN": ("Tunisia", [], ["Tunisian"]),
    "LY": ("Libya", [], ["Libyan"]),
    "SD": ("Sudan", [], ["Sudanese"]),
    "SS": ("South Sudan", [], ["South Sudanese"]),
    "TZ": ("Tanzania", [], ["Tanzanian"]),
    "UG": ("Uganda", [], ["Ugandan"]),
    "RW": ("Rwanda", [], ["Rwandan"]),
    "AO": ("Angola", [], ["Angolan"]),
    "MZ": ("Mozambique", [], ["Mozambican"]),
    "ZM": ("Zambia", [], ["Zambian"]),
    "ZW": ("Zimbabwe", [], ["Zimbabwean"]),
    "BW": ("Botswana", [], ["Botswanan"]),
    "NA": ("Namibia", [], ["Namibian"]),
    "CD": ("Democratic Republic of the Congo", ["DR Congo", "DRC", "Congo-Kinshasa",
                                                 "Democratic Republic of Congo", "Zaire"],
           ["Congolese"]),
    "CG": ("Republic of the Congo", ["Congo-Brazzaville", "Republic of Congo"], []),
    "CI": ("Ivory Coast", ["Côte d'Ivoire", "Cote d'Ivoire"], ["Ivorian"]),
    "SN": ("Senegal", [], ["Senegalese"]),
    "CM": ("Cameroon", [], ["Cameroonian"]),
    "ML": ("Mali", [], ["Malian"]),
    "NE": ("Niger", [], ["Nigerien"]),
    "BF": ("Burkina Faso", [], ["Burkinabe"]),
    "GN": ("Guinea", [], ["Guinean"]),
    "GQ": ("Equatorial Guinea", [], ["Equatoguinean"]),
    "GA": ("Gabon", [], ["Gabonese"]),
    "MG": ("Madagascar", [], ["Malagasy"]),
    "MU": ("Mauritius", [], ["Mauritian"]),
    "SO": ("Somalia", [], ["Somali"]),
    "DJ": ("Djibouti", [], ["Djiboutian"]),
    "ER": ("Eritrea", [], ["Eritrean"]),
    "MW": ("Malawi", [], ["Malawian"]),
    "TD": ("Chad", [], ["Chadian"]),
    "CF": ("Central African Republic", [], ["Central African"]),
    "MR": ("Mauritania", [], ["Mauritanian"]),
    "LR": ("Liberia", [], ["Liberian"]),
    "SL": ("Sierra Leone", [], ["Sierra Leonean"]),
    "TG": ("Togo", [], ["Togolese"]),
    "BJ": ("Benin", [], ["Beninese"]),
    "VA": ("Vatican City", ["Holy See", "the Vatican", "Vatican"], []),
    "SZ": ("Eswatini", ["Swaziland"], []),
    "CV": ("Cape Verde", ["Cabo Verde"], ["Cape Verdean"]),
    "FK": ("Falkland Islands", ["Falklands"], []),
    "SX": ("Sint Maarten", [], []),
    "MF": ("Saint Martin", [], []),
    "VI": ("U.S. Virgin Islands", ["US Virgin Islands"], []),
    "SH": ("Saint Helena, Ascension and Tristan da Cunha", ["Saint Helena"], []),
    "CC": ("Cocos (Keeling) Islands", ["Cocos Islands"], []),
    "WS": ("Samoa", [], ["Samoan"]),
    "TO": ("Tonga", [], ["Tongan"]),
    "GM": ("Gambia", ["The Gambia"], ["Gambian"]),
    "GW": ("Guinea-Bissau", [], ["Bissau-Guinean"]),
    "SC": ("Seychelles", [], ["Seychellois"]),
    "LS": ("Lesotho", [], []),
    "FO": ("Faroe Islands", ["Faroes"], ["Faroese"]),
    "GI": ("Gibraltar", [], []),
    "IM": ("Isle of Man", [], ["Manx"]),
    "CW": ("Curaçao", ["Curacao"], []),
    "RE": ("Réunion", [], []),
    "NC": ("New Caledonia", [], []),
    "PF": ("French Polynesia", [], []),
    "GU": ("Guam", [], []),
}

# ISO or official names never used as aliases (ambiguous or not news names).
SKIP_ALIASES = {"Congo", "Micronesia", "Taiwan, Province of China", "Korea", "Saint Martin (French part)",
                "Sint Maarten (Dutch part)"}
ALLOWED_ALIASES = {("KR", "Korea")}

# States and provinces: id -> (name, country, aliases, demonyms)
STATES = {
    "california": ("California", "US", [], ["Californian"]),
    "texas": ("Texas", "US", [], ["Texan"]),
    "new-york-state": ("New York State", "US", ["New York state"], []),
    "delaware": ("Delaware", "US", [], []),
    "florida": ("Florida", "US", [], []),
    "washington-state": ("Washington State", "US", ["Washington state"], []),
    "massachusetts": ("Massachusetts", "US", [], []),
    "illinois": ("Illinois", "US", [], []),
    "ohio": ("Ohio", "US", [], []),
    "michigan": ("Michigan", "US", [], []),
    "arizona": ("Arizona", "US", [], []),
    "nevada": ("Nevada", "US", [], []),
    "new-jersey": ("New Jersey", "US", [], []),
    "pennsylvania": ("Pennsylvania", "US", [], []),
    "north-carolina": ("North Carolina", "US", [], []),
    "oregon": ("Oregon", "US", [], []),
    "colorado": ("Colorado", "US", [], []),
    "tennessee": ("Tennessee", "US", [], []),
    "minnesota": ("Minnesota", "US", [], []),
    "connecticut": ("Connecticut", "US", [], []),
    "arkansas": ("Arkansas", "US", [], []),
    "nebraska": ("Nebraska", "US", [], []),
    "utah": ("Utah", "US", [], []),
    "missouri": ("Missouri", "US", [], []),
    "indiana": ("Indiana", "US", [], []),
    "louisiana": ("Louisiana", "US", [], []),
    "alaska": ("Alaska", "US", [], []),
    "hawaii": ("Hawaii", "US", [], []),
    "alabama": ("Alabama", "US", [], []),
    "idaho": ("Idaho", "US", [], []),
    "iowa": ("Iowa", "US", [], []),
    "kansas": ("Kansas", "US", [], []),
    "kentucky": ("Kentucky", "US", [], []),
    "maine": ("Maine", "US", [], []),
    "maryland": ("Maryland", "US", [], []),
    "mississippi": ("Mississippi", "US", [], []),
    "montana": ("Montana", "US", [], []),
    "new-hampshire": ("New Hampshire", "US", [], []),
    "new-mexico": ("New Mexico", "US", [], []),
    "north-dakota": ("North Dakota", "US", [], []),
    "oklahoma": ("Oklahoma", "US", [], []),
    "rhode-island": ("Rhode Island", "US", [], []),
    "south-carolina": ("South Carolina", "US", [], []),
    "south-dakota": ("South Dakota", "US", [], []),
    "vermont": ("Vermont", "US", [], []),
    "west-virginia": ("West Virginia", "US", [], []),
    "wisconsin": ("Wisconsin", "US", [], []),
    "wyoming": ("Wyoming", "US", [], []),
    "shanxi": ("Shanxi", "CN", ["Shanxi province", "Shanxi Province"], []),
    "guizhou": ("Guizhou", "CN", ["Guizhou province", "Guizhou Province"], []),
    "jilin": ("Jilin", "CN", ["Jilin province", "Jilin Province"], []),
    "heilongjiang": ("Heilongjiang", "CN", ["Heilongjiang province", "Heilongjiang Province"], []),
    "gansu": ("Gansu", "CN", ["Gansu province", "Gansu Province"], []),
    "qinghai": ("Qinghai", "CN", ["Qinghai province", "Qinghai Province"], []),
    "ningxia": ("Ningxia", "CN", ["Ningxia Hui Autonomous Region"], []),
    "madhya-pradesh": ("Madhya Pradesh", "IN", [], []),
    "bihar": ("Bihar", "IN", [], []),
    "assam": ("Assam", "IN", [], []),
    "goa": ("Goa", "IN", [], []),
    "jharkhand": ("Jharkhand", "IN", [], []),
    "chhattisgarh": ("Chhattisgarh", "IN", [], []),
    "saxony": ("Saxony", "DE", ["Sachsen"], []),
    "thuringia": ("Thuringia", "DE", ["Thüringen"], []),
    "rhineland-palatinate": ("Rhineland-Palatinate", "DE", ["Rheinland-Pfalz"], []),
    "schleswig-holstein": ("Schleswig-Holstein", "DE", [], []),
    "saarland": ("Saarland", "DE", [], []),
    "manitoba": ("Manitoba", "CA", [], []),
    "saskatchewan": ("Saskatchewan", "CA", [], []),
    "nova-scotia": ("Nova Scotia", "CA", [], []),
    "new-brunswick": ("New Brunswick", "CA", [], []),
    "newfoundland-and-labrador": ("Newfoundland and Labrador", "CA", ["Newfoundland"], []),
    "south-australia": ("South Australia", "AU", [], []),
    "tasmania": ("Tasmania", "AU", [], []),
    "northern-territory": ("Northern Territory", "AU", [], []),
    "minas-gerais": ("Minas Gerais", "BR", [], []),
    "rio-grande-do-sul": ("Rio Grande do Sul", "BR", [], []),
    "parana-state": ("Parana state", "BR", ["Paraná state"], []),
    "nuevo-leon": ("Nuevo Leon", "MX", ["Nuevo León"], []),
    "jalisco": ("Jalisco", "MX", [], []),
    "coahuila": ("Coahuila", "MX", [], []),
    "chihuahua": ("Chihuahua", "MX", [], []),
    "guanajuato": ("Guanajuato", "MX", [], []),
    "piedmont": ("Piedmont", "IT", ["Piemonte"], []),
    "veneto": ("Veneto", "IT", [], []),
    "tuscany": ("Tuscany", "IT", ["Toscana"], []),
    "sicily": ("Sicily", "IT", ["Sicilia"], []),
    "sardinia": ("Sardinia", "IT", ["Sardegna"], []),
    "andalusia": ("Andalusia", "ES", ["Andalucia", "Andalucía"], []),
    "basque-country": ("Basque Country", "ES", [], []),
    "aichi": ("Aichi", "JP", ["Aichi prefecture", "Aichi Prefecture"], []),
    "fukushima": ("Fukushima", "JP", ["Fukushima prefecture", "Fukushima Prefecture"], []),
    "okinawa": ("Okinawa", "JP", [], []),
    "east-java": ("East Java", "ID", [], []),
    "central-java": ("Central Java", "ID", [], []),
    "sumatra": ("Sumatra", "ID", [], []),
    "kalimantan": ("Kalimantan", "ID", [], []),
    "sulawesi": ("Sulawesi", "ID", [], []),
    "selangor": ("Selangor", "MY", [], []),
    "alsace": ("Alsace", "FR", [], []),
    "normandy": ("Normandy", "FR", [], []),
    "flanders": ("Flanders", "BE", [], []),
    "wallonia": ("Wallonia", "BE", [], []),
    "siberia": ("Siberia", "RU", [], []),
    "punjab-province": ("Punjab province", "PK", [], []),
    "sindh": ("Sindh", "PK", [], []),
    "guangdong": ("Guangdong", "CN", ["Guangdong province", "Guangdong Province"], []),
    "zhejiang": ("Zhejiang", "CN", ["Zhejiang province", "Zhejiang Province"], []),
    "jiangsu": ("Jiangsu", "CN", ["Jiangsu province", "Jiangsu Province"], []),
    "shandong": ("Shandong", "CN", ["Shandong province", "Shandong Province"], []),
    "fujian": ("Fujian", "CN", ["Fujian province", "Fujian Province"], []),
    "sichuan": ("Sichuan", "CN", ["Sichuan province", "Sichuan Province"], []),
    "hubei": ("Hubei", "CN", ["Hubei province", "Hubei Province"], []),
    "henan": ("Henan", "CN", ["Henan province", "Henan Province"], []),
    "anhui": ("Anhui", "CN", ["Anhui province", "Anhui Province"], []),
    "hunan": ("Hunan", "CN", ["Hunan province", "Hunan Province"], []),
    "hebei": ("Hebei", "CN", ["Hebei province", "Hebei Province"], []),
    "liaoning": ("Liaoning", "CN", ["Liaoning province", "Liaoning Province"], []),
    "shaanxi": ("Shaanxi", "CN", ["Shaanxi province", "Shaanxi Province"], []),
    "jiangxi": ("Jiangxi", "CN", ["Jiangxi province", "Jiangxi Province"], []),
    "yunnan": ("Yunnan", "CN", ["Yunnan province", "Yunnan Province"], []),
    "hainan": ("Hainan", "CN", ["Hainan province", "Hainan Province"], []),
    "guangxi": ("Guangxi", "CN", ["Guangxi Zhuang Autonomous Region"], []),
    "inner-mongolia": ("Inner Mongolia", "CN", ["Inner Mongolia Autonomous Region"], []),
    "xinjiang": ("Xinjiang", "CN", ["Xinjiang Uyghur Autonomous Region", "Xinjiang Uygur Autonomous Region"], []),
    "tibet": ("Tibet", "CN", ["Xizang", "Tibet Autonomous Region"], ["Tibetan"]),
    "maharashtra": ("Maharashtra", "IN", [], []),
    "karnataka": ("Karnataka", "IN", [], []),
    "tamil-nadu": ("Tamil Nadu", "IN", [], []),
    "gujarat": ("Gujarat", "IN", [], []),
    "telangana": ("Telangana", "IN", [], []),
    "uttar-pradesh": ("Uttar Pradesh", "IN", [], []),
    "andhra-pradesh": ("Andhra Pradesh", "IN", [], []),
    "kerala": ("Kerala", "IN", [], []),
    "west-bengal": ("West Bengal", "IN", [], []),
    "haryana": ("Haryana", "IN", [], []),
    "odisha": ("Odisha", "IN", ["Orissa"], []),
    "rajasthan": ("Rajasthan", "IN", [], []),
    "himachal-pradesh": ("Himachal Pradesh", "IN", [], []),
    "uttarakhand": ("Uttarakhand", "IN", ["Uttaranchal"], []),
    "arunachal-pradesh": ("Arunachal Pradesh", "IN", [], []),
    "sikkim": ("Sikkim", "IN", [], []),
    "tripura": ("Tripura", "IN", [], []),
    "meghalaya": ("Meghalaya", "IN", [], []),
    "manipur": ("Manipur", "IN", [], []),
    "mizoram": ("Mizoram", "IN", [], []),
    "nagaland": ("Nagaland", "IN", [], []),
    "jammu-and-kashmir": ("Jammu and Kashmir", "IN", [], []),
    "bavaria": ("Bavaria", "DE", ["Bayern"], ["Bavarian"]),
    "baden-wurttemberg": ("Baden-Württemberg", "DE", ["Baden-Wuerttemberg", "Baden-Wurttemberg"], []),
    "north-rhine-westphalia": ("North Rhine-Westphalia", "DE", ["Nordrhein-Westfalen", "NRW"], []),
    "lower-saxony": ("Lower Saxony", "DE", ["Niedersachsen"], []),
    "hesse": ("Hesse", "DE", ["Hessen"], []),
    "ontario": ("Ontario", "CA", [], []),
    "quebec": ("Quebec", "CA", ["Québec"], []),
    "alberta": ("Alberta", "CA", [], []),
    "british-columbia": ("British Columbia", "CA", [], []),
    "new-south-wales": ("New South Wales", "AU", ["NSW"], []),
    "queensland": ("Queensland", "AU", [], []),
    "western-australia": ("Western Australia", "AU", [], []),
    "england": ("England", "GB", [], []),
    "scotland": ("Scotland", "GB", [], ["Scottish"]),
    "wales": ("Wales", "GB", [], ["Welsh"]),
    "northern-ireland": ("Northern Ireland", "GB", [], []),
    "penang": ("Penang", "MY", [], []),
    "johor": ("Johor", "MY", [], []),
    "sarawak": ("Sarawak", "MY", [], []),
    "kumamoto": ("Kumamoto", "JP", ["Kumamoto prefecture", "Kumamoto Prefecture"], []),
    "hokkaido": ("Hokkaido", "JP", [], []),
    "gyeonggi": ("Gyeonggi", "KR", ["Gyeonggi province", "Gyeonggi Province"], []),
    "bali": ("Bali", "ID", [], ["Balinese"]),
    "west-java": ("West Java", "ID", [], []),
    "catalonia": ("Catalonia", "ES", ["Catalunya"], ["Catalan"]),
    "lombardy": ("Lombardy", "IT", ["Lombardia"], []),
    "sao-paulo-state": ("São Paulo state", "BR", ["Sao Paulo state"], []),
    # The two Palestinian territories: "West Bank" ends in "Bank", an org head word.
    "west-bank": ("West Bank", "PS", [], []),
    "gaza-strip": ("Gaza Strip", "PS", ["Gaza"], []),
    # Regions news names on their own, under the country the UN recognises: Russia's North
    # Caucasus republics, the breakaway or occupied regions of Ukraine, Georgia, Moldova and
    # Azerbaijan, Iraq's Kurdistan region, Kosovo (no ISO code, not a UN member).
    "chechnya": ("Chechnya", "RU", [], ["Chechen"]),
    "dagestan": ("Dagestan", "RU", ["Daghestan"], ["Dagestani"]),
    "russian-far-east": ("Russian Far East", "RU", ["Russia's Far East"], []),
    "crimea": ("Crimea", "UA", [], ["Crimean"]),
    "donbas": ("Donbas", "UA", ["Donbass"], []),
    "abkhazia": ("Abkhazia", "GE", [], []),
    "south-ossetia": ("South Ossetia", "GE", [], []),
    "transnistria": ("Transnistria", "MD", ["Transdniestria", "Trans-Dniester"], []),
    "nagorno-karabakh": ("Nagorno-Karabakh", "AZ", ["Karabakh"], []),
    "kurdistan": ("Kurdistan", "IQ", ["Iraqi Kurdistan", "Kurdistan region", "Kurdistan Region"], []),
    "kosovo": ("Kosovo", "RS", [], []),
    "darfur": ("Darfur", "SD", [], []),
    "tigray": ("Tigray", "ET", [], []),
    "balochistan": ("Balochistan", "PK", ["Baluchistan"], []),
    "khyber-pakhtunkhwa": ("Khyber Pakhtunkhwa", "PK", [], []),
    "rakhine": ("Rakhine", "MM", [], []),
    "zanzibar": ("Zanzibar", "TZ", [], []),
    "cabo-delgado": ("Cabo Delgado", "MZ", [], []),
    "midwest": ("Midwest", "US", ["U.S. Midwest", "Midwestern United States"], ["Midwestern"]),
    "gulf-coast": ("Gulf Coast", "US", ["U.S. Gulf Coast"], []),
    "west-coast": ("West Coast", "US", ["U.S. West Coast"], []),
    "east-coast": ("East Coast", "US", ["U.S. East Coast"], []),
}

# Cities: (name, country, state or "", aliases). Id is place:<slug of name>.
CITIES = [
    # China
    ("Shanghai", "CN", "", []), ("Beijing", "CN", "", ["Peking"]),
    ("Shenzhen", "CN", "guangdong", []), ("Guangzhou", "CN", "guangdong", ["Canton"]),
    ("Hangzhou", "CN", "zhejiang", []), ("Chengdu", "CN", "sichuan", []),
    ("Chongqing", "CN", "", []), ("Tianjin", "CN", "", []), ("Wuhan", "CN", "hubei", []),
    ("Nanjing", "CN", "jiangsu", []), ("Suzhou", "CN", "jiangsu", []),
    ("Xi'an", "CN", "shaanxi", ["Xian"]), ("Hefei", "CN", "anhui", []),
    ("Qingdao", "CN", "shandong", []), ("Dalian", "CN", "liaoning", []),
    ("Xiamen", "CN", "fujian", []), ("Ningbo", "CN", "zhejiang", []),
    ("Dongguan", "CN", "guangdong", []), ("Foshan", "CN", "guangdong", []),
    ("Changsha", "CN", "hunan", []), ("Zhengzhou", "CN", "henan", []),
    ("Shenyang", "CN", "liaoning", []), ("Changchun", "CN", "", []), ("Wuxi", "CN", "jiangsu", []),
    ("Zhuhai", "CN", "guangdong", []), ("Kunming", "CN", "yunnan", []), ("Harbin", "CN", "", []),
    ("Fuzhou", "CN", "fujian", []), ("Jinan", "CN", "shandong", []), ("Ningde", "CN", "fujian", []),
    ("Changzhou", "CN", "jiangsu", []), ("Wenzhou", "CN", "zhejiang", []),
    ("Shijiazhuang", "CN", "hebei", []), ("Urumqi", "CN", "xinjiang", []),
    ("Lhasa", "CN", "tibet", []), ("Kashgar", "CN", "xinjiang", []),
    # Taiwan
    ("Taipei", "TW", "", []), ("New Taipei City", "TW", "", ["New Taipei"]),
    ("Hsinchu", "TW", "", []), ("Taichung", "TW", "", []),
    ("Kaohsiung", "TW", "", []), ("Tainan", "TW", "", []), ("Taoyuan", "TW", "", []),
    # Japan
    ("Tokyo", "JP", "", []), ("Osaka", "JP", "", []), ("Nagoya", "JP", "", []),
    ("Yokohama", "JP", "", []), ("Kyoto", "JP", "", []), ("Kobe", "JP", "", []),
    ("Fukuoka", "JP", "", []), ("Sapporo", "JP", "hokkaido", []), ("Toyota City", "JP", "", []),
    ("Hamamatsu", "JP", "", []), ("Hiroshima", "JP", "", []),
    # Korea
    ("Seoul", "KR", "", []), ("Busan", "KR", "", ["Pusan"]), ("Incheon", "KR", "", []),
    ("Suwon", "KR", "gyeonggi", []), ("Ulsan", "KR", "", []), ("Pohang", "KR", "", []),
    ("Daejeon", "KR", "", []), ("Pyeongtaek", "KR", "gyeonggi", []), ("Icheon", "KR", "gyeonggi", []),
    ("Pyongyang", "KP", "", []), ("Ulaanbaatar", "MN", "", ["Ulan Bator"]),
    # South Asia
    ("Mumbai", "IN", "maharashtra", ["Bombay"]), ("New Delhi", "IN", "", ["Delhi"]),
    ("Bengaluru", "IN", "karnataka", ["Bangalore"]), ("Hyderabad", "IN", "telangana", []),
    ("Chennai", "IN", "tamil-nadu", ["Madras"]), ("Kolkata", "IN", "west-bengal", ["Calcutta"]),
    ("Pune", "IN", "maharashtra", []), ("Ahmedabad", "IN", "gujarat", []),
    ("Gurugram", "IN", "haryana", ["Gurgaon"]), ("Noida", "IN", "uttar-pradesh", []),
    ("Jamnagar", "IN", "gujarat", []), ("Kochi", "IN", "kerala", ["Cochin"]),
    ("Gandhinagar", "IN", "gujarat", []),
    ("Jaipur", "IN", "rajasthan", []), ("Lucknow", "IN", "uttar-pradesh", []),
    ("Surat", "IN", "gujarat", []), ("Chandigarh", "IN", "", []),
    ("Srinagar", "IN", "jammu-and-kashmir", []),
    ("Visakhapatnam", "IN", "andhra-pradesh", ["Vizag"]),
    ("Thiruvananthapuram", "IN", "kerala", ["Trivandrum"]),
    ("Coimbatore", "IN", "tamil-nadu", []), ("Mysuru", "IN", "karnataka", ["Mysore"]),
    ("Karachi", "PK", "", []), ("Lahore", "PK", "", []), ("Islamabad", "PK", "", []),
    ("Dhaka", "BD", "", []), ("Colombo", "LK", "", []), ("Kathmandu", "NP", "", []),
    ("Peshawar", "PK", "khyber-pakhtunkhwa", []), ("Quetta", "PK", "balochistan", []),
    ("Gwadar", "PK", "balochistan", []), ("Rawalpindi", "PK", "punjab-province", []),
    ("Faisalabad", "PK", "punjab-province", []), ("Multan", "PK", "punjab-province", []),
    ("Chittagong", "BD", "", ["Chattogram"]), ("Cox's Bazar", "BD", "", []),
    ("Hambantota", "LK", "", []),
    # Capitals (Sri Jayawardenepura Kotte is Sri Lanka's legislative capital; Male of the
    # Maldives is written only with its accent: "Male" is an ordinary word).
    ("Kabul", "AF", "", []), ("Thimphu", "BT", "", []), ("Malé", "MV", "", []),
    ("Sri Jayawardenepura Kotte", "LK", "", []),
    ("Kandahar", "AF", "", []), ("Herat", "AF", "", []), ("Mazar-i-Sharif", "AF", "", []),
    ("Jalalabad", "AF", "", []), ("Kunduz", "AF", "", []),
    # Southeast Asia
    ("Jakarta", "ID", "", []), ("Surabaya", "ID", "", []), ("Batam", "ID", "", []),
    ("Kuala Lumpur", "MY", "", []), ("Cyberjaya", "MY", "", []),
    ("Bangkok", "TH", "", []), ("Manila", "PH", "", []), ("Makati", "PH", "", []),
    ("Ho Chi Minh City", "VN", "", ["Saigon", "HCMC"]), ("Hanoi", "VN", "", []),
    ("Haiphong", "VN", "", ["Hai Phong"]), ("Da Nang", "VN", "", ["Danang"]),
    ("Phnom Penh", "KH", "", []), ("Vientiane", "LA", "", []), ("Yangon", "MM", "", ["Rangoon"]),
    ("Naypyidaw", "MM", "", ["Nay Pyi Taw"]), ("Bandar Seri Begawan", "BN", "", []),
    ("Dili", "TL", "", []),
    ("Mandalay", "MM", "", []), ("Cebu", "PH", "", []), ("Davao", "PH", "", []),
    ("Medan", "ID", "sumatra", []), ("Balikpapan", "ID", "kalimantan", []),
    ("Phuket", "TH", "", []), ("Chiang Mai", "TH", "", []),
    # Middle East and Central Asia
    ("Dubai", "AE", "", []), ("Abu Dhabi", "AE", "", []), ("Sharjah", "AE", "", []),
    ("Riyadh", "SA", "", []), ("Jeddah", "SA", "", ["Jiddah"]), ("Dammam", "SA", "", []),
    ("Dhahran", "SA", "", []), ("Doha", "QA", "", []), ("Kuwait City", "KW", "", []),
    ("Manama", "BH", "", []), ("Muscat", "OM", "", []), ("Tel Aviv", "IL", "", []),
    ("Haifa", "IL", "", []), ("Amman", "JO", "", []), ("Beirut", "LB", "", []),
    ("Baghdad", "IQ", "", []), ("Basra", "IQ", "", []), ("Erbil", "IQ", "kurdistan", ["Arbil"]),
    ("Tehran", "IR", "", []), ("Istanbul", "TR", "", []), ("Ankara", "TR", "", []),
    ("Izmir", "TR", "", []), ("Almaty", "KZ", "", ["Alma-Ata"]), ("Astana", "KZ", "", ["Nur-Sultan"]),
    ("Tashkent", "UZ", "", []), ("Baku", "AZ", "", []), ("Tbilisi", "GE", "", []),
    ("Yerevan", "AM", "", []),
    # Capitals. Jerusalem is Israel's seat of government; the UN treats East Jerusalem as
    # occupied Palestinian territory. Ramallah is the Palestinian Authority's seat.
    ("Jerusalem", "IL", "", []), ("Ramallah", "PS", "west-bank", []),
    ("Damascus", "SY", "", []), ("Sanaa", "YE", "", ["Sana'a"]), ("Nicosia", "CY", "", []),
    ("Bishkek", "KG", "", []), ("Dushanbe", "TJ", "", []), ("Ashgabat", "TM", "", ["Ashkhabad"]),
    ("Putrajaya", "MY", "", []),
    ("Aleppo", "SY", "", []), ("Homs", "SY", "", []), ("Idlib", "SY", "", []),
    ("Latakia", "SY", "", []), ("Raqqa", "SY", "", []), ("Deir ez-Zor", "SY", "", ["Deir al-Zor"]),
    ("Daraa", "SY", "", []), ("Tartus", "SY", "", []), ("Kobani", "SY", "", []),
    ("Mosul", "IQ", "", []), ("Kirkuk", "IQ", "", []), ("Fallujah", "IQ", "", []),
    ("Najaf", "IQ", "", []), ("Karbala", "IQ", "", []), ("Sulaimaniyah", "IQ", "kurdistan", ["Sulaymaniyah"]),
    ("Gaza City", "PS", "gaza-strip", []), ("Khan Younis", "PS", "gaza-strip", ["Khan Yunis"]),
    # Hebron is left out: in business news it is mostly the oil field off Newfoundland.
    ("Rafah", "PS", "gaza-strip", []), ("Nablus", "PS", "west-bank", []),
    ("Jenin", "PS", "west-bank", []),
    ("Bethlehem", "PS", "west-bank", []), ("Eilat", "IL", "", []), ("Ashdod", "IL", "", []),
    ("Sidon", "LB", "", []), ("Mecca", "SA", "", []), ("Jubail", "SA", "", []),
    ("Yanbu", "SA", "", []), ("Ras Tanura", "SA", "", []), ("Ras Laffan", "QA", "", []),
    ("Aden", "YE", "", []), ("Hodeidah", "YE", "", ["Hodeida"]), ("Taiz", "YE", "", []),
    ("Mukalla", "YE", "", []), ("Isfahan", "IR", "", []), ("Mashhad", "IR", "", []),
    ("Tabriz", "IR", "", []), ("Shiraz", "IR", "", []), ("Bandar Abbas", "IR", "", []),
    ("Qom", "IR", "", []), ("Chabahar", "IR", "", []),
    ("Antalya", "TR", "", []), ("Bursa", "TR", "", []), ("Gaziantep", "TR", "", []),
    ("Diyarbakir", "TR", "", []), ("Adana", "TR", "", []),
    ("Samarkand", "UZ", "", []), ("Atyrau", "KZ", "", []), ("Aktau", "KZ", "", []),
    ("Batumi", "GE", "", []), ("Tskhinvali", "GE", "south-ossetia", []),
    ("Sukhumi", "GE", "abkhazia", []), ("Stepanakert", "AZ", "nagorno-karabakh", ["Khankendi"]),
    # Europe
    ("London", "GB", "england", []), ("Manchester", "GB", "england", []),
    ("Birmingham", "GB", "england", []), ("Cambridge", "GB", "england", []),
    ("Oxford", "GB", "england", []), ("Edinburgh", "GB", "scotland", []),
    ("Glasgow", "GB", "scotland", []), ("Belfast", "GB", "northern-ireland", []),
    ("Dublin", "IE", "", []), ("Cork", "IE", "", []),
    ("Paris", "FR", "", []), ("Lyon", "FR", "", []), ("Toulouse", "FR", "", []),
    ("Marseille", "FR", "", []), ("Bordeaux", "FR", "", []),
    ("Frankfurt", "DE", "hesse", ["Frankfurt am Main"]), ("Berlin", "DE", "", []),
    ("Munich", "DE", "bavaria", ["München"]), ("Hamburg", "DE", "", []),
    ("Stuttgart", "DE", "baden-wurttemberg", []),
    ("Düsseldorf", "DE", "north-rhine-westphalia", ["Dusseldorf", "Duesseldorf"]),
    ("Cologne", "DE", "north-rhine-westphalia", ["Köln"]),
    ("Wolfsburg", "DE", "lower-saxony", []), ("Walldorf", "DE", "baden-wurttemberg", []),
    ("Ludwigshafen", "DE", "", []), ("Leverkusen", "DE", "north-rhine-westphalia", []),
    ("Darmstadt", "DE", "hesse", []), ("Hanover", "DE", "lower-saxony", ["Hannover"]),
    ("Ingolstadt", "DE", "bavaria", []), ("Bonn", "DE", "north-rhine-westphalia", []),
    ("Essen", "DE", "north-rhine-westphalia", []), ("Dresden", "DE", "", []),
    ("Magdeburg", "DE", "", []), ("Herzogenaurach", "DE", "bavaria", []),
    ("Milan", "IT", "lombardy", ["Milano"]), ("Rome", "IT", "", []), ("Turin", "IT", "", ["Torino"]),
    ("Madrid", "ES", "", []), ("Barcelona", "ES", "catalonia", []), ("Bilbao", "ES", "", []),
    ("Lisbon", "PT", "", []), ("Porto", "PT", "", []),
    ("Amsterdam", "NL", "", []), ("Rotterdam", "NL", "", []), ("Eindhoven", "NL", "", []),
    ("Veldhoven", "NL", "", []), ("The Hague", "NL", "", []),
    ("Brussels", "BE", "", []), ("Antwerp", "BE", "", []),
    ("Zurich", "CH", "", ["Zürich"]), ("Geneva", "CH", "", []), ("Basel", "CH", "", []),
    ("Zug", "CH", "", []), ("Lausanne", "CH", "", []), ("Vienna", "AT", "", []),
    ("Stockholm", "SE", "", []), ("Gothenburg", "SE", "", ["Göteborg"]),
    ("Helsinki", "FI", "", []), ("Espoo", "FI", "", []), ("Oslo", "NO", "", []),
    ("Stavanger", "NO", "", []), ("Copenhagen", "DK", "", []), ("Billund", "DK", "", []),
    ("Reykjavik", "IS", "", []), ("Warsaw", "PL", "", []), ("Prague", "CZ", "", []),
    ("Budapest", "HU", "", []), ("Bucharest", "RO", "", []), ("Athens", "GR", "", []),
    ("Piraeus", "GR", "", []), ("Kyiv", "UA", "", ["Kiev"]), ("Moscow", "RU", "", []),
    ("St Petersburg", "RU", "", ["St. Petersburg", "Saint Petersburg", "Leningrad"]), ("Minsk", "BY", "", []),
    ("Belgrade", "RS", "", []), ("Zagreb", "HR", "", []), ("Ljubljana", "SI", "", []),
    ("Tallinn", "EE", "", []), ("Riga", "LV", "", []), ("Vilnius", "LT", "", []),
    ("Bratislava", "SK", "", []),
    # Capitals (Pristina under Kosovo, see STATES).
    ("Tirana", "AL", "", []), ("Sarajevo", "BA", "", []), ("Sofia", "BG", "", []),
    ("Bern", "CH", "", ["Berne"]), ("Vaduz", "LI", "", []), ("Valletta", "MT", "", []),
    ("Chisinau", "MD", "", ["Chișinău", "Kishinev"]), ("Podgorica", "ME", "", []),
    ("Skopje", "MK", "", []), ("Pristina", "RS", "kosovo", ["Prishtina"]),
    ("Andorra la Vella", "AD", "", []),
    ("Naples", "IT", "", []), ("Venice", "IT", "veneto", []), ("Genoa", "IT", "", []),
    ("Bologna", "IT", "", []), ("Seville", "ES", "andalusia", []), ("Malaga", "ES", "andalusia", []),
    ("Zaragoza", "ES", "", []), ("Lille", "FR", "", []), ("Nantes", "FR", "", []),
    ("Strasbourg", "FR", "alsace", []), ("Leipzig", "DE", "saxony", []),
    ("Nuremberg", "DE", "bavaria", []), ("Gdansk", "PL", "", ["Gdańsk"]),
    ("Krakow", "PL", "", ["Kraków"]), ("Wroclaw", "PL", "", ["Wrocław"]),
    ("Katowice", "PL", "", []), ("Brno", "CZ", "", []), ("Thessaloniki", "GR", "", []),
    ("Plovdiv", "BG", "", []), ("Constanta", "RO", "", []), ("Cluj-Napoca", "RO", "", ["Cluj"]),
    ("Kharkiv", "UA", "", ["Kharkov"]), ("Odesa", "UA", "", ["Odessa"]), ("Lviv", "UA", "", []),
    ("Dnipro", "UA", "", ["Dnipropetrovsk", "Dnepropetrovsk"]),
    ("Zaporizhzhia", "UA", "", ["Zaporizhia", "Zaporozhye"]), ("Kherson", "UA", "", []),
    ("Mykolaiv", "UA", "", []), ("Sumy", "UA", "", []),
    ("Donetsk", "UA", "donbas", []), ("Luhansk", "UA", "donbas", ["Lugansk"]),
    ("Mariupol", "UA", "donbas", []), ("Bakhmut", "UA", "donbas", []),
    ("Kramatorsk", "UA", "donbas", []), ("Sevastopol", "UA", "crimea", []),
    ("Simferopol", "UA", "crimea", []), ("Tiraspol", "MD", "transnistria", []),
    ("Grozny", "RU", "chechnya", []), ("Makhachkala", "RU", "dagestan", []),
    ("Vladivostok", "RU", "russian-far-east", []), ("Novosibirsk", "RU", "siberia", []),
    ("Yekaterinburg", "RU", "", []), ("Kazan", "RU", "", []), ("Kaliningrad", "RU", "", []),
    ("Belgorod", "RU", "", []), ("Kursk", "RU", "", []), ("Novorossiysk", "RU", "", []),
    ("Sochi", "RU", "", []), ("Murmansk", "RU", "", []), ("Rostov-on-Don", "RU", "", ["Rostov"]),
    ("Volgograd", "RU", "", []), ("Nizhny Novgorod", "RU", "", []),
    # North America
    ("New York", "US", "new-york-state", ["New York City", "NYC"]),
    ("Washington", "US", "", ["Washington, D.C.", "Washington D.C.", "Washington DC"]),
    ("San Francisco", "US", "california", []), ("San Jose", "US", "california", []),
    ("Santa Clara", "US", "california", []), ("Cupertino", "US", "california", []),
    ("Mountain View", "US", "california", []), ("Palo Alto", "US", "california", []),
    ("Menlo Park", "US", "california", []), ("Sunnyvale", "US", "california", []),
    ("Los Angeles", "US", "california", ["L.A."]), ("San Diego", "US", "california", []),
    ("Fremont", "US", "california", []), ("Irvine", "US", "california", []),
    ("Silicon Valley", "US", "california", []),
    ("Redmond", "US", "washington-state", []), ("Seattle", "US", "washington-state", []),
    ("Austin", "US", "texas", []), ("Dallas", "US", "texas", []), ("Houston", "US", "texas", []),
    ("Round Rock", "US", "texas", []), ("Chicago", "US", "illinois", []),
    ("Boston", "US", "massachusetts", []), ("Detroit", "US", "michigan", []),
    ("Dearborn", "US", "michigan", []), ("Atlanta", "US", "", []), ("Miami", "US", "florida", []),
    ("Minneapolis", "US", "minnesota", []), ("Denver", "US", "colorado", []),
    ("Phoenix", "US", "arizona", []), ("Las Vegas", "US", "nevada", []),
    ("Philadelphia", "US", "pennsylvania", []), ("Pittsburgh", "US", "pennsylvania", []),
    ("Armonk", "US", "new-york-state", []), ("Bentonville", "US", "arkansas", []),
    ("Omaha", "US", "nebraska", []), ("Beaverton", "US", "oregon", []),
    ("Portland", "US", "oregon", []), ("Nashville", "US", "tennessee", []),
    ("Salt Lake City", "US", "utah", []), ("St. Louis", "US", "missouri", ["St Louis"]),
    ("Indianapolis", "US", "indiana", []),     ("Wilmington", "US", "delaware", []),
    ("Toronto", "CA", "ontario", []), ("Vancouver", "CA", "british-columbia", []),
    ("Montreal", "CA", "quebec", ["Montréal"]), ("Calgary", "CA", "alberta", []),
    ("Ottawa", "CA", "ontario", []),
    # Latin America
    ("Mexico City", "MX", "", []), ("Monterrey", "MX", "", []), ("Guadalajara", "MX", "", []),
    ("São Paulo", "BR", "sao-paulo-state", ["Sao Paulo"]), ("Rio de Janeiro", "BR", "", []),
    ("Brasília", "BR", "", ["Brasilia"]), ("Buenos Aires", "AR", "", []),
    ("Santiago", "CL", "", []), ("Lima", "PE", "", []), ("Bogotá", "CO", "", ["Bogota"]),
    ("Medellín", "CO", "", ["Medellin"]), ("Caracas", "VE", "", []), ("Quito", "EC", "", []),
    ("Montevideo", "UY", "", []), ("Panama City", "PA", "", []), ("Havana", "CU", "", []),
    # Capitals (La Paz is Bolivia's seat of government, Sucre its constitutional capital).
    # Georgetown of Guyana is left out: in news it is mostly Georgetown University.
    ("Nassau", "BS", "", []), ("Bridgetown", "BB", "", []), ("Belmopan", "BZ", "", []),
    ("La Paz", "BO", "", []), ("Sucre", "BO", "", []), ("Santo Domingo", "DO", "", []),
    ("San Salvador", "SV", "", []), ("Guatemala City", "GT", "", []),
    ("Port-au-Prince", "HT", "", []),
    ("Tegucigalpa", "HN", "", []), ("Kingston", "JM", "", []), ("Managua", "NI", "", []),
    ("Asuncion", "PY", "", ["Asunción"]), ("Paramaribo", "SR", "", []),
    ("Port of Spain", "TT", "", ["Port-of-Spain"]), ("Roseau", "DM", "", []),
    ("Castries", "LC", "", []), ("Basseterre", "KN", "", []), ("Kingstown", "VC", "", []),
    ("Recife", "BR", "", []), ("Manaus", "BR", "", []), ("Curitiba", "BR", "parana-state", []),
    ("Porto Alegre", "BR", "rio-grande-do-sul", []), ("Belo Horizonte", "BR", "minas-gerais", []),
    ("Campinas", "BR", "sao-paulo-state", []), ("Tijuana", "MX", "", []),
    ("Ciudad Juarez", "MX", "chihuahua", ["Ciudad Juárez"]), ("Puebla", "MX", "", []),
    ("Cancun", "MX", "", ["Cancún"]), ("Guayaquil", "EC", "", []), ("Barranquilla", "CO", "", []),
    ("Maracaibo", "VE", "", []), ("Valparaiso", "CL", "", ["Valparaíso"]),
    ("Antofagasta", "CL", "", []), ("Arequipa", "PE", "", []), ("Cochabamba", "BO", "", []),
    # Africa
    ("Johannesburg", "ZA", "", []), ("Cape Town", "ZA", "", []), ("Durban", "ZA", "", []),
    ("Pretoria", "ZA", "", []), ("Lagos", "NG", "", []), ("Abuja", "NG", "", []),
    ("Nairobi", "KE", "", []), ("Mombasa", "KE", "", []), ("Cairo", "EG", "", []),
    ("Alexandria", "EG", "", []), ("Casablanca", "MA", "", []), ("Rabat", "MA", "", []),
    ("Tunis", "TN", "", []), ("Algiers", "DZ", "", []), ("Accra", "GH", "", []),
    ("Addis Ababa", "ET", "", []), ("Dar es Salaam", "TZ", "", []), ("Kigali", "RW", "", []),
    ("Kinshasa", "CD", "", []), ("Luanda", "AO", "", []), ("Dakar", "SN", "", []),
    ("Abidjan", "CI", "", []), ("Kampala", "UG", "", []), ("Lusaka", "ZM", "", []),
    ("Harare", "ZW", "", []), ("Maputo", "MZ", "", []),
    # Capitals (Mbabane is Eswatini's administrative capital, Lobamba its royal and
    # legislative one; Yamoussoukro is Ivory Coast's official capital; Victoria of the
    # Seychelles is left out: a first name and an Australian state).
    ("Porto-Novo", "BJ", "", ["Porto Novo"]), ("Gaborone", "BW", "", []),
    ("Ouagadougou", "BF", "", []), ("Gitega", "BI", "", []), ("Yaounde", "CM", "", ["Yaoundé"]),
    ("Praia", "CV", "", []), ("Bangui", "CF", "", []), ("N'Djamena", "TD", "", ["Ndjamena"]),
    ("Moroni", "KM", "", []), ("Brazzaville", "CG", "", []), ("Malabo", "GQ", "", []),
    ("Asmara", "ER", "", []), ("Mbabane", "SZ", "", []), ("Lobamba", "SZ", "", []),
    ("Libreville", "GA", "", []), ("Banjul", "GM", "", []), ("Conakry", "GN", "", []),
    ("Bissau", "GW", "", []), ("Maseru", "LS", "", []), ("Monrovia", "LR", "", []),
    ("Tripoli", "LY", "", []), ("Antananarivo", "MG", "", []), ("Lilongwe", "MW", "", []),
    ("Bamako", "ML", "", []), ("Nouakchott", "MR", "", []), ("Port Louis", "MU", "", []),
    ("Windhoek", "NA", "", []), ("Niamey", "NE", "", []), ("Freetown", "SL", "", []),
    ("Mogadishu", "SO", "", []), ("Juba", "SS", "", []), ("Khartoum", "SD", "", []),
    ("Dodoma", "TZ", "", []), ("Lome", "TG", "", ["Lomé"]), ("Yamoussoukro", "CI", "", []),
    ("São Tomé", "ST", "", ["Sao Tome"]),
    ("Benghazi", "LY", "", []), ("Misrata", "LY", "", ["Misurata"]), ("Sirte", "LY", "", []),
    ("Tobruk", "LY", "", []), ("Port Said", "EG", "", []), ("Luxor", "EG", "", []),
    ("Aswan", "EG", "", []), ("Sharm el-Sheikh", "EG", "", []),
    ("Marrakesh", "MA", "", ["Marrakech"]), ("Tangier", "MA", "", []),
    ("Kano", "NG", "", []), ("Ibadan", "NG", "", []), ("Port Harcourt", "NG", "", []),
    ("Maiduguri", "NG", "", []), ("Kaduna", "NG", "", []), ("Douala", "CM", "", []),
    ("Cotonou", "BJ", "", []), ("Bujumbura", "BI", "", []), ("Goma", "CD", "", []),
    ("Bukavu", "CD", "", []), ("Lubumbashi", "CD", "", []), ("Kolwezi", "CD", "", []),
    ("Kumasi", "GH", "", []), ("Takoradi", "GH", "", []), ("Beira", "MZ", "", []),
    ("Bulawayo", "ZW", "", []), ("Port Sudan", "SD", "", []), ("Omdurman", "SD", "", []),
    ("El Fasher", "SD", "darfur", []), ("Hargeisa", "SO", "", []), ("Berbera", "SO", "", []),
    ("Kismayo", "SO", "", []), ("Mekelle", "ET", "tigray", []), ("Arusha", "TZ", "", []),
    ("Entebbe", "UG", "", []), ("Kisumu", "KE", "", []), ("Walvis Bay", "NA", "", []),
    ("Lobito", "AO", "", []), ("Stellenbosch", "ZA", "", []),
    ("Gqeberha", "ZA", "", ["Port Elizabeth"]), ("Timbuktu", "ML", "", []),
    ("Agadez", "NE", "", []),
    # Oceania
    ("Sydney", "AU", "new-south-wales", []), ("Melbourne", "AU", "", []),
    ("Brisbane", "AU", "queensland", []), ("Perth", "AU", "western-australia", []),
    ("Adelaide", "AU", "", []), ("Canberra", "AU", "", []), ("Auckland", "NZ", "", []),
    ("Wellington", "NZ", "", []), ("Port Moresby", "PG", "", []),
    ("Suva", "FJ", "", []), ("Apia", "WS", "", []), ("Honiara", "SB", "", []),
    ("Port Vila", "VU", "", []), ("Nuku'alofa", "TO", "", []),
    ("Tarawa", "KI", "", ["South Tarawa"]), ("Majuro", "MH", "", []), ("Palikir", "FM", "", []),
    ("Yaren", "NR", "", []), ("Ngerulmud", "PW", "", []), ("Funafuti", "TV", "", []),
]


def slug(text):
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def uniq(seq):
    out = []
    for s in seq:
        if s and s not in out:
            out.append(s)
    return out


def drop_redundant_the(name, aliases):
    """Drops "the X" when X is already the name or an alias."""
    names = set(aliases) | {name}
    return [a for a in aliases if not (a.startswith("the ") and a[4:] in names)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iso", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--out", default=os.path.join(ROOT, "data", "places.json"))
    args = ap.parse_args()

    with open(args.iso, encoding="utf-8") as f:
        iso = json.load(f)["3166-1"]

    country_region = {}
    for region, codes in M49.items():
        for code in codes.split():
            assert code not in country_region, code
            country_region[code] = region
    groups_of = {}
    for gid, (_, _, _, _, members) in GROUPINGS.items():
        for code in members.split():
            groups_of.setdefault(code, []).append(gid)

    entities = []
    parents_of = {}  # id -> parents, for the transitive reduction

    def pid(x):
        return "place:" + x

    for rid, (name, subtype, parents, aliases, demonyms) in REGIONS.items():
        e = {"id": pid(rid), "name": name, "type": "place", "subtype": subtype}
        aliases = drop_redundant_the(name, aliases)
        if aliases:
            e["aliases"] = aliases
        if demonyms:
            e["demonyms"] = demonyms
        if parents:
            e["parents"] = [pid(p) for p in parents]
        entities.append(e)
    for gid, (name, parents, aliases, demonyms, _) in GROUPINGS.items():
        e = {"id": pid(gid), "name": name, "type": "place", "subtype": "grouping"}
        aliases = drop_redundant_the(name, aliases)
        if aliases:
            e["aliases"] = aliases
        if demonyms:
            e["demonyms"] = demonyms
        if parents:
            e["parents"] = [pid(p) for p in parents]
        entities.append(e)
    for e in entities:
        parents_of[e["id"]] = e.get("parents", [])

    grouping_ids = {pid(g) for g in GROUPINGS}

    def closure(node):
        seen, stack = set(), list(parents_of.get(node, []))
        while stack:
            p = stack.pop()
            if p not in seen:
                seen.add(p)
                stack.extend(parents_of.get(p, []))
        return seen

    seen_codes = set()
    for c in sorted(iso, key=lambda c: c["alpha_2"]):
        a2, a3 = c["alpha_2"], c["alpha_3"]
        seen_codes.add(a2)
        name, extra, demonyms = COUNTRIES.get(a2, ("", [], []))
        iso_names = [c.get("common_name", ""), c["name"], c.get("official_name", "")]
        if not name:
            name = c.get("common_name") or c["name"]
        aliases = []
        for a in extra + iso_names:
            if not a or a == name:
                continue
            if (a in SKIP_ALIASES or "," in a or "(" in a) and (a2, a) not in ALLOWED_ALIASES:
                continue
            aliases.append(a)
        aliases = drop_redundant_the(name, uniq(aliases))
        parents = []
        if a2 in country_region:
            parents.append(pid(country_region[a2]))
        parents += [pid(g) for g in groups_of.get(a2, [])]
        # The M49 region plus every grouping the country belongs to, directly or
        # through another grouping or its region (e.g. GCC -> Middle East -> MENA).
        for p in list(parents):
            for q in sorted(closure(p)):
                if q in grouping_ids:
                    parents.append(q)
        parents = uniq(parents)
        e = {"id": pid(a2), "name": name, "type": "place", "subtype": "country",
             "iso2": a2, "iso3": a3}
        if aliases:
            e["aliases"] = aliases
        if demonyms:
            e["demonyms"] = demonyms
        if parents:
            e["parents"] = parents
        entities.append(e)
        parents_of[e["id"]] = parents

    missing = [k for k in COUNTRIES if k not in seen_codes and COUNTRIES[k][0]]
    if missing:
        sys.exit("gen_places: codes not in iso-codes: %s" % missing)
    unplaced = sorted(c for c in seen_codes if c not in country_region and c != "AQ")
    if unplaced:
        sys.exit("gen_places: countries without an M49 region: %s" % unplaced)
    for g, (_, _, _, _, members) in GROUPINGS.items():
        for code in members.split():
            if code not in seen_codes:
                sys.exit("gen_places: grouping %s names unknown country %s" % (g, code))

    for sid, (name, country, aliases, demonyms) in STATES.items():
        e = {"id": pid(sid), "name": name, "type": "place", "subtype": "state",
             "country": pid(country), "parents": [pid(country)]}
        if aliases:
            e["aliases"] = aliases
        if demonyms:
            e["demonyms"] = demonyms
        entities.append(e)

    used = {e["id"] for e in entities}
    for name, country, state, aliases in CITIES:
        cid = pid(slug(name))
        if cid in used:
            cid = pid(slug(name) + "-" + country.lower())
        assert cid not in used, cid
        used.add(cid)
        e = {"id": cid, "name": name, "type": "place", "subtype": "city",
             "country": pid(country), "parents": [pid(state) if state else pid(country)]}
        if aliases:
            e["aliases"] = aliases
        entities.append(e)

    with open(args.out, "w", encoding="utf-8") as f:
        f.write('{\n  "entities": [\n')
        f.write(",\n".join("    " + json.dumps(e, ensure_ascii=False) for e in entities))
        f.write("\n  ]\n}\n")
    print("gen_places: wrote %d entities to %s" % (len(entities), args.out))


if __name__ == "__main__":
    main()
