"""Who said it: quotations, 'according to', speakers, first person."""

from __future__ import annotations


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
    assert ("Marta Vidal", "oppose", "rejects") in said(x)


def test_attribution_pronoun_he_after_named_person(run):
    x = run("Tomas Reyes, the Chilean envoy, arrived late. He rejected the fishing quota.")
    assert ("Tomas Reyes", "oppose", "rejects") in said(x)
