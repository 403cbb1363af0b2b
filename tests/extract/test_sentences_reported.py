"""Who said it: quotations, 'according to', speakers, first person."""

from __future__ import annotations

import pytest


def said(extraction):
    return {(s.actor, s.polarity, s.predicate) for s in extraction.statements}


def test_attribution_quote_after_with_description(run):
    x = run(
        "Norwegian Foreign Minister Ola Berg arrived in Santiago. "
        '"We will never accept a partition of the fjords. This is our heritage," '
        "the foreign minister told reporters."
    )
    # "we" of a state's representative is the state; the quote is still his.
    assert ("Norway", "oppose", "accepts") in said(x)
    assert any(s.actor == "Ola Berg" and s.polarity == "neutral" for s in x.statements)


def test_attribution_quote_before(run):
    x = run('Chilean President Marta Vidal said: "The copper tax must go. It hurts our miners."')
    by_text = {s.evidence: s for s in x.statements}
    assert all(s.actor in ("Marta Vidal", "Chile") for s in x.statements)
    assert any(s.polarity == "support" for s in by_text.values())
    assert any("hurts our miners" in e for e in by_text)


def test_attribution_according_to(run):
    x = run("Ana Lima spoke on Monday. According to Ana Lima, the dam project is over budget.")
    claim = [s for s in x.statements if "budget" in s.evidence]
    assert [(s.actor, s.polarity) for s in claim] == [("Ana Lima", "neutral")]


def test_attribution_reporting_verb_keeps_neutral_claim(run):
    x = run("Ana Lima said the harbour had reopened.")
    assert ("Ana Lima", "neutral", "says") in said(x)


def test_attribution_self_introduction_sets_speaker_and_body(run):
    x = run(
        "My name is Jane Porter and I am the chief executive of the Clean Air Alliance. "
        "We believe that there should be legislation to regulate emissions. "
        "I support a carbon tax."
    )
    assert ("Clean Air Alliance", "support", "believes") in said(x)
    assert ("Jane Porter", "support", "supports") in said(x)
    rel = {(r.subject, r.predicate, r.object) for r in x.relations}
    assert ("Jane Porter", "leader_of", "Clean Air Alliance") in rel


def test_attribution_metadata_speaker(run):
    x = run("I reject any cut to the pension fund.", speaker="Marta Vidal")
    # rejecting a cut to the fund is for the fund
    assert ("Marta Vidal", "support", "rejects") in said(x)


def test_attribution_pronoun_he_after_named_person(run):
    x = run("Tomas Reyes, the Chilean envoy, arrived late. He rejected the fishing quota.")
    assert ("Tomas Reyes", "oppose", "rejects") in said(x)


def spans(extraction, actor):
    return [s.evidence for s in extraction.statements if s.actor == actor]


@pytest.mark.parametrize(
    "text",
    [
        # the reported clause before the verb
        "The harbour tax was unfair to small fishing firms, Tomas Reyes said.",
        # a complement the parser hangs on the addressee
        "Tomas Reyes told the Valparaiso Herald he hoped the harbour would reopen soon.",
        # a title after the name
        "Tomas Reyes MP said the harbour had to reopen before the winter.",
    ],
)
def test_attribution_reported_speech_shapes(run, text):
    assert spans(run(text), "Tomas Reyes") == [text]


def test_attribution_quotation_over_paragraphs_is_one_claim(run):
    x = run(
        'Ana Lima said: "The dam will be finished on time. The money is there.\n\n'
        '"Nobody will lose their home."\n\nThe dam opened in May.'
    )
    quoted = [s for s in x.statements if "dam will be finished" in s.evidence]
    assert len(quoted) == 1 and quoted[0].actor == "Ana Lima"
    assert "Nobody will lose their home" in quoted[0].evidence
    assert not any("opened in May" in s.evidence for s in x.statements)


def test_attribution_each_coordinated_speaker(run):
    x = run("Both Norway and Chile said the fishing quota was too low.")
    assert {s.actor for s in x.statements} == {"Norway", "Chile"}


def test_attribution_spokesperson_speaks_for_the_body(run):
    x = run("A WHO spokeswoman said the vaccine data would be published in March.")
    assert [s.actor for s in x.statements] == ["World Health Organization"]


def test_attribution_pronoun_follows_clause_and_gender(run):
    x = run(
        "Mrs Dora Quispe met Mr Tomas Reyes in the capital. "
        "Mr Reyes said he would sign the treaty. She said the treaty was premature."
    )
    by_evidence = {s.evidence: s.actor for s in x.statements}
    assert by_evidence["Mr Reyes said he would sign the treaty."] == "Tomas Reyes"
    assert by_evidence["She said the treaty was premature."] == "Dora Quispe"


def test_attribution_condition_is_no_stance(run):
    x = run("If Norway wants a new quota, it should negotiate with Chile.")
    assert ("Norway", "support", "wants") not in said(x)


def test_attribution_own_claims_of_the_speaker(run):
    x = run(
        "The fishing quota must be cut by half. I want to be clear that we reject the new "
        "harbour tax. The weather was cold.",
        speaker="Marta Vidal",
    )
    stances = {(s.actor, s.polarity, s.position) for s in x.statements}
    assert ("Marta Vidal", "support", "fishing quota must be cut by half") in {
        (a, p, pos.replace("The ", "")) for a, p, pos in stances
    }
    assert not any(p == "support" and "clear" in pos for _, p, pos in stances)
    assert not any("weather" in s.evidence for s in x.statements)


def test_attribution_speaker_role_and_body_from_metadata(run):
    x = run(
        "We reject the new tariff on soy.",
        speaker="Dora Quispe",
        speaker_role="Minister for Foreign Affairs",
        organization="Brazil",
    )
    assert ("Brazil", "oppose", "rejects") in said(x)
    rel = {(r.subject, r.predicate, r.object) for r in x.relations}
    assert rel == {("Dora Quispe", "represents", "Brazil")}


def test_attribution_report_whose_clause_has_its_own_cue_is_kept(run):
    # "veto" is a stance cue of the clause's own subject; the report is still Berg's.
    x = run("Ola Berg said the fishing council was prepared to veto any bid to cut the quota.")
    assert ("Ola Berg", "neutral", "says") in said(x)


def test_attribution_report_of_the_speakers_own_stance_is_read_once(run):
    x = run("Ola Berg said he would veto any bid to cut the quota.")
    # vetoing a cut to the quota is for the quota
    assert [(s.actor, s.polarity, s.position) for s in x.statements] == [
        ("Ola Berg", "support", "quota")
    ]


def test_attribution_trailing_tag_after_a_condition(run):
    x = run(
        "Curfews were one option which could be used if court orders were ignored, Lord Berg said."
    )
    assert [(s.actor, s.polarity) for s in x.statements] == [("Berg", "neutral")]


def test_attribution_told_someone_that(run):
    x = run("Ola Berg told a party gathering that the harbour plan would cost jobs.")
    claims = [s for s in x.statements if s.actor == "Ola Berg"]
    assert claims and claims[0].claim == "the harbour plan would cost jobs"
    assert claims[0].position == "harbour plan"  # what the claim is about


def test_attribution_bare_quotation_goes_on_from_the_last_speaker(run):
    x = run('Ola Berg said the harbour plan was fair.\n\n"Nobody in Tromso loses anything."')
    bare = [s for s in x.statements if "Nobody" in s.evidence]
    assert [s.actor for s in bare] == ["Ola Berg"]
    assert all("Nobody" not in s.evidence or "fair" not in s.evidence for s in x.statements)


def test_attribution_quotation_going_on_is_one_statement(run):
    said = '"The harbour plan is fair." "Nobody in Tromso loses anything."'
    text = f"Ola Berg said: {said}"
    [claim] = [s for s in run(text).statements if "Nobody" in s.evidence]
    assert claim.actor == "Ola Berg"
    assert text[claim.start : claim.end] == said


@pytest.mark.parametrize(
    "text",
    [
        '"The harbour plan is fair," Ola Berg said. "Nobody in Tromso loses anything."',
        '"The harbour plan," Ola Berg said, "costs Tromso nothing at all."',
        "''The harbour plan is fair,'' said Ola Berg, a fisherman. ''Nobody loses anything.''",
    ],
    ids=["tag-between-sentences", "tag-inside-a-sentence", "double-apostrophes"],
)
def test_attribution_quotation_around_its_tag_is_one_statement(run, text):
    claims = [s for s in run(text).statements if s.actor == "Ola Berg"]
    assert [(text[s.start], text[s.end - 1]) for s in claims] == [(text[0], text[-1])]


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("Ola Berg called the harbour plan a disgrace.", "describes"),
        ("Ola Berg branded the proposal a waste of money.", "criticises"),
        ("Ola Berg accused the council of hiding the costs.", "accuses"),
    ],
)
def test_attribution_verdicts_are_stances_against_what_they_judge(run, text, predicate):
    x = run(text)
    assert ("Ola Berg", "oppose", predicate) in said(x)


def test_attribution_calling_a_meeting_is_no_verdict(run):
    x = run("Ola Berg called a meeting of the harbour board.")
    assert not [s for s in x.statements if s.predicate == "describes"]


def test_attribution_title_after_the_only_person_named(run):
    x = run("Ola Berg opened the session. The foreign secretary said the harbour had reopened.")
    assert [s.actor for s in x.statements if "reopened" in s.evidence] == ["Ola Berg"]


def test_attribution_he_goes_on_from_the_previous_he(run):
    x = run(
        "Ola Berg spoke to reporters on Monday. He said there had been other talks, most "
        "recently about Tomas Reyes's harbour plans. The council could not pick and choose "
        "its rules, he said."
    )
    last = [s for s in x.statements if "pick and choose" in s.evidence]
    assert [s.actor for s in last] == ["Ola Berg"]


def test_attribution_adding_belongs_to_the_reporter(run):
    x = run(
        "Ola Berg said the fishermen would block the harbour next week, adding that the "
        "council had no plan."
    )
    assert {s.actor for s in x.statements} == {"Ola Berg"}


def test_attribution_a_spokesperson_for_someone_speaks_for_them(run):
    x = run("A spokesperson for Ola Berg said the harbour would reopen.")
    assert [s.actor for s in x.statements] == ["Ola Berg"]


def test_attribution_declining_to_comment_says_nothing(run):
    assert run("The Norwegian fisheries ministry declined to comment.").statements == []


def test_attribution_quotation_without_content_words_is_kept(run):
    x = run('"We will not back down," Ola Berg tweeted on Tuesday.')
    assert [s.actor for s in x.statements] == ["Ola Berg"]


def test_attribution_testimony_heading_names_the_speaker(run):
    x = run(
        "Testimony of Jane Porter, Executive Director, Clean Air Alliance\n"
        "Chairman Reed, Ranking Member Cole, and members of the Committee\n\n"
        "Thank you for the opportunity to testify. Emissions from power plants must be "
        "cut by half."
    )
    assert ("Jane Porter", "support", "advocates") in said(x)
    roles = {(r.subject, r.predicate, r.object) for r in x.relations}
    assert ("Jane Porter", "leader_of", "Clean Air Alliance") in roles


def test_attribution_a_name_in_capitals_is_written_as_elsewhere(run):
    x = run(
        "STATEMENT OF THE CLEAN AIR ALLIANCE\n\nThe Clean Air Alliance rejected the "
        "fishing quota. THE CLEAN AIR ALLIANCE also rejected the levy."
    )
    assert [a.label for a in x.actors if a.type == "Organization"] == ["Clean Air Alliance"]


def test_attribution_headline_without_mark_is_its_own_sentence(run):
    x = run("Port Strike Ends After Talks\n\nDock union leader Ana Lima said the strike was over.")
    (claim,) = [s for s in x.statements if s.actor == "Ana Lima"]
    assert claim.evidence.startswith("Dock union leader") and "Talks" not in claim.evidence


def test_attribution_said_in_a_statement_that(run):
    x = run("Senator Ola Berg said in a statement that the harbour would reopen in May.")
    assert [(s.actor, s.polarity) for s in x.statements] == [("Ola Berg", "neutral")]
    assert "reopen in May" in x.statements[0].claim


def test_attribution_office_speaks_for_its_holder(run):
    x = run("Rep. Ana Lima's office said the hearing would take place next week.")
    assert [s.actor for s in x.statements] == ["Ana Lima"]


@pytest.mark.parametrize("description", ["The Oregon Democrat", "The veteran lawmaker"])
def test_attribution_description_of_a_named_person(run, description):
    x = run(
        "Sen. Ana Lima spoke to farmers in Salem on Monday. "
        f"{description} called for a ban on the new pesticide."
    )
    assert ("Ana Lima", "oppose") in {(s.actor, s.polarity) for s in x.statements}


def test_attribution_quote_with_party_and_state_before_the_verb(run):
    x = run(
        "Sen. Ana Lima, D-Ore., spoke first. "
        '"It is a dreadful bill," Sen. Ola Berg, R-Ky., told CNN on Sunday.'
    )
    quoted = [s for s in x.statements if "dreadful" in s.evidence]
    assert quoted and {s.actor for s in quoted} == {"Ola Berg"}


def test_attribution_a_quotation_is_said_once(run):
    x = run('"I think the new tax is a mistake," Ana Lima told reporters.')
    assert len([s for s in x.statements if s.actor == "Ana Lima"]) == 1


def test_attribution_blank_line_inside_a_sentence_does_not_split_it(run):
    x = run("Dock union leader Ana Lima said the strike\n\nwas over.")
    (claim,) = [s for s in x.statements if s.actor == "Ana Lima"]
    assert "was over" in claim.evidence


def test_attribution_the_question_is_not_the_answer(run):
    x = run("Asked whether the dam was safe, Ana Lima said engineers had checked it twice.")
    assert [s.claim for s in x.statements if s.actor == "Ana Lima"] == [
        "engineers had checked it twice"
    ]


def test_attribution_dateline_is_not_the_subject(run):
    x = run(
        "OSLO (Reuters) - Fishing inspectors on Monday questioned whether the quota was legal.\n\n"
        "OSLO (Reuters) - Fishing minister Ola Berg said on Monday the quota would rise."
    )
    assert {s.actor for s in x.statements if s.actor_id} == {"Ola Berg"}
    assert {s.actor for s in x.statements if not s.actor_id} == {"Fishing inspectors"}


def test_attribution_parenthetical_tag(run):
    x = run("Ana Lima spoke first. If the dam fails, she said, the valley will flood.")
    claims = [s for s in x.statements if "valley will flood" in s.claim]
    assert [s.actor for s in claims] == ["Ana Lima"]
    assert "she said" not in claims[0].claim


def test_attribution_quote_that_ends_its_sentence_is_not_the_next_speakers(run):
    x = run(
        'Ana Lima warned of floods. "The dam is old. It will break." '
        "Harbour master Ola Berg said he opposed the new quay."
    )
    quoted = [s for s in x.statements if "will break" in s.evidence]
    assert quoted and {s.actor for s in quoted} == {"Ana Lima"}
    assert ("Ola Berg", "oppose") in {(s.actor, s.polarity) for s in x.statements}


def test_attribution_heading_over_several_lines(run):
    from stancegraph.extract.documents import normalise

    text, _ = normalise(
        "Written Statement of\nKari Nordmann\nExecutive Director\nNational Fisheries Association\n"
        "Before the Committee on Fisheries\n\n"
        "I thank the committee. The association believes that the quota should be cut.\n"
    )
    x = run(text)
    roles = {(r.subject, r.predicate, r.object) for r in x.relations}
    assert roles == {("Kari Nordmann", "leader_of", "National Fisheries Association")}
    # that the quota should be cut is against the quota
    assert ("National Fisheries Association", "oppose", "quota") in {
        (s.actor, s.polarity, s.position) for s in x.statements
    }


def said_by(run, text):
    """source -> the words each of its statements says (its start/end in the text)."""
    out: dict[str, list[str]] = {}
    for s in run(text).statements:
        out.setdefault(s.actor, []).append(text[s.start : s.end])
    return out


@pytest.mark.parametrize(
    ("text", "source", "kind", "said"),
    [
        (
            "Critics say the harbour tax is unfair.",
            "Critics",
            "generic",
            "the harbour tax is unfair",
        ),
        (
            "Some fishermen fear that the quota will fall.",
            "Some fishermen",
            "generic",
            "that the quota will fall",
        ),
        (
            "The report found that the harbour was unsafe.",
            "The report",
            "document",
            "that the harbour was unsafe",
        ),
        (
            "A new survey shows most anglers distrust the quota.",
            "A new survey",
            "document",
            "most anglers distrust the quota",
        ),
        ("It was reported that the talks had failed.", "", "unnamed", "that the talks had failed"),
        (
            "The council is expected to approve the harbour plan.",
            "",
            "unnamed",
            "The council is expected to approve the harbour plan",
        ),
        (
            "The port closed on Monday. He said the port would reopen in May.",
            "",
            "unnamed",
            "the port would reopen in May",
        ),
        (
            "The port closed on Monday. I think the port will reopen in May.",
            "",
            "unnamed",
            "the port will reopen in May",
        ),
    ],
    ids=[
        "critics",
        "quantified",
        "report",
        "survey",
        "it-was-reported",
        "is-expected-to",
        "a-pronoun-naming-nobody",
        "the-writer-of-an-article",
    ],
)
def test_attribution_sources_that_are_no_actor_are_kept(run, text, source, kind, said):
    x = run(text)
    [st] = [s for s in x.statements if s.source_kind == kind]
    assert (st.actor, st.actor_id, text[st.start : st.end]) == (source, "", said)
    assert not x.actors


def test_attribution_document_with_a_named_owner_is_the_owners(run):
    x = run("A Norway poll shows that the quota is popular.")
    [st] = x.statements
    assert (st.actor, st.actor_id, st.source_kind) == ("Norway", "norway", "document")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ana Lima has long argued that the dam is too costly.", "that the dam is too costly"),
        ("Ana Lima had told reporters the dam was safe.", "the dam was safe"),
        ("Ana Lima is saying the dam is safe.", "the dam is safe"),
        ("Ana Lima would later say that the dam was safe.", "that the dam was safe"),
        ("Ana Lima wrote on Twitter that the dam was safe.", "that the dam was safe"),
        ("Ana Lima believes the dam is safe.", "the dam is safe"),
        ("Ana Lima hopes the dam will hold.", "the dam will hold"),
        ("Ana Lima knows that the dam is old.", "that the dam is old"),
        ("Ana Lima worried that the dam would burst.", "that the dam would burst"),
        ("Ana Lima mentioned the dam twice.", "the dam"),
        ("Ana Lima repeated her claim that the dam was safe.", "that the dam was safe"),
        ("Ana Lima is opposed to the new dam.", "to the new dam"),
        ("Ana Lima was confident that the dam would hold.", "that the dam would hold"),
        ("Ana Lima is worried about the dam.", "about the dam"),
        ("Ana Lima was attacked by Norway for her remarks.", "Ana Lima"),
    ],
    ids=[
        "perfect",
        "pluperfect",
        "progressive",
        "modal",
        "wrote-on-twitter",
        "belief",
        "hope",
        "knowledge",
        "fear",
        "object",
        "reporting-noun",
        "opposed-to",
        "confident-that",
        "worried-about",
        "passive-with-its-agent",
    ],
)
def test_attribution_reporting_beyond_said(run, text, said):
    found = said_by(run, text)
    assert said in found["Norway" if "by Norway" in text else "Ana Lima"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("The dam appeared to hold.", "The dam appeared to hold"),
        ("The dam is seen as a risk to the town.", "The dam is seen as a risk to the town"),
        ("Asked about the dam, Ana Lima said nothing.", "about the dam"),
        ("The harbour master seemed irritated.", "The harbour master seemed irritated"),
        ("The damage appears significant.", "The damage appears significant"),
        ("It is clear that the mayor has lost.", "that the mayor has lost"),
        ("It remains unclear how the board will act.", "how the board will act"),
        ("It appeared that the mayor had won.", "that the mayor had won"),
    ],
    ids=[
        "appears-to",
        "is-seen-as",
        "asked-about",
        "seems-and-an-adjective",
        "appears-so",
        "it-is-clear-that",
        "it-remains-unclear-how",
        "it-appeared-that",
    ],
)
def test_attribution_perceptions_without_a_perceiver_are_unnamed(run, text, said):
    found = [s for s in run(text).statements if s.source_kind == "unnamed"]
    assert [(s.actor, s.actor_id, text[s.start : s.end]) for s in found] == [("", "", said)]


def test_attribution_according_to_anything_names_a_source(run):
    text = "Norway rejected the quota, according to the minutes of the meeting."
    [st] = [s for s in run(text).statements if s.cue == "according"]
    assert (st.actor, st.source_kind) == ("the minutes of the meeting", "generic")
    assert text[st.start : st.end] == "Norway rejected the quota"


def test_attribution_according_to_covers_every_clause_of_a_coordination(run):
    text = (
        "Lima won 41 percent, Costa had 30 percent and Berg took 12 percent, "
        "according to the count."
    )
    [st] = [s for s in run(text).statements if s.cue == "according"]
    assert text[st.start : st.end].startswith("Lima won") and "Berg took" in text[st.start : st.end]


def test_attribution_content_goes_on_into_a_modal_clause_joined_to_the_verb(run):
    # the parser joins "but would now root ..." to "said", not to what was said
    text = "Ola Berg said he was rooting for the Vikings but would now root for the Bears."
    [st] = [s for s in run(text).statements if s.cue == "said"]
    assert text[st.start : st.end] == text[len("Ola Berg said ") : -1]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # a clause with a subject of its own, after "but"
        (
            "Ola Berg said she had no plans to vote, but when the quota came up, it just happened.",
            "she had no plans to vote, but when the quota came up, it just happened",
        ),
        # bare verbs going on with an infinitive the parser hangs on the verb
        (
            "The fishermen said money is needed to repair the boats, train the crews and "
            "pay the harbour fees.",
            "money is needed to repair the boats, train the crews and pay the harbour fees",
        ),
        # a modal clause after an adverb
        (
            "Ola Berg said he hoped to keep his boat, and then would go on fishing.",
            "he hoped to keep his boat, and then would go on fishing",
        ),
        # a second complement, the first cut short by the parser
        (
            "Ola Berg explained that all anyone has to do is ask the harbour master, and "
            "that the union has made the biggest difference.",
            "that all anyone has to do is ask the harbour master, and that the union has "
            "made the biggest difference",
        ),
    ],
)
def test_attribution_content_goes_on_to_the_end_of_what_was_said(run, text, said):
    [st] = [s for s in run(text).statements if s.cue in ("said", "explained")]
    assert text[st.start : st.end] == said


@pytest.mark.parametrize(
    ("text", "speaker", "said"),
    [
        # the parser makes the name the subject of the quoted clause
        (
            '"The risk," said Ola Berg, an economist, "is that the fleet will leave."',
            "Ola Berg",
            ('"The risk,"', 'will leave."'),
        ),
        # the recogniser reads a name after a quotation as a title
        (
            '"This is a time of cooperation," Guan Youfei told reporters.',
            "Guan Youfei",
            ('"This is', 'cooperation,"'),
        ),
    ],
)
def test_attribution_a_quotation_tag_names_its_speaker(run, text, speaker, said):
    [st] = run(text).statements
    assert st.actor == speaker
    assert text[st.start : st.end].startswith(said[0])
    assert text[st.start : st.end].endswith(said[1])


def test_attribution_content_goes_on_into_a_clause_of_the_same_speaker(run):
    # "he doesn't want" has a cue of its own, but its subject is the speaker's pronoun
    text = (
        "Ola Berg said he will support whomever the party nominates, but beyond that, "
        "he doesn't want to be involved in the race."
    )
    first = min(run(text).statements, key=lambda s: s.start)
    assert text[first.start : first.end] == text[len("Ola Berg said ") : -1]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a description speaks, as written, and goes on in the next quotation
        (
            '"It is hard to come back to work," said the designer, who works for another '
            'brand. "But to know the company does not value you makes it harder."',
            "the designer",
        ),
        # a reporting verb in a relative clause of the tag names nobody who goes on
        (
            '"I am not a lawyer," Ola Berg told reporters, referring to bruises that Rui '
            'Costa showed to the police. "Would you not think she would have yelled?"',
            "Ola Berg",
        ),
    ],
)
def test_attribution_quotation_goes_on_after_a_long_tag(run, text, speaker):
    [st] = run(text).statements
    assert (st.actor, st.start, st.end) == (speaker, 0, len(text))  # both quotations


def test_attribution_stance_of_a_noun_in_a_report_says_the_report(run):
    text = "Ola Berg said his bid for a bigger quota was the right thing to do."
    [st] = run(text).statements
    assert (st.actor, st.polarity) == ("Ola Berg", "support")
    assert text[st.start : st.end] == text[len("Ola Berg said ") : -1]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('Ola Berg called Rui Costa "the Chancellor of the Free World."', "Rui Costa"),
        ('Ola Berg called the use of fishing quotas "quite dangerous."', "the use"),
        ("Ola Berg called what she witnessed ''terrible.''", "what she"),
    ],
)
def test_attribution_what_a_naming_verb_calls_in_quotation_marks(run, text, said):
    [st] = run(text).statements
    assert st.actor == "Ola Berg"
    called = text[st.start : st.end]
    assert called.startswith(said) and called.endswith(('"', "''"))


def test_attribution_calling_a_meeting_says_nothing(run):
    assert run("Ola Berg called a meeting of the fishing council.").statements == []


@pytest.mark.parametrize(
    "text",
    ["The fishermen seem to agree.", "The harbour masters seemed to know little about the quota."],
)
def test_attribution_what_seems_so_is_the_whole_clause(run, text):
    [st] = run(text).statements
    assert (st.source_kind, st.predicate) == ("unnamed", "seems")
    assert text[st.start : st.end] == text[:-1]


def test_attribution_a_tag_that_tells_someone_inside_the_sentence(run):
    text = "Instead, Ola Berg told CNN, his policy would be to cut the quota."
    [st] = run(text).statements
    assert (st.actor, text[st.start : st.end]) == (
        "Ola Berg",
        "his policy would be to cut the quota",
    )


@pytest.mark.parametrize(
    "text",
    [
        # the parser makes the last quoted noun the subject of "said"
        '"He opposed every one of them. Every single amendment," said Ola Berg, who wrote them.',
        # and a clause before the tag
        'The rejection of the treaty signals "the end" for the union, said Ola Berg.',
        'Ola Berg told reporters "our nation is in horrible trouble."',
    ],
)
def test_attribution_the_speaker_is_named_outside_the_quotation(run, text):
    assert {s.actor for s in run(text).statements} == {"Ola Berg"}


def test_attribution_an_object_runs_on_where_the_parser_hung_the_rest_on_the_verb(run):
    text = (
        "Ola Berg touted her proposals to invest in harbours, expand pensions, and enable "
        "free college."
    )
    [st] = [s for s in run(text).statements if s.cue == "touted"]
    assert text[st.start : st.end] == text[len("Ola Berg touted ") : -1]


def test_attribution_what_is_supposed_to_be_is_no_report(run):
    text = "Flipping a coin is supposed to be the fairest way to share the quota."
    assert run(text).statements == []


def test_attribution_what_the_speaker_thought_is_part_of_what_they_said(run):
    text = (
        "Ana Lima said a boss invited her to lunch and she thought it meant she was in "
        "line for promotion."
    )
    [st] = run(text).statements
    assert (st.actor, text[st.start : st.end]) == ("Ana Lima", text[len("Ana Lima said ") : -1])


@pytest.mark.parametrize(
    "text",
    [
        "Ola Berg said the quota was unfair, and Ana Lima said it was fair.",
        "Ola Berg said the quota was unfair on Tuesday, adding that it would not last.",
    ],
)
def test_attribution_content_stops_where_another_report_begins(run, text):
    first = min(run(text).statements, key=lambda s: s.start)
    assert text[first.start : first.end].startswith("the quota was unfair")
    assert "said" not in text[first.start : first.end]
    assert "adding" not in text[first.start : first.end]


@pytest.mark.parametrize(
    "text",
    [
        "In the harbour debate last week, Ana Lima talked about the quota.",
        "Speaking at a rally in the harbour on Monday, Ana Lima mentioned the quota.",
    ],
    ids=["time-and-place", "participle"],
)
def test_attribution_words_before_the_verb_that_make_no_clause_are_not_said(run, text):
    found = [text[s.start : s.end] for s in run(text).statements]
    assert found and all("quota" in said for said in found)


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lima, an official of the Fisheries Union, spoke. A former official said it was bad.",
        "Ana Lima, a leader of the Fisheries Union, spoke. Some protest leaders said it was bad.",
    ],
    ids=["a", "some"],
)
def test_attribution_indefinite_description_is_nobody_named_before(run, text):
    [st] = [s for s in run(text).statements if s.cue == "said"]
    assert st.actor != "Ana Lima"


def test_attribution_nested_reports_keep_their_own_source_and_content(run):
    text = "Ana Lima said Ola Berg told her that the dam was safe."
    found = said_by(run, text)
    assert found["Ana Lima"] == ["Ola Berg told her that the dam was safe"]
    assert found["Ola Berg"] == ["that the dam was safe"]


def test_attribution_pronoun_inside_another_speakers_quotation_is_not_a_source(run):
    text = 'Ana Lima spoke in Oslo. "They want to close the harbour," Ola Berg said.'
    assert {s.actor for s in run(text).statements} == {"Ola Berg"}


def test_attribution_he_in_a_speakers_quotation_is_someone_else(run):
    # "He" is resolved to the last person named, the speaker; in her words it is another
    text = (
        'Ana Berg spoke in Oslo. "I took the decision," Berg said. "He refuses to take '
        'responsibility for his."'
    )
    statements = run(text).statements
    assert [(s.actor, s.polarity) for s in statements] == [("Ana Berg", "neutral")]


@pytest.mark.parametrize(
    "text",
    [
        '"Ana Lima knows nobody is more loyal to the fleet," Ola Berg said.',
        '"Ana Lima wants to close the harbour," Ola Berg said.',
    ],
)
def test_attribution_what_a_quotation_says_another_thinks_is_the_speakers(run, text):
    assert {s.actor for s in run(text).statements} == {"Ola Berg"}


@pytest.mark.parametrize(
    "text",
    [
        "Ana Lima said Norway favours a tougher quota.",
        "Ana Lima said Ola Berg believes the quota is unfair.",
    ],
)
def test_attribution_what_a_report_says_another_thinks_is_the_reporters(run, text):
    found = run(text).statements
    assert [(s.actor, s.predicate) for s in found] == [("Ana Lima", "says")]


def test_attribution_what_a_quotation_says_another_said_is_theirs_too(run):
    text = '"Ana Lima told me the dam was safe," Ola Berg said.'
    assert {s.actor for s in run(text).statements} == {"Ola Berg", "Ana Lima"}


def test_attribution_stance_inside_the_speakers_quotation_says_the_quotation(run):
    text = '"We will never accept the quota. It is unfair," Ola Berg said.'
    stances = [s for s in run(text).statements if s.polarity == "oppose"]
    assert [text[s.start : s.end] for s in stances] == [
        '"We will never accept the quota. It is unfair,"'
    ]


def test_attribution_sources_that_are_no_actor_stay_out_of_the_graph(run):
    from stancegraph.graph.build import build_graph

    x = run("Critics say the harbour tax is unfair. Norway rejected the harbour tax.")
    G = build_graph(x)
    sources_ = {u for u, _, d in G.edges(data=True) if d["kind"] == "stance"}
    assert sources_ == {"actor:norway"}
    assert any(s.source_kind == "generic" for s in x.statements)


def test_attribution_reportedly_is_an_unnamed_report_of_its_clause(run):
    text = "Norway has reportedly left the fishing talks."
    found = [s for s in run(text).statements if s.cue == "reportedly"]
    assert [(s.actor_id, s.source_kind) for s in found] == [("", "unnamed")]
    assert "left the fishing talks" in text[found[0].start : found[0].end]


def test_attribution_reported_clause_that_opens_a_quotation_says_all_of_it(run):
    text = 'Ana Lima said the dam "is old. It will break before the winter."'
    [st] = [s for s in run(text).statements if s.actor == "Ana Lima" and s.cue == "said"]
    assert text[st.start : st.end].endswith('before the winter."')
    assert "It will break" in st.evidence  # the evidence is both sentences


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ana Lima called for the harbour master to resign.", "the harbour master to resign"),
        ("Ana Lima called on the harbour master to resign.", "the harbour master to resign"),
    ],
    ids=["called-for-someone-to", "called-on-someone-to"],
)
def test_attribution_calls_for_someone_to_act(run, text, said):
    found = said_by(run, text)
    assert any(said in words for words in found["Ana Lima"])


def test_attribution_participle_after_its_noun_has_that_noun_as_source(run):
    text = "Fishermen supporting the new quota met in Oslo."
    [st] = [s for s in run(text).statements if s.cue == "supporting"]
    assert (st.actor, st.source_kind, text[st.start : st.end]) == (
        "Fishermen",
        "generic",
        "the new quota",
    )


def test_attribution_words_that_name_no_issue_are_still_said(run):
    text = 'Ana Lima said: "You should not say that unless you can do it."'
    assert [s.actor for s in run(text).statements] == ["Ana Lima"]


def test_attribution_report_after_the_subjects_apposition(run):
    text = "Ana Lima, a mayor helping to run the campaign, said the harbour was too small."
    found = said_by(run, text)
    assert "the harbour was too small" in found["Ana Lima"]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ana Lima plans to close the harbour in May.", "to close the harbour in May"),
        ("Ana Lima expects to win the vote.", "to win the vote"),
        ("Ana Lima is predicting a big win in the vote.", "a big win in the vote"),
        ("Ana Lima sees the harbour tax as a burden.", "the harbour tax as a burden"),
        ("Ana Lima congratulated Norway on its victory.", "Norway on its victory"),
        (
            "The vote came a day after Ana Lima told reporters she was not ready yet.",
            "she was not ready yet",
        ),
    ],
    ids=["plans-to", "expects-to", "predicting", "sees-as", "congratulated", "told-misparsed"],
)
def test_attribution_intentions_predictions_and_views(run, text, said):
    found = said_by(run, text)
    assert any(said in words for words in found["Ana Lima"])


def test_attribution_a_clause_after_another_is_not_what_it_reported(run):
    text = "After Ana Lima spoke, the fishermen went home."
    assert not any("fishermen went home" in text[s.start : s.end] for s in run(text).statements)


def test_attribution_stance_content_runs_over_what_qualifies_it(run):
    text = "Ana Lima rejected the quota when the fishermen went on strike."
    [st] = [s for s in run(text).statements if s.cue == "rejected"]
    assert text[st.start : st.end] == "the quota when the fishermen went on strike"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Ana Lima repeated her position on the harbour.", "her position on the harbour"),
        ("Ana Lima admitted two mistakes in the budget.", "two mistakes in the budget"),
    ],
    ids=["repeated", "admitted"],
)
def test_attribution_reports_of_an_object(run, text, said):
    assert said in said_by(run, text)["Ana Lima"]


def test_attribution_a_source_that_is_no_actor_takes_no_side_in_the_graph(run):
    x = run("Critics say the harbour tax is unfair.")
    assert [(s.source_kind, s.polarity) for s in x.statements] == [("generic", "neutral")]


def test_attribution_a_quantity_of_a_thing_is_no_source(parsed, tok, test_gazetteer):
    from stancegraph.extract import who

    doc, actors = parsed("All of that should change, the fishermen said.")
    assert who.source_of(tok(doc, "All"), actors, test_gazetteer) is None


def test_attribution_a_tag_whose_speaker_is_described_at_length_joins_the_quotation(run):
    text = (
        '"Both the mayor and the governor scare me," Ola Berg, 30, of Bergen, who was among '
        'those polled, said in an interview. "We need people who bring others together."'
    )
    [st] = run(text).statements
    assert st.actor == "Ola Berg"
    assert text[st.start : st.end].startswith('"Both') and text[: st.end].endswith('together."')


def test_attribution_a_tag_with_a_reporting_participle_in_it_still_joins_the_quotation(run):
    text = (
        '"Many people are unsure this year," Ola Berg wrote in a note explaining why he '
        'speaks, "but most fishermen agree that the port is in trouble."'
    )
    [st] = run(text).statements
    assert st.actor == "Ola Berg" and text[: st.end].endswith('trouble."')


def test_attribution_a_quotation_goes_on_after_its_tag_into_the_next_paragraph(run):
    text = (
        '"We will build a new harbour!" Ola Berg said to an enormous cheer.\n\n'
        '"And the state will pay for it! All of it."'
    )
    [st] = run(text).statements
    assert st.actor == "Ola Berg"
    assert (text[st.start], text[: st.end][-4:]) == ('"', 'it."')


def test_stance_content_runs_on_where_the_parser_hung_the_rest_on_the_verb(run):
    text = (
        "Ola Berg urged the board to scrap the levy, replace the current chair, open the "
        "harbour on Sundays, and cut fees for small boats, but the board refused."
    )
    st = next(s for s in run(text).statements if s.cue == "urged")
    said = text[st.start : st.end]
    assert said.startswith("the board to scrap") and said.endswith("small boats")


def test_attribution_a_stance_verb_and_a_colon_introduce_a_quotation(run):
    text = (
        "Ola Berg also proposed a vote on the levy after the election: "
        '"Let the fishermen decide, because the board has failed them."'
    )
    [st] = run(text).statements
    assert (st.actor, st.polarity) == ("Ola Berg", "support")
    assert text[st.start : st.end] == text[len("Ola Berg also proposed ") :]


def test_attribution_a_reporting_verb_after_a_clause_does_not_report_it(run):
    # the parser makes "know" the root and the first clause its complement
    text = (
        "Ola Berg on Thursday ratcheted up his attacks on the mayor, saying he is "
        '"weak on fishing quotas, you know that. Weak like a baby."'
    )
    [st] = run(text).statements
    assert (st.actor, st.cue) == ("Ola Berg", "saying")


def test_attribution_who_after_a_name_is_that_person_whatever_the_parser_hung_it_on(run):
    text = "It was an alliance between the mayor and Ola Berg, who has assailed the old council."
    [st] = run(text).statements
    assert st.actor == "Ola Berg"


@pytest.mark.parametrize(
    ("text", "actor", "said"),
    [
        ("Ola Berg raised questions about the harbour fund.", "Ola Berg", "about the harbour fund"),
        ("The mayor faced questions about the harbour fund.", "", "about the harbour fund"),
        ("There are doubts over the harbour fund.", "", "over the harbour fund"),
    ],
)
def test_attribution_questions_and_doubts_about_a_thing(run, text, actor, said):
    [st] = run(text).statements
    assert (st.actor, text[st.start : st.end]) == (actor, said)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            "As a part of his plea, Ola Berg, 44, said that he cheated nearly 100 fishermen.",
            "that he cheated nearly 100 fishermen",
        ),
        (
            "Ola Berg said that he has had no time to think about it (really?) and that he "
            "will go back to fishing.",
            "that he has had no time to think about it (really?) and that he will go back to "
            "fishing",
        ),
        (
            "Ola Berg, a former mayor, said in one of a series of messages that the boat was "
            "carrying arms.",
            "that the boat was carrying arms",
        ),
        (
            "And Ola Berg made a point of saying the harbour was a place of solidarity.",
            "the harbour was a place of solidarity",
        ),
    ],
    ids=[
        "speaker-set-off-by-commas-after-a-phrase",
        "a-question-in-brackets-asks-nothing",
        "that-clause-deep-in-a-phrase",
        "made-a-point-of-saying",
    ],
)
def test_attribution_said_where_the_parser_or_punctuation_misleads(run, text, said):
    [st] = run(text).statements
    assert (st.actor, text[st.start : st.end]) == ("Ola Berg", said)


def test_attribution_a_tag_inside_a_sentence_leaves_what_follows_it_in_what_was_said(run):
    text = (
        "Skippers said the season was short. Sail before the storm, they said, and you risk "
        "losing the boat."
    )
    st = run(text).statements[-1]
    assert text[st.start : st.end] == (
        "Sail before the storm, they said, and you risk losing the boat"
    )


def test_attribution_likely_of_a_person_is_no_belief_of_anyone(run):
    assert run("The mayor is likely to win the vote.").statements == []


@pytest.mark.parametrize(
    "text",
    [
        "The plan, said Ola Berg, is a disgrace.",
        "And the mayor, said Ola Berg, who knows him well, does not forgive or forget.",
    ],
)
def test_attribution_an_inverted_tag_inside_a_sentence_names_the_speaker(run, text):
    [st] = run(text).statements
    assert st.actor == "Ola Berg"
    assert text[st.start : st.end] == text[:-1]  # the sentence around the tag


def test_attribution_a_reporting_noun_from_someone_is_theirs(run):
    text = "The column won an admission from Ola Berg that the levy was a mistake."
    [st] = run(text).statements
    assert (st.actor, text[st.start : st.end]) == ("Ola Berg", "that the levy was a mistake")


def test_attribution_a_second_verb_before_a_quotation_keeps_the_first_verbs_subject(run):
    # the parser makes the first clause a complement of the quotation's verb
    text = 'Ola Berg did not mention his rivals, but told his crew, "our town is in trouble."'
    told = next(s for s in run(text).statements if s.cue == "told")
    assert (told.actor, text[told.start : told.end]) == (
        "Ola Berg",
        '"our town is in trouble."',
    )


def test_attribution_a_quotation_whose_he_names_nobody_stays_one_quotation(run):
    text = '"It is not quite hopeless," he said. "We are hopeful."'
    [st] = run(text).statements
    assert (st.actor, st.source_kind) == ("", "unnamed")
    assert text[st.start : st.end] == text


def test_attribution_she_in_the_tag_of_her_own_quotation_is_the_speaker(run):
    text = 'Ola Berg welcomed the vote. But he added: "This treaty is a flawed document."'
    judged = [s for s in run(text).statements if s.polarity != "neutral"]
    assert [(s.actor, s.polarity) for s in judged][-1] == ("Ola Berg", "oppose")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'Ola Berg, the author of "Going Viral," about the spread of news, said the days '
            "of one story for the whole nation are gone.",
            "the days of one story for the whole nation are gone",
        ),
        (
            'Walking into the office to chants of "Ola! Ola!," the skipper said his crew was '
            '"closing really strong."',
            'his crew was "closing really strong."',
        ),
        (
            'On the broadcast of "Morning Talk," Ola Berg, a fisherman who was at the harbour '
            "all week, said the plan was fair.",
            "the plan was fair",
        ),
        (
            'Ana Berg told the mayor that if he wants our boats, "come and take them."',
            'that if he wants our boats, "come and take them."',
        ),
        (
            # the parser makes "held" a second relative clause of "Ola Berg"
            "Ola Berg, who brags he has held more than 100 town halls in Bergen, won the vote.",
            "he has held more than 100 town halls in Bergen",
        ),
        (
            "According to recent counts, the billionaire candidate is once again strongly leading.",
            "the billionaire candidate is once again strongly leading",
        ),
        (
            "Ola Berg is telling a packed crowd in snowy Bergen, on the final campaign day, "
            "that he has few memories from his first bid.",
            "that he has few memories from his first bid",
        ),
    ],
    ids=[
        "a-quoted-title-in-the-subject",
        "a-quoted-phrase-before-a-verb-that-reports-its-own-clause",
        "a-title-before-a-speaker-described-at-length",
        "a-quotation-ending-a-reported-clause-says-the-whole-clause",
        "a-clause-after-its-verb-the-parser-hung-elsewhere",
        "according-to-qualifies-its-whole-clause",
        "a-that-clause-hung-on-a-phrase-of-the-addressee",
    ],
)
def test_attribution_what_was_said_where_the_parser_hangs_it_elsewhere(run, text, said):
    [st] = run(text).statements
    assert text[st.start : st.end] == said
