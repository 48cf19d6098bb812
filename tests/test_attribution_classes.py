"""Attribution, issue 16 round 3: the class of each source (auditor/attribution/classes.py).

Every sentence below is invented for these tests (short news-style sentences); none is taken
from a real article or from PolNeAR.
"""

from __future__ import annotations

import pytest

from auditor.attribution import SourceClass
from tests.test_attribution import DOC, MR, NO, NP, OT, UN, attributions, first, only


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # The outlet is named before the noun: its reporting, not an unnamed outlet's.
        ("Twenty years ago, a Clarion article hailed Lowe as a genius.", "hailed", (MR,)),
        # A state's own outlets are identifiable.
        ("The test, which state media claimed was a success, worried its neighbours.", "claimed", (MR,)),
        # No outlet named: both.
        ("Several news outlets reported that Lowe would resign.", "reported", (MR, UN)),
    ],
)
def test_an_outlet_named_before_its_article(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


def test_a_judge_ruling_is_a_court():
    found = attributions("While a federal judge found the rule unlawful, an appeals court disagreed.")
    a = first(found, "found")
    assert a.classes == (NO,), a.reason


def test_a_pronoun_after_the_writer_is_not_the_writer():
    found = attributions(
        'When Ann Lowe mentioned the storm, I laughed and said, "It will pass." She said it would not.'
    )
    assert first(found, "said").classes == (SourceClass.OTHER,), first(found, "said").reason
    she = [a for a in found if a.source == "She"]
    assert she and she[0].classes == (NP,), [(a.source, a.reason) for a in found]


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        ("Correction: An earlier version of this article incorrectly listed the date.", "listed", (OT,)),
        # People the outlet interviewed are still people no one names.
        (
            "Many of the people interviewed for this article, including top officials, privately "
            "worry about the plan.",
            "worry",
            (UN,),
        ),
        # Another outlet's article is its reporting.
        ("This Clarion Post article notes that Lowe resigned.", "notes", (MR,)),
    ],
)
def test_this_outlets_own_article(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


def test_former_journalists_no_longer_report_for_the_outlet():
    a = first(
        attributions("Several former Clarion journalists have complained about the editor."), "complained"
    )
    assert a.classes == (UN,), a.reason


@pytest.mark.parametrize(
    "text",
    [
        "The plan is supported by an unusual coalition of leaders.",
        "A slew of party leaders agree with the mayor.",
    ],
)
def test_a_coalition_of_people_is_the_people(text):
    found = attributions(text)
    assert found and found[0].classes == (UN,), [(a.source, a.reason) for a in found]


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # The codebook's own example: a condition of people no one names is nobody's claim.
        ("If voters believe the mayor, she will win.", "believe", (OT,)),
        ("When veterans ask for help, their calls go unanswered.", "ask", (OT,)),
        # A named person's words stay theirs, and a past "when" is an event.
        ("The host cannot mock the ratings if Ann Lowe asks him about his taxes.", "asks", (NP,)),
        ("When voters said no in May, the council gave up.", "said", (UN,)),
    ],
)
def test_a_condition_of_people_no_one_names_is_other(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


def test_a_group_led_by_someone_named_in_one_phrase():
    found = attributions(
        "Mayor Ann Lowe met the council. The mayor and other officials seemed confident that the deal "
        "would hold."
    )
    a = first(found, "seemed")
    assert a.classes == (NP,), a.reason


def test_two_loose_groups_stay_unnamed():
    a = first(attributions("Democrats and Republicans say the bill is flawed."), "say")
    assert a.classes == (UN,), a.reason


def test_a_named_persons_relative_is_a_named_person():
    found = attributions("Keith Scott's wife said the video was clear.")
    assert [(a.source, a.classes) for a in found] == [("Keith Scott's wife", (SourceClass.NAMED_PERSON,))]


def test_a_description_with_a_name_in_apposition_before_a_stance_verb_is_named():
    found = attributions("Another critic, Laurence H. Tribe, likened the rules to a bonfire.")
    assert [(a.source, a.classes) for a in found] == [
        ("Another critic, Laurence H. Tribe", (SourceClass.NAMED_PERSON,))
    ]


def test_a_share_of_one_specific_body_is_that_body():
    """Codebook rule 2 ("the Senate voted" is an organisation); a real page's "a slim
    conservative majority of the court voted" was classed unnamed."""
    found = only("A slim majority of the court voted to uphold the harbour law.")
    assert found.classes == (SourceClass.NAMED_ORGANISATION,) and "specific body" in found.reason
    assert only("A majority of voters said the harbour law went too far.").classes == (SourceClass.UNNAMED,)


def test_the_side_of_a_vote_is_no_share_of_people():
    found = only("The judges in the majority voted to uphold the harbour law.")
    assert SourceClass.UNNAMED not in found.classes


def test_a_court_case_is_a_document():
    """A real page's "contrary to Roe v. Wade, which, in essence, says" was an unnamed source."""
    for text in (
        "The ruling in Lowe v. Harbour Board said that the quay belongs to the town.",
        "The judge struck the bylaw down as contrary to Lowe v. Harbour Board, which, in essence, "
        "says the quay belongs to the town.",
    ):
        found = only(text)
        assert found.classes == (DOC,) and "court case" in found.reason


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # A part the article has just said a document has ("The bylaw has two parts").
        ("The harbour bylaw has two parts. One part says that boats must moor at night.", "says", "One part"),
        # A part of a named text: "says" after it is a verb, and the whole phrase is the source.
        (
            "But that clause in the charter says that towns can't tax boats.",
            "says",
            "that clause in the charter",
        ),
        ("The Fourth Amendment says that searches need a warrant.", "says", "The Fourth Amendment"),
        # A real page's "A suit filed Thursday ... asks Judge Jesse M. Furman" was unnamed.
        ("A suit filed on Monday asks the judge to halt the levy.", "asks", "A suit"),
        # The case a relative clause hangs from, not the adjective before it.
        (
            "The judge struck the bylaw down as contrary to Lowe v. Harbour Board, which, in "
            "essence, says the quay belongs to the town.",
            "says",
            "Lowe v. Harbour Board",
        ),
    ],
)
def test_legal_texts_and_their_parts_are_documents(text, cue, source):
    """Real pages: a law's "One piece said", "that phrase in the Constitution says" (no source
    found) and "contrary to Roe v. Wade, which ... says" (the adjective in the source span)."""
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, (DOC,)), a.reason


def test_a_part_of_an_outlets_reporting_or_of_nothing_named():
    found = attributions("A piece in the Clarion Post said the mayor would resign.")
    assert first(found, "said").classes == (MR,)
    # A turn of phrase with no text named before it is no source.
    found = attributions("Lowe dislikes the slogan. She argues the phrase suggests the town has given up.")
    assert "the phrase" not in [a.source for a in found], [(a.cue, a.source) for a in found]


@pytest.mark.parametrize(
    "text",
    [
        # The article calls it "it" and describes a company.
        "Harbourly said it would drop the fee. The company did not say when. "
        "Harbourly didn't officially say the fee was a mistake.",
        # It owns what a company has.
        "Harbourly's shares fell on Monday. Harbourly doesn't want to raise prices, its statement said.",
        # Any cue verb, with a day between; a title-case headline naming it is no person's name.
        "Group Asks Harbourly To Drop Fee. Harbourly on Friday acknowledged that it had erred. "
        "The firm gave no figures. Harbourly doesn't want a price war.",
        # ", which": a thing or a body.
        "Harbourly, which runs the ferry app, declined to comment. Harbourly doesn't want a price war.",
    ],
)
def test_a_company_named_by_one_word_is_an_organisation(text):
    """Real pages: "Spotify didn't officially say", "Spotify doesn't want" were named persons."""
    found = [a for a in attributions(text) if a.source == "Harbourly"]
    assert found and all(a.classes == (NO,) for a in found), [(a.cue, a.source, a.reason) for a in found]


@pytest.mark.parametrize(
    "text",
    [
        "Harbour Fargo CEO Ann Lowe resigned. Harbour Fargo this month announced that it would cut fees.",
        # A title-case headline runs into the name.
        "Senator Grills Harbour Fargo CEO. Harbour Fargo said fees would fall.",
    ],
)
def test_a_company_named_by_several_words_is_an_organisation(text):
    """PolNeAR dev: "Wells Fargo just this month announced", in an article about "Wells Fargo CEO
    John Stumpf", was a named person."""
    found = [a for a in attributions(text) if a.source == "Harbour Fargo"]
    assert [a.classes for a in found] == [(NO,)], [(a.cue, a.source, a.reason) for a in found]


def test_a_person_named_by_several_words_stays_a_person():
    text = "Harbour CEO Ann Lowe resigned. Ann Lowe said the fees would fall."
    assert first(attributions(text), "said").classes == (NP,)


def test_a_person_named_by_one_word_stays_a_person():
    # Introduced with a first name: "Lowe" is Ann Lowe, even in an article about a company.
    text = "Ann Lowe founded the company. Lowe said it would not be sold, and the company agreed."
    assert first(attributions(text), "said").classes == (NP,)
    # No sign of a company: a singer known by one name.
    assert only("Rihanna said the tour would go on.").classes == (NP,)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Consumer advocacy group Fairfare praised the decision to cut fares.", "Fairfare"),
        ("Tenants' rights coalition HomeFirst warned that the plan would fail.", "HomeFirst"),
        ("Record label Bluewater announced that the tour was cancelled.", "Bluewater"),
        ("Startup Harbourly said the fee would go.", "Startup Harbourly"),
    ],
)
def test_a_name_after_a_word_for_a_body_is_the_bodys(text, source):
    """Real pages: "Women's advocacy group UltraViolet" (a descriptor noun before a capitalised
    name) was a named person."""
    a = only(text)
    assert (a.source, a.classes) == (source, (NO,)), a.reason


def test_a_title_after_a_word_for_a_body_keeps_the_person():
    a = only("Harbour campaign Chairman Ben Lowe said the vote was lost.")
    assert a.classes == (NP,), a.reason


@pytest.mark.parametrize(
    "text",
    [
        "A banner headline in the Clarion Post says the mayor will resign.",
        "A column in the Eastfield Gazette argued that the tax was unfair.",
    ],
)
def test_a_headline_or_column_in_a_named_outlet_is_its_reporting(text):
    """Real pages: "a banner headline in the New York Times that says" was unnamed."""
    a = attributions(text)[0]
    assert a.classes == (MR,), a.reason


def test_a_transcript_speaker_is_not_what_it_stands_for():
    """Real pages: in a transcript, "LIPTAK: It says ..." had "It" refer to the speaker's label
    as a named body."""
    text = (
        "The reporter Ann Okafor spoke to the clerk.\n\n"
        "OKAFOR: What is in the new rule?\n\n"
        "CLERK: It says the library must close on Sundays."
    )
    found = attributions(text)
    assert not [a for a in found if a.source == "It" and a.refers_to == "CLERK"], [
        (a.cue, a.source, a.reason) for a in found
    ]
    assert not [a for a in found if "CLERK" in a.reason and a.source == "It"]


def test_a_report_from_a_named_body_is_a_document():
    """PolNeAR train: "a paper from the left-leaning Brookings Institution" was another
    outlet's reporting, no outlet named."""
    found = attributions("Likewise, a report from the Harbour Institute had this to say about the plan:")
    a = first(found, "say")
    assert (a.source, a.classes) == ("a report from the Harbour Institute", (DOC,)), a.reason


@pytest.mark.parametrize(
    "text",
    [
        # Its title and what it has, as modifiers: "Harbourly CEO", "a Harbourly playlist".
        "Harbourly CEO Ann Lowe spoke on Monday. Harbourly decided the fee was too high.",
        "The song was cut from a Harbourly playlist. Harbourly admitted the fee was too high.",
        # Someone of it, and a word for a body before it, anywhere in the article.
        "Ann Lowe, a co-founder of Harbourly, spoke. Harbourly admitted the fee was too high.",
        "Fans left music-streaming service Harbourly. Harbourly admitted the fee was too high.",
        # A credit line and a headline are no person "Ben Price Harbourly"; nor is "Unlike Harbourly".
        "Photo: Ben Price\n\nHarbourly drops the fee\n\nHarbourly's shares fell. Harbourly admitted it.",
        "Unlike Harbourly, rivals kept the fee. Harbourly's app is free. Harbourly admitted it.",
    ],
)
def test_a_company_the_article_writes_of_as_one_is_an_organisation(text):
    """Real pages: "Spotify" stayed a named person on pages whose only company signs were
    "Spotify CEO", "co-founder of Spotify", "Spotify playlists", "music-streaming service
    Spotify", or where a credit line or "Unlike" before it read as a person's first name."""
    found = [a for a in attributions(text) if a.source == "Harbourly"]
    assert found and all(a.classes == (NO,) for a in found), [(a.cue, a.source, a.reason) for a in found]


@pytest.mark.parametrize(
    ("text", "cue", "refers_to"),
    [
        (
            "Ann Lowe released her tax returns on Friday, even though they disclosed a large loss.",
            "disclosed",
            "her tax returns",
        ),
        (
            "When the harbour figures were revised in May, they showed a steep fall in cargo.",
            "showed",
            "the harbour figures",
        ),
        (
            "The council published the minutes on Monday. They show that two members left early.",
            "show",
            "the minutes",
        ),
    ],
)
def test_they_of_a_verb_a_document_does_is_the_documents(text, cue, refers_to):
    a = first(attributions(text), cue)
    assert a.classes == (DOC,), a.reason
    assert a.refers_to == refers_to, a.reason


@pytest.mark.parametrize(
    "text",
    [
        # People, not papers, fear and see (PolNeAR train: "it means they fear", "they see
        # Trump as", each once "'they' refers to" studies or polls).
        "Two surveys of the port came out in May. This does not mean dock workers are idle; it"
        " means they fear the night shifts.",
        "The rota figures were posted on Monday. They feared the night shifts would go.",
        "Polls of the port's workers were taken in May. They see the night shifts as a threat.",
    ],
)
def test_they_of_a_persons_verb_is_never_documents(text):
    found = attributions(text)
    assert all(a.classes != (DOC,) for a in found), [a.reason for a in found]


def test_it_never_stands_for_a_plural_of_documents():
    # Real page: "Spotify ... it said in a statement" was "'it' refers to 'figures'".
    found = attributions("Harbourly published the figures. It said the spring had been hard.")
    assert all(a.refers_to != "the figures" for a in found), [a.reason for a in found]


def test_a_latin_singular_is_not_a_plural():
    # "the census ... it": one document, so "it" may stand for it, and "they" may not.
    found = attributions("The census was published on Tuesday. It shows the town grew by a tenth.")
    a = first(found, "shows")
    assert a.classes == (DOC,), a.reason


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # Real pages: "... and Spotify 'didn't spend enough time ...', it said in a statement"
        # ('it' was 'figures'), "UltraViolet - which praised Spotify when it announced the
        # policy" ('it' was UltraViolet).
        (
            "Harbourly's shares fell. The fee 'caused confusion' when it began and Harbourly 'did not"
            " listen', it said in a statement.",
            "said",
        ),
        (
            "Harbourly's shares fell. Advocacy group Fairfare – which praised Harbourly when it"
            " announced the fee – was not happy.",
            "announced",
        ),
    ],
)
def test_it_stands_for_a_company_the_article_writes_of_as_one(text, cue):
    a = first(attributions(text), cue)
    assert (a.classes, a.refers_to) == ((NO,), "Harbourly"), a.reason


def test_others_after_a_clause_ending_in_a_comma_are_not_led_by_its_object():
    # Real pages (six copies of one AP story): "While some praised Spotify for its bold move,
    # others criticized" was "the group is led by 'Spotify for its bold move', who is named".
    found = attributions("While some praised Harbourly for its bold move, others criticized the company.")
    a = first(found, "criticized")
    assert (a.source, a.classes) == ("others", (UN,)), a.reason


def test_a_companys_unique_role_in_the_lede_is_the_person_named_after_it():
    # Real page: "NEW YORK — Spotify's CEO says the company rolled out ..." with Daniel Ek named
    # a few sentences on was "holds a unique role" (codebook rule 1: the article ties it to a name).
    found = attributions(
        "Harbourly's CEO says the company rolled out its new fee in the wrong way. The fee rose in"
        ' May. "We rolled this out wrong," Ann Lowe said at a conference on Wednesday.'
    )
    a = first(found, "says")
    assert (a.classes, a.refers_to) == ((NP,), "Ann Lowe"), a.reason


def test_a_persons_aide_in_the_lede_is_not_that_person():
    found = attributions(
        'Lowe\'s aide says the council rolled out the fee in the wrong way. "We got it wrong," Ann'
        " Lowe said on Wednesday."
    )
    a = first(found, "says")
    assert a.refers_to != "Ann Lowe", a.reason


def test_a_us_state_stands_for_its_government():
    # A real page: "Alabama says, you can't have an abortion at all" was "'Alabama' is a name".
    a = first(attributions("And you know, Alabama says you cannot build a dock there at all."), "says")
    assert a.classes == (NO,), a.reason


def test_she_of_an_indefinite_person_in_a_question_is_anyone():
    # A real page (a transcript): "how can you know what's in a woman's heart when she decides
    # to have an abortion?" was "'she' refers to Adam Liptak".
    found = attributions(
        "Ann Lowe spoke to the court. How can you know what's in a woman's heart when she decides"
        " to leave the harbour?"
    )
    a = first(found, "decides")
    assert (a.classes, a.refers_to) == ((OT,), "a woman"), a.reason


def test_she_of_an_indefinite_person_outside_a_question_is_not_anyone():
    found = attributions("A woman in Eastfield filed a lawsuit, and she claimed the dock was unsafe.")
    a = first(found, "claimed")
    assert a.classes != (OT,), a.reason


def test_i_in_a_transcript_line_is_its_speaker():
    # A real page (a radio transcript): "LIPTAK: No, I think it leaves that conclusion to the
    # House." was "'I' is the writer's own voice".
    text = (
        "Host Terry Gross talks to reporter Ann Lowe.\n\nGROSS: What happens next?\n\n"
        "LOWE: Right. I think the council will vote in May."
    )
    a = first(attributions(text), "think")
    assert (a.classes, a.refers_to) == ((NP,), "Ann Lowe"), a.reason


def test_i_in_prose_is_the_writer():
    a = first(attributions("Ann Lowe spoke on Monday. I think the council will vote in May."), "think")
    assert a.classes == (OT,), a.reason


def test_a_body_after_a_title_word_is_no_person():
    # PolNeAR dev and a real page: "the Justice Department" was a Justice named Department, and
    # "she" then referred to "Department".
    found = attributions(
        "Ann Lowe spoke on Monday. The Justice Department was busy. She said the office was full."
    )
    a = first(found, "said")
    assert a.refers_to == "Ann Lowe", a.reason


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # Real pages: "The U.S. Constitution says that Congress must count ..." was "a named body".
        ("The U.S. Constitution says that Congress must count everyone.", "The U.S. Constitution"),
        ("The Harbour Rights Act says that every dock must stay open.", "The Harbour Rights Act"),
    ],
)
def test_a_legal_text_by_its_title_is_a_document(text, source):
    a = first(attributions(text), "says")
    assert (a.source, a.classes) == (source, (DOC,)), a.reason


def test_a_hashtag_campaign_is_an_organisation():
    # A real page: "And #MuteRKelly is asking for repercussions" was "'MuteRKelly' is a name".
    a = first(attributions("And #SaveTheDocks is asking for the fee to be dropped."), "asking")
    assert a.classes == (NO,), a.reason


@pytest.mark.parametrize(
    ("text", "refers_to"),
    [
        # PolNeAR: "a narrator in the Clinton ad asks" was unnamed; "In one, a narrator reminds
        # viewers" after "ads on black-oriented radio stations" is one of those ads.
        ('"Why did Ann Lowe not pay?" a narrator in the Harbour Party ad asks.', None),
        (
            "The party bought two ads on local radio. In one, a narrator says the fee is unfair.",
            "two ads on local radio",
        ),
    ],
)
def test_the_narrator_of_an_ad_is_the_ad(text, refers_to):
    a = next(a for a in attributions(text) if a.cue in ("asks", "says"))
    assert (a.classes, a.refers_to) == ((DOC,), refers_to), a.reason


def test_a_journalists_note_is_the_outlets():
    # PolNeAR train: "(Politico responded late Friday with an editor's note on the story saying
    # that ...)" was a document once "note" was one.
    found = attributions(
        "(The Clarion responded late Friday with an editor's note on the story saying that Lowe was wrong.)"
    )
    a = first(found, "saying")
    assert a.classes == (MR,), a.reason


def test_an_outlets_name_after_a_first_name_is_a_person():
    # PolNeAR train: "Michael Bloomberg, who is thinking about running, said" was a news outlet,
    # and so was every later "Bloomberg said" and "he".
    found = attributions(
        "Michael Bloomberg is weighing a run for the White House. Bloomberg told reporters on Monday"
        " that he would decide by March."
    )
    a = first(found, "told")
    assert (a.classes, a.refers_to) == ((NP,), "Michael Bloomberg"), a.reason
    # An outlet the article writes of as a company stays an outlet, even when a person of that
    # name appears ("Bloomberg says its reporting ..." beside "Michael R. Bloomberg").
    found = attributions(
        "Mr. Kamprad blamed Michael R. Bloomberg. Bloomberg says its reporting found the trusts. The"
        " company stands by the story."
    )
    assert first(found, "says").classes == (MR,), first(found, "says").reason
    # A determiner before the outlet's name is no first name ("Another RT America host").
    assert first(attributions("Another Reuters reporter, Ann Lowe, denied it."), "denied").classes == (MR,)


def test_a_sentences_opening_word_is_no_part_of_a_name():
    # PolNeAR: "Maybe Trump is the Manchurian Candidate ... he really just wants" had "he"
    # refer to "Maybe Trump"; "Yet Bloomberg says it started" made "Yet Bloomberg" a person.
    found = attributions("Maybe Okafor is right, and he really just wants the levy gone.")
    assert first(found, "wants").refers_to == "Okafor"
    found = attributions(
        "The council named Tom Okafor as chair. Meanwhile Okafor is talking to donors, and he wants"
        " the levy gone."
    )
    assert first(found, "wants").refers_to == "Tom Okafor"


def test_they_is_not_a_second_object_joined_by_and():
    # A real page: "Opponents have said a citizenship question would cause an undercount by
    # deterring immigrant households and Latinos from filling out the forms. That would, they
    # argue, cost ..." had "they" refer to "Latinos from filling".
    found = attributions(
        "Opponents have said the levy would deter small firms and Latinos from opening shops. That"
        " would, they argue, cost the town its high street."
    )
    assert first(found, "argue").refers_to == "Opponents"


def test_they_after_a_participle_is_the_plural_before_it():
    # A real page: "To civil liberties lawyers suing to block the question, it's now clear ...
    # They assert in court filings" had "They" refer to "Republicans", two sentences up.
    found = attributions(
        "Councillors who back the levy have rarely admitted any motive. To housing campaigners"
        " suing to stop the levy, it is clear that politics were at work. They assert in court"
        " filings that the mayor wrote the plan."
    )
    assert first(found, "assert").refers_to == "campaigners"


def test_lawyers_under_a_bodys_name_speak_for_it():
    # A real page: "ACLU attorneys allege in the filing" was unnamed ("names no one"), where
    # "lawyers for the ACLU" was a named organisation.
    a = first(attributions("Harbour Watch attorneys allege in the filing that the official lied."), "allege")
    assert a.classes == (NO,), a.reason
    assert first(
        attributions("Attorneys allege in the filing that the official lied."), "allege"
    ).classes == (UN,)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # Real pages: "The files revealed that Hofeller was hired" (a specific body) and "Files
        # found on Hofeller's computer also show" (a named person), "a postcard asking" (unnamed).
        ("The files revealed that the mayor was hired in 2015.", "revealed"),
        ("The town sent a postcard asking residents to confirm their address.", "asking"),
    ],
)
def test_files_and_mail_are_documents(text, cue):
    a = first(attributions(text), cue)
    assert a.classes == (DOC,), a.reason


@pytest.mark.parametrize(
    ("text", "classes", "refers_to"),
    [
        # PolNeAR train: "A Republican committee aide blasted the statement. '...,' the aide said"
        # gave "the aide" to the committee's chairman, named two sentences before.
        (
            "Chairman Tom Lowe touted the plan on Monday. A Republican committee aide blasted the "
            'statement. "It is a sham," the aide said.',
            (UN,),
            "A Republican committee aide",
        ),
        (
            'Ann Lowe spoke first. Then a young woman asked about the levy. "You owe us," the woman said.',
            (UN,),
            "a young woman",
        ),
    ],
)
def test_the_description_takes_up_the_one_introduced_before(text, classes, refers_to):
    a = first(attributions(text), "said")
    assert (a.classes, a.refers_to) == (classes, refers_to), a.reason


def test_a_description_introduced_long_before_is_not_taken_up():
    filler = " ".join(f"The depot opened gate {n} on Monday." for n in range(5))
    text = f'A Republican aide blasted the plan. {filler} Tom Lowe spoke. "No," the aide said.'
    assert first(attributions(text), "said").refers_to != "A Republican aide"


@pytest.mark.parametrize(
    ("text", "cue", "source", "classes"),
    [
        # PolNeAR dev: "according to a New York Times/CBS News poll" had the source "a New York
        # Times", another outlet's report; a poll is a document (codebook rule 4).
        (
            "Lowe leads, according to a Clarion/Harbour TV poll released Monday.",
            "according to",
            "a Clarion/Harbour TV poll",
            (DOC,),
        ),
        # A capitalised "Poll" at the end of its sponsors' names is still a poll.
        (
            "Voters oppose the levy, a Clarion Post/Eastfield University Poll finds.",
            "finds",
            "a Clarion Post/Eastfield University Poll",
            (DOC,),
        ),
        # PolNeAR train: "an online University of Texas/Texas Tribune poll" and "A University of
        # New Hampshire poll" were organisations ("of" split the phrase before the poll).
        (
            "Lowe leads, according to a University of Eastfield/Clarion poll out Monday.",
            "according to",
            "a University of Eastfield/Clarion poll",
            (DOC,),
        ),
        (
            "A University of Eastfield survey shows Lowe ahead.",
            "shows",
            "A University of Eastfield survey",
            (DOC,),
        ),
        # A real page: "the annual American Community Survey asks" was a named person.
        (
            "The annual Eastfield Community Survey asks about income.",
            "asks",
            "Eastfield Community Survey",
            (DOC,),
        ),
        # PolNeAR dev: "A 2014 study by Loyola Law School professor Justin Levitt found" had the
        # professor as the source.
        (
            "A 2014 study by law professor Ann Lowe found 31 cases.",
            "found",
            "A 2014 study by law professor Ann Lowe",
            (DOC,),
        ),
        ("A report by the agency said the depot was unsafe.", "said", "A report by the agency", (DOC,)),
        # PolNeAR dev: "The ad uses footage of Hillary Clinton asking" had the ad as the source.
        ("The spot ends with footage of Ann Lowe saying the levy is fair.", "saying", "Ann Lowe", (NP,)),
    ],
)
def test_a_document_and_whose_it_is(text, cue, source, classes):
    a = first(attributions(text), cue)
    assert (a.source, a.classes) == (source, classes), a.reason


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # PolNeAR dev: "Proponents, including the United States Conference of Mayors, have urged"
        # was classed as named people.
        (
            "Proponents, including the Eastfield Conference of Mayors, have urged the council to act.",
            "urged",
            (NO,),
        ),
        # PolNeAR train: "Several fact checkers, including The Washington Post, have pointed out".
        (
            "Several fact checkers, including The Clarion Post, have pointed out that he erred.",
            "pointed out",
            (MR,),
        ),
        (
            "Some observers, including Eastfield University professor Ann Lowe, criticized the group.",
            "criticized",
            (NP,),
        ),
        # PolNeAR train: "Democratic economists, like their Republican counterparts, say": a
        # comparison names no member.
        ("Democratic economists, like their Republican counterparts, say the levy works.", "say", (UN,)),
        # PolNeAR dev: "is supported by far fewer publications": outlets, none named.
        ("Lowe, meanwhile, is supported by far fewer publications.", "supported", (MR, UN)),
    ],
)
def test_a_group_takes_the_class_of_the_member_it_names(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


@pytest.mark.parametrize(
    "text",
    [
        # A music page: "Spotify's actions have highlighted the sensitive position" was a
        # specific body.
        "Harbourly's actions have highlighted the limits of the rules.",
        "The mayor's moves have highlighted the gaps in the budget.",
    ],
)
def test_acts_are_no_source(text):
    found = [a for a in attributions(text) if a.cue in ("highlighted", "showed")]
    assert [a.classes for a in found] == [(OT,)], [(a.cue, a.source, a.reason) for a in found]


@pytest.mark.parametrize(
    "text",
    [
        # PolNeAR dev: "the campaign plans to make more detailed medical records available soon,
        # a spokesman announced" was unnamed; a page: "Abbott's office did not respond ...,
        # although a spokeswoman said".
        "In addition, the council plans to publish the records soon, a spokesman announced Monday.",
        "On Friday, the ministry did not respond, although a spokeswoman said that the fee was fair.",
    ],
)
def test_a_spokesperson_of_the_body_the_sentence_is_about_speaks_for_it(text):
    a = first(attributions(text), "announced" if "announced" in text else "said")
    assert (a.source, a.classes) in (("a spokesman", (NO,)), ("a spokeswoman", (NO,))), a.reason


def test_a_spokesperson_with_no_body_stays_unnamed():
    a = first(attributions("The plan is unfair, a spokesman said."), "said")
    assert a.classes == (UN,), a.reason


def test_followers_of_a_name_are_a_loose_group():
    # PolNeAR dev: "Birchers viewed communists as terrorists", after "the John Birch Society",
    # was a named person "Birchers".
    text = "Members of the Lake Harbor Society met on Sunday. Harborers viewed the mayor as a threat."
    a = first(attributions(text), "viewed")
    assert (a.source, a.classes) == ("Harborers", (UN,)), a.reason


def test_a_last_name_in_ers_stays_a_person():
    a = first(attributions("Ann Walters runs the depot. Walters said the ferry was late."), "said")
    assert a.classes == (NP,), a.reason


@pytest.mark.parametrize(
    "text, cue",
    [
        # PolNeAR dev: "Not that anyone on the business side of TV is arguing" was unnamed.
        ("Not that anyone on the harbour board is arguing, since the ferry is late.", "arguing"),
        ("The depot opened sooner than anyone had expected.", "expected"),
        ("Anyone expecting the mayor to resign should think again.", "expecting"),
    ],
)
def test_anyone_is_whoever_might_not_a_source(text, cue):
    assert first(attributions(text), cue).classes == (OT,)


def test_an_outlet_and_its_people_are_led_by_the_outlet():
    # PolNeAR dev: "RT and its defenders say" was the unnamed source "its defenders".
    text = "The row goes on. Fox News and its defenders say that the network is fair."
    a = first(attributions(text), "say")
    assert (a.source, a.classes) == ("Fox News and its defenders", (MR,)), a.reason


def test_both_people_named_long_before_are_named():
    # PolNeAR dev: "both presidential candidates have opposed" (named paragraphs before) was
    # unnamed.
    text = (
        "Ann Lowe and Tom Reyes are running for mayor. The race is close. Turnout was low in the "
        "spring. The ferry strike ended in May. Both candidates have opposed the depot plan."
    )
    a = first(attributions(text), "opposed")
    assert (a.source, a.classes) == ("Both candidates", (NP,)), a.reason


def test_he_does_not_refer_to_women():
    # multi-outlet page: "women who accused him ..., claims he has denied" made "he" unnamed,
    # the women; "men", "women", "children" are plurals.
    text = "Tom Reyes runs the depot. Women complained about the noise, and he denied it."
    a = first(attributions(text), "denied")
    assert (a.classes, a.refers_to) == ((NP,), "Tom Reyes"), a.reason


def test_language_is_part_of_a_text_not_people():
    # PolNeAR dev: "replacing it with softer language calling for 'appropriate assistance'" was an
    # unnamed source "softer language".
    text = (
        'His aides changed the platform, stripping out a call for "more ships" and replacing it with '
        'softer language calling for "appropriate help."'
    )
    a = first(attributions(text), "calling for")
    assert a.classes == (DOC,), a.reason


def test_a_headlines_reportedly_is_the_report_the_article_names():
    # PolNeAR dev: "Clinton Campaign Reportedly Scrambling For Black Voter Turnout In Florida.
    # According to a new report by Politico, ..." was an unnamed "Reportedly".
    text = (
        "Mayor Reportedly Weighing Ferry Cuts.\n\nAccording to a new report by Politico, the mayor "
        "is weighing cuts to the ferry service."
    )
    a = first(attributions(text), "Reportedly")
    assert (a.classes, a.refers_to) == ((MR,), "a new report by Politico"), a.reason


def test_a_reportedly_with_no_report_named_stays_unnamed():
    a = first(
        attributions("Mayor Reportedly Weighing Ferry Cuts.\n\nThe mayor is weighing cuts."), "Reportedly"
    )
    assert a.classes == (UN,), a.reason


def test_he_before_an_anonymous_person_goes_on_meaning_the_named_one():
    # PolNeAR train: "In South Carolina he campaigned with a popular governor who had endorsed
    # him. In Nevada, he constantly reminded voters" made the second "he" the governor.
    text = (
        "Tom Reyes lost again. In May he campaigned with a popular governor who had endorsed him. "
        "In June, he constantly reminded voters of his record."
    )
    a = first(attributions(text), "reminded")
    assert (a.classes, a.refers_to) == ((NP,), "Tom Reyes"), a.reason


def test_she_after_an_anonymous_person_is_that_person():
    a = first(
        attributions("A senior aide said the plan failed. She added that the mayor was angry."), "added"
    )
    assert a.classes == (UN,), a.reason


def test_a_title_is_not_a_person_the_article_gives_another_country_or_office():
    """A description of an office refers to the person the article ties that office to; never to
    one it calls president of another country, or holder of another office (seed page 004:
    "the Russian president" and "The US president" were "refer to Volodymyr Zelenskyy", whom it
    calls "Ukrainian president"). With no such person, the office holder is an institution."""
    text = (
        "US special envoy Tom Reyes announced the talks. Although Ukrainian president Ivan Petrenko "
        "has accepted the truce, the Russian president has said the ports must be handed over first. "
        "The US president said both sides had agreed to meet. The envoy said the date was set."
    )
    found = attributions(text)
    russian, us = first(found, "said"), found[2]
    assert (russian.source, russian.classes, russian.refers_to) == ("the Russian president", (NO,), None)
    assert russian.reason == "named organisation: 'the Russian president' holds a unique role"
    assert (us.source, us.classes, us.refers_to) == ("The US president", (NO,), None)
    # The office the article gives a person still finds them.
    assert (found[3].source, found[3].refers_to) == ("The envoy", "Tom Reyes")


def test_a_first_name_set_in_capitals_is_a_name():
    """A drop cap ("KEIR Starmer spoke ...") names the person a later title refers to (seed page
    004: "The Prime Minister told Trump" was "refers to Donald Trump")."""
    text = (
        "MARTA Lindqvist spoke to Paul Okafor before the summit. The Prime Minister told Okafor that the "
        "plan was sound. Lindqvist later met the delegates."
    )
    a = first(attributions(text), "told")
    assert (a.classes, a.refers_to) == ((NP,), "Marta Lindqvist"), a.reason


def test_a_transcript_speaker_is_the_person_its_header_names():
    """ "AUDIE CORNISH, HOST:" introduces the person a later "CORNISH:" line is (a real NPR
    transcript's host was "'CORNISH' is a named body")."""
    text = (
        "ANN LOWE, HOST:\n\nThe council voted on Tuesday to close the bridge.\n\n"
        "LOWE: What did the council decide?\n\nTOM REYES, BYLINE: It said the bridge would close.\n\n"
        "LOWE: For how long?"
    )
    labels = [a for a in attributions(text) if a.cue == ":"]
    assert [(a.source, a.classes, a.refers_to) for a in labels] == [
        ("LOWE", (NP,), "Ann Lowe"),
        ("LOWE", (NP,), "Ann Lowe"),
    ]


@pytest.mark.parametrize(
    ("text", "cue", "classes"),
    [
        # Read on the claims round 17's new cues made: "Japanese are mulling" was a named
        # person, "Party elites ... are acquiescing" an organisation, "opined Cleveland's Plain
        # Dealer" a person; PolNeAR dev's "CNS reported" an organisation (labelled an outlet).
        ("Japanese are mulling a change to the ferry timetable.", "mulling", (UN,)),
        ("Party elites are acquiescing to the new leader.", "acquiescing", (UN,)),
        ('"Leave the cars at home," opined the Plain Dealer.', "opined", (MR,)),
        ("CNS reported Monday that the port had reopened.", "reported", (MR,)),
    ],
)
def test_nationalities_elites_and_outlets(text, cue, classes):
    a = first(attributions(text), cue)
    assert a.classes == classes, a.reason


def test_a_person_in_the_phrase_a_sentence_opens_with_is_not_the_he_after_its_comma():
    """Seed page 000: "In the heady heights of a meeting with strongman Putin, he seemed to have
    abandoned ..." was "'he' refers to Vladimir Putin"; the article means Trump, the sentence
    before's subject."""
    met = "Mayor Ann Lowe met Governor Tom Reyes on Monday. "
    said = first(
        attributions(met + "In a meeting with Reyes, she said the bridge would open in May."), "said"
    )
    insisted = first(
        attributions(met + "After Reyes criticised her, she insisted the plan was sound."), "insisted"
    )
    assert (said.refers_to, insisted.refers_to) == ("Ann Lowe", "Ann Lowe"), (said.reason, insisted.reason)
