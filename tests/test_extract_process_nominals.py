"""Process nominals: a generic causal verb on a nominal the vocabulary decomposes states the
nominal's effect on its object, keeping the nominal as ``stated_as``; verbs with a polarity of
their own keep the nominal."""

from __future__ import annotations

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS

from extract_helpers import annotated, doc_of, ref
from sarckg.extract import mechanisms
from sarckg.extract.lexicon import build_lexicon
from sarckg.extract.process_nominals import decompose, nominals, read_nominals
from sarckg.model import Mechanism, StatedMechanism
from sarckg.namespaces import ENT, SKG

DRUG = ref("drug/zelvorasib", label="zelvorasib", in_vocabulary=False)
SUPPRESSION = ref("process/immunosuppression")
NORMALIZATION = ref("process/vascular-normalization")
IMMUNITY = "process/antitumor-immunity"
VESSELS = "process/tumor-vasculature"


def _found(text: str, entities: list) -> list[Mechanism]:
    return [s for s in mechanisms.extract(doc_of(annotated(text, entities))) if isinstance(s, Mechanism)]


def test_the_vocabulary_declares_the_nominals_it_defines_as_a_verb_on_an_object() -> None:
    table = nominals()
    assert (table[SUPPRESSION.key].effect, table[SUPPRESSION.key].object.key) == ("Suppresses", IMMUNITY)
    assert (table[NORMALIZATION.key].effect, table[NORMALIZATION.key].object.key) == ("Normalizes", VESSELS)
    assert table["process/t-cell-activation"].object.key == "celltype/t-cell"
    assert "process/angiogenesis" not in table  # a process, not a verb applied to an object


def test_read_nominals_needs_both_annotations_and_a_labelled_object() -> None:
    g = Graph()
    for key in ("process/a", "process/b", "process/c"):
        g.add((ENT[key], RDF.type, SKG.Process))
        g.add((ENT[key], RDFS.label, Literal(key)))
    g.add((ENT["process/a"], SKG.nominalEffect, SKG.Suppresses))
    g.add((ENT["process/a"], SKG.nominalObject, ENT["process/b"]))
    g.add((ENT["process/c"], SKG.nominalEffect, SKG.Inhibits))  # no object: not decomposed
    g.add((ENT["process/b"], SKG.nominalEffect, SKG.Inhibits))
    g.add((ENT["process/b"], SKG.nominalObject, ENT["process/unlabelled"]))
    table = read_nominals(g, build_lexicon(g).entities)
    assert set(table) == {"process/a"} and table["process/a"].object.key == "process/b"


def test_only_generic_effects_are_decomposed() -> None:
    assert decompose("Promotes", SUPPRESSION) is not None
    assert decompose("Increases", SUPPRESSION) is not None
    assert decompose("Inhibits", SUPPRESSION) is None  # "inhibit immunosuppression": no guessed polarity
    assert decompose("Suppresses", SUPPRESSION) is None
    assert decompose("Promotes", ref("process/angiogenesis")) is None


def test_promote_immunosuppression_suppresses_antitumor_immunity() -> None:
    text = "In treated mice, zelvorasib promoted immunosuppression within the tumour."
    (s,) = _found(text, [("zelvorasib", DRUG), ("immunosuppression", SUPPRESSION)])
    assert isinstance(s, StatedMechanism)
    assert (s.agent, s.effect, s.object.key, s.stated_as) == (DRUG, "Suppresses", IMMUNITY, SUPPRESSION)
    assert not s.evidence.negated and not s.evidence.hedged and s.evidence.polarity == "supports"


def test_a_prenominal_nominal_after_by_promoting_is_decomposed_and_hedged() -> None:
    text = "Zelvorasib may sensitise tumours to PD-1 blockade by promoting tumour vascular normalization."
    (s,) = _found(text, [("Zelvorasib", DRUG), ("vascular normalization", NORMALIZATION)])
    assert isinstance(s, StatedMechanism) and s.evidence.hedged
    assert (s.effect, s.object.key, s.stated_as.key) == ("Normalizes", VESSELS, NORMALIZATION.key)


def test_a_negated_generic_verb_disputes_the_decomposed_effect() -> None:
    text = "Zelvorasib did not induce immunosuppression in these mice."
    (s,) = _found(text, [("Zelvorasib", DRUG), ("immunosuppression", SUPPRESSION)])
    assert (s.effect, s.object.key) == ("Suppresses", IMMUNITY)
    assert s.evidence.negated and s.evidence.polarity == "disputes"


def test_negative_verbs_keep_the_nominal_and_never_invert_it() -> None:
    entities = [("Zelvorasib", DRUG), ("immunosuppression", SUPPRESSION)]
    (s,) = _found("Zelvorasib inhibited immunosuppression in the tumour bed.", entities)
    assert not isinstance(s, StatedMechanism)
    assert (s.effect, s.object) == ("Inhibits", SUPPRESSION)
    # "overcome" is no effect word: no statement, and certainly no "suppresses immunity"
    assert _found("Zelvorasib overcomes immunosuppression in the tumour bed.", entities) == []


def test_leads_to_and_causes_state_the_nominal_effect_only_before_a_nominal() -> None:
    tregs = ref("celltype/regulatory-t-cell")
    entities = [("Regulatory T cells", tregs), ("immunosuppression", SUPPRESSION)]
    (s,) = _found("Regulatory T cells cause profound immunosuppression in sarcoma.", entities)
    assert (s.agent, s.effect, s.object.key) == (tregs, "Suppresses", IMMUNITY)
    (s,) = _found("In mice, zelvorasib did not lead to immunosuppression.", [("zelvorasib", DRUG), *entities[1:]])
    assert (s.agent, s.effect, s.object.key) == (DRUG, "Suppresses", IMMUNITY) and s.evidence.negated
    # before anything but such a nominal, "leads to" states nothing of its own
    tams = ref("celltype/tumor-associated-macrophage")
    assert _found("Zelvorasib leads to fewer TAMs in the tumour.", [("Zelvorasib", DRUG), ("TAMs", tams)]) == []
