"""Synthetic news feeds with planted reuse, for speed and scale benchmarks.

    python benchmarks/generate_corpus.py --items 10000 --out benchmarks/corpora/10k.jsonl
    python benchmarks/generate_corpus.py --items 100000 --out benchmarks/corpora/100k.jsonl.gz
    python benchmarks/generate_corpus.py --items 10000 --out b.jsonl --bury seeds/000_c57a03b94dbf44d5.txt
    python benchmarks/generate_corpus.py --items 1000 --out /tmp/c.jsonl --check 100

Writes a JSON Lines feed in auditor's format, one item per line:
{"id", "outlet", "title", "published" (ISO 8601, "Z"), "url", "text"}, and a ground-truth file
(default: the feed's name with `.truth.json`) with every planted pair:
{"a": source id, "b": copy id, "kind": "verbatim"|"reworded", "earliest": id, "credit": str|null}.

Texts come from a probabilistic grammar over a vocabulary written in this file, with a long
tail of English-shaped words made from morphemes (no real article is read or copied). Items
are grouped into *events* (a place, people with roles,
organisations, sums of money, counts, dates): independent items on the same event share those
topic words without sharing sentences, so same-topic-but-independent pairs exist and are not
planted pairs. Planted copies:
- verbatim: the source's sentences with small edits (curly quotes, one word changed in some
  sentences, an "(AP)"-style dateline or a credit line, sometimes an extra paragraph at the end or
  the last paragraph dropped);
- reworded: sentence by sentence, names and numbers kept, about half of the other words swapped
  for synonyms from the grammar's synonym groups, clauses sometimes reordered, about one sentence
  in ten dropped and one in ten added.
Every item has its own random stream derived from (seed, position), so a copy regenerates its
source instead of keeping texts in memory: the feed is written as it is generated and memory
stays flat at any size. The same arguments always give the same bytes.

`--check N` compares N planted pairs of each kind and N same-event independent pairs with
`auditor.compare` and reports the relationships found and the item-level word 3-gram Jaccard.
`--stats` prints word statistics of the feed next to real news (PolNeAR, when
../shared/eval is present). Unrelated synthetic items are more alike than unrelated real
articles (about ten times more shared word 3-grams): see benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import io
import itertools
import json
import math
import multiprocessing
import os
import random
import re
import sys
import time
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

# ---------------------------------------------------------------------------------------------
# Vocabulary and grammar. `[a|b|c]` is a synonym group (a rewrite may pick another member);
# `{NAME}` expands the nonterminal NAME (`{NAME#2}` a second, independent one); ` || ` separates
# paraphrases of one production that share their slots (a rewrite may switch between them).
# Upper-case names in PROTECTED are the event's facts (names, places, numbers): kept in rewrites.
# ---------------------------------------------------------------------------------------------

# fmt: off
FIRST_NAMES = [
    "Maria", "James", "Anna", "David", "Sarah", "Michael", "Laura", "Daniel", "Emma", "Thomas", "Helen",
    "Robert", "Claire", "Peter", "Rachel", "Mark", "Fiona", "Andrew", "Grace", "Simon", "Ruth", "Paul",
    "Alice", "Stephen", "Nadia", "Omar", "Priya", "Ravi", "Leila", "Hamid", "Sofia", "Marco", "Ingrid",
    "Lars", "Chloe", "Samuel", "Joanna", "Patrick", "Aisha", "Kwame", "Elena", "Victor", "Irene", "Gareth",
    "Sian", "Callum", "Morag", "Declan", "Niamh", "Tomasz", "Agnieszka", "Yusuf", "Mei", "Kenji", "Hannah",
    "Oliver", "Lucy", "Martin", "Carol", "Brian", "Deborah", "Graham", "Janet", "Keith", "Linda", "Neil",
    "Pauline", "Roger", "Sandra", "Trevor", "Wendy", "Adebayo", "Chiara", "Dmitri", "Esther", "Farah",
    "Giulia", "Hiroshi", "Ifeoma", "Jonas", "Katya", "Luis", "Malik", "Noor", "Orla", "Pedro", "Rosa",
    "Sanjay", "Tariq", "Ursula", "Vikram", "Yasmin", "Zainab", "Ben", "Jess", "Tom", "Amy", "Joe", "Kate",
    "Sam", "Rhys", "Ffion", "Ewan", "Isla", "Kirsty", "Shona", "Aidan", "Bronwen",
]
SURNAMES = [
    "Kowalski", "Whitfield", "Okafor", "Brennan", "Lindqvist", "Harrow", "Mensah", "Castellano", "Pryce",
    "Ashworth", "Dunmore", "Fairbairn", "Gallagher", "Hendry", "Iqbal", "Jarvis", "Kettering", "Lomax",
    "Marchetti", "Nakamura", "Oduya", "Pellegrini", "Quigley", "Radcliffe", "Sandoval", "Thorne", "Umbers",
    "Varga", "Wainwright", "Yardley", "Zielinski", "Abernethy", "Blackwood", "Crowther", "Delacroix",
    "Eastwood", "Fenwick", "Goldberg", "Hallam", "Ingleby", "Jessop", "Kaczmarek", "Llewellyn",
    "McAllister", "Norcross", "Osei", "Penhaligon", "Ramsbottom", "Strachan", "Tillotson", "Underhill",
    "Vickers", "Westbrook", "Achterberg", "Brightwell", "Carver", "Dervish", "Elphick", "Farrant",
    "Grimshaw", "Holloway",
]
PLACE_HEADS = [
    "North", "Ash", "Kings", "Brook", "Elm", "Stan", "Wester", "Lang", "Marl", "Hal", "Thorn", "Bram",
    "Cold", "Fair", "Red", "Sil", "Ox", "Wick", "Lin", "Har", "Bex", "Dun", "Pen", "Ros", "Alder", "Bel",
    "Carn", "Dray", "Eas", "Fen", "Glen", "Hart", "Ivy", "Kel", "Lock", "Mor", "Nor", "Orm", "Pad", "Quen",
    "Rad", "Sax", "Tam", "Ul", "Ven", "Wal", "Yar", "Bar", "Cal", "Del", "Ex", "Gar", "Hol", "Ket", "Lud",
    "Mel", "Ned", "Ost", "Pem", "Rye", "Sher", "Tor",
]
PLACE_TAILS = [
    "field", "bury", "ton", "ford", "wick", "dale", "mouth", "ham", "stead", "ley", "worth", "combe",
    "borough", "bridge", "by", "caster", "chester", "cliffe", "don", "gate", "hurst", "minster", "more",
    "port", "thorpe",
]
PLACE_PREFIXES = [
    "Upper ", "Lower ", "East ", "West ", "Great ", "Little ", "Old ", "New ",
]
SURNAME_HEADS = [
    "Ash", "Black", "Bright", "Brook", "Cart", "Cole", "Cross", "Dal", "Ed", "Fair", "Farn", "Gold",
    "Green", "Hay", "Hol", "Kent", "Lang", "Mar", "Nor", "Pen", "Pres", "Rad", "Red", "Shel", "Stan",
    "Thorn", "Under", "Wat", "Wes", "Whit", "Win", "Wood", "Al", "Ber", "Dun", "Har", "Ken", "Lind", "Mor",
    "Rus",
]
SURNAME_TAILS = [
    "more", "ward", "wood", "ley", "ton", "son", "man", "well", "ford", "field", "hurst", "by", "er", "ing",
    "stone", "worth", "wick", "ridge", "combe", "dale", "hill", "croft", "land", "shaw",
]
MASTHEADS = [
    "Courier", "Herald", "Gazette", "Post", "Chronicle", "Echo", "Mercury", "Record", "Observer", "Argus",
    "Advertiser", "Journal",
]
NATIONAL_OUTLETS = [
    "The Daily Ledger", "The Morning Wire", "Metro Journal", "National Dispatch", "The Sunday Review",
    "Evening Bulletin", "The Weekly Monitor", "Capital Press", "Newsline Online", "The Citizen Daily",
]
WIRES = [("AP", "Associated Press"), ("Reuters", "Reuters"), ("AFP", "AFP"), ("PA", "PA Media")]
DAYNAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "eighteen"]
CURRENCIES = ["£", "$", "€"]

# Event types: topic words that independent reports of one event share. `details` are the
# things its stories mention (DETAIL), `topic` and `orgs` give "full name ~ short form".
EVENT_TYPES: dict[str, dict[str, list[str]]] = {
    "bridge": {
        "details": [
            "steel bearings", "expansion joints", "weight limit", "toll booths", "pedestrian walkway",
            "cycle lane", "suspension cables", "concrete piers", "approach ramps", "traffic lights",
            "temporary footbridge", "river crossing", "bus gate", "speed cameras", "lane closures",
            "resurfacing work", "scaffolding", "structural survey", "drainage channels", "parapet walls",
            "traffic signals", "park-and-ride site", "ferry service", "freight route",
        ],
        "topic": [
            "the {PLACE} Road bridge ~ the bridge", "the {PLACE} bypass ~ the bypass",
            "the {PLACE} viaduct ~ the viaduct", "the old {PLACE} crossing ~ the crossing",
        ],
        "orgs": [
            "{PLACE} City Council ~ the council", "the {PLACE} Highways Agency ~ the agency",
            "{SURNAME} Civil Engineering ~ the contractor",
        ],
        "roles": [
            "the council leader", "the transport cabinet member", "a spokesperson for the highways agency",
            "the project manager", "a local shop owner", "the chair of the residents' association",
        ],
        "ACTION": [
            "[repair|restore|fix] the [crossing|structure|bridge]",
            "[widen|expand] the [road|carriageway] [near|beside] the [river|estuary]",
            "[close|shut] the bridge to [lorries|heavy vehicles|heavy goods vehicles]",
            "[reopen|open] the [route|road] [before|ahead of] the [winter|holidays]",
            "[replace|rebuild] the [ageing|old|crumbling] [supports|deck|pillars]",
            "[divert|reroute] [traffic|vehicles] through the town centre",
        ],
        "PROBLEM": [
            "[cracks|corrosion|structural damage] in the [supports|deck|pillars]",
            "[rising|soaring|growing] [costs|bills] for the [repairs|works]",
            "[long|lengthy] [diversions|detours]",
            "[traffic|congestion] on [nearby|neighbouring|surrounding] [roads|streets]",
        ],
        "AFFECTED": [
            "[commuters|drivers|motorists]", "[residents|locals|people living nearby]",
            "[businesses|traders|shop owners]", "[cyclists|pedestrians]",
        ],
        "EVENT_NP": [
            "the [closure|shutdown]", "the [vote|decision]", "the [inspection|survey]",
            "the [repairs|works|roadworks]",
        ],
    },
    "strike": {
        "details": [
            "overtime ban", "pay offer", "picket lines", "ballot result", "rail timetable", "night buses",
            "ticket office", "driver rosters", "pension scheme", "bonus payments", "shift patterns",
            "replacement buses", "season tickets", "minimum service levels", "arbitration service",
            "depot canteen", "sick pay", "travel passes", "union mandate", "rest days", "fare increase",
            "signalling staff",
        ],
        "topic": [
            "the {PLACE} [rail|bus|tram] strike ~ the strike", "the walkout at {PLACE} depot ~ the walkout",
            "the {PLACE} pay dispute ~ the dispute",
        ],
        "orgs": [
            "the National Union of Transport Workers ~ the union", "{PLACE} Transit ~ the operator",
            "the {PLACE} Rail Company ~ the rail company", "the Transport Department ~ the department",
        ],
        "roles": [
            "the union's general secretary", "the operator's chief executive", "the transport secretary",
            "a depot representative", "a commuter group organiser", "the regional organiser",
        ],
        "ACTION": [
            "[call off|suspend|cancel] the [strike|walkout|industrial action]",
            "[resume|restart|reopen] [talks|negotiations] with the [union|workforce]",
            "[ballot|consult] [members|staff] on the [new|revised|latest] [offer|deal]",
            "[run|operate] a [reduced|limited|skeleton] [timetable|service]",
            "[raise|increase|lift] [pay|wages|salaries] [for|across] the workforce",
        ],
        "PROBLEM": [
            "[cancelled|axed] [services|trains|journeys]",
            "[the|a] [pay|wage] [offer|deal] [below|under] inflation", "[staff shortages|a lack of staff]",
            "[overcrowded|packed] [platforms|stations]",
        ],
        "AFFECTED": [
            "[passengers|travellers|commuters]", "[workers|staff|employees]", "[drivers|train drivers]",
            "[students|pupils] travelling to [school|college]",
        ],
        "EVENT_NP": [
            "the [strike|walkout]", "the [ballot|vote]", "the [talks|negotiations]", "the [dispute|row]",
        ],
    },
    "flood": {
        "details": [
            "flood barrier", "sandbags", "river gauge", "pumping station", "storm drains",
            "emergency shelter", "insurance claims", "sewage overflow", "flood plain", "drainage ditches",
            "rescue boats", "power substation", "water treatment works", "evacuation centre", "culvert",
            "sea wall", "rainfall records", "landslip", "road closures", "tidal surge",
            "groundwater levels", "relief fund",
        ],
        "topic": [
            "the {PLACE} floods ~ the floods", "flooding [in|across] {PLACE} ~ the flooding",
            "storm damage in {PLACE} ~ the storm damage",
        ],
        "orgs": [
            "the Environment Agency ~ the agency", "{PLACE} Fire and Rescue Service ~ the fire service",
            "{PLACE} District Council ~ the council", "the Met Office ~ forecasters",
        ],
        "roles": [
            "the area flood manager", "the fire service's incident commander", "a local councillor",
            "a resident of the worst-hit street", "the council's emergency planning officer",
        ],
        "ACTION": [
            "[evacuate|clear] [homes|houses|properties] [near|along] the river",
            "[pump|drain] water from [flooded|waterlogged|submerged] [streets|roads]",
            "[strengthen|reinforce|raise] the [flood defences|river banks|barriers]",
            "[open|set up] [rest centres|emergency shelters] for [families|residents]",
            "[issue|extend] [flood warnings|severe weather warnings] [for|across] the region",
        ],
        "PROBLEM": [
            "[heavy|torrential|persistent] [rain|rainfall|downpours]", "[rising|swollen] river levels",
            "[power cuts|blackouts] [across|throughout] the area", "[damaged|broken] flood barriers",
        ],
        "AFFECTED": [
            "[residents|householders|families]", "[farmers|landowners]", "[businesses|traders]",
            "[motorists|drivers]",
        ],
        "EVENT_NP": [
            "the [floods|flooding]", "the [storm|downpour]", "the [clean-up|recovery effort]",
            "the [evacuation|rescue operation]",
        ],
    },
    "court": {
        "details": [
            "witness statements", "bank records", "company accounts", "jury", "plea hearing",
            "bail conditions", "offshore accounts", "pension fund", "asset freeze", "email evidence",
            "expert witness", "legal aid", "cross-examination", "sentencing guidelines", "audit report",
            "shell companies", "court transcript", "investor losses", "compensation order",
            "disclosure rules",
        ],
        "topic": [
            "the {SURNAME} fraud trial ~ the trial", "the case against {SURNAME} Holdings ~ the case",
            "the {PLACE} inquest ~ the inquest",
        ],
        "orgs": [
            "{PLACE} Crown Court ~ the court", "the Serious Fraud Office ~ the SFO",
            "{SURNAME} Holdings ~ the firm", "the prosecution service ~ prosecutors",
        ],
        "roles": [
            "the presiding judge", "the prosecuting barrister", "the defence lawyer", "a former director",
            "a spokesperson for the prosecution service", "the company's former finance chief",
        ],
        "ACTION": [
            "[appeal|challenge] the [verdict|ruling|judgment]",
            "[review|examine|reconsider] [evidence|documents|records] from the [company|firm]",
            "[repay|return] [investors|savers|clients] [in full|before the end of the year]",
            "[adjourn|postpone|delay] the [hearing|trial|case] [until|to] the [spring|new year]",
            "[call|hear from] [witnesses|former employees] [next|later this] [week|month]",
        ],
        "PROBLEM": [
            "[missing|unaccounted] [funds|money]", "[false|misleading] [accounts|records|statements]",
            "[delays|hold-ups] in the [court|justice] system", "[a lack of|insufficient] evidence",
        ],
        "AFFECTED": [
            "[investors|shareholders|savers]", "[former employees|ex-staff]", "[clients|customers]",
            "[creditors|lenders]",
        ],
        "EVENT_NP": [
            "the [trial|hearing]", "the [verdict|ruling]", "the [investigation|inquiry]",
            "the [sentencing|judgment]",
        ],
    },
    "factory": {
        "details": [
            "assembly line", "order book", "export market", "apprenticeship scheme", "electric models",
            "supply contracts", "steel prices", "carbon targets", "energy bills", "redundancy packages",
            "production shifts", "warehouse space", "robot welders", "pension deficit", "trade tariffs",
            "research centre", "battery plant", "parts suppliers", "agency workers", "night shift",
        ],
        "topic": [
            "the {SURNAME} plant in {PLACE} ~ the plant", "the {PLACE} car factory ~ the factory",
            "the {PLACE} steelworks ~ the steelworks",
        ],
        "orgs": [
            "{SURNAME} Manufacturing ~ the manufacturer", "{SURNAME} Motors ~ the carmaker",
            "the Department for Business ~ the department", "{PLACE} Chamber of Commerce ~ the chamber",
        ],
        "roles": [
            "the company's chief executive", "the plant manager", "the business secretary",
            "a union convenor at the site", "the local member of parliament", "an industry analyst",
        ],
        "ACTION": [
            "[cut|shed|axe] [jobs|hundreds of jobs|staff] at the [site|plant|factory]",
            "[move|shift|relocate] [production|manufacturing] [abroad|overseas]",
            "[invest|pour money] in [new|modern] [equipment|machinery|production lines]",
            "[keep|retain] the [factory|plant|site] [open|running]",
            "[retrain|reskill] [workers|staff] for [new|other] [roles|jobs]",
        ],
        "PROBLEM": [
            "[falling|weak|slumping] [demand|orders|sales]",
            "[high|soaring|rising] energy [prices|costs|bills]",
            "[cheap|cheaper] [imports|competition] from abroad",
            "[supply chain|delivery] [problems|disruption]",
        ],
        "AFFECTED": [
            "[workers|employees|staff]", "[suppliers|local suppliers]", "[apprentices|trainees]",
            "[families|households] in the town",
        ],
        "EVENT_NP": [
            "the [closure|shutdown]", "the [announcement|decision]", "the [job cuts|redundancies|layoffs]",
            "the [takeover|sale]",
        ],
    },
    "hospital": {
        "details": [
            "emergency department", "waiting list", "ambulance handovers", "cancer screening",
            "maternity ward", "agency nurses", "bed shortages", "outpatient clinic", "diagnostic scanner",
            "discharge delays", "mental health unit", "surgical backlog", "staff car park",
            "patient records", "care homes", "GP appointments", "night shifts", "infection control",
            "hospital pharmacy", "operating theatres",
        ],
        "topic": [
            "{PLACE} General Hospital ~ the hospital", "the {PLACE} maternity unit ~ the unit",
            "waiting lists in {PLACE} ~ waiting lists",
        ],
        "orgs": [
            "the {PLACE} Health Trust ~ the trust", "{PLACE} General Hospital ~ the hospital",
            "the Health Department ~ the department", "the Care Quality Commission ~ the regulator",
        ],
        "roles": [
            "the trust's medical director", "the health secretary", "a senior nurse",
            "the hospital's chief executive", "a patients' group representative", "a consultant surgeon",
        ],
        "ACTION": [
            "[reduce|cut|bring down] [waiting times|waiting lists|delays] for "
            "[operations|surgery|treatment]",
            "[hire|recruit|take on] [more|extra|additional] [nurses|doctors|staff]",
            "[open|build] a [new|second] [ward|unit|clinic]",
            "[close|shut|suspend] the [unit|ward|department] [temporarily|overnight]",
            "[treat|see] [patients|more patients] [closer to home|in the community]",
        ],
        "PROBLEM": [
            "[staff shortages|a shortage of staff|vacancies]",
            "[long|lengthy|growing] [waits|waiting lists]",
            "[overcrowded|crowded|busy] [wards|corridors|emergency departments]",
            "[ageing|old|outdated] [buildings|equipment]",
        ],
        "AFFECTED": [
            "[patients|people waiting for treatment]", "[nurses|staff|health workers]",
            "[mothers|expectant mothers|parents]", "[older people|elderly patients|pensioners]",
        ],
        "EVENT_NP": [
            "the [inspection|report|review]", "the [closure|move]", "the [plan|proposal|scheme]",
            "the [investigation|inquiry]",
        ],
    },
    "school": {
        "details": [
            "reinforced concrete", "exam board", "catchment area", "school transport", "free meals",
            "teaching assistants", "sixth form", "playing fields", "school roof", "Ofsted rating",
            "uniform costs", "class sizes", "special needs support", "after-school clubs",
            "supply teachers", "mobile classrooms", "reading scores", "attendance figures",
            "school kitchen", "science labs",
        ],
        "topic": [
            "{PLACE} Academy ~ the academy", "the {PLACE} school closures ~ the closures",
            "exam results in {PLACE} ~ the results",
        ],
        "orgs": [
            "{PLACE} Education Authority ~ the authority", "the Department for Education ~ the department",
            "{PLACE} Academy Trust ~ the trust", "the National Association of Head Teachers ~ the union",
        ],
        "roles": [
            "the head teacher", "the education secretary", "a parent governor",
            "the trust's chief executive", "a teaching union representative", "a local parent",
        ],
        "ACTION": [
            "[merge|combine] the [two|neighbouring] [schools|primary schools]",
            "[repair|replace|fix] [crumbling|unsafe|damaged] [classrooms|roofs|buildings]",
            "[hire|recruit] [more|extra] [teachers|teaching assistants]",
            "[expand|extend] [free school meals|breakfast clubs] to [more|all] [pupils|children]",
            "[close|shut] the school [for|during] [repairs|building work]",
        ],
        "PROBLEM": [
            "[falling|declining|shrinking] [pupil numbers|rolls|enrolment]",
            "[unsafe|crumbling|defective] [concrete|roofs|buildings]",
            "[teacher shortages|a shortage of teachers]", "[budget cuts|funding cuts|tight budgets]",
        ],
        "AFFECTED": [
            "[pupils|children|students]", "[parents|families]", "[teachers|staff]",
            "[children with special needs|pupils with special educational needs]",
        ],
        "EVENT_NP": [
            "the [consultation|review]", "the [closure|merger]", "the [inspection|report]",
            "the [results|figures]",
        ],
    },
    "fire": {
        "details": [
            "smoke plume", "gas cylinders", "fire engines", "aerial ladder", "asbestos roof", "loading bay",
            "sprinkler system", "fire investigators", "air quality monitors", "cordon",
            "hazardous materials", "storage units", "CCTV footage", "electrical fault", "industrial units",
            "water supply", "breathing apparatus", "evacuation zone", "roof collapse",
            "insurance assessors",
        ],
        "topic": [
            "the fire at {PLACE} industrial estate ~ the fire", "the {PLACE} warehouse fire ~ the fire",
            "the blaze in {PLACE} ~ the blaze",
        ],
        "orgs": [
            "{PLACE} Fire and Rescue Service ~ the fire service", "{PLACE} Police ~ police",
            "the Health and Safety Executive ~ the HSE", "{SURNAME} Logistics ~ the company",
        ],
        "roles": [
            "the station manager", "the area fire commander", "a police spokesperson", "the site's owner",
            "a witness who lives nearby", "the fire investigation officer",
        ],
        "ACTION": [
            "[investigate|examine|establish] the [cause|origin] of the [fire|blaze]",
            "[keep|ask] [residents|people] [indoors|away from the area]",
            "[close|cordon off|seal off] [roads|streets] around the [site|estate]",
            "[demolish|pull down|take down] the [damaged|burnt-out|gutted] [building|warehouse]",
            "[check|test|monitor] [air quality|the air|smoke levels] [nearby|in the area]",
        ],
        "PROBLEM": [
            "[thick|heavy|black] smoke", "[toxic|hazardous|dangerous] [fumes|chemicals]",
            "[strong|gusting] winds", "[blocked|closed] [access roads|roads]",
        ],
        "AFFECTED": [
            "[residents|neighbours|people living nearby]", "[firefighters|crews]",
            "[workers|staff|employees]", "[businesses|firms|tenants] on the estate",
        ],
        "EVENT_NP": [
            "the [fire|blaze]", "the [investigation|inquiry]", "the [evacuation|clear-up]",
            "the [explosion|collapse]",
        ],
    },
}
# Things any local story can mention; each event draws a few (DETAIL) beside its type's own.
GENERIC_DETAILS = [
    "parking charges", "street lighting", "council tax bill", "public inquiry", "planning application",
    "local elections", "bus routes", "rent increases", "cost of living", "social housing",
    "community centre", "town centre", "business rates", "local economy", "tourist season",
    "police patrols", "emergency services", "health and safety rules", "freedom of information request",
    "budget gap", "reserve funds", "consultation period", "public meeting", "local newspaper",
    "opinion poll", "annual report", "phone line", "website", "helpline", "social media posts", "leaflets",
    "petition", "protest march", "residents' group", "parish council", "members of parliament",
    "regional mayor", "government grant", "lottery funding", "charity appeal",
]

# Generic extensions of the event-type nonterminals (appended to each type's own productions).
TYPE_EXTENSIONS: dict[str, list[str]] = {
    "ACTION": [
        "[inspect|check|examine] the {DETAIL}", "[upgrade|replace|improve] the {DETAIL}",
        "[review|reconsider|rethink] {OBJ_N}", "[publish|release] {DET} {ADJ} {NOUN}",
        "[respond to|address|tackle] {PROBLEM}", "[hold talks with|meet] {OBJ_AGENT}",
        "[compensate|pay] {AFFECTED}", "[improve|strengthen] [its|the] {NOUN}",
        "[set up|launch|establish] {DET} {ADJ} {NOUN}", "[consult|ask] {AFFECTED} [about|on] {OBJ_N}",
        "[cover|meet] the [cost|bill] of {EVENT_NP}", "[appoint|hire] {DET} {ADJ} {NOUN_AGENT}",
        "[explain|justify] {OBJ_N} to {AFFECTED}", "[speed up|accelerate] {EVENT_NP}",
        "[find|identify] [ways|money] to {V_INF} {OBJ}",
    ],
    "PROBLEM": [
        "[problems|faults|issues] with the {DETAIL}", "[a lack of|poor] {NOUN_INFO}",
        "[rising|higher] [costs|prices]", "[delays|hold-ups] to {EVENT_NP}",
        "[confusion|uncertainty] over {OBJ_N}", "[years of|decades of] [underinvestment|neglect]",
        "[budget|funding] [pressures|shortfalls]", "[a shortage of|too few] {NOUN_PEOPLE}",
    ],
    "AFFECTED": [
        "[taxpayers|ratepayers]", "[older people|pensioners]", "[young people|teenagers]",
        "[visitors|tourists]", "[volunteers|community groups]", "[local people|the community]",
    ],
    "EVENT_NP": [
        "the [announcement|news]", "the [latest|recent] [figures|report]", "the [consultation|review]",
        "the [meeting|talks]", "the [row|dispute|controversy]", "the [response|reaction]",
    ],
}

# Nonterminals shared by all events. Productions are short and composed, and each item prefers
# its own productions (see Context.offset and STYLE_WINDOW), so two independent items rarely
# share a sentence.
GRAMMAR_SRC: dict[str, list[str]] = {
    "SX": [
        "{S}", "{S} {PP}", "{S}, {REL}", "{S} {PP}, {REL}",
    ],
    "REL": [
        "which [was|had been] {ADJ_STATE} {PP}", "[leaving|forcing] {AFFECTED} to {V_INF} {OBJ}",
        "[a move|a step|a decision] that [could|would|may] {V_EFFECT} {OBJ}",
        "[despite|in spite of] {PROBLEM}", "[with|as] {PROBLEM} [continuing|persisting|growing]",
        "[adding|saying] that {CLAUSE}", "[in a bid|in an effort|as part of efforts] to {ACTION}",
        "[although|though] {CLAUSE}", "[according to|citing] {OBJ_AGENT}",
        "[something|a point] {OBJ_AGENT} [disputed|contested|rejected]",
    ],
    "V_EFFECT": [
        "[affect|hit]", "[benefit|help]", "[delay|slow]", "[change|reshape]", "[threaten|endanger]",
        "[improve|boost]", "[worry|alarm]", "[cost|burden]",
    ],
    "S": [
        "{SUBJ} {VP}", "the {DETAIL} [was|had been] {ADJ_STATE} {PP}",
        "[work on|the future of] the {DETAIL} [remains|is still] [unclear|uncertain|in doubt]",
        "{SUBJ} {VP} {PP}", "{SUBJ} {MODAL} {ACTION}", "{SUBJ} {MODAL} {ACTION} {PP}",
        "{SUBJ} [said|confirmed|announced] [it|they] would {ACTION} || "
        "{SUBJ} [has|had] [given a commitment|made a promise|given an undertaking] to {ACTION}",
        "{PROBLEM} [has|had] [forced|led] {AFFECTED} to {V_INF} {OBJ} || "
        "{AFFECTED} [have been|were] [forced|made|obliged] to {V_INF} {OBJ} [because of|due to] {PROBLEM}",
        "{TOPIC} [has been|was] {ADJ_STATE} {PP}",
        "[more than|nearly|almost|around|about] {COUNT} {AFFECTED} [have been|were] {V_PASSIVE} {PP} || "
        "{SUBJ} [said|estimated] that [upwards of|close to|roughly] {COUNT} {AFFECTED} [had been|were] "
        "{V_PASSIVE}",
        "{MONEY} [has been|will be] [set aside|allocated|earmarked] [for|to cover] {OBJ_N} || "
        "{SUBJ} [has|will] [put aside|commit|find] {MONEY} [for|towards] {OBJ_N}",
        "the [cost|bill|price] of {EVENT_NP} [rose|climbed|increased|went up] by {PCT} {PP} || "
        "{EVENT_NP} [now costs|is now costing|will cost] {PCT} more than [planned|expected|budgeted]",
        "there [have been|were] {ADJ_QUANT} [calls|demands] for {OBJ_N} || "
        "{ADJ_QUANT} [numbers of people|voices] [have called|are calling|have pressed] for {OBJ_N}",
        "{SUBJ} [is|was] [expected|due|set] to {ACTION} [by|before|in] {YEAR} || "
        "[by|before] {YEAR}, {SUBJ} [should|ought to|is meant to] {ACTION}",
        "{SUBJ} [has|had] [faced|come under] {ADJ_QUANT} [criticism|pressure|scrutiny] [over|for] "
        "{OBJ_N} || "
        "{OBJ_N} [has|had] [drawn|attracted|prompted] {ADJ_QUANT} [criticism|complaints|anger] "
        "[from|among] {AFFECTED}",
        "{EVENT_NP} [came|comes] [after|as] {CLAUSE}",
        "{PROBLEM} [could|may|might] [last|continue] for {DURATION} || "
        "[it could be|it may be|it might be] {DURATION} before {PROBLEM} [ends|eases|is resolved]",
        "{SUBJ} [declined|refused] to [comment on|discuss] {OBJ_N} || "
        "{SUBJ} [would not|did not] [comment on|discuss|talk about] {OBJ_N}",
        "the [figures|numbers|data] [show|suggest|indicate] that {CLAUSE} || "
        "[according to|based on] the [figures|numbers|data], {CLAUSE}",
        "{AFFECTED} [say|said|complained] {PROBLEM} [had|has] {V_PAST} {OBJ}",
        "{SUBJ} [has|had] [spent|invested] {MONEY} on {OBJ_N} since {PAST_YEAR}",
        "{PCT} of {AFFECTED} [said|reported] [they|that they] [had been|were] {V_PASSIVE} || "
        "[one survey|a poll|a survey] [found|showed] that {PCT} of {AFFECTED} [had been|were] {V_PASSIVE}",
        "{SUBJ} [wants|hopes|aims] to {ACTION} [within|in] {DURATION}",
        "{SUBJ} [urged|called on|asked] {OBJ_AGENT} to {ACTION} || "
        "{SUBJ} [made an appeal|made a plea|appealed] to {OBJ_AGENT} to {ACTION}",
        "{OBJ_AGENT} [will|must] [decide|determine] whether to {ACTION} || "
        "[a decision|a ruling] on whether to {ACTION} [rests with|lies with|is up to] {OBJ_AGENT}",
        "{SUBJ} [held|hosted|organised] a [meeting|briefing|public meeting] [about|on] {OBJ_N} {PP}",
        "{SUBJ} [met|spoke with|held talks with] {OBJ_AGENT} [to discuss|about] {OBJ_N}",
        "[no|few] [details|decisions] [have been|were] [made|given|announced] [about|on] {OBJ_N}",
        "{SUBJ} [said|admitted] [the|its] {NOUN} [was|had been] {ADJ_STATE}",
        "{OBJ_N} [remains|is still] [unclear|uncertain|undecided]",
        "{SUBJ} [has|had] [long|repeatedly] [argued|insisted|maintained] that {CLAUSE}",
        "[residents|people] [in|around] {PLACE} [have|had] [been|felt] {ADJ_FEEL} [about|over] {OBJ_N}",
        "{SUBJ} [is|was] [one of|among] [several|a number of|many] {NOUN_PEOPLE} to {V_INF_SPEAK} {OBJ_N}",
        "{NOUN_TOPIC} [has|had] [become|turned into] a {ADJ} [issue|question|concern] [in|for] {PLACE}",
    ],
    "CLAUSE": [
        "{SUBJ} [could|would|might] {ACTION}", "{PROBLEM} [could|would] [cost|add] {MONEY}",
        "{OBJ} [was|had been] {ADJ_STATE}", "{AFFECTED} [had been|were being] {V_PASSIVE}",
        "{SUBJ} [failed|was unable] to {ACTION} || "
        "{SUBJ} [did not|could not] {ACTION}",
        "{PROBLEM} [was|is] [getting worse|worsening|not improving]", "{SUBJ} [had|has] {V_PAST} {OBJ}",
        "{COUNT} {AFFECTED} [were|had been] {V_PASSIVE}",
        "{NOUN_TOPIC} [was|is] [suffering|struggling] [because of|from] {PROBLEM}",
        "{OBJ_N} [was|is] {ADJ_EVAL}",
        "[nobody|no one] [had|has] [been told|been warned|been consulted] about {OBJ_N}",
        "{SUBJ} [was|is] [right|wrong] to {ACTION}",
    ],
    "SUBJ": [
        "{OFFICIALS}", "the {NOUN_AGENT}", "{ORG}", "{PERSON}", "{AFFECTED}", "{ADJ_AGENT} {AFFECTED}",
        "{PERSON_ROLE}", "{ORG_PAIR}", "a [spokesperson|spokesman|spokeswoman] for {ORG}",
        "[one|a] {NOUN_AGENT} [from|in] {PLACE}", "[members|representatives] of {ORG}",
        "the {ADJ_LOCAL} {NOUN_AGENT}",
    ],
    "OBJ_AGENT": [
        "{OFFICIALS}", "the {NOUN_AGENT}", "{ORG}", "{PERSON}", "[the government|ministers]",
        "[the|its] [board|directors|management]", "[local|regional] [leaders|politicians]",
    ],
    "VP": [
        "{V_PAST} {OBJ}", "[warned|said|argued|insisted|claimed|stressed] that {CLAUSE}",
        "[agreed|voted|decided|promised|pledged] to {ACTION}",
        "[criticised|condemned|attacked] {OBJ} as {ADJ_EVAL} || "
        "[described|called] {OBJ} {ADJ_EVAL}",
        "[welcomed|praised|applauded] {OBJ} || "
        "[gave|offered] [a warm welcome|strong support|backing] to {OBJ}",
        "[has|had] [yet|still] to {ACTION} || "
        "[has|had] not [yet|so far] [managed|been able] to {ACTION}",
        "[admitted|acknowledged|conceded] that {CLAUSE}",
        "[denied|rejected] [claims|suggestions|reports] that {CLAUSE}",
        "[set out|unveiled|published] [plans|proposals] to {ACTION} || "
        "[announced|outlined|revealed] how it would {ACTION}",
        "[raised|voiced|expressed] [concerns|doubts|questions] about {OBJ_N} || "
        "[questioned|queried|challenged] {OBJ_N}",
        "[called for|demanded|asked for] {OBJ_N}", "[apologised|said sorry] for {OBJ_N}",
        "[responded|reacted] to {OBJ_N} [with|by issuing] [a statement|a letter|a promise] || "
        "[issued|released|sent] [a statement|a letter|a reply] [on|about] {OBJ_N}",
        "{V_PAST} {OBJ} [after|following] {EVENT_NP}",
    ],
    "PP": [
        "on {DAYNAME}", "[last|earlier this] [week|month]", "in {PLACE}", "[after|following] {EVENT_NP}",
        "[despite|amid] {PROBLEM}", "[for|over] {DURATION}", "[ahead of|before] {EVENT_NP}",
        "[in|at] [a|its] [statement|meeting|briefing] on {DAYNAME}", "[across|throughout] {PLACE}",
        "[because of|due to|owing to] {PROBLEM}", "[by|before] {YEAR}",
        "[for the first time|once again] since {PAST_YEAR}",
        "[with|alongside] {OBJ_AGENT}",
        "[at|during] a [council|board|committee] meeting",
    ],
    "OBJ": [
        "the {DETAIL}", "{DET} {ADJ} {DETAIL}", "the {ADJ} {NOUN}", "{DET} {NOUN}",
        "{DET} {ADJ} {NOUN} [for|of] {AFFECTED}", "the {NOUN} [of|for] {TOPIC}", "{EVENT_NP}", "{TOPIC}",
        "{MONEY} [in|of] {NOUN_MONEY}", "{COUNT} {AFFECTED}", "{DET} {NOUN} [to|that would] {ACTION}",
        "the {NOUN} [behind|around|over] {EVENT_NP}", "{DET} {ADJ} {NOUN} [on|about] {NOUN_TOPIC}",
    ],
    "OBJ_N": [
        "the {DETAIL}", "[the cost of|the state of|work on] the {DETAIL}", "the {ADJ} {NOUN}", "{EVENT_NP}",
        "the {NOUN} [of|for] {AFFECTED}", "{PROBLEM}", "{TOPIC}", "[its|their] {NOUN}",
        "[plans|proposals] to {ACTION}", "{NOUN_TOPIC}", "the {NOUN} [on|about] {NOUN_TOPIC}",
    ],
    "DET": [
        "the", "[its|their]", "a", "[a new|a fresh]", "[this|that]", "[any|every]",
    ],
    "MODAL": [
        "[will|would|could|is expected to|is likely to]", "[plans|intends|hopes|wants] to",
        "[has promised|has pledged|has vowed] to", "[is considering|is looking at] [plans|proposals] to",
        "[has been asked|has been told] to", "[should|must|needs to]",
        "[is ready|is prepared|is willing] to", "[is under pressure|is being urged] to",
    ],
    "OPENER_TIME": [
        "on {DAYNAME}", "[last|earlier this] [week|month]", "[in|during] {PAST_YEAR}",
        "[after|following] {EVENT_NP}", "[within|in] {DURATION}", "[late|early] on {DAYNAME}",
        "[at|during] a [meeting|briefing] on {DAYNAME}", "[since|after] {EVENT_NP}",
        "[until|before] {EVENT_NP}",
    ],
    "OPENER_FIXED": [
        "[meanwhile|in the meantime]", "[however|nevertheless]", "[separately|elsewhere]",
        "[in a statement|in a letter]", "[for now|for the time being]", "[in response|responding]",
        "[as a result|consequently]", "[in addition|on top of that]", "[last year|a year ago]",
        "[at one point|at times]",
    ],
    "ATTR": [
        "[officials|a spokesperson|a spokesman] [said|confirmed]",
        "{PERSON} [said|told reporters|added|noted|explained]", "{ORG} [said|confirmed|stated]",
        "{PERSON_ROLE} [said|added|told reporters]", "{PERSON} [told|informed] {OUTLET}",
        "the {NOUN_AGENT} [said|added|told reporters]",
        "[a source|one source|an insider] [close to|familiar with] {EVENT_NP} [said|claimed]",
    ],
    "QUOTE": [
        "we [will|are going to] {ACTION}", "this is {ADJ_EVAL} for {AFFECTED}",
        "[people|families] [deserve|need] {OBJ}",
        "I [understand|know|recognise] [the|people's] [frustration|anger|concern] [about|over] {OBJ_N}",
        "we [have|had] no [choice|option] but to {ACTION}", "[nobody|no one] wants to see {PROBLEM}",
        "[our|the] [priority|focus] is to {ACTION}", "I [am|was] [shocked|surprised|disappointed] by {OBJ}",
        "{PROBLEM} [is|was] [simply|just] [unacceptable|not good enough]",
        "we [are|were] [working|talking] with {ORG} to {ACTION}",
        "it [will|could] take {DURATION} to {ACTION}", "[frankly|honestly], {CLAUSE}",
        "[we|I] [welcome|support] {OBJ}",
        "[this|it] [has been|was] a [difficult|hard|tough] [time|year|few weeks] for {AFFECTED}",
        "[there is|we have] [a lot|much] [more|still] to do on {OBJ_N}",
        "[we|they] [were|have been] [let down|ignored|failed] by {OBJ_AGENT}",
        "[my|our] [message|advice] to {AFFECTED} is to {V_INF} {OBJ}",
        "[nobody|no one] [expected|predicted|foresaw] {OBJ_N}",
    ],
    "HEADLINE": [
        "{ORG} [backs|approves] plan to {ACTION}", "{PROBLEM} [hits|affects] {AFFECTED} in {PLACE}",
        "{EVENT_NP}: {AFFECTED} [face|brace for] {DURATION} of {NOUN}", "{MONEY} [plan|bid] to {ACTION}",
        "[Calls|Pressure] [grow|mounts] to {ACTION}", "{PERSON} [vows|promises] to {ACTION}",
        "{TOPIC}: what we know so far", "{COUNT} {AFFECTED} [hit|affected] by {EVENT_NP}",
        "{TOPIC}: {OFFICIALS} [criticised|attacked] over {OBJ_N}",
        "Questions over {OBJ_N} after {EVENT_NP}",
    ],
    "CLOSING": [
        "{OUTLET} has [contacted|approached] {ORG} for [comment|a response]",
        "[this is a developing story|more details are expected] and will be updated",
        "[additional reporting by|with reporting from] {REPORTER}",
        "{ORG} [did not respond|has not responded] to a request for comment",
        "[anyone affected|readers affected] can [contact|call] {ORG} [for advice|for help]",
    ],
    "V_INF": [
        "[cancel|call off]", "[delay|postpone|put off]", "[pay|spend]", "[find|look for|seek]",
        "[leave|abandon]", "[share|use]", "[rely on|depend on]", "[wait for|await]", "[give up|abandon]",
        "[accept|take]", "[avoid|stay away from]", "[check|review]", "[report|flag]", "[claim|apply for]",
    ],
    "V_INF_SPEAK": [
        "[criticise|condemn]", "[welcome|support|back]", "[question|challenge]", "[comment on|speak about]",
    ],
    "V_PAST": [
        "[approved|backed|endorsed]", "[rejected|turned down|dismissed]", "[announced|unveiled|set out]",
        "[delayed|postponed|put off]", "[questioned|challenged|disputed]", "[reviewed|examined|looked at]",
        "[defended|stood by]", "[increased|raised|boosted]", "[reduced|cut|lowered]",
        "[ordered|commissioned]", "[confirmed|verified]", "[ignored|overlooked|disregarded]",
        "[promised|pledged]", "[blamed|faulted]", "[suspended|halted|paused]", "[launched|started|began]",
        "[completed|finished]", "[received|got]", "[requested|asked for|sought]", "[published|released]",
        "[scrapped|dropped|abandoned]", "[extended|prolonged]", "[funded|paid for|financed]",
        "[supported|helped]", "[monitored|tracked|watched]", "[investigated|probed]", "[signed|agreed]",
        "[revised|updated|amended]", "[opposed|resisted|fought]", "[inspected|checked|surveyed]",
    ],
    "V_PASSIVE": [
        "[evacuated|moved out|relocated]", "[affected|hit|disrupted]", "[told|advised|warned] to stay away",
        "[left without|cut off from] [power|services|support]", "[offered|given] [help|support|assistance]",
        "[contacted|approached|written to]", "[delayed|held up|kept waiting]",
        "[moved|transferred|rehoused]", "[interviewed|questioned|spoken to]",
        "[compensated|paid compensation]", "[let down|failed|ignored]", "[consulted|asked|surveyed]",
    ],
    "ADJ": [
        "[new|fresh]", "[major|significant|substantial]", "[serious|grave]", "[latest|most recent]",
        "[proposed|planned]", "[long-awaited|long-delayed]", "[controversial|disputed|contested]",
        "[full|complete]", "[temporary|short-term|interim]", "[final|last]", "[independent|external]",
        "[local|regional]", "[urgent|pressing]", "[detailed|comprehensive|thorough]",
        "[original|initial|first]", "[revised|updated|amended]", "[official|formal]", "[public|open]",
        "[annual|yearly]", "[costly|expensive]", "[national|countrywide]", "[small|modest|limited]",
        "[large|big|huge]", "[previous|earlier|former]", "[emergency|urgent]", "[ambitious|bold]",
        "[confidential|private|internal]", "[unexpected|surprise]", "[widespread|broad]",
        "[long-term|lasting]", "[clear|explicit]", "[key|central|main]", "[critical|damning]",
        "[cautious|careful]",
    ],
    "ADJ_STATE": [
        "[closed|shut]", "[damaged|badly damaged]", "[delayed|behind schedule]",
        "[suspended|on hold|halted]", "[reopened|open again]", "[criticised|condemned]",
        "[under review|the subject of a review]", "[overwhelmed|stretched|under strain]",
        "[cancelled|scrapped|abandoned]", "[approved|given the go-ahead]", "[underfunded|short of money]",
        "[postponed|put back]", "[restricted|limited]", "[inspected|checked]",
    ],
    "ADJ_EVAL": [
        "[unacceptable|outrageous|appalling]", "[a step forward|real progress|an important step]",
        "[a disgrace|a scandal|shameful]", "[good news|welcome news|a relief]",
        "[deeply worrying|alarming|troubling]", "[long overdue|overdue|too late]",
        "[a mistake|an error|wrong]", "[unfair|unjust]", "[reckless|irresponsible]",
        "[sensible|reasonable]", "[disappointing|a letdown]", "[pointless|a waste of money]",
    ],
    "ADJ_FEEL": [
        "[angry|furious]", "[worried|anxious]", "[frustrated|fed up]", "[relieved|pleased]",
        "[confused|uncertain]",
    ],
    "ADJ_QUANT": [
        "[growing|mounting|increasing]", "[renewed|fresh]", "[repeated|frequent]", "[strong|fierce|heavy]",
    ],
    "ADJ_AGENT": [
        "[angry|furious|frustrated]", "[worried|anxious|concerned]", "[local|nearby]", "[many|some]",
    ],
    "ADJ_LOCAL": [
        "[local|area]", "[senior|leading]", "[former|ex-]", "[new|newly appointed]", "[acting|interim]",
    ],
    "NOUN": [
        "[plan|proposal|scheme]", "[decision|move|step]", "[report|review|assessment]",
        "[budget|funding|money]", "[warning|alert]", "[investigation|inquiry|probe]",
        "[changes|measures|reforms]", "[offer|deal|agreement]", "[response|reaction]",
        "[timetable|schedule]", "[consultation|review]", "[contract|agreement]",
        "[figures|statistics|data]", "[claims|allegations]", "[promise|pledge|commitment]",
        "[meeting|talks]", "[strategy|approach]", "[support|help|assistance]", "[evidence|findings]",
        "[risks|dangers]", "[cuts|reductions]", "[delays|hold-ups]", "[safety|security]",
        "[repairs|works|improvements]", "[payments|compensation]", "[letter|statement]",
        "[recommendations|proposals]", "[costs|expenses|bills]", "[concerns|worries|fears]",
        "[standards|rules|regulations]", "[petition|campaign]", "[survey|poll]", "[target|goal|aim]",
        "[deadline|cut-off]", "[appeal|challenge]", "[complaint|grievance]", "[priorities|plans]",
        "[spending|expenditure]", "[record|track record]", "[handling|management]", "[legislation|law]",
        "[guidance|advice]", "[forecast|projection|estimate]", "[shortfall|gap|deficit]",
        "[partnership|collaboration]", "[options|alternatives]", "[warnings|alerts]",
        "[performance|results]",
    ],
    "NOUN_MONEY": [
        "[funding|investment]", "[compensation|payments]", "[savings|cuts]", "[grants|support]",
        "[fines|penalties]",
    ],
    "NOUN_EVENT": [
        "[setback|blow]", "[crisis|emergency]", "[incident|episode]", "[problem|difficulty]",
        "[row|dispute]",
    ],
    "NOUN_INFO": [
        "[information|communication]", "[planning|preparation]", "[oversight|supervision]",
        "[maintenance|upkeep]", "[funding|investment]",
    ],
    "NOUN_PEOPLE": [
        "[politicians|public figures]", "[experts|specialists]", "[campaigners|activists]",
        "[officials|staff]", "[engineers|technicians]", "[volunteers|helpers]",
    ],
    "NOUN_TOPIC": [
        "[housing|homes]", "[transport|travel]", "[jobs|employment]", "[public safety|safety]",
        "[the economy|growth]", "[the environment|climate policy]", "[council tax|local taxes]",
        "[energy|power supplies]", "[healthcare|health]", "[policing|crime]", "[planning|development]",
        "[education|schooling]", "[childcare|nurseries]", "[drainage|water supplies]",
        "[tourism|visitor numbers]", "[trade|exports]", "[welfare|benefits]",
        "[pensions|retirement income]",
    ],
    "NOUN_AGENT": [
        "[minister|secretary]", "[inspector|investigator]", "[engineer|surveyor]",
        "[councillor|council member]", "[regulator|watchdog]", "[ombudsman|commissioner]",
        "[mayor|council leader]", "[chief executive|boss|head]", "[spokesperson|spokeswoman|spokesman]",
        "[auditor|accountant]", "[adviser|consultant]", "[director|manager]", "[lawyer|solicitor]",
        "[economist|analyst]", "[campaigner|activist]",
    ],
    "OFFICIALS": [
        "[officials|authorities]", "[police|officers]", "[ministers|the government]",
        "[campaigners|activists]", "[experts|analysts|specialists]",
        "[opposition politicians|critics|opponents]", "[union leaders|union representatives]",
        "[council officers|council staff]", "[inspectors|investigators]",
        "[local leaders|community leaders]", "[engineers|technical staff]", "[lawyers|legal advisers]",
        "[economists|forecasters]",
    ],
    "REPORTER": [
        "{FIRST} {SURNAME}",
    ],
}
PROTECTED = frozenset([
    "COUNT", "DAYNAME", "DETAIL", "DURATION", "FIRST", "MONEY", "ORG", "ORG_PAIR", "OUTLET", "PAST_YEAR",
    "PCT", "PERSON", "PERSON_ROLE", "PLACE", "SURNAME", "TOPIC", "YEAR",
])
# Synonyms for function words and light verbs, used only by rewrites (originals keep the first).
FUNCTION_SWAPS = {
    "said": ("stated", "added"), "but": ("however",), "also": ("too",), "about": ("around", "roughly"),
    "after": ("following",), "before": ("ahead of",), "because": ("as",), "while": ("whereas",),
    "more": ("further",), "many": ("numerous",), "would": ("could",), "will": ("is set to",),
}
# fmt: on


class Slot:
    __slots__ = ("kind", "label")

    def __init__(self, kind: str, label: str) -> None:
        self.kind = kind
        self.label = label


class Variant:
    """One paraphrase: literal text with a `{}` per field; fields are synonym groups and slots."""

    __slots__ = ("fields", "fmt", "gids")

    def __init__(self, fmt: str, fields: tuple[tuple[str, ...] | Slot, ...]) -> None:
        self.fmt = fmt
        self.fields = fields
        # A stable number per synonym group (-1 for slots): an item prefers one member of each.
        self.gids = tuple(zlib.crc32("|".join(f).encode()) if isinstance(f, tuple) else -1 for f in fields)


Production = tuple[Variant, ...]
_TOKEN = re.compile(r"\[([^\]]*)\]|\{([A-Z_]+)(?:#(\d))?\}")


def parse_variant(text: str) -> Variant:
    fmt: list[str] = []
    fields: list[tuple[str, ...] | Slot] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        fmt.append(text[pos : m.start()].replace("{", "{{").replace("}", "}}") + "{}")
        if m.group(1) is not None:
            fields.append(tuple(m.group(1).split("|")))
        else:
            fields.append(Slot(m.group(2), m.group(2) + (f"#{m.group(3)}" if m.group(3) else "")))
        pos = m.end()
    fmt.append(text[pos:].replace("{", "{{").replace("}", "}}"))
    return Variant("".join(fmt), tuple(fields))


def parse_production(text: str) -> Production:
    return tuple(parse_variant(v) for v in text.split(" || "))


# Facts an item states only a few times (a report gives a figure once or twice, not in every
# paragraph); productions that would state one more time are passed over.
FACT_LIMITS = {"MONEY": 2, "COUNT": 2, "PCT": 1, "PAST_YEAR": 1, "YEAR": 1, "DURATION": 1}


class Rules:
    """Productions of one nonterminal with Zipf-like weights (the first ones are the commonest),
    and optionally a long tail of rare words taken `tail_share` of the time."""

    __slots__ = ("cum", "facts", "productions", "shortest", "tail", "tail_cum", "tail_share", "total")

    def __init__(
        self,
        sources: list[str],
        exponent: float = 0.6,
        tail: list[tuple[str, ...]] | None = None,
        tail_share: float = 0.0,
    ) -> None:
        self.productions = [parse_production(s) for s in sources]
        self.tail = [(Variant("{}", (group,)),) for group in tail or []]
        self.tail_cum = list(itertools.accumulate((k + 1) ** -1.0 for k in range(len(self.tail))))
        self.tail_share = tail_share if self.tail else 0.0
        self.facts = [
            frozenset(f.kind for v in prod for f in v.fields if isinstance(f, Slot) and f.kind in FACT_LIMITS)
            for prod in self.productions
        ]
        self.cum = list(itertools.accumulate((k + 1) ** -exponent for k in range(len(sources))))
        self.total = self.cum[-1]
        self.shortest = min(self.productions, key=lambda p: len(p[0].fields))

    def window(self, share: float) -> float:
        """The weight of the first `share` of the productions (at least two): `pick` with it as
        `total` draws from those only."""
        m = max(2, math.ceil(share * len(self.productions)))
        return self.cum[min(m, len(self.cum)) - 1]

    def pick(
        self, rng: random.Random, offset: int = 0, spent: set[str] | None = None, total: float = 0.0
    ) -> Production:
        """A production by rank; `offset` rotates the ranks and `total` (see `window`) keeps to the
        first ones after it (an item's own phrasing), and productions stating a fact in `spent`
        are passed over (a few tries)."""
        total = total or self.total
        if self.tail_share and rng.random() < self.tail_share:
            k = bisect.bisect_right(self.tail_cum, rng.random() * self.tail_cum[-1])
            return self.tail[(k + offset * 7919) % len(self.tail)]
        n = len(self.productions)
        for _ in range(6):
            k = (bisect.bisect_right(self.cum, rng.random() * total) + offset) % n
            facts = self.facts[k]
            if not (facts and spent) or facts.isdisjoint(spent):
                break
        return self.productions[k]


# The long tail of the vocabulary. A few hundred hand-written words cannot give news text its
# spread (real articles of 700 words share about 0.1 % of their word 3-grams; 500 of them use
# 20,000 distinct words): so rarer words are made from English morphemes (pro + duct + ion),
# in synonym pairs that rewrites swap, and drawn with Zipf's law, each item favouring its own.
# fmt: off
PREFIXES = [
    "re", "con", "de", "pro", "ex", "in", "com", "dis", "pre", "sub", "trans", "inter", "over", "under",
    "counter", "out", "mis", "ad", "ab", "per", "post", "super", "ob", "en", "multi", "retro",
]
ROOTS = [
    "vert", "port", "duct", "ject", "spect", "struct", "form", "press", "tend", "mit", "cept", "clud",
    "pend", "sist", "stat", "tract", "val", "ven", "vis", "fer", "gress", "pel", "pos", "scrib", "sign",
    "sol", "tain", "tort", "turn", "fin", "cord", "dict", "fract", "grad", "lect", "lud", "mand", "min",
    "mod", "nect", "pact", "plic", "rupt", "sec", "sent", "serv", "tach", "temp", "test", "vol", "cur",
    "rad", "lim", "cap", "cess", "ced", "clam", "cline", "cred", "cumb", "fect", "flect", "flu", "fuse",
    "gen", "hab", "junct", "labor", "leg", "loc", "mers", "migr", "mot", "nom", "norm", "pass", "pet",
    "plet", "pon", "prehend", "quir", "reg", "sume", "tact", "terr", "tribut", "trud", "vad", "vent",
    "vinc", "voc", "volv", "alter", "bund", "cant", "cit", "dom", "fid", "gest", "hibit", "jud", "lat",
    "lev", "liber", "mark", "medi", "merg", "pict", "plant", "prim", "quest", "sper", "tegr", "val",
]
NOUN_SUFFIXES = [
    "ion", "ment", "ance", "ity", "ure", "age", "ery", "ism", "ence", "al", "ancy", "ship", "ness",
]
ADJ_SUFFIXES = [
    "ive", "al", "ous", "ic", "able", "ary", "ent", "ory", "ant", "ible", "ial",
]
AGENT_SUFFIXES = ["er", "or", "ist", "ant", "ian"]
# fmt: on


def _lexicon() -> dict[str, list[tuple[str, ...]]]:
    """Synonym pairs of made-up but English-shaped words, by part of speech."""
    rng = random.Random(20261126)
    stems = list(dict.fromkeys(p + r for p in PREFIXES for r in ROOTS))
    rng.shuffle(stems)

    def word(stem: str, suffix: str) -> str:
        if stem[-1] == suffix[0] or (stem[-1] in "aeiou" and suffix[0] in "aeiou"):
            return stem + suffix[1:]
        return stem + suffix

    def pairs(words: list[str]) -> list[tuple[str, ...]]:
        unique = list(dict.fromkeys(words))
        rng.shuffle(unique)  # so that a pair does not share a stem
        return [tuple(unique[i : i + 2]) for i in range(0, len(unique) - 1, 2)]

    return {
        "noun": pairs([word(s, x) for s in stems for x in rng.sample(NOUN_SUFFIXES, 3)]),
        "adj": pairs([word(s, x) for s in stems for x in rng.sample(ADJ_SUFFIXES, 2)]),
        "verb": pairs(stems),
        "agent": pairs([word(s, rng.choice(AGENT_SUFFIXES)) for s in stems]),
    }


LEXICON = _lexicon()
PAST = [tuple(w + ("d" if w.endswith("e") else "ed") for w in group) for group in LEXICON["verb"]]
AGENTS = [tuple(w + "s" for w in group) for group in LEXICON["agent"]]
# Nonterminal -> (its long tail, share of draws from the tail).
TAILS: dict[str, tuple[list[tuple[str, ...]], float]] = {
    "NOUN": (LEXICON["noun"], 0.6),
    "NOUN_TOPIC": (LEXICON["noun"], 0.5),
    "NOUN_MONEY": (LEXICON["noun"], 0.4),
    "NOUN_INFO": (LEXICON["noun"], 0.4),
    "NOUN_EVENT": (LEXICON["noun"], 0.4),
    "ADJ": (LEXICON["adj"], 0.6),
    "ADJ_STATE": (LEXICON["adj"], 0.4),
    "ADJ_EVAL": (LEXICON["adj"], 0.3),
    "V_PAST": (PAST, 0.6),
    "V_INF": (LEXICON["verb"], 0.6),
    "V_EFFECT": (LEXICON["verb"], 0.5),
    "NOUN_AGENT": (LEXICON["agent"], 0.4),
    "OFFICIALS": (AGENTS, 0.4),
    "NOUN_PEOPLE": (AGENTS, 0.4),
    "AFFECTED": (AGENTS, 0.3),
}
GRAMMAR = {name: Rules(src, 0.6, *TAILS.get(name, (None, 0.0))) for name, src in GRAMMAR_SRC.items()}
TYPE_GRAMMAR = {
    etype: {
        k: Rules(v + TYPE_EXTENSIONS.get(k, []), 0.3, *TAILS.get(k, (None, 0.0)))
        for k, v in spec.items()
        if k.isupper()
    }
    for etype, spec in EVENT_TYPES.items()
}


def other_option(n: int, current: int, rng: random.Random) -> int:
    k = rng.randrange(n - 1)
    return k if k < current else k + 1


def fill_brackets(text: str, rng: random.Random) -> str:
    return re.sub(r"\[([^\]]*)\]", lambda m: rng.choice(m.group(1).split("|")), text)


# ---------------------------------------------------------------------------------------------
# Events: the facts independent reports share.
# ---------------------------------------------------------------------------------------------


@dataclass
class Person:
    first: str
    last: str
    title: str
    role: str


@dataclass
class Event:
    index: int
    kind: str
    place: str
    persons: list[Person]
    orgs: list[tuple[str, str]]  # (full name, short form: "the council")
    topic: tuple[str, str]
    money: list[str]
    count: list[str]
    pct: str
    duration: str
    year: str
    past_year: str
    dayname: str
    time: datetime
    details: list[str]
    place_cum: list[float] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"ev{self.index:06d}"


def place_name(rng: random.Random) -> str:
    name = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)
    return rng.choice(PLACE_PREFIXES) + name if rng.random() < 0.12 else name


def surname(rng: random.Random) -> str:
    """A listed surname, or one compounded like English surnames are (Black + wood)."""
    if rng.random() < 0.4:
        return rng.choice(SURNAMES)
    return rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_TAILS)


def money(rng: random.Random, currency: str) -> str:
    r = rng.random()
    if r < 0.6:
        return f"{currency}{rng.randint(11, 99) / 10:.1f} million"
    if r < 0.85:
        return f"{currency}{rng.randint(120, 950):,}{rng.choice(['', ',000'])}"
    return f"{currency}{rng.randint(2, 40)} billion"


def count(rng: random.Random) -> str:
    return (
        f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}" if rng.random() < 0.5 else str(rng.randint(12, 950))
    )


@lru_cache(maxsize=4096)
def make_event(seed: int, index: int, start: datetime, hours_per_event: float) -> Event:
    rng = random.Random(seed * 1_000_003 + index * 7919 + 17)
    kind = rng.choice(sorted(EVENT_TYPES))
    spec = EVENT_TYPES[kind]
    place = place_name(rng)

    def fill(text: str) -> tuple[str, str]:
        text = text.replace("{PLACE}", place).replace("{SURNAME}", surname(rng))
        full, _, short = fill_brackets(text, rng).partition(" ~ ")
        return full, short or full

    roles = rng.sample(spec["roles"], k=min(4, len(spec["roles"])))
    persons = []
    for role in roles:
        first = rng.choice(FIRST_NAMES)
        persons.append(Person(first, surname(rng), rng.choice(["Mr", "Ms", "Dr", "Mrs"]), role))
    orgs = [fill(o) for o in rng.sample(spec["orgs"], k=min(3, len(spec["orgs"])))]
    currency = rng.choice(CURRENCIES)
    when = start + timedelta(hours=index * hours_per_event + rng.uniform(0, hours_per_event))
    return Event(
        index=index,
        kind=kind,
        place=place,
        persons=persons,
        orgs=orgs,
        topic=fill(rng.choice(spec["topic"])),
        money=[money(rng, currency), money(rng, currency)],
        count=[count(rng), count(rng)],
        pct=f"{rng.randint(3, 60)}{rng.choice([' per cent', '%', ' percent'])}",
        duration=f"{rng.choice(NUMBER_WORDS)} {rng.choice(['weeks', 'months', 'days', 'years'])}",
        year=str(rng.randint(2027, 2032)),
        past_year=str(rng.randint(1990, 2025)),
        dayname=DAYNAMES[when.weekday()],
        time=when,
        details=rng.sample(spec["details"], 10) + rng.sample(GENERIC_DETAILS, 6),
        place_cum=list(itertools.accumulate([5.0, 1.0, 1.0])),
    )


# Share of each nonterminal's productions one item uses: writers have habits, so a phrase is
# common in some items and absent from most (real news: no word 3-gram but "the united states"
# and "one of the" is in more than a fifth of the articles).
STYLE_WINDOW = 0.3


class Context:
    """What a grammar expansion needs: the event's facts, its topic grammar, the outlet."""

    def __init__(self, event: Event, outlet: str, style: int) -> None:
        self.event = event
        self.outlet = outlet
        self.type_rules = TYPE_GRAMMAR[event.kind]
        # Each writer prefers other productions: ranks are rotated by a per-item offset.
        self.style = random.Random(style)
        self.preference = self.style.getrandbits(32)
        self.offsets: dict[str, int] = {}
        self.table: dict[str, tuple[Rules, int, float]] = {}
        # Sentence frames: each item its own mix.
        self.frame_cum = list(
            itertools.accumulate(w * (0.1 + 1.8 * self.style.random()) for w in FRAME_WEIGHTS)
        )
        self.stated: dict[str, int] = {}
        self.spent: set[str] = set()
        # Other places mentioned in passing: the event's own place most often.
        self.places = [
            event.place,
            place_name(random.Random(2 * event.index + 1)),
            place_name(random.Random(2 * event.index + 2)),
        ]

    def rules(self, kind: str) -> Rules:
        return self.type_rules.get(kind) or GRAMMAR[kind]

    def offset(self, kind: str) -> int:
        off = self.offsets.get(kind)
        if off is None:
            off = self.offsets[kind] = self.style.randrange(len(self.rules(kind).productions))
        return off

    def person(self, rng: random.Random) -> Person:
        persons = self.event.persons
        return persons[0] if rng.random() < 0.45 else persons[rng.randrange(len(persons))]

    def protected(self, kind: str, rng: random.Random) -> str:
        ev = self.event
        if kind in FACT_LIMITS:
            n = self.stated[kind] = self.stated.get(kind, 0) + 1
            if n >= FACT_LIMITS[kind]:
                self.spent.add(kind)
        if kind == "PERSON":
            p = self.person(rng)
            r = rng.random()
            return f"{p.first} {p.last}" if r < 0.35 else (f"{p.title} {p.last}" if r < 0.8 else p.last)
        if kind == "PERSON_ROLE":
            p = self.person(rng)
            return f"{p.first} {p.last}, {p.role}," if rng.random() < 0.6 else f"{p.role} {p.first} {p.last}"
        if kind == "ORG":
            org = ev.orgs[0] if rng.random() < 0.4 else ev.orgs[rng.randrange(len(ev.orgs))]
            return org[rng.random() < 0.4]
        if kind == "ORG_PAIR":
            a, b = rng.sample(ev.orgs, 2)
            return f"{a[0]} and {b[0]}"
        if kind == "TOPIC":
            return ev.topic[rng.random() < 0.5]
        if kind == "PLACE":
            return self.places[bisect.bisect_right(ev.place_cum, rng.random() * ev.place_cum[-1])]
        if kind == "OUTLET":
            return self.outlet
        if kind == "FIRST":
            return rng.choice(FIRST_NAMES)
        if kind == "SURNAME":
            return surname(rng)
        if kind == "DETAIL":
            return ev.details[min(len(ev.details) - 1, int(rng.expovariate(0.25)))]
        return {
            "MONEY": ev.money[rng.random() < 0.4],
            "COUNT": ev.count[rng.random() < 0.4],
            "PCT": ev.pct,
            "DURATION": ev.duration,
            "YEAR": ev.year,
            "PAST_YEAR": ev.past_year,
            "DAYNAME": ev.dayname,
        }[kind]


# ---------------------------------------------------------------------------------------------
# Trees: a node remembers its production, paraphrase, synonym choices and slot fillers, so a
# copy can be rendered again with the same facts and other words.
# ---------------------------------------------------------------------------------------------


class Node:
    __slots__ = ("choices", "fills", "kind", "production", "variant")

    def __init__(
        self, kind: str, production: Production, variant: int, choices: list[int], fills: dict[str, Any]
    ) -> None:
        self.kind = kind
        self.production = production
        self.variant = variant
        self.choices = choices
        self.fills = fills


Fill = Node | str


def expand(kind: str, ctx: Context, rng: random.Random, depth: int = 0) -> Fill:
    if kind in PROTECTED:
        return ctx.protected(kind, rng)
    entry = ctx.table.get(kind)
    if entry is None:
        rules = ctx.rules(kind)
        entry = ctx.table[kind] = (rules, ctx.offset(kind), rules.window(STYLE_WINDOW))
    rules, offset, total = entry
    # Keep sentences finite: deep nesting takes the shortest production.
    production = rules.pick(rng, offset, ctx.spent, total) if depth <= 4 else rules.shortest
    n = len(production)
    variant = int(rng.random() * n) if n > 1 else 0
    return _build(kind, production, variant, ctx, rng, depth, {})


def _build(
    kind: str,
    production: Production,
    variant: int,
    ctx: Context,
    rng: random.Random,
    depth: int,
    old: dict[str, Any],
    reword: tuple[float, float] | None = None,
) -> Node:
    """A node for one paraphrase: synonyms drawn, slots filled (from `old` where it has them)."""
    choices: list[int] = []  # one per field: the synonym chosen, or -1 for a slot
    fills: dict[str, Any] = {}
    v = production[variant]
    pref = ctx.preference
    random_ = rng.random
    append = choices.append
    for f, gid in zip(v.fields, v.gids, strict=False):
        if gid >= 0:  # a synonym group
            n = len(f)
            if n == 1:
                append(0)
            else:  # each item has its favourite member of a synonym group (60 % of the time)
                r = random_()
                append(((gid * 0x9E3779B1) ^ pref) % n if r < 0.6 else int((r - 0.6) / 0.4 * n) % n)
            continue
        append(-1)
        label = f.label  # type: ignore[union-attr]
        if label in fills:
            continue
        if label in old:
            fills[label] = reword_node(old[label], ctx, rng, *reword) if reword else old[label]
        else:
            fills[label] = expand(f.kind, ctx, rng, depth + 1)  # type: ignore[union-attr]
    return Node(kind, production, variant, choices, fills)


def render(fill: Fill) -> str:
    if fill.__class__ is str:
        return fill  # type: ignore[return-value]
    v = fill.production[fill.variant]  # type: ignore[union-attr]
    choices = fill.choices  # type: ignore[union-attr]
    fills = fill.fills  # type: ignore[union-attr]
    values = []
    append = values.append
    for f, c in zip(v.fields, choices, strict=False):
        if c >= 0:
            append(f[c])  # type: ignore[index]
        else:
            x = fills[f.label]  # type: ignore[union-attr]
            append(x if x.__class__ is str else render(x))
    return v.fmt.format(*values)


def reword_node(fill: Fill, ctx: Context, rng: random.Random, p_variant: float, p_synonym: float) -> Fill:
    """Same facts, other words: another paraphrase of the production, or other synonyms."""
    if isinstance(fill, str):
        return fill
    production = fill.production
    if len(production) > 1 and rng.random() < p_variant:
        variant = other_option(len(production), fill.variant, rng)
        return _build(fill.kind, production, variant, ctx, rng, 0, fill.fills, (p_variant, p_synonym))
    choices = [
        other_option(len(f), c, rng) if c >= 0 and len(f) > 1 and rng.random() < p_synonym else c
        for f, c in zip(production[fill.variant].fields, fill.choices, strict=True)
    ]
    fills = {k: reword_node(v, ctx, rng, p_variant, p_synonym) for k, v in fill.fills.items()}
    return Node(fill.kind, production, fill.variant, choices, fills)


def change_one_word(fill: Fill, rng: random.Random) -> Fill:
    """A copy of the tree with one synonym group switched (a sub-editor's one-word change)."""
    spots: list[tuple[Node, int, int]] = []

    def collect(node: Fill) -> None:
        if isinstance(node, str):
            return
        for i, (f, c) in enumerate(zip(node.production[node.variant].fields, node.choices, strict=True)):
            if c >= 0 and len(f) > 1 and " " not in "".join(f):  # type: ignore[arg-type]
                spots.append((node, i, len(f)))  # type: ignore[arg-type]
        for v in node.fills.values():
            collect(v)

    collect(fill)
    if not spots:
        return fill
    target, at, n = spots[rng.randrange(len(spots))]

    def copy(node: Fill) -> Fill:
        if isinstance(node, str):
            return node
        choices = list(node.choices)
        if node is target:
            choices[at] = other_option(n, choices[at], rng)
        return Node(
            node.kind, node.production, node.variant, choices, {k: copy(v) for k, v in node.fills.items()}
        )

    return copy(fill)


_A_BEFORE_VOWEL = re.compile(r"\b([Aa]) (?=[aeioAEIO]|und)")


def fix_articles(text: str) -> str:
    """ "a" before a vowel sound becomes "an" (the grammar puts adjectives after "a")."""
    return _A_BEFORE_VOWEL.sub(r"\1n ", text)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# Sentence frames: how clauses make a sentence, and the reordering a rewrite may apply.
FRAMES = ("plain", "open_time", "open_fixed", "attr", "according", "quote", "compound")
FRAME_WEIGHTS = (0.36, 0.1, 0.06, 0.18, 0.05, 0.08, 0.17)
CONJUNCTIONS = ("and", "but", "while", "as")


class Sent:
    """A sentence: a frame, its clause trees, and a form (the frame's order of clauses)."""

    __slots__ = ("conj", "form", "frame", "nodes", "text")

    def __init__(self, frame: str, nodes: list[Fill], form: int = 0, conj: str = "") -> None:
        self.frame = frame
        self.nodes = nodes
        self.form = form
        self.conj = conj
        self.text = fix_articles(render_sentence(self))


def render_sentence(s: Sent) -> str:
    r = [render(n) for n in s.nodes]
    f, form = s.frame, s.form
    if f == "plain":
        return capitalise(r[0]) + "."
    if f == "open_time":
        return f"{capitalise(r[0])}, {r[1]}." if form == 0 else f"{capitalise(r[1])} {r[0]}."
    if f == "open_fixed":
        return f"{capitalise(r[0])}, {r[1]}."
    if f == "attr":
        return f"{capitalise(r[0])}, {r[1]}." if form == 0 else f"{capitalise(r[1])} that {r[0]}."
    if f == "according":
        return f"According to {r[0]}, {r[1]}." if form == 0 else f"{capitalise(r[1])}, according to {r[0]}."
    if f == "quote":
        return f'"{capitalise(r[0])}," {r[1]}.' if form == 0 else f'{capitalise(r[1])}: "{capitalise(r[0])}."'
    # compound
    first, second = (r[0], r[1]) if form == 0 else (r[1], r[0])
    return f"{capitalise(first)}, {s.conj} {second}."


# Sentences shorter than this are drawn again (a few times): news sentences run to about 22
# words, and short formulaic ones make unrelated items look alike.
MIN_SENTENCE_WORDS = 12


def make_sentence(ctx: Context, rng: random.Random) -> Sent:
    for _ in range(3):
        s = _make_sentence(ctx, rng)
        if s.text.count(" ") + 1 >= MIN_SENTENCE_WORDS:
            return s
    return s


def _make_sentence(ctx: Context, rng: random.Random) -> Sent:
    frame = FRAMES[bisect.bisect_right(ctx.frame_cum, rng.random() * ctx.frame_cum[-1])]
    if frame == "plain":
        return Sent(frame, [expand("SX", ctx, rng)])
    if frame == "open_time":
        return Sent(frame, [expand("OPENER_TIME", ctx, rng), expand("SX", ctx, rng)])
    if frame == "open_fixed":
        return Sent(frame, [expand("OPENER_FIXED", ctx, rng), expand("SX", ctx, rng)])
    if frame == "attr":
        return Sent(frame, [expand("SX", ctx, rng), expand("ATTR", ctx, rng)])
    if frame == "according":
        return Sent(frame, [ctx.protected("ORG", rng), expand("SX", ctx, rng)])
    if frame == "quote":
        return Sent(frame, [expand("QUOTE", ctx, rng), expand("ATTR", ctx, rng)])
    return Sent(frame, [expand("S", ctx, rng), expand("CLAUSE", ctx, rng)], conj=rng.choice(CONJUNCTIONS))


def reword_sentence(s: Sent, ctx: Context, rng: random.Random, p: RewordParams) -> Sent:
    nodes = [reword_node(n, ctx, rng, p.variant, p.synonym) for n in s.nodes]
    form = s.form
    reorderable = s.frame in ("open_time", "attr", "according", "quote") or (
        s.frame == "compound" and s.conj in ("and", "while")
    )
    if reorderable and rng.random() < p.reorder:
        form = 1 - form
    out = Sent(s.frame, nodes, form, s.conj)
    if rng.random() < p.function_words:
        out.text = swap_function_words(out.text, rng)
    return out


_FUNCTION_WORD = re.compile(r"\b(" + "|".join(FUNCTION_SWAPS) + r")\b")


def swap_function_words(text: str, rng: random.Random) -> str:
    return _FUNCTION_WORD.sub(lambda m: rng.choice(FUNCTION_SWAPS[m.group(1)]), text, count=2)


@dataclass(frozen=True)
class RewordParams:
    variant: float = 0.8  # switch to another paraphrase of a production
    synonym: float = 0.7  # switch a synonym group to another member
    reorder: float = 0.6  # reorder a sentence's clauses where the frame allows it
    function_words: float = 0.5  # swap up to two function words ("said" -> "stated")
    drop: float = 0.1  # drop a sentence
    add: float = 0.1  # add a new sentence after one


# ---------------------------------------------------------------------------------------------
# Items
# ---------------------------------------------------------------------------------------------


@dataclass
class Item:
    index: int
    id: str
    event: Event
    outlet: str
    published: datetime
    title: str
    paragraphs: list[list[Sent]]
    text: str = ""
    title_node: Node | None = None

    def record(self) -> dict[str, str]:
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "url": url(self.outlet, self.published, self.title, self.id),
            "text": self.text,
        }


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def url(outlet: str, when: datetime, title: str, item_id: str) -> str:
    site = slug(outlet.removeprefix("The "))
    return f"https://{site}.example/news/{when:%Y/%m/%d}/{slug(title)[:60]}-{item_id}"


def join_paragraphs(paragraphs: list[list[Sent]]) -> str:
    return "\n\n".join(" ".join(s.text for s in p) for p in paragraphs if p)


def compose(ctx: Context, rng: random.Random, target_words: int) -> list[list[Sent]]:
    paragraphs: list[list[Sent]] = []
    words = 0
    while words < target_words:
        size = 1 if rng.random() < 0.45 else (2 if rng.random() < 0.75 else 3)
        para = []
        for _ in range(size):
            s = make_sentence(ctx, rng)
            para.append(s)
            words += s.text.count(" ") + 1
        paragraphs.append(para)
    return paragraphs


def headline(ctx: Context, rng: random.Random) -> Node:
    node = expand("HEADLINE", ctx, rng)
    assert isinstance(node, Node)
    return node


@dataclass(frozen=True)
class Config:
    items: int = 1000
    words: int = 600
    verbatim_share: float = 0.05
    reworded_share: float = 0.05
    credit_share: float = 0.5  # share of copies that name their source (dateline or credit line)
    seed: int = 1
    items_per_event: float = 6.0  # mean independent reports per event
    start: datetime = datetime(2026, 11, 1, tzinfo=UTC)
    id_prefix: str = "syn"
    reword: RewordParams = RewordParams()


class Generator:
    """Streams items; copies regenerate their source from its own seed (nothing kept but ids)."""

    def __init__(self, config: Config) -> None:
        self.c = config
        self.outlets = [
            f"The {p} {m}" for p, m in zip(self._places(40), itertools.cycle(MASTHEADS), strict=False)
        ]
        self.outlets += NATIONAL_OUTLETS
        self.outlet_cum = list(itertools.accumulate((k + 1) ** -0.8 for k in range(len(self.outlets))))
        self.hours_per_event = 24.0 * 30 / max(1.0, config.items / config.items_per_event)  # a month of news
        self.events: dict[str, list[str]] = {}

    def _places(self, n: int) -> list[str]:
        rng = random.Random(self.c.seed)
        out: list[str] = []
        while len(out) < n:
            p = place_name(rng)
            if p not in out:
                out.append(p)
        return out

    def rng(self, index: int, salt: int = 0) -> random.Random:
        return random.Random((self.c.seed << 40) ^ (index << 4) ^ salt)

    def outlet(self, rng: random.Random, avoid: str = "") -> str:
        while True:
            o = self.outlets[bisect.bisect_right(self.outlet_cum, rng.random() * self.outlet_cum[-1])]
            if o != avoid:
                return o

    def event(self, index: int) -> Event:
        return make_event(self.c.seed, index, self.c.start, self.hours_per_event)

    def original(self, index: int, event_index: int) -> Item:
        rng = self.rng(index)
        event = self.event(event_index)
        outlet = self.outlet(rng)
        ctx = Context(event, outlet, rng.getrandbits(32))
        target = max(
            int(self.c.words * 0.3),
            min(int(self.c.words * 2), int(rng.gauss(self.c.words, self.c.words / 4))),
        )
        title_node = headline(ctx, rng)
        paragraphs = compose(ctx, rng, target)
        published = event.time + timedelta(minutes=rng.uniform(0, 36 * 60))
        title = fix_articles(capitalise(render(title_node)))
        item = Item(index, self.item_id(index), event, outlet, published, title, paragraphs)
        item.text = join_paragraphs(paragraphs)
        item.title_node = title_node
        return item

    def item_id(self, index: int) -> str:
        return f"{self.c.id_prefix}-{index:07d}"

    def _source(self, source_index: int, event_index: int, rng: random.Random) -> tuple[Item, Context, str]:
        src = self.original(source_index, event_index)
        outlet = self.outlet(rng, avoid=src.outlet)
        return src, Context(src.event, outlet, rng.getrandbits(32)), outlet

    def credit(self, rng: random.Random, src: Item) -> tuple[str | None, str, str]:
        """(credit, text before the first paragraph, closing line): a dateline or a credit line."""
        if rng.random() >= self.c.credit_share:
            return None, "", ""
        r = rng.random()
        if r < 0.5:
            short, _ = WIRES[rng.randrange(len(WIRES))]
            return short, f"{src.event.place.upper()} ({short}) — ", ""
        if r < 0.75:
            _, name = WIRES[rng.randrange(len(WIRES))]
            return name, "", f"Copyright {src.published.year} {name}. All rights reserved."
        return src.outlet, "", f"This article was first published by {src.outlet}."

    def verbatim_copy(self, index: int, source_index: int, event_index: int) -> tuple[Item, str | None]:
        rng = self.rng(index, 1)
        src, ctx, outlet = self._source(source_index, event_index, rng)
        paragraphs = []
        for para in src.paragraphs:
            new = []
            for s in para:
                if rng.random() < 0.2:
                    nodes = list(s.nodes)
                    k = rng.randrange(len(nodes))
                    nodes[k] = change_one_word(nodes[k], rng)
                    s = Sent(s.frame, nodes, s.form, s.conj)
                new.append(s)
            paragraphs.append(new)
        if len(paragraphs) > 3 and rng.random() < 0.2:
            paragraphs.pop()  # trimmed to fit
        if rng.random() < 0.3:
            paragraphs.append([Sent("plain", [expand("CLOSING", ctx, rng)])])
        credit, dateline, closing = self.credit(rng, src)
        text = dateline + join_paragraphs(paragraphs) + (f"\n\n{closing}" if closing else "")
        if rng.random() < 0.5:
            text = curly_quotes(text)
        published = src.published + timedelta(minutes=rng.uniform(5, 24 * 60))
        item = Item(index, self.item_id(index), src.event, outlet, published, src.title, paragraphs, text)
        return item, credit

    def reworded_copy(self, index: int, source_index: int, event_index: int) -> tuple[Item, str | None]:
        rng = self.rng(index, 2)
        src, ctx, outlet = self._source(source_index, event_index, rng)
        p = self.c.reword
        paragraphs: list[list[Sent]] = []
        para: list[Sent] = []
        for k, s in enumerate(s for para in src.paragraphs for s in para):
            if k > 0 and rng.random() < p.drop:
                continue
            para.append(reword_sentence(s, ctx, rng, p) if k > 0 or rng.random() < 0.9 else s)
            if rng.random() < p.add:
                para.append(make_sentence(ctx, rng))
            if len(para) >= (1 if rng.random() < 0.4 else 2):  # the rewriter's own paragraphs
                paragraphs.append(para)
                para = []
        if para:
            paragraphs.append(para)
        title_node = reword_node(src.title_node, ctx, rng, p.variant, p.synonym) if src.title_node else None
        credit, dateline, closing = self.credit(rng, src)
        text = dateline + join_paragraphs(paragraphs) + (f"\n\n{closing}" if closing else "")
        published = src.published + timedelta(minutes=rng.uniform(20, 36 * 60))
        title = fix_articles(capitalise(render(title_node))) if title_node else src.title
        return Item(index, self.item_id(index), src.event, outlet, published, title, paragraphs, text), credit

    def plan(self) -> Iterator[tuple[int, int, int, int]]:
        """(index, kind, source index, event index) of every item in feed order; kind 0 is an
        original, 1 a verbatim copy, 2 a reworded copy. Records each event's originals."""
        c = self.c
        plan = random.Random(c.seed)
        kinds = bytearray(c.items)
        n_verbatim = round(c.items * c.verbatim_share)
        n_reworded = round(c.items * c.reworded_share)
        kinds[:n_verbatim] = b"\x01" * n_verbatim
        kinds[n_verbatim : n_verbatim + n_reworded] = b"\x02" * n_reworded
        plan.shuffle(kinds)  # type: ignore[arg-type]
        if kinds and kinds[0] and 0 in kinds:  # the first item cannot be a copy: swap in an original
            first_original = kinds.index(0)
            kinds[0], kinds[first_original] = 0, kinds[0]
        recent: deque[tuple[int, int]] = deque(maxlen=500)  # (index, event) of recent originals
        active: list[int] = []
        next_event = 0
        for index in range(c.items):
            kind = kinds[index] if recent else 0
            if kind == 0:
                # A new event now and then; otherwise another report on an active one.
                if not active or plan.random() < 1.0 / c.items_per_event:
                    active.append(next_event)
                    next_event += 1
                    if len(active) > 40:
                        active.pop(0)
                event_index = active[-1 - min(len(active) - 1, int(plan.expovariate(0.25)))]
                recent.append((index, event_index))
                self.events.setdefault(f"ev{event_index:06d}", []).append(self.item_id(index))
                yield index, 0, -1, event_index
            else:
                source_index, event_index = recent[plan.randrange(len(recent))]
                yield index, kind, source_index, event_index

    def build(self, task: tuple[int, int, int, int]) -> tuple[Item, dict[str, Any] | None]:
        """One item of the plan, and its planted pair if it is a copy."""
        index, kind, source_index, event_index = task
        if kind == 0:
            return self.original(index, event_index), None
        copy = self.verbatim_copy if kind == 1 else self.reworded_copy
        item, credit = copy(index, source_index, event_index)
        return item, {
            "a": self.item_id(source_index),
            "b": item.id,
            "kind": "verbatim" if kind == 1 else "reworded",
            "earliest": self.item_id(source_index),
            "credit": credit,
        }

    def items(self) -> Iterator[tuple[Item, dict[str, Any] | None]]:
        """(item, planted pair or None) in feed order, in this process."""
        for task in self.plan():
            yield self.build(task)


_WORKER: Generator | None = None


def _init_worker(config: Config) -> None:
    global _WORKER
    _WORKER = Generator(config)


def _build_line(task: tuple[int, int, int, int]) -> tuple[str, dict[str, Any] | None, int]:
    assert _WORKER is not None
    item, pair = _WORKER.build(task)
    return json.dumps(item.record(), ensure_ascii=False), pair, len(item.text.split())


def curly_quotes(text: str) -> str:
    text = re.sub(r'"([^"\n]*)"', "“\\1”", text)
    return text.replace("'", "’")


# ---------------------------------------------------------------------------------------------
# Writing, burying, checking
# ---------------------------------------------------------------------------------------------


def open_out(path: Path, compress: bool) -> io.TextIOBase:
    path.parent.mkdir(parents=True, exist_ok=True)
    if compress:
        return gzip.open(path, "wt", encoding="utf-8", compresslevel=5)  # type: ignore[return-value]
    return path.open("w", encoding="utf-8")


def bury_records(path: Path) -> Iterator[tuple[str | None, str]]:
    """(id, JSON line) of the items to bury: JSON Lines lines unchanged; other inputs via auditor.load."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8-sig") as fh:
            for line_no, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    item_id = json.loads(line).get("id")
                except (json.JSONDecodeError, AttributeError):
                    print(f"{path}:{line_no}: not a JSON object; appended unchanged", file=sys.stderr)
                    item_id = None
                yield item_id, line.rstrip("\n")
        return
    from auditor import load

    for a in load(path):
        record = {
            "id": a.id,
            "outlet": a.outlet,
            "title": a.title,
            "published": a.published.strftime("%Y-%m-%dT%H:%M:%SZ") if a.published else None,
            "url": a.url,
            "text": a.text,
        }
        yield a.id, json.dumps(record, ensure_ascii=False)


def truth_path(out: Path) -> Path:
    name = out.name
    for suffix in (".gz", ".jsonl", ".ndjson"):
        name = name.removesuffix(suffix)
    return out.with_name(name + ".truth.json")


def generate(
    config: Config,
    out: Path,
    truth: Path | None = None,
    compress: bool | None = None,
    bury: list[Path] | None = None,
    progress: bool = False,
    workers: int | None = None,
) -> dict[str, Any]:
    """Write the feed and its ground truth; returns a summary (counts, seconds, paths).

    Items are built in `workers` processes (default: all cores) and written in order by this
    one, so the bytes do not depend on the number of workers.
    """
    truth = truth or truth_path(out)
    compress = out.name.endswith(".gz") if compress is None else compress
    workers = workers or os.cpu_count() or 1
    gen = Generator(config)
    pairs: list[dict[str, Any]] = []
    buried: list[str | None] = []
    words = 0
    start = time.perf_counter()
    pool = (
        multiprocessing.Pool(workers, _init_worker, (config,))
        if workers > 1 and config.items >= 2000
        else None
    )
    try:
        if pool is None:
            _init_worker(config)
            lines: Iterator[tuple[str, dict[str, Any] | None, int]] = map(_build_line, gen.plan())
        else:
            lines = pool.imap(_build_line, gen.plan(), chunksize=64)
        with open_out(out, compress) as fh:
            for n, (line, pair, n_words) in enumerate(lines, start=1):
                fh.write(line + "\n")
                words += n_words
                if pair:
                    pairs.append(pair)
                if progress and n % 10000 == 0:
                    rate = n / (time.perf_counter() - start)
                    print(f"{n:,} items ({rate:,.0f}/s)", file=sys.stderr)
            for path in bury or []:
                for item_id, line in bury_records(path):
                    fh.write(line + "\n")
                    buried.append(item_id)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    seconds = time.perf_counter() - start
    summary = {
        "items": config.items,
        "buried": buried,
        "seed": config.seed,
        "mean_words": words / max(1, config.items),
        "verbatim_pairs": sum(p["kind"] == "verbatim" for p in pairs),
        "reworded_pairs": sum(p["kind"] == "reworded" for p in pairs),
        "events": len(gen.events),
        "seconds": seconds,
        "feed": str(out),
        "truth": str(truth),
    }
    doc = {
        "generator": "benchmarks/generate_corpus.py",
        "config": {
            "items": config.items,
            "words": config.words,
            "verbatim_share": config.verbatim_share,
            "reworded_share": config.reworded_share,
            "credit_share": config.credit_share,
            "seed": config.seed,
        },
        "note": "pairs: a = the source, b = its planted copy; copies of one source are related to each "
        "other too (not listed). events: ids of the independent reports of each event (same topic, "
        "no reuse). buried: ids appended with --bury (their relations are not listed).",
        "pairs": pairs,
        "events": gen.events,
        "buried": buried,
    }
    truth.parent.mkdir(parents=True, exist_ok=True)
    truth.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    return summary


def read_records(path: Path, wanted: set[str]) -> dict[str, dict[str, Any]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    out = {}
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record.get("id") in wanted:
                out[record["id"]] = record
    return out


def trigram_jaccard(a: str, b: str) -> float:
    from auditor.fingerprint import word_shingles
    from auditor.text import words

    x = set(word_shingles(words(a), 3))
    y = set(word_shingles(words(b), 3))
    return len(x & y) / len(x | y) if x | y else 0.0


def content_kept(a: str, b: str) -> float:
    """Share of a's content-word stems (tokens) that appear in b: how much of the wording survives."""
    from auditor.text import content_stems, words

    x = content_stems(words(a))
    y = set(content_stems(words(b)))
    return sum(t in y for t in x) / len(x) if x else 0.0


def check(feed: Path, truth: Path, n: int = 100, seed: int = 0) -> dict[str, Any]:
    """Compare n planted pairs of each kind and n same-event independent pairs with auditor.compare."""
    from auditor import Article, compare

    doc = json.loads(truth.read_text(encoding="utf-8"))
    rng = random.Random(seed)
    groups: dict[str, list[tuple[str, str]]] = {}
    for kind in ("verbatim", "reworded"):
        pairs = [(p["a"], p["b"]) for p in doc["pairs"] if p["kind"] == kind]
        groups[kind] = rng.sample(pairs, min(n, len(pairs)))
    same_event = [
        pair
        for ids in doc["events"].values()
        if len(ids) > 1
        for pair in itertools.combinations(sorted(ids), 2)
    ]
    groups["same-event independent"] = rng.sample(same_event, min(n, len(same_event)))
    records = read_records(feed, {i for pairs in groups.values() for pair in pairs for i in pair})
    out: dict[str, Any] = {}
    for kind, pairs in groups.items():
        rels: dict[str, int] = {}
        jaccards = []
        kept = []
        aligned_kept = []
        for a_id, b_id in pairs:
            ra, rb = records[a_id], records[b_id]
            c = compare(Article(id=a_id, text=ra["text"]), Article(id=b_id, text=rb["text"]))
            rels[c.relationship.value] = rels.get(c.relationship.value, 0) + 1
            jaccards.append(trigram_jaccard(ra["text"], rb["text"]))
            kept.append(content_kept(ra["text"], rb["text"]))
            aligned_kept += [
                len(p.a.content & p.b.content) / len(p.a.content) for p in c.pairs if p.a.content
            ]
        jaccards.sort()
        out[kind] = {
            "pairs": len(pairs),
            "relationships": dict(sorted(rels.items())),
            "trigram_jaccard_median": jaccards[len(jaccards) // 2] if jaccards else None,
            "trigram_jaccard_max": jaccards[-1] if jaccards else None,
            "trigram_jaccard_below_0.2": sum(j < 0.2 for j in jaccards) / len(jaccards) if jaccards else None,
            "content_words_kept_mean": sum(kept) / len(kept) if kept else None,
            "aligned_sentences": len(aligned_kept),
            "aligned_content_kept_mean": sum(aligned_kept) / len(aligned_kept) if aligned_kept else None,
        }
    return out


REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "polnear-train"


def text_stats(texts: list[str], pairs: int = 2000, seed: int = 0) -> dict[str, Any]:
    """Word statistics that decide how alike unrelated items look: word 3-gram Jaccard of random
    pairs, how many 3-grams are in a tenth of the items or more, sentence length, vocabulary."""
    from auditor.fingerprint import word_shingles
    from auditor.text import sentences, words

    rng = random.Random(seed)
    sets = [set(word_shingles(words(t), 3)) for t in texts]
    jaccards = sorted(
        len(sets[i] & sets[j]) / max(1, len(sets[i] | sets[j]))
        for i, j in (rng.sample(range(len(texts)), 2) for _ in range(pairs))
    )
    df: dict[str, int] = {}
    for x in sets:
        for g in x:
            df[g] = df.get(g, 0) + 1
    sentence_words, content_words, types, tokens = [], [], set(), 0
    for t in texts[:500]:
        for sent in sentences(t):
            sentence_words.append(len(sent.words))
            content_words.append(len(sent.content))
            types.update(sent.words)
            tokens += len(sent.words)
    q = lambda p: round(jaccards[min(len(jaccards) - 1, int(p * len(jaccards)))], 4)  # noqa: E731
    return {
        "items": len(texts),
        "mean_words": round(sum(len(words(t)) for t in texts) / len(texts), 1),
        "random_pair_trigram_jaccard": {"median": q(0.5), "p90": q(0.9), "p99": q(0.99)},
        "trigrams_in_10pct_of_items": sum(v >= 0.1 * len(texts) for v in df.values()),
        "sentence_words_mean": round(sum(sentence_words) / len(sentence_words), 1),
        "content_words_per_sentence": round(sum(content_words) / len(content_words), 1),
        "types_in_first_500_items": len(types),
        "tokens_in_first_500_items": tokens,
    }


def reference_texts(limit: int = 1000) -> list[str]:
    """PolNeAR news texts (../shared/eval, read for statistics only; never copied anywhere)."""
    paths = sorted(REFERENCE.glob("*/text/*.txt"))[:limit]
    return [p.read_text(encoding="utf-8", errors="replace") for p in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1000, help="number of generated items (default 1000)")
    parser.add_argument("--words", type=int, default=600, help="mean words per item (default 600)")
    parser.add_argument("--verbatim-share", type=float, default=0.05, help="share of verbatim copies (0.05)")
    parser.add_argument("--reworded-share", type=float, default=0.05, help="share of reworded copies (0.05)")
    parser.add_argument(
        "--credit-share", type=float, default=0.5, help="share of copies naming a source (0.5)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="feed to write (.jsonl, or .jsonl.gz)")
    parser.add_argument("--truth", type=Path, help="ground truth JSON (default: OUT with .truth.json)")
    parser.add_argument("--gzip", action="store_true", help="gzip the feed (implied by a .gz name)")
    parser.add_argument(
        "--bury", type=Path, action="append", default=[], help="append these items unchanged (repeatable)"
    )
    parser.add_argument("--check", type=int, metavar="N", help="then compare N pairs of each kind and report")
    parser.add_argument(
        "--stats",
        action="store_true",
        help="then print word statistics of the feed (first 1000 items) next to real news "
        "(../shared/eval/polnear-train, when present)",
    )
    parser.add_argument("--workers", type=int, help="processes building items (default: all cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    config = Config(
        items=args.items,
        words=args.words,
        verbatim_share=args.verbatim_share,
        reworded_share=args.reworded_share,
        credit_share=args.credit_share,
        seed=args.seed,
    )
    summary = generate(
        config,
        args.out,
        args.truth,
        args.gzip or None,
        args.bury,
        progress=not args.quiet,
        workers=args.workers,
    )
    print(json.dumps(summary, indent=2))
    if args.check:
        print(json.dumps(check(args.out, Path(summary["truth"]), args.check), indent=2))
    if args.stats:
        opener = gzip.open if args.out.name.endswith(".gz") else open
        with opener(args.out, "rt", encoding="utf-8") as fh:
            texts = [json.loads(line)["text"] for line in itertools.islice(fh, 1000)]
        stats = {"synthetic": text_stats(texts)}
        reference = reference_texts()
        if reference:
            stats["polnear (real news)"] = text_stats(reference)
        print(json.dumps(stats, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
