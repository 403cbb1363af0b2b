"""Quotations and their speakers (:mod:`stancegraph.extract.quotes`), on texts of our own."""

from __future__ import annotations

import pytest

from stancegraph.extract import quotes


def found(doc, actors, test_gazetteer):
    """(quoted words with their marks, speaker, fragment) of each quotation."""
    out = []
    for q in quotes.find_quotes(doc, actors, test_gazetteer):
        start, end = quotes.quote_content(q, doc)
        out.append((doc[start:end].text, q.speaker.label, q.fragment))
    return out


@pytest.mark.parametrize(
    "text",
    [
        '"The quota is fair," Ola Berg said. "Nobody loses anything."',
        '"The quota," Ola Berg said, "costs nobody anything at all."',
        "''The quota is fair,'' said Ola Berg, a fisherman. ''Nobody loses anything.''",
        '"The quota is fair," Ola Berg said on "Fish Today." "Nobody loses anything."',
    ],
    ids=["tag-between-sentences", "tag-inside-a-sentence", "double-apostrophes", "tag-quotes"],
)
def test_quotation_around_its_tag_is_one(parsed, test_gazetteer, text):
    doc, actors = parsed(text)
    [(words, speaker)] = [
        (w, s) for w, s, fragment in found(doc, actors, test_gazetteer) if not fragment
    ]
    assert (words, speaker) == (text, "Ola Berg")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'Ana Lima spoke last. "Only you, Ola," she said, would dare to say so in public.',
            '"Only you, Ola," she said, would dare to say so in public',
        ),
        ('"The quota is fair," Ana Lima said, adding that nobody lost.', '"The quota is fair,"'),
        ('"The quota is fair," Ana Lima said on Monday.', '"The quota is fair,"'),
    ],
    ids=["runs-on", "another-clause", "tag-ends-it"],
)
def test_quotation_runs_on_after_its_tag_to_the_end_of_its_sentence(
    parsed, test_gazetteer, text, said
):
    doc, actors = parsed(text)
    assert [w for w, _, _ in found(doc, actors, test_gazetteer)] == [said]


@pytest.mark.parametrize(
    ("text", "said"),
    [
        (
            'Ana Lima spoke last. The new quota, she said, "is a disgrace to every port."',
            'The new quota, she said, "is a disgrace to every port."',
        ),
        (
            'Ana Lima spoke on Monday. On Monday, she said, "The quota is a disgrace to us all."',
            '"The quota is a disgrace to us all."',
        ),
    ],
    ids=["clause-begun-before-the-tag", "time-before-the-tag"],
)
def test_quotation_begun_before_its_tag_starts_there(parsed, test_gazetteer, text, said):
    doc, actors = parsed(text)
    assert [w for w, _, _ in found(doc, actors, test_gazetteer)] == [said]


def test_quotation_goes_on_into_the_next_paragraph(parsed, test_gazetteer):
    doc, actors = parsed('Ola Berg said: "The quota is fair.\n\n"Nobody loses anything."')
    [(words, speaker, _)] = found(doc, actors, test_gazetteer)
    assert speaker == "Ola Berg" and "fair" in words and "Nobody" in words


def test_quoted_phrase_inside_a_clause_is_a_fragment(parsed, test_gazetteer):
    doc, actors = parsed('Ola Berg said that the quota was "a disgrace" and would fall.')
    assert found(doc, actors, test_gazetteer) == [('"a disgrace"', "Ola Berg", True)]


def test_words_before_a_quotation_and_its_verb_are_said_too(parsed, test_gazetteer):
    doc, actors = parsed('The new quota is "a disgrace," said Ola Berg.')
    [(words, _, fragment)] = found(doc, actors, test_gazetteer)
    assert (words, fragment) == ('The new quota is "a disgrace,"', False)


def test_quotation_signed_after_a_dash(parsed, test_gazetteer):
    doc, actors = parsed('Fishermen wrote to us.\n\n"The quota will ruin us." - Tomas Reyes\n\n')
    assert found(doc, actors, test_gazetteer) == [
        ('"The quota will ruin us."', "Tomas Reyes", False)
    ]


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        (
            "Ola Berg: Quota cuts will hurt the fjord towns\n\nThe minister spoke in Oslo.",
            "Ola Berg",
            "Quota cuts will hurt the fjord towns",
        ),
        (
            "The debate was broadcast live. Ola Berg and Tomas Reyes took part.\n\n"
            "BERG: We will never cut the quota again.\n\nREYES: That is not what you said.",
            "Ola Berg",
            "We will never cut the quota again.",
        ),
        (
            "Ola Berg on Fishing: The Quota Cuts Are Terrifying\n\nThe minister spoke.",
            "Ola Berg",
            "The Quota Cuts Are Terrifying",
        ),
    ],
    ids=["headline", "transcript", "on-a-topic"],
)
def test_line_a_speaker_and_a_colon_open(parsed, test_gazetteer, text, speaker, words):
    doc, actors = parsed(text)
    assert (words, speaker, False) in found(doc, actors, test_gazetteer)


def test_line_a_label_that_only_mentions_someone_is_nobodys(parsed, test_gazetteer):
    text = "Ola Berg spoke.\n\nAnother problem for Berg: There are more women than men here."
    doc, actors = parsed(text)
    assert found(doc, actors, test_gazetteer) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Fishing towns fear the cut - Ana Lima: "The quota will ruin every port we have."',
            "Ana Lima",
        ),
        ('Nobody expected it. From the report: "Catches fell by a third in one year."', "report"),
    ],
    ids=["name", "document"],
)
def test_quotation_after_a_name_and_a_colon_is_theirs(parsed, test_gazetteer, text, speaker):
    doc, actors = parsed(text)
    [(words, label, fragment)] = found(doc, actors, test_gazetteer)
    assert speaker in label and not fragment and words.startswith('"') and words.endswith('"')


def test_quotation_after_a_date_and_a_colon_has_no_speaker(parsed, test_gazetteer):
    doc, actors = parsed('The old sign at the pier from 1987: "Open the fjord now!"')
    assert found(doc, actors, test_gazetteer) == []


def test_line_a_quotation_mark_and_a_speaker_open_is_that_speakers(parsed, test_gazetteer):
    doc, actors = parsed(
        "Ana Lima said the debate was broadcast live with Ola Berg.\n\n"
        '"BERG: We will never cut the quota again, not in a hundred years.\n\n'
        '"LIMA: That is not what you said.'
    )
    assert [(w, s) for w, s, _ in found(doc, actors, test_gazetteer)] == [
        ("We will never cut the quota again, not in a hundred years.", "Ola Berg"),
        ("That is not what you said.", "Ana Lima"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        'On Fjord Radio\'s "Sea Talk," Ana Lima said the quota would ruin the port.',
        'Speaking on "Sea Talk," Ana Lima said the quota would ruin the port.',
    ],
    ids=["possessive", "on"],
)
def test_quoted_title_before_a_speaker_is_no_quotation(parsed, test_gazetteer, text):
    doc, actors = parsed(text)
    assert found(doc, actors, test_gazetteer) == []


def test_line_a_sentence_and_a_colon_open_is_no_label(parsed, test_gazetteer):
    doc, actors = parsed("Ola Berg said on Monday: the quota will rise next year.")
    assert all(q.verb.text != ":" for q in quotes.find_quotes(doc, actors, test_gazetteer))


def test_quotation_after_a_few_lead_words_opens_its_sentence(parsed, test_gazetteer):
    doc, actors = parsed('Ola Berg spoke in Oslo. Now, "the quota has to go," he said.')
    [(words, speaker, fragment)] = found(doc, actors, test_gazetteer)
    assert (speaker, fragment) == ("Ola Berg", False) and "has to go" in words


def test_quotation_then_another_clause_has_no_tag(parsed, test_gazetteer):
    # the verb after the quotation is another clause's, not a tag naming a speaker
    doc, actors = parsed('Ola Berg called the quota "a disgrace" and said the port would close.')
    assert all(fragment for _, _, fragment in found(doc, actors, test_gazetteer))


def test_quotation_after_a_bare_participle_has_no_speaker_there(parsed, test_gazetteer):
    doc, actors = parsed('Asked about the quota, "it is fine," Ola Berg said.')
    assert [s for _, s, _ in found(doc, actors, test_gazetteer)] == ["Ola Berg"]


def test_span_that_opens_a_quotation_runs_to_its_end(parsed, test_gazetteer):
    text = 'Ola Berg said the quota "is unfair. It hurts every fisherman."'
    doc, actors = parsed(text)
    said = next(t for t in doc if t.text == "said")
    start = said.i + 1
    end = next(t.i for t in doc if t.text == "unfair") + 1
    start, end = quotes.through_quotations((start, end), actors.quotes, doc)
    assert "every fisherman" in doc[start:end].text


def test_quotation_right_after_the_same_speakers_is_one(parsed, test_gazetteer):
    text = '"The quota is fair," Ola Berg said. "It costs nothing."\n\n"And the port will grow."'
    doc, actors = parsed(text)
    [(words, speaker, _)] = found(doc, actors, test_gazetteer)
    assert speaker == "Ola Berg" and "fair" in words and "port will grow" in words
