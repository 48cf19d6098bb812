"""Attribution, issue 16 round 2: source classes and spans by the sourcing codebook.

Every sentence below is invented for these tests (short news-style sentences); none is taken
from a real article or from PolNeAR.
"""

from __future__ import annotations

import pytest

from tests.test_attribution import DOC, MR, NO, NP, OT, UN, attributions, first, only


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # Codebook rule 4: a poll or a data set is a document even when an outlet ran it.
        ("A Clarion Post poll shows the mayor trailing by six points.", "shows", (DOC,)),
        ("According to a Daily Courier survey of voters, the mayor trails.", "According to", (DOC,)),
        # An outlet's own article is still its reporting.
        ("A Clarion Post article said the mayor would resign.", "said", (MR,)),
        # A media word inside a title is part of the title, not an outlet.
        ("White House Press Secretary Tom Bell said the talks would resume.", "said", (NP,)),
        # A journalist by the outlet they write for, and later by their pronoun.
        ("The Daily Courier's Ann Lowe noted that the figures were late.", "noted", (MR,)),
        # A year or a title word is no share of people.
        ("The Senate majority leader said the vote would be on Friday.", "said", (NO,)),
        ("The council in 2015 rejected the plan, saying it was too costly.", "saying", (NO,)),
    ],
)
def test_classes_of_documents_outlets_and_offices(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


def test_a_journalists_pronoun_stays_a_media_report():
    found = attributions(
        "The mayor spoke at length. The Daily Courier's Ann Lowe noted that the figures were late. "
        "She wrote that the council had not replied."
    )
    assert first(found, "wrote").classes == (MR,)


@pytest.mark.parametrize(
    ("text", "cue", "classes", "refers_to"),
    [
        # "it" is the body or document the clause is about, in its sentence or the one before.
        (
            "A formal letter from the city arrived on Thursday. It says the campaign used the logo.",
            "says",
            (DOC,),
            "A formal letter from the city",  # (a verb with no object may read on: a prefix)
        ),
        (
            "Although the fund did not name the plan, it warned that tolls would slow trade.",
            "warned",
            (NO,),
            "the fund",
        ),
        # "they" after names joined by "and" is those named people.
        (
            "Senators Ann Lowe and Tom Price want the scheme reformed. It has grown too far, they say.",
            "say",
            (NP,),
            "Senators Ann Lowe and Tom Price",
        ),
    ],
)
def test_it_and_they_stand_for_the_noun_phrase_before_them(text, cue, classes, refers_to):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason
    assert a.refers_to is not None and a.refers_to.startswith(refers_to)


def test_it_never_stands_for_a_loose_group():
    found = attributions(
        "Local leaders met on Monday. The weather was poor. The talks ran late. It says nothing."
    )
    assert all(a.classes != (UN,) or a.source != "It" for a in found)


def test_he_is_never_one_of_many():
    found = attributions("Many voters expect a close race. He said the polls were wrong.")
    assert first(found, "said").classes == (NP,)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A verb ends the subject: its object is no part of the source.
        (
            "Several civic groups gave the firm more time, saying the plan was credible.",
            "saying",
            "Several civic groups",
        ),
        ("A group of nurses sent a petition to the board calling for his removal.", "calling for", None),
        # A real page: "The government also directly rebuffed arguments saying" had the source
        # "rebuffed arguments": after a subject and an adverb, an -ed word before its object.
        ("The ministry also directly rebuffed arguments saying the depot was unsafe.", "saying", "arguments"),
        # An adverb between an article and the word it modifies stays in the phrase.
        ("The directly elected mayor said the vote was fair.", "said", "The directly elected mayor"),
        (
            "The fiscally cautious city council reported a loss.",
            "reported",
            "The fiscally cautious city council",
        ),
    ],
)
def test_a_verb_ends_the_source_phrase(text, cue, source):
    a = first(attributions(text), cue)
    if source is None:
        assert a.source is None or "letter" not in a.source or "sent" not in a.source
    else:
        assert a.source == source


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # Lawyers speak for their client (the labels' reading of the codebook).
        ("Lawyers for Ann Lowe said the claim was false.", "said", (NO,)),
        ("Her attorneys said the ruling would be appealed.", "said", (NO,)),
        # Aides and advisers of a named person are not that person: unnamed (rule 3).
        ("An aide to Senator Tom Price said the vote was close.", "said", (UN,)),
        ("Advisers to Mr. Price say the bill is dead.", "say", (UN,)),
        # A named person's family is people the article names.
        ("Lowe's family called on the police to release the video.", "called on", (NP,)),
        # A lawyer named in apposition is that named person.
        ("A lawyer for the family, Ann Lowe, said the video was clear.", "said", (NP,)),
    ],
)
def test_people_attached_to_a_named_person(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


def test_a_headline_description_is_the_person_the_article_then_names():
    found = attributions(
        "Judge warns harbour board over pier sale.\n\n"
        "A county judge on Monday rejected the board's plan to sell the pier, saying it broke the "
        "lease.\n\n"
        "Justice Ann Lowe wrote that the lease ran until 2040."
    )
    for cue in ("warns", "saying"):
        a = first(found, cue)
        assert a.classes == (NP,), a.reason
        assert a.refers_to == "Ann Lowe"


def test_an_anonymous_description_in_a_headline_stays_unnamed():
    found = attributions(
        "Official says talks have stalled.\n\nThe talks in Geneva ended early.\n\n"
        "Minister Ann Lowe left on Monday."
    )
    assert first(found, "says").classes == (UN,)


def test_a_passive_judgement_needs_as_or_to():
    judged = attributions("The levy is widely seen as a tax on savers.")
    assert first(judged, "seen").classes == (UN,)
    sight = attributions("The mayor was seen leaving the hall on Monday.")
    assert all(a.cue != "seen" for a in sight)


@pytest.mark.parametrize(
    "text",
    [
        "A careful reader would ask whether the figures add up.",
        "No one expected the vote to be this close.",
    ],
)
def test_hypotheticals_and_nobody_are_other(text):
    found = attributions(text)
    assert found and all(a.classes == (OT,) for a in found), [(a.cue, a.reason) for a in found]


def test_they_with_nothing_to_refer_to_is_no_source():
    found = attributions("The hall was cold. They argue that the rules were broken.")
    assert all(a.source != "They" for a in found)


def test_a_new_clause_after_a_comma_and_a_conjunction_has_its_own_source():
    found = attributions(
        "Voters want rules that raise prices, and donors want rules that lower them "
        "(they want lower rates and suggest that growth would follow)."
    )
    assert [a.source for a in found] == ["Voters", "donors", "they", "they"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # PolNeAR dev: "Republicans said they're increasingly convinced the Justice Department
        # mishandled the investigation and Democrats accused the GOP of ..." lost "accused".
        (
            "Councillors said the board mishandled the audit and unions accused the mayor of stalling.",
            "unions",
        ),
        ("Ann Lowe said the port authority ignored the warnings and she accused Tom Reyes of lying.", "she"),
    ],
)
def test_a_clause_after_and_inside_what_was_said_has_its_own_source(text, source):
    assert first(attributions(text), "accused").source == source


def test_an_aside_in_brackets_does_not_part_a_cue_from_the_next_after_and():
    # PolNeAR train: "as he mentioned raising the minimum wage (with far less intensity than
    # ...) and described Mrs. Clinton's plans" lost "described".
    found = attributions(
        "Some guests were yawning as Reyes mentioned the ferry levy (with far less passion than his "
        "rival's long plea for a new bridge) and described the harbour plans."
    )
    assert first(found, "described").source == "Reyes"


def test_a_subject_of_two_inside_what_was_said_is_no_new_clause():
    found = attributions("Lowe said that both she and Reyes backed the levy.")
    assert [a.cue for a in found] == ["said"]


def test_the_first_speaker_speaks_again_after_what_they_said():
    found = attributions(
        'Mayor Ann Lowe said on Friday that she thinks the report should be published but said "the '
        'date matters."'
    )
    assert [a.source for a in found] == ["Mayor Ann Lowe", "Mayor Ann Lowe"]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # The subject a prepositional phrase hangs from, not the phrase's object.
        (
            "Political observers in the state and around the country say the seat is safe.",
            "say",
            "Political observers in the state",
        ),
        ('Protesters marching through the streets chanted "No curfew!" until dawn.', "chanted", "Protesters"),
    ],
)
def test_the_subject_is_the_phrase_a_prepositional_phrase_hangs_from(text, cue, source):
    a = first(attributions(text), cue)
    assert a.source == source
    assert a.classes == (UN,)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The mayor was also dubbed a reformer.", "dubbed"),
        ("The regime is not thought to have the missile.", "thought to"),
    ],
)
def test_a_word_between_the_passive_auxiliary_and_the_participle(text, cue):
    a = first(attributions(text), cue)
    assert a.source is None and a.classes == (UN,)


def test_a_count_of_people_is_no_poll_finding():
    found = attributions(
        "A new poll showed the race tied. In a column, two party speechwriters urged her to fight. "
        "Six in 10 voters say the race is close."
    )
    assert first(found, "urged").classes == (UN,)
    assert first(found, "say").classes == (DOC,)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A lowercase verb ends the sentence's subject.
        ("Lowe campaigned in Eastfield on Saturday and says she voted early.", "says", "Lowe"),
        # A plural determiner makes a base form a verb.
        ("In most towns, those surveyed say the buses are late.", "say", "those surveyed"),
        # "who" is said of people, whatever the antecedent's noun.
        ("The ad stars a comic impersonator who promises that taxes will fall.", "promises", "impersonator"),
        # A relative clause after a copula's descriptions is about the subject.
        (
            "Tom Price is a veteran, a reformer and a critic who has pledged to cut the levy.",
            "pledged",
            "Tom Price",
        ),
        # The same source's next stance, joined by "and".
        (
            "Mr. Price had criticized the bishop as a partisan and accused him of meddling.",
            "accused",
            "Mr. Price",
        ),
    ],
)
def test_more_subjects(text, cue, source):
    a = first(attributions(text), cue)
    assert a.source is not None and source in a.source, a.source


def test_a_stance_inside_what_a_source_says_is_not_the_articles():
    found = attributions("Guards say he hid the bag and refused to open it.")
    assert [a.cue for a in found] == ["say"]


def test_a_participles_time_phrase_stands_between_a_poll_and_its_cue():
    found = attributions(
        "A Clarion University poll released in late August found that 74 percent of likely voters "
        "said the mayor should resign."
    )
    assert first(found, "found").source == "A Clarion University poll"
    said = first(found, "said")
    assert said.source == "74 percent of likely voters"
    assert said.classes == (DOC,)


@pytest.mark.parametrize(
    "text",
    [
        "The checkers rated 32% of council claims as false.",  # a noun after "of"
        "The site cites so many council claims as wrong.",  # after a quantifier
        "After that the fee would decline by two points a year.",  # no agent
        "(WARNING: Strong language below.)",  # a label
        "Having said that, the levy is still too high.",  # an idiom
        "It is worth noting that the bill was paid.",  # the writer's aside
        "It was the most widely seen clip of the week.",  # a superlative
    ],
)
def test_no_attribution_in_these(text):
    assert attributions(text) == ()


@pytest.mark.parametrize(
    ("text", "source", "classes"),
    [
        ("Mr. Price seemed to suggest that the vote was rigged.", "Mr. Price", (NP,)),
        ("Analysts seem sure the votes are there.", "Analysts", (UN,)),
        ("It seems the council has given up.", None, (OT,)),
        ("The levy seems doomed.", None, (OT,)),
    ],
)
def test_an_impression_is_its_subjects_or_the_writers(text, source, classes):
    a = first(attributions(text), attributions(text)[0].cue)
    assert a.cue.lower().startswith("seem")
    assert a.source == source and a.classes == classes


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        # A share of a relative clause's antecedent.
        (
            "Residents of the valley, many of whom say the plan is unfair, met on Monday.",
            "say",
            "many of whom",
            (UN,),
        ),
        # A passive's agent later in its clause.
        (
            "The baker has been called a fraud by rival bakers.",
            "called",
            "rival bakers",
            (UN,),
        ),
        # "all" opening a clause is its subject.
        ("In the end, all agreed that the levy was too high.", "agreed", "all", (UN,)),
        # A bare plural of bodies is no specific body; one whose members are named is.
        (
            "On Monday, human rights groups warned that the ban was unlawful.",
            "warned",
            "human rights groups",
            (UN,),
        ),
        (
            "Other unions, including the Teachers Federation, endorsed Lowe.",
            "endorsed",
            "Other unions",
            (NO,),
        ),
        ("These voters point to the 1998 housing bill.", "point to", "These voters", (UN,)),
    ],
)
def test_groups_and_shares(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert a.source is not None and a.source.startswith(source), a.source
    assert a.classes == classes, a.reason


def test_a_hedge_in_a_clause_of_its_own_stays():
    found = attributions("The vote is expected to be close, but the rebels seem sure of the numbers.")
    assert [a.cue for a in found] == ["expected to", "seem"]
    found = attributions("Trade is expected to grow, analysts say.")
    assert [a.cue for a in found] == ["say"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Clarion Post reports: the council overspent.", [("reports", "The Clarion Post")]),
        ("The Guardian reports that the mayor was ill.", [("reports", "The Guardian")]),
        # A noun elsewhere.
        ("Credit reports show the debt is rising.", [("show", "Credit reports")]),
        ("The Times report said the council overspent.", [("said", "The Times report")]),
    ],
)
def test_reports_after_an_outlets_name_is_a_verb(text, found):
    assert [(a.cue, a.source) for a in attributions(text)] == found


def test_a_name_inside_a_quotation_is_not_whom_he_stands_for():
    found = attributions(
        "Clarion TV host Ann Lowe praised the debate. Lowe said the winner was clear.\n\n"
        '"I think he secured Tom Price\'s flank," she said.\n\n'
        "However, she characterized the other side as weak."
    )
    assert first(found, "characterized").classes == (MR,)


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        (
            "Small groups of fans continued to call for a refund.",
            "call for",
            "Small groups of fans",
            (UN,),
        ),
        (
            "The Rev. Peter Lowe, of Harbour Street Church, said the city was calm.",
            "said",
            "The Rev. Peter Lowe",
            (NP,),
        ),
        (
            "A long study being released on Friday by two economists shows how ports lose money.",
            "shows",
            "A long study",
            (DOC,),
        ),
    ],
)
def test_heads_of_longer_phrases(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert a.source == source and a.classes == classes, (a.source, a.reason)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("The most recent poll shows the mayor has slipped to 31 percent.", "shows", "most recent poll"),
        ("A Clarion poll last week showed the mayor in fourth place.", "showed", "A Clarion poll"),
        ("A Clarion poll out Tuesday showed the mayor ahead.", "showed", "A Clarion poll"),
        ("The poll, published on Friday by the college, showed the mayor ahead.", "showed", "The poll"),
        (
            "Many fans who came to the ground to watch the final say they will return.",
            "say",
            "Many fans",
        ),
    ],
)
def test_a_poll_or_a_group_across_what_stands_between(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A participle ends the phrase after "according to".
        ("The race is tied, according to a Clarion poll released Monday.", "according to", "a Clarion poll"),
        # An opening time phrase or adverb is not the subject.
        ("This year, he wrote to the board, saying the plan was flawed.", "saying", "he"),
        ("Ultimately, Mr. Lowe read the report and refused to comment.", "refused", "Mr. Lowe"),
        # The named subject before an aside, not a phrase after the cue.
        ('Tom Price, who ran the fund, said the mayor "has lost the room."', "said", "Tom Price"),
        (
            "Ann Lowe, the author of the study, said the days of cheap credit are gone.",
            "said",
            "Ann Lowe, the author of the study",
        ),
        # The one who released a statement speaks through it.
        (
            "Mayor Ann Lowe released a statement on Thursday condemning the attack.",
            "condemning",
            "Mayor Ann Lowe",
        ),
    ],
)
def test_source_spans_at_clause_boundaries(text, cue, source):
    assert first(attributions(text), cue).source == source


def test_an_inverted_source_after_a_quotation_stays():
    assert (
        first(attributions('"We won," said the minister, who was smiling.'), "said").source == "the minister"
    )


def test_appeared_to_is_an_impression_like_seemed():
    assert first(attributions("He appeared to blame the unions."), "appeared").classes == (NP,)
    a = first(attributions("The levy appeared to be doomed."), "appeared")
    assert a.source is None and a.classes == (OT,)


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # People the article has just named, described in the plural.
        (
            "Senator Ann Lowe and Senator Tom Price want changes. The senators said the scheme was "
            "plagued by fraud.",
            "said",
            (NP,),
        ),
        # A report by a named body that is not an outlet is a document; a journal too.
        ("A National Audit Office report found the scheme was abused.", "found", (DOC,)),
        ("According to the top British medical journal, the claims are false.", "According to", (DOC,)),
        # People at a body described after a comma are not named.
        (
            "Officials at Harbour Security Investigations, a division of the port authority, said "
            "they were concerned.",
            "said",
            (UN,),
        ),
        # The subject is not the object inside a relative clause.
        ("One of the doctors who signed the petition called the manager a bully.", "called", (UN,)),
    ],
)
def test_more_classes(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, (a.source, a.reason)


def test_a_name_with_an_inner_capital_is_one_name():
    found = attributions(
        "Dan McAllister at the Harbour Review agreed that the debate was lost. He wrote that the "
        "result was clear."
    )
    assert first(found, "wrote").classes == (MR,)


def test_a_speaker_adding_at_the_end_of_a_sentence():
    found = attributions("The board delayed the vote, the source added.")
    a = first(found, "added")
    assert a.source == "the source" and a.classes == (UN,)


def test_a_comma_ends_the_search_for_a_later_agent():
    found = attributions("If a new plan were offered, fans in towns visited by the Rovers would back it.")
    assert all(a.source != "the Rovers" and a.source != "Rovers" for a in found)


def test_a_headlines_title_case_hides_no_common_noun():
    found = attributions("Local Website Shows Errors In Council Budget.\n\nThe site checked the figures.")
    assert first(found, "Shows").classes == (MR,)


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        (
            "Police Chief Ann Jordan said the officer was placed on leave.",
            "said",
            "Police Chief Ann Jordan",
            (NP,),
        ),
        (
            "EASTFIELD -- Mayor Ann Lowe, opening the museum, said the town had changed.",
            "said",
            "Mayor Ann Lowe",
            (NP,),
        ),
        (
            "Tom Price, president of the Teachers Federation, which represents city teachers, said he "
            "hopes for a deal.",
            "said",
            "Tom Price, president of the Teachers Federation",
            (NP,),
        ),
    ],
)
def test_names_datelines_and_appositions(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert a.source == source and a.classes == classes, (a.source, a.reason)


def test_a_last_name_that_is_a_country_is_the_person_once_named():
    found = attributions("Rep. Ann Jordan said the deal was bad. Jordan said it again on Monday.")
    assert [a.classes for a in found] == [(NP,), (NP,)]
    assert first(attributions("Jordan said the border would stay closed."), "said").classes == (NO,)


def test_they_passes_on_and_a_letters_sender_speaks_through_it():
    found = attributions(
        "Senators Ann Lowe and Tom Price want reform. They sent a letter on Thursday to Senate "
        'leaders opposing the bill. "The scheme is broken," they wrote.'
    )
    for cue in ("opposing", "wrote"):
        a = first(found, cue)
        assert a.classes == (NP,), a.reason
        assert a.refers_to == "Senators Ann Lowe and Tom Price"


def test_they_keeps_the_class_its_phrase_was_given_as_a_source():
    found = attributions(
        "Supporters, including the Harbour Traders Association, have urged the council to keep the scheme, "
        "although they say changes are needed."
    )
    assert first(found, "say").classes == first(found, "urged").classes


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        ("The mayor needs to tell the truth about the budget.", "tell", (OT,)),  # the writer's prescription
        (
            "As one reader, @harbourwatch, pointed out, the figures are wrong.",
            "pointed out",
            (NP,),
        ),  # an account
    ],
)
def test_prescriptions_and_accounts(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, (a.source, a.reason)


def test_a_journalist_named_later_is_a_journalist_in_the_headline():
    found = attributions(
        "Ann Lowe: The Mayor Is Afraid.\n\nAccording to talk radio host Ann Lowe, the move reeks of fear."
    )
    assert [a.classes for a in found] == [(MR,), (MR,)]


def test_a_capitalised_function_word_after_a_first_name_is_a_last_name():
    found = attributions(
        "Prime Minister Ann May said this week that the country would leave by March and suggested "
        "that it would quit the market."
    )
    assert [(a.cue, a.source, a.classes) for a in found if a.cue != "declare"] == [
        ("said", "Prime Minister Ann May", (NP,)),
        ("suggested", "Prime Minister Ann May", (NP,)),
    ]


def test_a_claim_after_a_possessive_and_an_adjective_is_a_noun():
    found = attributions("The recording contradicts the council's earlier claim that it had paid.")
    assert all(a.cue != "claim" for a in found)


def test_both_candidates_are_the_two_just_named():
    found = attributions(
        "Ann Lowe and Tom Price spoke on Monday. Both mayoral candidates have opposed the deal."
    )
    a = first(found, "opposed")
    assert a.classes == (NP,), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        (
            "Mayor Ann Lowe and her aides have not said how the plan works.",
            "said",
            "Mayor Ann Lowe and her aides",
            (NP,),
        ),
        ("Lowe, others vow consequences.", "vow", "Lowe, others", (NP,)),
        # Coordinated modifiers are no named conjunct.
        ("Local and county officials said the two raised money.", "said", "county officials", (UN,)),
    ],
)
def test_a_group_led_by_someone_named(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert a.source == source and a.classes == classes, (a.source, a.reason)


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        # A relative clause after a predicate adjective is about the phrase after its preposition.
        (
            "The vote is politically risky for Ann Lowe, who pointedly refused to back the plan.",
            "refused",
            "Ann Lowe",
            (NP,),
        ),
        # "which" is said of bodies, not of the people in them.
        (
            "The talks have also included members of the Eastfield Council, which has strongly "
            "denied any role in the deal.",
            "denied",
            "the Eastfield Council",
            (NO,),
        ),
        # A verb after an auxiliary is no source: the subject of the verb chain is.
        ("Ann Lowe can be heard shouting that the gate was locked.", "shouting", "Ann Lowe", (NP,)),
    ],
)
def test_the_phrase_a_relative_clause_or_verb_chain_is_about(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert a.source == source and a.classes == classes, (a.source, a.reason)


def test_a_count_before_who_is_not_a_predicate():
    a = first(attributions("Lowe leads among 6 in 10 voters who say taxes matter most."), "say")
    assert a.source == "6 in 10 voters", a.source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A sentence opening with a participle clause: the subject follows its comma.
        (
            "Facing mounting criticism, Mayor Ann Lowe released a statement on Friday, calling the "
            "report unfair.",
            "calling",
            "Mayor Ann Lowe",
        ),
        # A name that starts with an -ing word is no participle clause.
        (
            "Playing Field Promotions, a talent agency, says that Lowe charges a fee.",
            "says",
            "Playing Field Promotions, a talent agency",
        ),
    ],
)
def test_a_sentence_opening_with_a_participle_clause(text, cue, source):
    a = first(attributions(text), cue)
    assert a.source == source, (a.source, a.reason)


def test_an_event_is_not_the_speaker():
    found = attributions("She said so at a news conference announcing that the city would sue.")
    a = first(found, "announcing")
    assert a.source == "She", (a.source, a.reason)


def test_a_new_subject_before_and_said():
    found = attributions('When the mayor mentioned the storm, she paused and said, "It will pass."')
    a = first(found, "said")
    assert a.source == "she", (a.source, a.reason)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A time is no antecedent of a relative clause.
        (
            "He released a letter from his doctor on Friday afternoon that says he is fit.",
            "says",
            "a letter from his doctor",
        ),
        ("Lowe released her tax records in July, which showed a loss.", "showed", "her tax records"),
        # A document after a comma is no apposition of the phrase before it.
        ("Farm jobs depend on exports to Mexico, one slide says.", "says", "one slide"),
    ],
)
def test_times_and_documents_are_no_part_of_the_source(text, cue, source):
    a = first(attributions(text), cue)
    assert a.source == source, (a.source, a.reason)


def test_coordinated_participles_share_a_later_agent():
    found = attributions(
        'In May, he was mocked for his coat and told he did not "have the votes" by Mayor Ann Lowe, '
        "before leaving."
    )
    a = first(found, "mocked")
    assert a.source == "Mayor Ann Lowe" and a.classes == (NP,), (a.source, a.reason)


def test_a_verb_in_s_does_not_take_a_plural_subject():
    found = attributions("Other reports suggest that Lowe is leaning towards the plan, and plans to sign it.")
    assert [a.cue for a in found] == ["suggest"], [(a.cue, a.source) for a in found]


def test_the_object_of_a_relative_clause_with_an_auxiliary_is_not_the_subject():
    found = attributions("Republicans who have praised the mayor warned on Tuesday that she could lose.")
    a = first(found, "warned")
    assert a.source == "Republicans", (a.source, a.reason)


def test_a_participle_after_a_relative_clause_is_the_main_subject():
    found = attributions(
        "Lowe was defensive about not paying an architect who said he was stiffed after he built a "
        'clubhouse, saying, "Maybe he did a bad job."'
    )
    a = first(found, "saying")
    assert a.source == "Lowe", (a.source, a.reason)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "As Ann M. Lowe, a tax lawyer and senior fellow at the Policy Center, recently put it, the "
            "plan is a mess.",
            "put it",
            "Ann M. Lowe, a tax lawyer and senior fellow at the Policy Center",
        ),
    ],
)
def test_two_descriptions_joined_by_and_are_one_apposition(text, cue, source):
    a = first(attributions(text), cue)
    assert a.source == source and a.classes == (NP,), (a.source, a.reason)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ('"We will win," Lowe replied, before adding that the count was close.', "Lowe"),
        ("Ann Lowe thanked the crowd before explaining why she ran.", "Ann Lowe"),
        ("Ann Lowe joined the council in writing a letter that condemned the plan.", "Ann Lowe"),
    ],
)
def test_an_ing_cue_after_before_or_after_is_the_subjects(text, source):
    found = attributions(text)
    a = [x for x in found if x.cue.endswith("ing")]
    assert a and a[0].source == source, [(x.cue, x.source) for x in found]


@pytest.mark.parametrize("adverb", ["Ultimately", "Separately", "Meanwhile"])
def test_an_adverb_opening_the_sentence_is_no_name_in_apposition(adverb):
    """A real page's "Ultimately, the conservative justices in the majority voted" gave the
    source "Ultimately, the conservative justices ..." and called it a name."""
    found = only(f"{adverb}, the harbour master said the quay would reopen.")
    assert found.source == "the harbour master"


def test_a_name_in_apposition_still_joins_its_description():
    assert only("Kelly, a retired judge, said the quay would reopen.").source == "Kelly, a retired judge"


def test_a_second_passive_after_and_has_no_source():
    """A real page's "XXXTentacion has been arrested and charged with battery" gave 'charged' the
    sentence's subject as its source."""
    assert not attributions("The skipper has been arrested and charged with assault.")
    assert not attributions(
        "The ferry sailed on, while its skipper has been arrested and charged with assault."
    )


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A participle with a preposition after the noun: a description of it (a reduced
        # relative clause), not the object of a preposition taken for the source.
        (
            "The facts brought out at the hearing made clear that the harbour fee was a pretext.",
            "made clear",
            "The facts brought out at the hearing",
        ),
        (
            "The emails turned over to the inquiry show that the quay was sold twice.",
            "show",
            "The emails turned over to the inquiry",
        ),
    ],
)
def test_a_noun_described_by_a_participle_is_the_source(text, cue, source):
    """A real page's "The facts brought out at trial made clear" had the source "trial"."""
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, (DOC,)), a.reason


def test_a_name_before_a_past_tense_keeps_its_verb():
    found = attributions("Lowe pushed back on the claims Thursday, saying the fee was fair.")
    assert first(found, "saying").source == "Lowe"


def test_a_thing_called_by_its_name_is_no_cue():
    assert not attributions('The quay is run by a group called the "Harbour First Trust."')


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A base form after "and" inside what the council said: the reported clause's subject.
        (
            "The council has said that in some cases the mayor can refuse to testify and assert "
            "her right to silence.",
            "assert",
            "the mayor",
        ),
        ("Lowe says he'd sit the board down and tell them to stop.", "tell", "he'd"),
        # After an infinitive that hangs from a cue: whoever that cue's source is.
        (
            "This week, the mayor declined to threaten the union or even directly declare it responsible.",
            "declare",
            "the mayor",
        ),
    ],
)
def test_a_base_form_after_and_in_a_reported_clause_has_that_clauses_subject(text, cue, source):
    """A real page: "the court has said that ... the president can decline to comply and assert"
    gave "assert" to the court."""
    assert first(attributions(text), cue).source == source


def test_a_base_form_after_and_with_no_subject_in_the_clause_is_no_cue():
    found = attributions("The mayor asked the clerk to raise her voice and say the figure again.")
    assert [a.cue for a in found] == ["asked"], [(a.cue, a.source) for a in found]


def test_it_goes_on_standing_for_what_it_stood_for_before():
    """A real page: "..., and it's not unyielding. It probably refers to ..." ("it": a privilege)
    was resolved to the court of two sentences before."""
    found = attributions(
        "The court has said the mayor can keep some papers secret. But that is a narrow band, "
        "and it's not unyielding. It probably refers to talks with close advisers."
    )
    assert [a.cue for a in found] == ["said"], [(a.cue, a.source, a.reason) for a in found]
    # An "it" that was a source passes the source on.
    found = attributions(
        "The ministry sent an email to the harbour board. It stated that fees would rise. "
        "It said that boats would pay more."
    )
    assert [a.source for a in found] == ["It", "It"] and all(a.classes == (NO,) for a in found)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "Shortly after the vote, the council issued a statement saying the library would close.",
            "saying",
            "the council",
        ),
        ("Hours later, she issued a statement calling on the council to resign.", "calling on", "she"),
        ("Since announcing his run in May, Lowe has said the harbour needs dredging.", "announcing", "Lowe"),
        ("Asked about the budget, the mayor would only say that cuts were coming.", "say", "the mayor"),
    ],
)
def test_an_ordinary_word_opening_the_sentence_is_no_subject(text, cue, source):
    """PolNeAR train: "Shortly", "Hours", "Since", "Asked" opening a sentence were taken for a
    one-word name, the source of a participle or a later verb."""
    a = first(attributions(text), cue)
    assert a.source == source, a.reason


@pytest.mark.parametrize(
    "text",
    [
        "Hope Lowe, the harbour master, said the channel was too shallow.",  # a first name
        "Reports say the harbour master will resign.",  # a noun
    ],
)
def test_a_name_or_noun_that_is_also_a_verb_opens_the_sentence_as_subject(text):
    a = attributions(text)[0]
    assert a.source is not None and a.source.split()[0] in ("Hope", "Reports"), a.reason


def test_a_verb_opening_a_list_item_has_the_person_described_as_subject():
    """PolNeAR: "Keeps saying she opposed ...", a list item whose subject is left out, was a
    named person called 'Keeps'."""
    text = (
        "Ann Lowe has told voters many things. Lowe said the harbour would be dredged. "
        "Ben Price doubts her. Keeps saying she opposed the toll, though she voted for it."
    )
    a = first(attributions(text), "saying")
    assert (a.source, a.classes, a.refers_to) == (None, (NP,), "Ann Lowe"), a.reason


def test_a_plural_of_people_opening_the_sentence_is_unnamed():
    """PolNeAR train: "Investors seem to agree", "Migrants ... understand" were named persons."""
    a = first(attributions("Investors seem to agree that the harbour plan will pay off."), "seem")
    assert (a.source, a.classes) == ("Investors", (UN,)), a.reason


def test_a_label_before_a_colon_is_not_the_lines_subject():
    """PolNeAR train: "Grandkids: It was not so long ago -- oh, say, five years --" had
    'Grandkids' say something; a transcript's label is not the subject of its line."""
    found = attributions("Grandkids: It was not so long ago -- oh, say, five years -- that papers were rich.")
    assert "Grandkids" not in [a.source for a in found], [(a.cue, a.source) for a in found]
    found = attributions("LOWE: The council met on Monday, saying the library would close.")
    assert first(found, "saying").source != "LOWE"


def test_the_writers_it_before_a_clause_with_its_own_subject():
    # PolNeAR train: "And it is virtually certain he will have more to say about it".
    found = attributions(
        "Ann Lowe thinks the harbour will recover. And it is virtually certain she will have more to"
        " say about it in the weeks to come."
    )
    a = first(found, "say")
    assert (a.source, a.refers_to) == ("she", "Ann Lowe"), a.reason


def test_the_state_of_a_town_is_not_the_subject():
    # PolNeAR train: "At a campaign event in Ames, Iowa, on Sunday, Mrs. Clinton ..., saying"
    # had the source "Iowa".
    found = attributions(
        "Speaking at a town hall in Salem, New Hampshire, Ann Lowe went after the mayor, calling him a"
        " total stiff."
    )
    a = first(found, "calling")
    assert a.source == "Ann Lowe", a.reason


def test_a_state_opening_a_sentence_after_a_day_is_the_subject():
    found = attributions(
        "Friday, Texas, leading a coalition of 13 states, asked a federal judge to block the rules."
    )
    a = first(found, "asked")
    assert a.source == "Texas", a.reason


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A real page's "Spotify on R. Kelly ban: 'We rolled this out wrong'" had the source
        # "Spotify on R. Kelly ban", a person's name; PolNeAR dev's "Obama on Climate Change:".
        ("Ann Lowe on the fee: 'We rolled this out wrong'", "Ann Lowe"),
        ("Mayor Ann Lowe on Harbour Rail: 'We Will Not Pay'", "Mayor Ann Lowe"),
    ],
)
def test_a_headline_speaker_on_a_topic(text, source):
    a = first(attributions(text), ":")
    assert a.source == source, a.reason


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A real page: "... requesting a citizenship question to enforce the Voting Rights Act, the
        # plaintiffs' lawyers said" had the source "the Voting Rights Act, the plaintiffs' lawyers".
        (
            "He drafted a letter to enforce the Harbour Rights Act, the plaintiffs' lawyers said.",
            "the plaintiffs' lawyers",
        ),
        # PolNeAR dev: "He took over reclamation obligations from Walter Energy, another mining
        # company that declared bankruptcy" had the source "reclamation obligations from Walter
        # Energy, another mining company", a named person.
        (
            "He took over reclamation obligations from Harbour Energy, another mining company that"
            " declared bankruptcy.",
            None,
        ),
    ],
)
def test_no_apposition_to_a_legal_title_or_after_a_preposition(text, source):
    found = attributions(text)
    if source is not None:
        assert first(found, "said").source == source
    else:
        assert all("obligations" not in (a.source or "") for a in found), found


def test_a_noun_that_is_also_a_verb_after_a_quotation_is_the_source():
    # A real page: '"While we believe our intentions were good," the note said' had no source.
    a = first(attributions('"We rolled this out wrong," the note said on Friday.'), "said")
    assert (a.source, a.classes) == ("the note", (DOC,)), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "Yin Myint May, 60, a doctor, said" had no source: "May" ended an opening
        # phrase of time ("In May, ...").
        ("Ann Marie May, 60, a nurse, said she was elated.", "said", "Ann Marie May"),
        ("Early May, he said, was the busiest month.", "said", "he"),
        # PolNeAR train: "Even the field's biggest hawks, like ..., say" had no source: "Even"
        # was read as an opening phrase before a comma.
        (
            "Even the council's fiercest critics, like Ann Lowe, say the plan works.",
            "say",
            "the council's fiercest critics",
        ),
        # PolNeAR train: a name's suffix and its full stop before the aside ("James B. Comey Jr.,
        # the director of ..., said"), after a quotation opened by two apostrophes.
        (
            "''We will not stop,'' Tom R. Okafor Jr., the director of the harbour board, said.",
            "said",
            "Tom R. Okafor Jr., the director of the harbour board",
        ),
    ],
)
def test_sources_after_a_month_surname_a_focus_word_or_a_suffix(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "Data show that ..." had no cue ("data" read as a singular before "show").
        ("Data show that the average rent rose by a fifth.", "show", "Data"),
        # PolNeAR train: a polling average or a projection is a document that shows something.
        (
            "An average of recent Clarion polls shows the mayor ahead.",
            "shows",
            "An average of recent Clarion polls",
        ),
        (
            "A projection from the harbour board shows the levy could fall.",
            "shows",
            "A projection from the harbour board",
        ),
    ],
)
def test_data_averages_and_projections_show(text, cue, source):
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, (DOC,)), a.reason


def test_an_articles_time_phrase_is_skipped_to_the_article():
    # A real page: "a Buzzfeed article last summer claimed the singer ..." had the source
    # "summer", unnamed.
    a = first(
        attributions("The row began when a Clarion Post article last summer claimed the pier was unsafe."),
        "claimed",
    )
    assert (a.source, a.classes) == ("a Clarion Post article", (MR,)), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        # A real page: "according to the lawyers’ letter to Furman" was cut to "the lawyers"
        # at the plural possessive's apostrophe (curly or straight).
        (
            "The plan was political, according to the lawyers’ letter to the court.",
            "according to",
            "the lawyers’ letter to the court",
            (DOC,),
        ),
        (
            "The plan was political, according to the lawyers' letter.",
            "according to",
            "the lawyers' letter",
            (DOC,),
        ),
        # A real page: "a lawsuit brought by advocacy group Common Cause revealed" had the group,
        # past an irregular participle and the words for what the agent is.
        (
            "A lawsuit brought by advocacy group Harbour Watch revealed that the files existed.",
            "revealed",
            "A lawsuit",
            (DOC,),
        ),
        # PolNeAR train: "A witness interviewed by congressional staff said" (a participle the
        # lexicon also knows as a poll word).
        ("A witness interviewed by council staff said the files were shredded.", "said", "A witness", (UN,)),
    ],
)
def test_a_documents_owner_or_agent_is_not_its_source(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, classes), a.reason


def test_a_person_addressed_is_asked_not_cited():
    # A real page (a radio transcript): "And Hansi, first, just remind us what the citizenship
    # question asks" had "remind" with the source "Hansi".
    found = attributions("And Hansi, first, just remind us what the levy is for.")
    assert "remind" not in [a.cue for a in found]
    # A plural before an aside does speak: "Critics, like Ann Lowe, say ..."
    assert first(attributions("Critics, like Ann Lowe, say the plan works."), "say").source == "Critics"


def test_a_towns_state_before_the_cue_is_part_of_the_source():
    # PolNeAR train: "Stacy Baker of Columbia, South Carolina says" had the source "South
    # Carolina", a state's government.
    a = first(attributions("Ann Baker of Columbia, South Carolina says she will vote early."), "says")
    assert (a.source, a.classes) == ("Ann Baker of Columbia, South Carolina", (NP,)), a.reason
    # Not a clause's subject after an opening phrase that ends in a name.
    a = first(
        attributions("Under pressure from allies in Congress, Washington backed out of the deal."), "backed"
    )
    assert a.source == "Washington"


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "Even the sleepy timing of the debate led Republicans to say" had the
        # source "the sleepy"; "has led some allies to worry whether" was not found at all.
        ("The late timing of the vote led councillors to say the count was rigged.", "say", "councillors"),
        ("The delay has led some residents to worry that the depot will close.", "worry", "some residents"),
        ("The leak forced Mayor Ann Lowe to admit that the depot would close.", "admit", "Mayor Ann Lowe"),
        # A real page: "a top aide to Mr. Ross was pressing the Justice Department to say" had
        # the aide (unnamed) as the source.
        (
            "An aide to Ms. Lowe was pressing the council to say that it needed the data.",
            "say",
            "the council",
        ),
    ],
)
def test_the_object_of_a_causing_verb_says_what_the_infinitive_says(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "source", "classes"),
    [
        # PolNeAR train: "said another leading Supreme Court advocate, Andrew Pincus" was no
        # attribution ("advocate" read as a verb), and "said another Twitter user, Johanna Bayer"
        # was a named organisation without her name.
        ('"The odds are long," said another advocate.', "another advocate", (UN,)),
        ('"We lost," said a leading critic, Ann Lowe.', "a leading critic, Ann Lowe", (NP,)),
        ('"We lost," said another resident, Tom Okafor.', "another resident, Tom Okafor", (NP,)),
    ],
)
def test_an_inverted_source_takes_its_noun_and_the_name_after_it(text, source, classes):
    a = first(attributions(text), "said")
    assert (a.source, a.classes) == (source, classes), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A real page: "On the other hand, on the more modest part of the law on disposal of fetal
        # remains, the court reverses the lower court and says that law is acceptable" had no
        # source (an unnamed claim), and the subject ran on over "reverses".
        (
            "On the other hand, on the narrower part of the bylaw, the court reverses the lower"
            " court and says the bylaw stands.",
            "says",
            "the court",
        ),
        ("The council approves a budget and says the levy stays.", "says", "The council"),
        # PolNeAR train: a town's state between the commas ("in Derry, N.H., Hillary Clinton").
        ("On Sunday, at a rally in Derry, N.H., Ann Lowe said the depot would close.", "said", "Ann Lowe"),
        # ... but not a name after a month ("In October, Mr. Paulson, who ..., told")
        ("In October, Mr. Okafor, who runs the depot, told staff it would close.", "told", "Mr. Okafor"),
    ],
)
def test_a_subject_after_openers_and_before_a_present_verb(text, cue, source):
    assert first(attributions(text), cue).source == source


def test_a_gerund_after_a_clause_subject_is_that_subjects():
    # PolNeAR dev: "Many observers were surprised when Trump, after railing against carried
    # interest, produced a plan" gave "railing" to the observers.
    found = attributions("Many voters were surprised when Lowe, after railing against the levy, backed it.")
    assert first(found, "railing").source == "Lowe"
    # Not after a coordinated verb's object: the sentence's subject still suggests.
    found = attributions(
        "Lowe has promised to cut the levy and sell two depots, while also suggesting a vote."
    )
    assert first(found, "suggesting").source == "Lowe"


def test_a_towns_postal_code_is_no_subject():
    # A real page: "Tuesday at Baldwin Wallace University in Berea, OH, after winning Ohio ...,
    # Gov. John Kasich (R-OH), said" gave "said" to "OH" as a named body.
    found = attributions(
        "Monday at a school in Eastfield, OH, after winning the county, Gov. Ann Lowe (R-OH), said, “We won.”"
    )
    assert first(found, "said").source == "Gov. Ann Lowe"


def test_a_gerund_after_its_determiner_is_a_noun():
    # PolNeAR train: "Another ranking says he's not even a billionaire" had the source "Another".
    a = first(attributions("Another ranking says the firm is not even the largest."), "says")
    assert (a.source, a.classes) == ("Another ranking", (DOC,)), a.reason
    # A real page: "Any fair reading of the public record since 2017 has suggested" had the
    # source "Any fair"; a reading is no one who suggests.
    a = first(
        attributions("Any fair reading of the record since 2017 has suggested that the levy failed."),
        "suggested",
    )
    assert a.source != "Any fair"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A real page: "the Trump administration's appeal of a decision saying that President
        # Trump had to hand over his financial records" had the appeal as a specific body.
        ("The court will hear the city's appeal of a ruling saying that the depot must close.", "a ruling"),
        ("Lowe spoke in the wake of a new poll showing him ahead.", "a new poll"),
        # Not inside a name: the whole phrase is the letter.
        (
            "Lowe cited a Department of Transport letter saying the depot was safe.",
            "a Department of Transport letter",
        ),
    ],
)
def test_a_document_after_of_is_what_says(text, source):
    found = [a for a in attributions(text) if a.cue in ("saying", "showing")]
    assert found and found[0].source == source, [(a.cue, a.source) for a in attributions(text)]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR dev: "the Supreme Court this month rejected", "Trump this week also said" had
        # the sources "this month" and "this week" (as a specific body).
        ("The county board this month rejected the plan.", "rejected", "The county board"),
        ("Lowe this week also said the depot would close.", "said", "Lowe"),
        ("A judge last month ordered the city to publish the video.", "ordered", "A judge"),
        ("Harbourly just this month announced it would close.", "announced", "Harbourly"),
    ],
)
def test_a_time_between_the_subject_and_its_verb(text, cue, source):
    assert first(attributions(text), cue).source == source


def test_a_demonstrative_before_a_cue_noun_is_no_time():
    # "He bases this claim on a remark": "this" opens no time phrase before "claim".
    assert all(a.source != "bases" for a in attributions("He bases this claim on a remark Lowe made."))


def test_a_quoted_adverb_between_subject_and_verb():
    # PolNeAR dev: 'the advertisement "unmistakably and wrongfully" suggests that' had no source
    # (an unnamed claim); the advertisement suggests, a document.
    a = first(
        attributions("The mayor said the leaflet “plainly and wrongly” suggests that the depot is safe."),
        "suggests",
    )
    assert (a.source, a.classes) == ("the leaflet", (DOC,)), a.reason


def test_a_name_right_after_an_outlets_name():
    # PolNeAR dev: "In a March 2016 meeting with the editorial board of the Washington Post Trump
    # said" had no source (an unnamed claim).
    text = "In a meeting with the editorial board of the Washington Post Lowe said the plan was dead."
    a = first(attributions(text), "said")
    assert (a.source, a.classes) == ("Lowe", (NP,)), a.reason
    # An outlet's name ends no name of its own: "Fox News Sean Hannity", "Bloomberg News".
    assert first(attributions("Bloomberg News reported the deal."), "reported").source == "Bloomberg News"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # A music page: "has been charged with crimes like ... domestic battery by strangulation"
        # had "strangulation" as the unnamed source of "charged" (and "by phone", "phone").
        ("The singer has been charged with crimes like battery by strangulation, but he denies it.", None),
        ("He was told he had to leave the flat by phone, but he stayed.", None),
        # A noun the lexicon knows for a source is still the agent.
        ("He was told he could not stay there by police.", "police"),
    ],
)
def test_a_lone_noun_after_a_distant_by_is_the_means(text, source):
    agents = [a.source for a in attributions(text) if a.cue in ("charged", "sent", "told")]
    assert agents == ([source] if source else [])


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A radio page: "these new documents, filed today by the plaintiffs in the lawsuit,
        # suggests" had no source.
        (
            "What matters is that these new files, released today by the council, show that fees rose.",
            "show",
            "these new files",
        ),
        # PolNeAR train: "Republicans, concerned about the party's declining appeal to women, have
        # long considered" had the subject of the clause before.
        (
            "Lowe spoke first, but the Greens, worried about the cost, have long opposed the plan.",
            "opposed",
            "the Greens",
        ),
    ],
)
def test_a_participle_aside_between_a_subject_and_its_verb_is_skipped(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    "text",
    [
        # A verb of a list, not an aside: its source is the subject of the list.
        "Lowe has run a tight campaign, courted the unions, pushed the mayor to the left.",
        # A participle of naming is an apposition: "a case about contraception, called Griswold".
        "The ruling, called Harbour, said the fee was lawful.",
    ],
)
def test_a_verb_after_a_list_or_a_name_given_keeps_its_source(text):
    found = [(a.cue, a.source) for a in attributions(text)]
    assert ("pushed", "the unions") not in found and ("said", "Harbour") not in found, found


def test_names_between_the_and_a_noun_cue_are_its_source():
    # PolNeAR train: "Syria proved to be resistant to the Obama/Clinton calls for regime change"
    # had "Syria" as the source of "calls for".
    found = attributions("Harbour proved resistant to the Lowe/Price calls for a new port.")
    assert [(a.cue, a.source) for a in found if a.cue.startswith("calls")] == [("calls for", "Lowe/Price")]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("The report that came out says the depot is unsafe.", "says", "The report"),
        (
            "The evidence that has come out has suggested that the fee was unlawful.",
            "suggested",
            "The evidence",
        ),
        # PolNeAR train: "progressive organizations that have endorsed him say" had no source.
        ("But local groups that have endorsed him say the fee is unfair.", "say", "local groups"),
    ],
)
def test_a_short_relative_clause_before_the_cue_hangs_from_the_source(text, cue, source):
    assert first(attributions(text), cue).source == source


def test_a_cue_in_a_relative_clause_after_a_conjunction_is_its_own():
    found = attributions("In a clip that is never aired or shown by the council, Lowe speaks.")
    assert all(a.source != "a clip" for a in found), [(a.cue, a.source) for a in found]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "The billionaire businessman began by talking about" had the source
        # "The billionaire businessman began"; "police began searching ..., believing" "police began".
        ("The mayor began by talking about the depot.", "talking about", "The mayor"),
        (
            "Arriving at the scene, police began searching the depot, believing it was empty.",
            "believing",
            "police",
        ),
    ],
)
def test_a_past_tense_that_is_no_noun_ends_the_subject(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "Trump was out-brutalizing Ted Cruz, who said" had Trump as the source;
        # "Clinton is targeting Latino and black voters, who have typically backed her" Clinton.
        ("Lowe was out-polling Tom Price, who said he would stay.", "said", "Tom Price"),
        ("Lowe is courting the older voters, who have backed her rival.", "backed", "the older voters"),
    ],
)
def test_a_relative_clause_after_a_progressive_is_about_its_object(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    "text, cue, source",
    [
        # PolNeAR dev: "have drawn scrutiny from some who saw the comment as a dig" was missed.
        ("The remarks drew scrutiny from some who saw the plan as a giveaway.", "saw", "some"),
        (
            "The mayor sat through a lecture from the harbour master, who said the depot was unsafe.",
            "said",
            "the harbour master",
        ),
        ("The ferry lost money from riders who complained about the fares.", "complained", "riders"),
    ],
)
def test_who_after_a_preposition_is_said_of_the_people_after_it(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    "text, source",
    [
        # PolNeAR dev: "95 retired generals and admirals -- most of whom had previously announced
        # their support -- who cited her years" had no source for "cited"; train: "candidates —
        # like Republican front-runner Donald Trump — who say" had "The diplomat".
        (
            "The mayor won praise from 95 captains — most of whom had backed her — who cited her record.",
            "95 captains",
        ),
        ("She pushed back against candidates — like Tom Reyes — who say the ferry is failing.", "candidates"),
    ],
)
def test_who_after_an_aside_between_dashes_is_said_of_the_phrase_before_it(text, source):
    a = next(a for a in attributions(text) if a.cue in ("cited", "say"))
    assert a.source == source, a.reason


@pytest.mark.parametrize(
    "text, source",
    [
        # PolNeAR train: '"...," said one unaligned Florida Republican strategist' had no source,
        # the -ed word read as a verb before the name "Florida" ("groups granted Mr. Clarke").
        (
            '"The ferry is safe," said one unaligned Harbour Party strategist.',
            "one unaligned Harbour Party strategist",
        ),
        (
            "One disgruntled Harbour Party official said the ferry was unsafe.",
            "One disgruntled Harbour Party official",
        ),
        (
            '"It is over," said one well-connected Democrat familiar with the plan.',
            "one well-connected Democrat familiar with the plan",
        ),
    ],
)
def test_an_ed_word_after_an_article_is_an_adjective_before_a_name(text, source):
    a = next(a for a in attributions(text) if a.cue == "said")
    assert a.source == source, a.reason


@pytest.mark.parametrize(
    "text, cue, source",
    [
        # PolNeAR train: "critics like Huffman say it would help ..." had no source ("say" after
        # the singular "Huffman" read as a noun); "candidates like Marco Rubio have blasted" had
        # only the name (PolNeAR's source span is the whole phrase).
        ("If the levy fails, critics like Reyes say it would help the port.", "say", "critics like Reyes"),
        ("Captains such as Ann Lowe say the ferry is late.", "say", "Captains such as Ann Lowe"),
        (
            "Although councillors like Tom Reyes have blasted the plan, it passed.",
            "blasted",
            "councillors like Tom Reyes",
        ),
    ],
)
def test_a_plural_with_a_named_example_is_the_source(text, cue, source):
    a = first(attributions(text), cue)
    assert a.source == source, a.reason
    assert a.classes == (NP,), a.reason


def test_he_does_not_refer_to_a_plural_with_a_named_example():
    # PolNeAR train: after "critics like Huffman say" was found, a later "which he appeared to"
    # referred to the group.
    found = attributions(
        "Ann Reyes leads the council. Critics like Lowe say the levy would help her husband, "
        "which he appeared to deny."
    )
    assert first(found, "appeared").refers_to != "Critics like Lowe"


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "until the announcement ..., most of them said they had loved working
        # for Carrier" had no attribution; "after several of them indicated publicly their
        # support" had the federation's president as the source.
        (
            "The dockers met on Friday. Until the closure, most of them said they had liked the work.",
            "said",
            "most of them",
        ),
        (
            "The mayor had to issue a memo after several of them indicated their support for Reyes.",
            "indicated",
            "several of them",
        ),
    ],
)
def test_a_share_of_them_is_a_source_no_one_names(text, cue, source):
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, (UN,)), a.reason


def test_a_share_of_them_before_a_participle_is_what_is_named():
    found = attributions("The town has dozens of old wharves, many of them locally known as sheds.")
    assert all(a.source != "many of them" for a in found)


def test_a_plural_inside_a_clause_is_no_subject_of_a_verb_in_s():
    # PolNeAR dev: "A slide from a presentation that ... aides carry with them as they speak to
    # American business and political leaders shows" had the unnamed source "political leaders".
    found = attributions(
        "A chart that the mayor carries as she speaks to business and civic leaders shows "
        "what a ticket would cost."
    )
    assert all(a.source != "civic leaders" for a in found)


def test_a_singular_subject_before_a_plural_takes_the_verb_in_s():
    # PolNeAR train: "research to be released this week by four leading academic economists
    # suggests that" was missed.
    found = attributions(
        "But research to be released this week by two harbour economists suggests that the levy cost jobs."
    )
    assert first(found, "suggests").source == "research"


def test_a_plural_opening_its_clause_is_its_subject_all_the_same():
    # A writer's slip of agreement ("The groups points out") keeps its subject.
    assert (
        first(attributions("The groups points out that the levy failed."), "points out").source
        == "The groups"
    )


def test_an_ed_verb_after_people_ends_their_phrase():
    # PolNeAR train: "Mexican officials conducted public opinion polling ... The outreach, they
    # said, raised new worries" lost "said": the subject ran on as "officials conducted public
    # opinion polling", so "they" had nothing to stand for.
    found = attributions(
        "Harbour officials conducted public opinion polling in the towns. "
        "The outreach, they said, raised new worries."
    )
    a = first(found, "said")
    assert (a.source, a.refers_to) == ("they", "Harbour officials")
