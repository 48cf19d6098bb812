"""Attribution, issue 16 round 3: which words are cues (auditor/attribution/cues.py).

Every sentence below is invented for these tests (short news-style sentences); none is taken
from a real article or from PolNeAR.
"""

from __future__ import annotations

import pytest

from auditor.attribution import SourceClass
from tests.test_attribution import NO, UN, attributions, first


@pytest.mark.parametrize(
    "text",
    [
        "The depot was sold to a firm run by a man named Tom Clarke, who owned two hotels.",
        "A group called Parents First marched to the town hall on Sunday.",
    ],
)
def test_a_name_given_is_no_claim(text):
    assert all(a.cue not in ("named", "called") for a in attributions(text))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The prince called Lowe a coward on Monday.", "called"),
        ("Tom Price, who has called Lowe's plan a fraud, said no.", "called"),
        ("A local newspaper called on Lowe to resign.", "called on"),
    ],
)
def test_calling_someone_something_is_still_a_cue(text, cue):
    assert any(a.cue == cue for a in attributions(text))


@pytest.mark.parametrize(
    ("text", "cue", "source", "unnamed"),
    [
        ("Lowe has faced sharp criticism for the plan.", "faced sharp criticism", None, True),
        ("The mayor came under heavy criticism after the flood.", "came under heavy criticism", None, True),
        ("Price took heat for his remarks on Sunday.", "took heat", None, True),
        # PolNeAR dev: "The clip has faced ridicule online" ("ridicule" is a verb too).
        ("The video has faced ridicule online since Tuesday.", "faced ridicule", None, True),
        ("Lowe came under fire from Ann Price over the fee.", "came under fire", "Ann Price", False),
        # Critics named after "from" are the source.
        ("The plan drew criticism from Ann Lowe on Monday.", "drew criticism", "Ann Lowe", False),
    ],
)
def test_a_judgement_received_rests_on_critics(text, cue, source, unnamed):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    a = hits[0]
    assert a.source == source
    assert (a.classes == (SourceClass.UNNAMED,)) == unnamed, a.reason


@pytest.mark.parametrize(
    "text",
    [
        "The bakery keeps its bread under heat lamps.",
        "The criticism of the plan was fierce.",
    ],
)
def test_no_judgement_received(text):
    assert not [a for a in attributions(text) if "criticism" in a.cue or "heat" in a.cue]


def test_a_cue_after_a_judgement_received_is_still_found():
    found = attributions("Lowe is drawing criticism after he appeared to suggest that farmers are lazy.")
    assert any(a.cue == "appeared" for a in found), [(a.cue, a.source) for a in found]


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        (
            "Many voters are afraid that the depot will close.",
            "are afraid",
            "Many voters",
            (SourceClass.UNNAMED,),
        ),
        (
            "Residents were also incensed by the ruling.",
            "were also incensed",
            "Residents",
            (SourceClass.UNNAMED,),
        ),
        (
            "Ann Lowe remained skeptical on Monday.",
            "remained skeptical",
            "Ann Lowe",
            (SourceClass.NAMED_PERSON,),
        ),
    ],
)
def test_a_feeling_of_people_is_their_attitude(text, cue, source, classes):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source and hits[0].classes == classes, hits[0].reason


@pytest.mark.parametrize(
    "text",
    [
        "As far as the council is concerned, the deal is off.",
        "The market was nervous on Monday.",
        # Inside what someone said: the speaker's claim, not the article's sourcing.
        "Lowe said that farmers are angry about the depot.",
    ],
)
def test_no_feeling_of_people(text):
    found = attributions(text)
    assert not [a for a in found if a.cue.endswith(("concerned", "nervous", "angry"))], found


def test_an_impression_and_a_feeling_are_one_attribution():
    found = attributions("The mayor and her aides seemed increasingly optimistic that the deal would hold.")
    assert [a.cue for a in found] == ["seemed"], [(a.cue, a.source) for a in found]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Lowe isn't expected to resign.", "expected to"),
        ("Lowe is not expected to resign.", "expected to"),
    ],
)
def test_a_negated_hedge_is_still_a_hedge(text, cue):
    found = attributions(text)
    assert [(a.cue, a.source, a.classes) for a in found] == [(cue, None, (SourceClass.UNNAMED,))], found


@pytest.mark.parametrize(
    "text",
    ["They found a way around the rule.", "Ann Lowe found herself in a series of rows with the council."],
)
def test_a_means_or_a_plight_is_no_finding(text):
    assert all(a.cue != "found" for a in attributions(text))


def test_a_finding_is_still_a_finding():
    assert any(a.cue == "found" for a in attributions("Investigators found that the fire was set."))


# Issue 16, cue recall from PolNeAR train statistics: each family below was a cue in PolNeAR
# train more than half the times it occurred outside the cues already found.


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # Verbs of stance and report added to the lexicon.
        ("Lowe pleaded for calm after the vote.", "pleaded", "Lowe"),
        ("Tom Price likened the budget to a bonfire.", "likened", "Tom Price"),
        # Verb phrases of reply and setting out.
        ("Lowe shot back at her critics on Monday.", "shot back", "Lowe"),
        ("The mayor fired back at the council.", "fired back", "The mayor"),
        ("In a letter, Lowe laid out her plan for the depot.", "laid out", "Lowe"),
        ("Three senators sided with the governor.", "sided with", "Three senators"),
        # "reads" with a quotation: what a sign or a letter says.
        ('The letter reads: "We will not pay the fine."', "reads", "The letter"),
    ],
)
def test_more_verbs_of_report_and_stance(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Lowe was critical of the plan.", "was critical", "Lowe"),
        ("Many donors are eager to meet the new candidate.", "are eager", "Many donors"),
        ("Price is convinced that the vote was rigged.", "is convinced", "Price"),
        ("Many lawmakers were reluctant to back the bill.", "were reluctant", "Many lawmakers"),
    ],
)
def test_a_stance_held_by_people(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


def test_a_stance_of_a_thing_is_no_cue():
    assert not [a for a in attributions("The bridge is critical to the town's trade.") if "critical" in a.cue]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A contracted "has" after a pronoun: the pronoun is the subject.
        ("Lowe ran in 2012. He's said the tax must go.", "said", "He's"),
        ("Lowe ran in 2012. Since then she's argued for a new depot.", "argued", "she's"),
    ],
)
def test_a_pronoun_with_a_contracted_has_is_a_subject(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A stance verb in the past joined by "and" to the subject's first verb.
        ("Ann Lowe visited the depot on Monday and praised its workers.", "praised", "Ann Lowe"),
        ("The senator left the meeting early but criticized the budget.", "criticized", "The senator"),
    ],
)
def test_a_coordinated_stance_verb_takes_the_subject(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


def test_a_reply_quoted_after_two_apostrophes():
    text = "Lowe was asked about the depot. She added, ''It will close in May.''"
    assert any(a.cue == "added" and a.source == "She" for a in attributions(text))


def test_a_past_stance_verb_after_an_apposition_is_the_subjects():
    text = "Patti Lowe, the mayor's daughter, attacked the plan on Monday."
    assert any(a.cue == "attacked" and a.source == "Patti Lowe" for a in attributions(text))


def test_a_participle_with_its_agent_after_an_apposition_is_no_stance():
    assert not attributions("Guard members, called up by the governor, patrol the streets.")


def test_a_participle_opening_the_sentence_is_its_subjects():
    text = "Citing legal risks, the firm declined to print the book."
    hits = [a for a in attributions(text) if a.cue == "Citing"]
    assert hits and hits[0].source == "the firm"
    # A thing that cannot cite is no source.
    assert not [a for a in attributions("Citing the weather, the match was called off.") if a.cue == "Citing"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Lowe is known for her temper.", "known for"),
        ("The senator, long known for his thrift, voted no.", "known for"),
    ],
)
def test_a_reputation_is_other(text, cue):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source is None and hits[0].classes == (SourceClass.OTHER,)
    assert "nobody's claim" in hits[0].reason


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Lowe voted for the bill in 2012.", "voted", "Lowe"),
        ("The senator voted against the budget twice.", "voted", "The senator"),
        ("Lowe made no mention of the depot.", "made no mention", "Lowe"),
    ],
)
def test_a_vote_or_a_silence_is_a_stance(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


def test_voting_with_no_side_is_no_stance():
    assert not attributions("Many voters voted early.")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("He was told that the depot would close.", "told"),
        ("The plan was deemed unfit for the site.", "deemed"),
        ("Price is often mentioned as a possible candidate.", "mentioned"),
        # A participle right after its noun (real pages: "Artists Accused of Bad Behavior" had
        # the headline as a named person, "a rapper accused of" a source).
        ("The club dropped two singers accused of fraud.", "accused"),
        ("Harbour Council Accused Of Hiding Depot Costs", "Accused"),
        ("The town approved a levy criticized as unfair.", "criticized"),
        ("Lowe was later accused of lying.", "accused"),
    ],
)
def test_said_in_the_passive_by_no_one_named_is_unnamed(text, cue):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source is None and hits[0].classes == (SourceClass.UNNAMED,)


@pytest.mark.parametrize(
    "text",
    [
        # An announcement or a designation comes from an authority; a plain mention is no judgement.
        "A curfew was announced on Friday.",
        "Lowe was declared the winner on Tuesday.",
        "The plan was barely mentioned in the debate.",
        # Inside what someone said, the passive is theirs.
        "Lowe said he was told that the depot would close.",
        # A thing told, with nothing said after it, rests nothing on anyone (a real page's
        # "these were out-and-out lies that were told" was classed unnamed).
        "These were plain lies that were told.",
        # A condition: nobody has judged anything yet (a real page's policy "to remove an
        # artist ... if their behavior is deemed unacceptable").
        "The council will close a stall if its owner is deemed unfit to trade.",
    ],
)
def test_no_unnamed_passive_here(text):
    assert not [a for a in attributions(text) if SourceClass.UNNAMED in a.classes]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # The active verb with its object before it: the noun or name is who judges.
        ("The levy, which critics described as unfair, passed.", "critics"),
        ("It was a blast that Mayor Ann Lowe described as deliberate.", "Mayor Ann Lowe"),
        ('Both men were quoted lamenting what the writers described as "missed chances."', "the writers"),
    ],
)
def test_a_judgement_with_its_object_before_it_is_active(text, source):
    hits = [a for a in attributions(text) if a.cue == "described"]
    assert hits and hits[0].source == source, [(a.cue, a.source) for a in attributions(text)]


def test_a_passive_in_a_condition_is_other():
    hits = [
        a
        for a in attributions("The club will ban a member if his conduct is deemed abusive.")
        if a.cue == "deemed"
    ]
    assert hits and hits[0].classes == (SourceClass.OTHER,) and "condition" in hits[0].reason


def test_a_name_given_with_known_as_is_no_cue():
    assert not attributions("The group, known as Parents First, marched on Sunday.")


def test_widely_expected_is_a_hedge():
    hits = [a for a in attributions("Lowe is widely expected to resign.") if "expected" in a.cue]
    assert hits and hits[0].classes == (SourceClass.UNNAMED,)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Rubio responded first, attacking the plan.", "responded", "Rubio"),
        ("Lowe joked about the weather before the vote.", "joked", "Lowe"),
    ],
)
def test_a_reply_or_a_joke_reports_its_subject(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


def test_a_first_name_that_is_also_a_function_word():
    text = '"We lost," said Will Doyle, a professor at the university.'
    assert any(a.cue == "said" and a.source == "Will Doyle" for a in attributions(text))


@pytest.mark.parametrize(
    ("text", "cue", "source", "cls"),
    [
        ("Lowe's criticism of the plan was sharp.", "criticism", "Lowe's", SourceClass.NAMED_PERSON),
        (
            "Ann Lowe spoke on Monday. Her promise to cut taxes drew cheers.",
            "promise",
            "Her",
            SourceClass.NAMED_PERSON,
        ),
        (
            "The council repeated its criticism of the depot.",
            "criticism",
            "its",
            SourceClass.NAMED_ORGANISATION,
        ),
    ],
)
def test_a_noun_of_stance_after_its_owner(text, cue, source, cls):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source and hits[0].classes == (cls,)


@pytest.mark.parametrize(
    "text",
    [
        "The criticism of the plan was sharp.",  # no owner
        "His attacks on the mayor continued.",  # a cue less than half the time
    ],
)
def test_a_noun_of_stance_without_an_owner_is_no_cue(text):
    assert not attributions(text)


def test_an_inverted_source_goes_on_after_its_quotation():
    text = '"We will appeal," said Ann Lowe, a lawyer, citing a 2012 ruling.'
    assert any(a.cue == "citing" and a.source == "Ann Lowe" for a in attributions(text))


def test_a_pronoun_with_nothing_to_refer_to_is_still_no_source():
    assert not attributions("They say the depot will close in May.")


def test_a_stance_verb_that_is_also_a_feeling_after_a_copula():
    hits = [a for a in attributions("Republicans are worried about the plan.") if "worried" in a.cue]
    assert hits and hits[0].cue == "are worried" and hits[0].source == "Republicans"


def test_a_question_opening_the_sentence_with_its_time_first():
    found = attributions("Asked Tuesday about the depot, Lowe said it would close.")
    assert [(a.cue, a.source) for a in found] == [("Asked", None), ("said", "Lowe")]
    assert found[0].classes == (SourceClass.UNNAMED,)


def test_a_share_of_those_polled_is_a_source():
    found = attributions("In the new poll, nearly three in five said they would vote.")
    hits = [a for a in found if a.cue == "said"]
    assert hits and hits[0].source == "three in five"
    assert hits[0].classes == (SourceClass.DOCUMENT,)


def test_a_share_written_with_a_percent_sign_is_a_source():
    hits = [a for a in attributions("In the poll, 47% say the country should act.") if a.cue == "say"]
    assert hits and hits[0].source == "47%" and hits[0].classes == (SourceClass.DOCUMENT,)


@pytest.mark.parametrize(
    ("text", "cue", "source", "cls"),
    [
        ("Trump didn't mention the wall.", "mention", "Trump", SourceClass.NAMED_PERSON),
        ("Lowe doesn't think the plan will work.", "think", "Lowe", SourceClass.NAMED_PERSON),
        # A modal contracted with "not" is still a hypothetical when nobody named holds it.
        ("Voters wouldn't believe it.", "believe", "Voters", SourceClass.OTHER),
    ],
)
def test_an_auxiliary_contracted_with_not(text, cue, source, cls):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source and hits[0].classes == (cls,)


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # "that said" is an idiom only where it opens a clause.
        ('Lowe released a video that said, "We will win."', "said", "a video"),
        # Two people named and joined by "and" take a plural verb.
        ("Ann Lowe and Tom Price say the depot must close.", "say", "Ann Lowe and Tom Price"),
    ],
)
def test_a_relative_that_said_and_two_named_who_say(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


def test_that_said_opening_a_clause_is_still_an_idiom():
    assert not attributions("That said, the depot will stay open.")


@pytest.mark.parametrize(
    "text",
    ['"No," recalled Mr. Rhodes.', "''No,'' recalled Mr. Rhodes."],
)
def test_a_stance_verb_inverted_after_a_quotation_is_a_report(text):
    assert [(a.cue, a.source) for a in attributions(text)] == [("recalled", "Mr. Rhodes")]


def test_people_privy_to_the_talks_are_unnamed():
    text = "Multiple sources privy to the talks say the deal is close."
    hits = [a for a in attributions(text) if a.cue == "say"]
    assert hits and hits[0].classes == (SourceClass.UNNAMED,)


def test_as_someone_named_acknowledged_is_theirs():
    found = attributions("The numbers changed, as Sanders has sometimes acknowledged.")
    assert [(a.cue, a.source) for a in found] == [("acknowledged", "Sanders")]
    assert not attributions("The plan will fail, as some naively still hope.")


def test_an_intention_is_a_cue_only_when_someone_named_holds_it():
    found = attributions("Lowe sought to reassure donors.")
    assert [(a.cue, a.source) for a in found] == [("sought", "Lowe")]
    assert not attributions("The state seeks to recapture the land.")


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # The means of a stance is the subject's ("by citing"), not what the stance is about.
        ("Trump defended his position by citing a poll.", "citing", "Trump"),
        # A participle after "While", "After", ... opening the sentence is its subject's.
        ("While saying that he respects Lowe, Price attacked her plan.", "saying", "Price"),
    ],
)
def test_a_participle_of_means_or_time_is_the_subjects(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("Lowe would like to see the depot closed.", "would like", "Lowe"),
        ("It is a strong plan, Lowe added.", "added", "Lowe"),
    ],
)
def test_a_wish_and_an_addition_at_the_end_of_a_sentence(text, cue, source):
    hits = [a for a in attributions(text) if a.cue == cue]
    assert hits, [(a.cue, a.source) for a in attributions(text)]
    assert hits[0].source == source


def test_a_verb_of_writing_after_a_time_phrase_is_the_subjects():
    found = attributions("Donald Trump on Saturday tweeted an image of the depot.")
    assert [(a.cue, a.source) for a in found] == [("tweeted", "Donald Trump")]


def test_a_verb_of_saying_after_a_passive_clause_is_active():
    text = "Mr. Lowe was forced into damage control and said that his words had been misread."
    assert [(a.cue, a.source) for a in attributions(text)] == [("said", "Mr. Lowe")]


@pytest.mark.parametrize(
    "text",
    [
        # A real page: "have not yet revealed the full extent of the files" was an unnamed claim.
        "The advocates in possession of the harbour files have not yet revealed the full extent of them.",
        "Ferry firms generally do not disclose the price of their boats.",
        "The ferry firm, which doesn't disclose its accounts, lost money.",
        "The board has yet to reveal who will run the port.",
    ],
)
def test_a_disclosure_not_yet_made_or_never_made_says_nothing(text):
    assert [a.cue for a in attributions(text)] == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The ferry firm revealed that the new boats cost twice as much.", "revealed"),
        # A refusal is the source's stance (PolNeAR marks it).
        ("Lowe won't reveal the terms of the settlement.", "reveal"),
        ("Lowe did not reveal what she would say at the hearing.", "reveal"),
    ],
)
def test_a_disclosure_or_a_refusal_is_still_a_cue(text, cue):
    assert cue in attributions(text)[0].cue


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR train: each was a "called" with a source.
        "Fact-checkers traced the story to a website called Harbour Truth Now, which posts fake news.",
        "Ann Lowe, the founder of a Facebook group called Save The Docks, spoke on Monday.",
        'Both candidates oppose an inflation formula called the "chained CPI" that would cut payments.',
        "She has a book in the works titled Women Who Work.",
    ],
)
def test_a_name_given_to_an_indefinite_noun_is_no_claim(text):
    assert [a for a in attributions(text) if a.cue in ("called", "titled")] == []


@pytest.mark.parametrize(
    "text",
    [
        "The cartoonist Ann Lowe called the plan a mess.",
        'One lawmaker called Lowe "the harbour prince" on Monday.',
    ],
)
def test_a_subject_who_calls_something_a_name_still_claims(text):
    assert [a.cue for a in attributions(text)] == ["called"]


def test_a_question_asked_of_someone_is_not_who_asked():
    # A real page: "The citizenship question has not been asked of respondents since 1950" was
    # "named organisation: 'The citizenship' is a specific body".
    found = attributions(
        "The citizenship question has not been asked of respondents since 1950, and then was only"
        " asked of a small subgroup."
    )
    assert found and all(a.source is None and a.classes == (SourceClass.UNNAMED,) for a in found), found


def test_judges_is_a_noun():
    # Real pages: "Federal judges in California and Maryland reached similar conclusions" was a
    # cue "judges" with the source "Federal", a named person.
    found = attributions("Federal judges in California and Maryland reached similar conclusions.")
    assert [a.cue for a in found] == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # Real pages: "the streaming service announced it would remove ..., citing the new
        # policy" was "a hypothetical ('citing' after a modal)", on seven pages.
        ("The ferry company announced it would cut two routes, citing the new fuel rules.", "citing"),
        ("Ann Lowe said the council should have listened, conceding the plan was rushed.", "conceding"),
    ],
)
def test_a_modal_in_what_an_earlier_cue_reports_is_not_the_sources(text, cue):
    a = next(a for a in attributions(text) if a.cue == cue)
    assert a.classes != (SourceClass.OTHER,), a.reason


def test_a_modal_of_the_sources_own_clause_still_makes_a_hypothetical():
    a = next(
        a
        for a in attributions("The council would cut two routes, citing the fuel rules.")
        if a.cue == "citing"
    )
    assert a.classes == (SourceClass.OTHER,), a.reason


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # PolNeAR train: 13 of the 15 missed "read" cues sat next to a quotation.
        ('"Friend, let me be blunt. I can win," the email read.', "the email"),
        ('"We will not pay," read the statement from the council.', "the statement from the council"),
        ('One banner read "Save the docks."', "One banner"),
    ],
)
def test_read_next_to_a_quotation_is_a_cue(text, source):
    a = next(a for a in attributions(text) if a.cue == "read")
    assert a.source == source, a.reason


def test_read_with_nothing_reported_is_no_cue():
    assert [a.cue for a in attributions("The judge read the report on Monday and left.")] == []


def test_a_cue_in_an_adverbial_clause_is_not_what_the_cue_before_reports():
    # PolNeAR train: "Clinton's campaign has responded to Sanders more aggressively as polls show
    # Sanders surging" lost "show": it was read as what "responded" reports.
    found = attributions("The campaign has responded to Lowe more sharply as polls show Lowe gaining.")
    assert first(found, "show").source == "polls"
    # With a reported clause before it, the reason is the speaker's: "he said he was not worried
    # because he doubted ..." has one attribution, "said".
    found = attributions("He said he was not worried because he doubted any court would act.")
    assert [a.cue for a in found] == ["said"], [(a.cue, a.source) for a in found]
    # "as" before a relative clause or a passive's agent opens no clause of its own.
    found = attributions("Voters see the levy as a burden and as people who refuse to pay it.")
    assert "refuse" not in [a.cue for a in found]


def test_a_participle_after_a_plural_owner_is_an_adjective():
    # A real page: "Furman ... said Ross' stated rationale for the question ... was
    # 'pretextual'" had an unnamed "stated" with the source "rationale".
    found = attributions("The judge said Ross' stated reason for the levy was a pretext.")
    assert [a.cue for a in found] == ["said"]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # Real pages: "Documents found on a dead Republican operative's hard drive revealed" had
        # "found" as a cue and "revealed" came from "a ... hard drive" (a specific body).
        ("Files found on the mayor's laptop show that he knew.", "show", "Files found on the mayor's laptop"),
        ("Notes found in the depot revealed that the plan was old.", "revealed", "Notes found in the depot"),
    ],
)
def test_a_document_found_somewhere_is_the_source_not_a_finder(text, cue, source):
    found = attributions(text)
    assert [a.cue for a in found] == [cue]
    assert (found[0].source, found[0].classes) == (source, (SourceClass.DOCUMENT,)), found[0].reason


@pytest.mark.parametrize(
    "text",
    [
        # Real pages: a golf club that "charged a $100,000 initiation fee" was a named source,
        # and so was an owner who "has charged more than that" in rent.
        "The club charged a $40,000 joining fee last year.",
        "Landlords nearby ask $70 a foot, although Lowe has charged more than that.",
        "Whatever Lowe charged his campaign for rent came back to him.",
    ],
)
def test_charging_a_price_is_no_claim(text):
    assert "charged" not in [a.cue for a in attributions(text)]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Critics charged that the hearing was a sham.", "Critics"),
        ("Prosecutors charged the officer with fraud worth $3 million.", "Prosecutors"),
    ],
)
def test_an_accusation_is_still_charged(text, source):
    assert first(attributions(text), "charged").source == source


@pytest.mark.parametrize(
    "text",
    [
        # Real pages: "had confirmed 68 judicial nominees" was an unnamed claim of "Democrats",
        # and "They're confirmed by close votes in the Senate" one of "close votes".
        "The Senate had confirmed 40 judicial nominees by June.",
        "They are confirmed by close votes in the chamber.",
        "The director is named by the governor and confirmed by the Senate.",
    ],
)
def test_confirming_an_appointment_is_no_claim(text):
    assert not any(a.cue.startswith("confirm") for a in attributions(text))


@pytest.mark.parametrize(
    "text",
    [
        "Officials confirmed the nominee had withdrawn.",
        "The council confirmed that two judges had resigned.",
    ],
)
def test_confirming_a_fact_about_nominees_is_still_a_claim(text):
    assert any(a.cue == "confirmed" for a in attributions(text))


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # Real pages: "opinions issued weeks after the fact" was an unnamed claim of "opinions".
        ("The court cited two rulings, including rulings issued weeks after the vote.", "issued"),
        ("Trade between the two towns declined 40 percent last year.", "declined"),
        # A real page: "So, one last question because I'm curious" had the cue "question".
        ("So, one last question because I am curious about the levy.", "question"),
    ],
)
def test_a_participle_or_noun_that_says_nothing(text, cue):
    assert cue not in [a.cue for a in attributions(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Administration officials emphasized Tuesday that the plan was sound.",
        "Over 30,000 visitors expected this year will strain the depot.",
    ],
)
def test_a_report_or_forecast_with_its_time_stays(text):
    # A report with its time ("emphasized Tuesday that") and a forecast nobody is named for.
    assert [a.classes for a in attributions(text)] == [(UN,)]


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        # PolNeAR train: "pushing back against claims by intelligence agencies" had the source
        # "the department" (who pushed back), and "grappled with calls for corporate boycotts"
        # the subject of the sentence.
        (
            "The board spent weeks pushing back against claims by local unions that it lied.",
            "claims",
            "local unions",
            (UN,),
        ),
        ("Organisers have grappled with calls for a boycott.", "calls for", None, (UN,)),
        ("The depot reopened amid claims that it was unsafe.", "claims", None, (UN,)),
    ],
)
def test_a_plural_noun_after_a_preposition_attributes(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, classes), a.reason


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR train: "Rubio pushed back on those claims" and "Brunei and Taiwan have claims in
        # the area" had "claims" as a verb of Rubio's and of Brunei and Taiwan.
        "Lowe pushed back on those claims Thursday.",
        "Three towns have claims in the valley.",
        # What the subject means to do is no one else's claim.
        "Lowe toured the county with plans to open two depots.",
    ],
)
def test_a_plural_noun_is_no_verb(text):
    assert all(a.cue not in ("claims", "plans") for a in attributions(text))


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR train: "with Rubio and Murphy expected to win" had Murphy as the source, and
        # "she's expected to" the pronoun: both are hedges no one is named for, as "is expected to".
        "The primaries are on Tuesday, with Lowe and Price expected to win.",
        "But she's expected to win the seat.",
    ],
)
def test_expected_to_after_with_or_a_contraction_is_a_hedge(text):
    found = attributions(text)
    assert [(a.cue, a.source, a.classes) for a in found] == [("expected to", None, (UN,))]


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR train: "harder than, say, hooking them on heroin" and "prohibitions against,
        # say, regularly sharing advice" had "say" as a cue of the words before.
        "Winning readers is harder than, say, winning votes.",
        "The rules forbid, say, sharing notes with a campaign.",
    ],
)
def test_say_between_commas_means_for_example(text):
    assert all(a.cue != "say" for a in attributions(text))


def test_a_source_after_say_between_commas_makes_an_example():
    # A radio interview on a census page: "where, say, the Supreme Court says, Congress will
    # not ..." was the court's claim.
    found = attributions(
        "If nobody cooperates, where, say, the Supreme Court says the law stands, Congress stalls."
    )
    assert [(a.cue, a.source, a.classes) for a in found] == [
        ("says", "the Supreme Court", (SourceClass.OTHER,))
    ]


@pytest.mark.parametrize(
    "text",
    [
        # A radio interview on a census page: "states can make what laws they want" had "they"
        # as an unnamed source; PolNeAR train: "what he personally wants", "lower than we want".
        "The people can decide and states can make what laws they want.",
        "Which, usually, is not what he personally wants.",
    ],
)
def test_want_at_the_end_of_a_clause_is_a_desire_not_a_claim(text):
    assert all(not a.cue.startswith("want") for a in attributions(text))


def test_want_before_its_object_is_still_a_stance():
    assert [a.cue for a in attributions('Lowe wants "smarter and tougher" trade deals.')] == ["wants"]


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # PolNeAR dev: "amid growing concerns that", "Amid Allegations of Fraud", "amid
        # disagreements about"; train: "Despite complaints that".
        ("The bank expanded amid growing concerns that its loans were too risky.", "concerns"),
        ("Dam Project Stalls Amid Allegations Of Bribery.", "Allegations"),
        ("The council met amid disagreements about how to fund the library.", "disagreements"),
        ("Despite complaints that she ignores rural voters, Lowe won the county.", "complaints"),
    ],
)
def test_a_claim_as_a_circumstance_rests_on_no_one_named(text, cue):
    found = [a for a in attributions(text) if a.cue == cue]
    assert [(a.source, a.classes) for a in found] == [(None, (UN,))]


def test_a_claim_as_a_circumstance_by_someone_named_is_theirs():
    found = [
        a
        for a in attributions("The plan stalled amid complaints from Lowe about its cost.")
        if a.cue == "complaints"
    ]
    assert [a.source for a in found] == ["Lowe"]


@pytest.mark.parametrize(
    "text",
    [
        "Despite concerns, the council approved the budget.",  # a setting, nothing claimed
        "Amid the concerns of parents, the school closed early.",  # a determiner: a noun phrase
    ],
)
def test_a_bare_circumstance_is_no_claim(text):
    assert all(a.cue != "concerns" for a in attributions(text))


@pytest.mark.parametrize(
    "text",
    [
        # A music page: "women who accused him of sexual misconduct, claims he has denied." had
        # "claims" as a verb with the source "Controversy".
        "Critics accused Lowe of fraud, claims he has denied.",
        "Two aides say the mayor hid the fees, claims she rejects.",
    ],
)
def test_a_noun_summing_up_what_a_pronoun_denies_is_no_cue(text):
    found = [(a.cue, a.source) for a in attributions(text)]
    assert not any(cue == "claims" for cue, _ in found), found
    assert any(cue in ("denied", "rejects") for cue, _ in found), found


def test_a_verb_after_an_aside_still_claims():
    assert first(attributions("Lowe, who is 60, claims he resigned."), "claims").source == "Lowe"


@pytest.mark.parametrize(
    "text",
    [
        # A radio page: "somebody would have to bring a case saying that ..." was unnamed.
        "Somebody would have to bring a case saying that the fee is unlawful.",
        "The mayor could face a crowd of voters asking why the depot closed.",
    ],
)
def test_a_participle_after_what_a_modal_verb_would_make_is_hypothetical(text):
    a = first(attributions(text), "saying" if "saying" in text else "asking")
    assert a.classes == (SourceClass.OTHER,), a.reason


def test_a_participle_after_a_thing_made_stays_a_claim():
    a = first(attributions("A tenant brought a case saying that the fee is unlawful."), "saying")
    assert a.classes != (SourceClass.OTHER,), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        # PolNeAR dev: "some who saw the comment as a dig", "Birchers viewed communists as
        # terrorists", "was viewed as favorable to corporations" had no cue.
        ("Some who saw the remark as a dig stayed home.", "saw", "Some", (UN,)),
        ("Many voters see the mayor as a reformer.", "see", "Many voters", (UN,)),
        ("The court was viewed as friendly to landlords.", "viewed", None, (UN,)),
        # A participle after a comma: judged by no one named, not by the clause's subject.
        ("Lowe defended the reshuffle, viewed as a sign of trouble.", "viewed", None, (UN,)),
    ],
)
def test_seeing_something_as_something_is_a_judgement(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, classes), a.reason


@pytest.mark.parametrize(
    "text",
    [
        "Lowe saw the truck as they left the depot.",  # a sight, "as" a conjunction
        "Lowe saw the report on Monday.",
        "The mayor should resign, seeing as the fund is empty.",  # "seeing as": "since"
    ],
)
def test_seeing_without_as_and_a_complement_is_no_judgement(text):
    assert all(a.cue not in ("saw", "seeing") for a in attributions(text))


def test_a_dash_ends_the_clause_a_cue_reports():
    # PolNeAR train: "Lazio — who was regarded as a lightweight — was quickly dismissed by the
    # media" lost "dismissed" inside what "regarded" was taken to report.
    text = "Lowe — who was regarded as a novice — was quickly dismissed by the press as a bumbler."
    assert first(attributions(text), "dismissed").source == "the press"
    # "Cruz still supports" after an aside between dashes is Cruz's stance.
    text = "The deal — which many believe was a mistake — raises doubts whether Lowe still supports the fee."
    assert first(attributions(text), "supports").source == "Lowe"


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # PolNeAR dev: "Republicans weren't too concerned about this shift" had no cue.
        ("Republicans weren't too concerned about the new fee.", "weren't too concerned"),
        ("Lowe wasn't worried about the vote.", "wasn't worried"),
    ],
)
def test_a_feeling_after_a_negated_copula_is_still_a_feeling(text, cue):
    assert first(attributions(text), cue).source in ("Republicans", "Lowe")


def test_fire_after_a_word_between_is_no_judgement():
    found = attributions("The base came under mortar fire before dawn.")
    assert all("fire" not in a.cue for a in found)


@pytest.mark.parametrize(
    ("text", "source", "classes"),
    [
        # PolNeAR dev: "But in July 2012, Patriot failed as predicted." had no cue.
        ("In July the depot closed as predicted.", None, (UN,)),
        ("The vote went to a second round as expected.", None, (UN,)),
        ("The depot closed, as predicted by the union.", "the union", (NO,)),
    ],
)
def test_as_predicted_is_what_someone_foresaw(text, source, classes):
    a = next(a for a in attributions(text) if a.cue in ("predicted", "expected"))
    assert (a.source, a.classes) == (source, classes), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR dev: "The Europeans, who had been cut out of the talks, derided the deal as
        # toothless" had no cue.
        (
            "The Greens, who had been left out of the talks, derided the deal as toothless.",
            "derided",
            "The Greens",
        ),
        ("Lowe lambasted the council over the fee.", "lambasted", "Lowe"),
    ],
)
def test_deriding_and_lambasting_are_stances(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR dev: "ask would you vote for an African American or Hispanic, man or woman, who
        # said and did the same things as Trump" was an unnamed claim.
        "Ask yourself: would you vote for a man or woman who said the same things?",
        "Could anyone trust a mayor who says the depot is safe?",
    ],
)
def test_a_speaker_in_a_modal_question_is_hypothetical(text):
    a = next(a for a in attributions(text) if a.cue in ("said", "says"))
    assert a.classes == (SourceClass.OTHER,), a.reason


def test_a_claim_after_a_modal_question_is_still_a_claim():
    a = first(attributions("Would you believe it? Officials said the depot is safe."), "said")
    assert a.classes == (UN,), a.reason


def test_what_someone_is_let_do_is_no_claim():
    # PolNeAR dev: "Readers may not let editorials tell them how to vote" had the unnamed outlet
    # source "let editorials".
    a = first(attributions("Voters may not let newspapers tell them how to vote."), "tell")
    assert (a.source, a.classes) == ("newspapers", (SourceClass.OTHER,)), a.reason


@pytest.mark.parametrize(
    "text",
    ["Let me tell you, the depot is a disaster.", "Let me just say that the ferry was never late."],
)
def test_let_me_is_the_speakers_own_voice(text):
    # PolNeAR train: "Let me just say that ..." had the named person "Let" as its source.
    a = attributions(text)[0]
    assert (a.source, a.classes) == (None, (SourceClass.OTHER,)), a.reason


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR train: "Polls show ... - assuming a two-way race between ..." was a cue of the
        # polls; "assumed his post", "has assumed a newly created role" were cues (0 of 11 marked).
        "Polls show the mayor could win - assuming a two-way race between Lowe and Reyes.",
        "She has assumed a newly created role as harbour counselor.",
        # PolNeAR train: "upon assuming office since it's a job that will affect ..." was a cue:
        # the relative "that" after a clause of reason read as its reported clause.
        "The mayor says a new chief must act at once upon assuming office since it is a post that matters.",
    ],
)
def test_assuming_a_role_or_a_premise_is_no_cue(text):
    assert not [a for a in attributions(text) if a.cue.lower().startswith("assum")]


def test_assuming_that_is_still_a_cue():
    a = first(attributions("Many residents assumed that the depot was safe."), "assumed")
    assert a.source == "Many residents"


def test_a_title_case_to_ends_no_name():
    # PolNeAR train: "3 Important Things To Know About The Missing Flight" had the named person
    # "Important Things To" as the source of "Know".
    assert not attributions("Here is the latest. 3 Important Things To Know About The Missing Ferry.")


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR train: "those workers would see a 50 percent increase", "Cyrus will see 'gates
        # that cannot keep closed'" were cues (0 of 5 such marked).
        "Under the deal, ferry workers would see their pay rise by a third.",
        'The preacher said it plainly. Hence the city will see "gates that cannot close."',
    ],
)
def test_what_someone_will_see_is_no_view(text):
    assert not [a for a in attributions(text) if a.cue == "see"]


def test_will_see_as_is_still_a_judgement():
    a = first(attributions("Residents will see the depot as a threat."), "see")
    assert a.source == "Residents"


def test_a_cue_after_as_following_a_participle_and_the_sentence_verb_is_its_own():
    # PolNeAR dev: "The footage of an anguished wife pleading for her husband's life came as
    # officials praised Thursday's protests" lost "praised" inside what "pleading" reported.
    text = "The video of a father pleading for his son's release came as officials praised the ferry crew."
    a = first(attributions(text), "praised")
    assert (a.source, a.classes) == ("officials", (UN,)), a.reason


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR dev: "Small group of rich donors pushes tally beyond total for 2012" was an
        # unnamed stance; train: "pushing her to victory", "has pushed Clinton to the left".
        "Small group of ferry owners pushes tally beyond total for 2019.",
        "Older voters turned out in force, pushing the mayor to victory.",
    ],
)
def test_pushing_something_somewhere_is_no_stance(text):
    assert not [a for a in attributions(text) if a.cue.startswith("push")]


def test_pushing_someone_to_act_is_a_stance():
    a = first(attributions("The unions pushed the mayor to close the depot."), "pushed")
    assert a.source == "The unions"


def test_a_typed_double_hyphen_ends_a_clause_as_a_dash_does():
    # PolNeAR dev: "95 retired generals and admirals -- most of whom had previously announced
    # their support -- who cited her years" lost "cited" inside what "announced" reported.
    text = "The mayor won praise from 95 captains -- most of whom had backed her -- who cited her record."
    a = first(attributions(text), "cited")
    assert a.source == "95 captains", a.reason


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR dev: "... is a misguided approach,'' said Mr. Burman (a view echoed by everyone
        # I interviewed)" lost "echoed"; train: "proposed raising taxes on investment income
        # (which Clinton also supports)" lost "supports".
        (
            "The levy is a mistake, said Ann Lowe (a view echoed by every captain I met).",
            "echoed",
            "every captain",
        ),
        ("The mayor proposed a higher ferry levy (which Reyes also supports).", "supports", "Reyes"),
    ],
)
def test_a_bracket_ends_what_an_earlier_cue_reports(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # PolNeAR train: "contemplate" forms are marked 5 times of 9 ("Biden seriously
        # contemplated another presidential run", "as some conservatives contemplate whether").
        ("Last year, Reyes seriously contemplated another run for mayor.", "Reyes"),
        (
            "The vote comes as some councillors contemplate whether to split the port board.",
            "some councillors",
        ),
    ],
)
def test_contemplate_is_a_stance(text, source):
    a = next(a for a in attributions(text) if a.cue.startswith("contemplat"))
    assert a.source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # Mined on PolNeAR train: "bemoan", "balk", "interject", "scoff" are marked as cues 20
        # times of 23 and were never found ("Rubio also bemoaned the current political climate",
        # "city officials have since balked at", "Hannity interjected: ...").
        ("Reyes also bemoaned the state of the harbour.", "bemoaned", "Reyes"),
        ("Port officials have since balked at the plan to build a hotel.", "balked", "Port officials"),
        ('Lowe interjected: "That is just not true."', "interjected", "Lowe"),
        ('"Silly boys," scoffed Ann Lowe, who runs the club.', "scoffed", "Ann Lowe"),
    ],
)
def test_bemoan_balk_interject_scoff_are_cues(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # Mined on PolNeAR train: these verbs are marked as cues 51 times of 67 and were never
        # found ("Gowdy referenced an inspector general's report", "Trump continually brags
        # about", '"...," mused Blaze co-host ...', "The university rebutted Exxon's accusation").
        ("Lowe referenced a 2015 audit of the harbour.", "referenced", "Lowe"),
        ("Reyes continually brags about his record on the ferry.", "brags", "Reyes"),
        ('"Imagine a bridge here," mused Ann Lowe.', "mused", "Ann Lowe"),
        ("The council rebutted the union's claim that the depot was unsafe.", "rebutted", "The council"),
        ("Reyes alluded to the mayor's troubles.", "alluded", "Reyes"),
        ("Most councillors do not foresee a quick end to the strike.", "foresee", "Most councillors"),
    ],
)
def test_verbs_mined_from_train_are_cues(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "Carly Fiorina threw her support behind Sen. Ted Cruz", "have thrown their
        # support behind the presumptive nominee", "is lending his support to candidates" were missed.
        ("Ann Lowe threw her support behind Reyes on Friday.", "threw her support", "Ann Lowe"),
        (
            "Harbour unions have thrown their support behind the levy.",
            "thrown their support",
            "Harbour unions",
        ),
        ("Reyes is lending his support to two candidates.", "lending his support", "Reyes"),
    ],
)
def test_throwing_support_behind_someone_is_a_cue(text, cue, source):
    assert first(attributions(text), cue).source == source


def test_a_future_backing_is_no_cue():
    assert not attributions("Reyes will throw his support behind Lowe before the convention.")


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: "took issue with", "has made no secret of", "shrugged off" are marked as
        # cues 12 times of 14 and were never found.
        ("Reyes took issue with the harbour board's forecast.", "took issue with", "Reyes"),
        ("Lowe has made no secret of her frustration with the ferry.", "made no secret", "Lowe"),
        ("The mayor's office shrugged off the union's comments.", "shrugged off", "The mayor's office"),
    ],
)
def test_taking_issue_making_no_secret_shrugging_off_are_cues(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR: "Oversight Committee Republicans seethed after the disclosure" (dev) and
        # '"...," Toomey fumed on Tuesday' (train) were missed.
        ("Harbour board members seethed after the audit was published.", "seethed", "Harbour board members"),
        ('"They were never serious," Reyes fumed on Tuesday.', "fumed", "Reyes"),
    ],
)
def test_seethe_and_fume_voice_anger(text, cue, source):
    assert first(attributions(text), cue).source == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # PolNeAR train: "The more liberal backers of her party were already skeptical of" and
        # "Clinton's allies have long been concerned that" were missed.
        ("The backers of the levy were already skeptical of her plan.", "The backers of the levy"),
        ("Lowe's allies have long been concerned that the ferry will fail.", "Lowe's allies"),
    ],
)
def test_already_often_long_may_stand_in_a_feeling(text, source):
    found = attributions(text)
    assert [a.source for a in found] == [source]


def test_both_before_a_copula_is_still_the_subject():
    found = attributions("Lowe and Reyes share some views. Both are quick to praise the dockers.")
    assert first(found, "are quick").source == "Both"


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # PolNeAR train: '"...," said Kunin, who has been critical of Sanders', "Speaker Paul D.
        # Ryan, who was reluctant to endorse Mr. Trump," and "Voters who are angry about an
        # economy ..." were missed.
        ('"He will do it," said Ann Lowe, who has been critical of Reyes.', "been critical", "Ann Lowe"),
        ("Voters who are angry about the levy will decide the race.", "are angry", "Voters"),
    ],
)
def test_a_feeling_in_a_relative_clause_is_its_antecedents(text, cue, source):
    assert first(attributions(text), cue).source == source
