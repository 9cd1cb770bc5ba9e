"""Phenotype conversion: "convert cold tumours into hot ones" converts the tumour immune
phenotype; the agent is the verb's subject."""

from __future__ import annotations

from extract_helpers import annotated, doc_of, ref
from sarckg.extract import mechanisms
from sarckg.model import Mechanism, Regimen
from test_extract_anaphora import document

DRUG = ref("drug/velotucimab", label="velotucimab", in_vocabulary=False)
PHENOTYPE = "process/tumor-immune-phenotype"
CHEMO = ref("class/CytotoxicChemotherapy")


def _found(text: str, entities: list) -> list[Mechanism]:
    return [s for s in mechanisms.extract(doc_of(annotated(text, entities))) if isinstance(s, Mechanism)]


def _phenotype(found: list[Mechanism]) -> list[Mechanism]:
    return [s for s in found if s.object.key == PHENOTYPE]


def test_converting_cold_tumours_into_hot_ones_converts_the_phenotype() -> None:
    (s,) = _found("In mice, velotucimab converted immunologically cold tumours into hot tumours.",
                  [("velotucimab", DRUG)])
    assert (s.agent, s.effect, s.object.key) == (DRUG, "Converts", PHENOTYPE)
    assert not s.evidence.hedged and not s.evidence.negated


def test_the_potential_of_a_class_to_convert_quoted_cold_sarcomas_is_hedged() -> None:
    text = 'These data show the potential of chemo-based regimens to convert "cold" sarcomas into more responsive tumours.'
    (s,) = _found(text, [("chemo", CHEMO)])
    assert (s.agent, s.effect, s.object.key) == (CHEMO, "Converts", PHENOTYPE) and s.evidence.hedged


def test_from_cold_to_hot_and_a_negated_conversion() -> None:
    (s,) = _found("Velotucimab transformed the tumours from cold to inflamed.", [("Velotucimab", DRUG)])
    assert s.object.key == PHENOTYPE
    (s,) = _found("Velotucimab alone did not convert cold tumours into inflamed ones.", [("Velotucimab", DRUG)])
    assert s.object.key == PHENOTYPE and s.evidence.negated and s.evidence.polarity == "disputes"


def test_a_cell_named_in_the_destination_is_no_object() -> None:
    pd1 = ref("class/PD1Inhibitor")
    text = "Velotucimab combined with PD-1 inhibitors converts cold tumours into T cell-inflamed tumours."
    found = _found(text, [("Velotucimab", DRUG), ("PD-1 inhibitors", pd1), ("T cell", ref("celltype/t-cell"))])
    assert [(s.agent, s.object.key) for s in found] == [(DRUG, PHENOTYPE)]


def test_a_combination_anaphor_converts_as_a_regimen() -> None:
    pd1 = ref("class/PD1Inhibitor")
    doc = document(("Combining velotucimab with PD-1 inhibitors was tested in mice.", [("velotucimab", DRUG), ("PD-1 inhibitors", pd1)]),
                   ("This combination converted cold tumours into hot ones.", []))
    (s,) = [s for s in mechanisms.extract(doc) if s.evidence.sentence_index == 1]
    assert s.agent == Regimen.of(DRUG, pd1) and s.object.key == PHENOTYPE and s.evidence.antecedent_index == 0


def test_no_destination_or_no_phenotype_word_gives_no_conversion() -> None:
    assert _phenotype(_found("Velotucimab converted cold tumours.", [("Velotucimab", DRUG)])) == []
    assert _phenotype(_found("Velotucimab converted tumours into responsive ones.", [("Velotucimab", DRUG)])) == []
    # "cold" far from the verb is not its object
    text = "Velotucimab converted the stroma of many treated tumours, which stayed cold, into fibrosis."
    assert _phenotype(_found(text, [("Velotucimab", DRUG)])) == []


def test_turn_converts_only_with_a_phenotype_object() -> None:
    (s,) = _found("Velotucimab turned cold tumours hot in two syngeneic models.", [("Velotucimab", DRUG)])
    assert (s.agent, s.effect, s.object.key) == (DRUG, "Converts", PHENOTYPE)
    (s,) = _found("Velotucimab may turn immune-desert sarcomas into inflamed tumours.", [("Velotucimab", DRUG)])
    assert s.object.key == PHENOTYPE and s.evidence.hedged
    cd8 = ref("celltype/cd8-positive-t-cell")
    text = "Velotucimab depleted TAMs, which in turn increased CD8+ T cells."
    found = _found(text, [("Velotucimab", DRUG), ("TAMs", ref("celltype/tumor-associated-macrophage")),
                          ("CD8+ T cells", cd8)])
    # "turn" here is "in turn", no conversion: only the depletion is stated
    assert [(s.agent, s.effect, s.object.key) for s in found] == [
        (DRUG, "Decreases", "celltype/tumor-associated-macrophage")]
    assert _found("Velotucimab turned out to be inactive in cold tumours.", [("Velotucimab", DRUG)]) == []


def test_a_tumour_not_named_by_its_phenotype_converted_into_a_quoted_hot_one() -> None:
    ais = ref("class/AngiogenesisInhibitor")
    text = ("Strategies involving cytotoxic agents and/or antiangiogenic agents have been used to convert "
            "these tumors into “hot tumors” and increase their sensitivity to ICIs.")
    found = _found(text, [("cytotoxic agents", CHEMO), ("antiangiogenic agents", ais)])
    assert {(s.agent, s.effect, s.object.key) for s in found} == {
        (CHEMO, "Converts", PHENOTYPE), (ais, "Converts", PHENOTYPE)}
    (s,) = _found("Velotucimab turned them into 'inflamed' lesions.", [("Velotucimab", DRUG)])
    assert s.object.key == PHENOTYPE


def test_a_plain_tumour_into_anything_but_a_phenotype_is_no_conversion() -> None:
    assert _found("Velotucimab converts these tumours into more responsive ones.", [("Velotucimab", DRUG)]) == []
    assert _found("Velotucimab converts tumours into metastases.", [("Velotucimab", DRUG)]) == []


def test_a_passive_conversion_takes_its_agent_after_by() -> None:
    (s,) = _found("Cold tumours were converted into inflamed ones by velotucimab.", [("velotucimab", DRUG)])
    assert (s.agent, s.effect, s.object.key) == (DRUG, "Converts", PHENOTYPE)
    rt = ref("class/Radiotherapy")
    (s,) = _found("Immunologically cold sarcomas can be turned into “hot” tumours by radiotherapy.",
                  [("radiotherapy", rt)])
    assert (s.agent, s.object.key) == (rt, PHENOTYPE)


def test_a_passive_conversion_without_a_by_agent_or_a_change_of_phenotype_states_nothing() -> None:
    assert _found("Cold tumours were converted into inflamed ones in velotucimab-treated mice.",
                  [("velotucimab", DRUG)]) == []
    assert _found("Hot tumours were converted into hot ones by velotucimab.", [("velotucimab", DRUG)]) == []
    assert _found("Cold tumours were turned over by velotucimab.", [("velotucimab", DRUG)]) == []
