"""Compensation: "X failed, possibly due to compensatory upregulation of A or B" states that A
and B compensate for the target of the drug, never that the drug upregulates them."""

from __future__ import annotations

from extract_helpers import annotated, doc_of, ref
from sarckg.extract import mechanisms
from sarckg.extract.compensation import compensations, known_targets
from sarckg.model import Mechanism, StatedMechanism
from test_extract_anaphora import document

NEW_DRUG = ref("drug/dorvecostat", label="dorvecostat", in_vocabulary=False)  # no known target
EPACADOSTAT = ref("drug/epacadostat")  # the vocabulary knows its target, IDO1
IDO1, TDO, IDO2 = ref("target/ido1"), ref("target/tdo2"), ref("target/ido2")
PD1 = ref("target/pd-1")


def _found(text: str, entities: list) -> set[tuple[str, str, str, str | None]]:
    out = set()
    for s in mechanisms.extract(doc_of(annotated(text, entities))):
        assert isinstance(s, Mechanism)
        stated = s.stated_as.key if isinstance(s, StatedMechanism) else None
        out.add((s.agent.key, s.effect, s.object.key, stated))  # type: ignore[union-attr]
    return out


def test_the_vocabulary_gives_known_targets() -> None:
    assert [t.key for t in known_targets()["drug/epacadostat"]] == ["target/ido1"]


def test_the_target_the_sentence_gives_the_drug_is_what_the_paralogues_compensate_for() -> None:
    text = ("Although the IDO1 inhibitor dorvecostat was well tolerated, the trial failed, possibly due to "
            "compensatory upregulation of TDO or IDO2.")
    entities = [("dorvecostat", NEW_DRUG), ("IDO1", IDO1), ("TDO", TDO), ("IDO2", IDO2)]
    found = _found(text, entities)
    assert found == {(TDO.key, "CompensatesFor", IDO1.key, NEW_DRUG.key),
                     (IDO2.key, "CompensatesFor", IDO1.key, NEW_DRUG.key)}
    (first, _) = [s for s in mechanisms.extract(doc_of(annotated(text, entities)))]
    assert first.evidence.hedged and not first.evidence.negated


def test_a_known_target_serves_when_the_sentence_states_none_and_an_unhedged_claim_stays_unhedged() -> None:
    text = "Resistance to epacadostat arose through compensatory activation of TDO in these mice."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("epacadostat", EPACADOSTAT), ("TDO", TDO)])))
    assert isinstance(s, StatedMechanism)
    assert (s.agent, s.effect, s.object.key, s.stated_as) == (TDO, "CompensatesFor", IDO1.key, EPACADOSTAT)
    assert not s.evidence.hedged


def test_without_a_known_target_nothing_is_stated_and_the_drug_upregulates_nothing() -> None:
    text = "The trial of dorvecostat failed, possibly due to compensatory upregulation of TDO."
    assert _found(text, [("dorvecostat", NEW_DRUG), ("TDO", TDO)]) == set()


def test_two_drugs_with_different_targets_are_ambiguous() -> None:
    text = ("Epacadostat with pembrolizumab failed, possibly due to compensatory upregulation of TDO.")
    entities = [("Epacadostat", EPACADOSTAT), ("pembrolizumab", ref("drug/pembrolizumab")), ("TDO", TDO)]
    assert _found(text, entities) == set()


def test_a_negated_compensation_disputes() -> None:
    text = "Resistance to epacadostat was not due to compensatory upregulation of TDO."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("epacadostat", EPACADOSTAT), ("TDO", TDO)])))
    assert s.effect == "CompensatesFor" and s.evidence.negated and s.evidence.polarity == "disputes"


def test_the_drug_of_the_sentence_before_is_quoted_with_it() -> None:
    first_text = "Epacadostat showed no benefit in the phase III trial."
    second_text = "This failure was attributed to compensatory upregulation of IDO2."
    doc = document((first_text, [("Epacadostat", EPACADOSTAT)]), (second_text, [("IDO2", IDO2)]))
    (s,) = compensations(doc, doc.sentences[1])
    assert (s.agent, s.object.key) == (IDO2, IDO1.key)
    assert s.evidence.quote == first_text + " " + second_text and s.evidence.antecedent_index == 0
    # the same sentence alone names no drug: nothing
    assert list(compensations(doc_of(doc.sentences[1]), doc.sentences[1])) == []


def test_a_class_named_by_its_target_gives_the_target_it_names() -> None:
    tim3 = ref("target/tim-3")
    text = "Resistance to PD-1 inhibitors may arise through compensatory upregulation of TIM-3."
    (s,) = mechanisms.extract(doc_of(annotated(text, [("PD-1 inhibitors", ref("class/PD1Inhibitor")),
                                                      ("TIM-3", tim3)])))
    assert (s.agent, s.effect, s.object.key) == (tim3, "CompensatesFor", PD1.key)
    assert not isinstance(s, StatedMechanism) and s.evidence.hedged  # the quote names PD-1 itself
    # a class that names no target ("chemotherapy") gives nothing
    text = "Resistance to chemotherapy may arise through compensatory upregulation of TIM-3."
    assert _found(text, [("chemotherapy", ref("class/CytotoxicChemotherapy")), ("TIM-3", tim3)]) == set()


def test_the_target_the_sentence_before_gives_the_same_drug() -> None:
    ido1 = ("IDO1", IDO1)
    doc = document(("Dorvecostat, an IDO1 inhibitor, was given to mice.", [("Dorvecostat", NEW_DRUG), ido1]),
                   ("Dorvecostat lost activity, possibly through compensatory upregulation of TDO.",
                    [("Dorvecostat", NEW_DRUG), ("TDO", TDO)]))
    (s,) = compensations(doc, doc.sentences[1])
    assert (s.agent, s.object.key, s.stated_as) == (TDO, IDO1.key, NEW_DRUG)  # type: ignore[attr-defined]
    assert s.evidence.antecedent_index == 0 and s.evidence.hedged
    # another drug's target in the sentence before is not borrowed
    other = ref("drug/korvaplatin", label="korvaplatin", in_vocabulary=False)
    doc = document(("Dorvecostat, an IDO1 inhibitor, was given to mice.", [("Dorvecostat", NEW_DRUG), ido1]),
                   ("Korvaplatin lost activity, possibly through compensatory upregulation of TDO.",
                    [("Korvaplatin", other), ("TDO", TDO)]))
    assert list(compensations(doc, doc.sentences[1])) == []
