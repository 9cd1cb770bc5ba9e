"""What a cell expresses: the shapes that make an expression word a claim about a cell, the
ones that must give nothing, and the corpus."""

from __future__ import annotations

from extract_helpers import (
    annotated,
    assert_entities_mentioned,
    assert_quotes_exact,
    corpus_document,
    doc_of,
    ref,
    subtype,
)
from sarckg.extract import mechanisms
from sarckg.extract.cues import load_lexicon
from sarckg.extract.expression import expressions, subtype_expressions
from sarckg.model import Mechanism
from test_extract_anaphora import document

NK = ref("celltype/natural-killer-cell")
MDSC = ref("celltype/myeloid-derived-suppressor-cell")
DC = ref("celltype/dendritic-cell")
TUMOUR_CELL = ref("celltype/tumor-cell")
MAST = ref("celltype/mast-cell")
HER2, KIT, ARG1, FASL = ref("target/her2"), ref("target/kit"), ref("target/arg1"), ref("target/fasl")
NKG2A, TIM3, CD11C = ref("target/nkg2a"), ref("target/tim-3"), ref("target/cd11c")
PDL1, PD1 = ref("target/pd-l1"), ref("target/pd-1")
PEMBRO = ref("drug/pembrolizumab")


def _expressed(text: str, entities: list) -> set[tuple[str, str]]:
    """(cell, marker) of every Expresses mechanism the extractor finds in one sentence."""
    found = set()
    for s in mechanisms.extract(doc_of(annotated(text, entities))):
        assert isinstance(s, Mechanism) and s.evidence.quote == text
        if s.effect == "Expresses":
            found.add((s.agent.key, s.object.key))
    return found


def test_a_cell_that_expresses_a_list_of_markers() -> None:
    text = "Exhausted NK cells express NKG2A, TIM-3 and PD-1 in the tumour bed."
    assert _expressed(text, [("NK cells", NK), ("NKG2A", NKG2A), ("TIM-3", TIM3), ("PD-1", PD1)]) == {
        (NK.key, NKG2A.key), (NK.key, TIM3.key), (NK.key, PD1.key)}
    text = "In the stroma, MDSCs, which often express ARG1, suppress T cells."
    assert _expressed(text, [("MDSCs", MDSC), ("ARG1", ARG1)]) == {(MDSC.key, ARG1.key)}


def test_a_marker_expressing_cell_and_a_cell_expressing_a_marker() -> None:
    assert _expressed("KIT-expressing mast cells were counted in 12 samples.",
                      [("KIT", KIT), ("mast cells", MAST)]) == {(MAST.key, KIT.key)}
    assert _expressed("Mast cells expressing KIT were counted in 12 samples.",
                      [("KIT", KIT), ("Mast cells", MAST)]) == {(MAST.key, KIT.key)}


def test_cells_named_by_the_markers_they_carry() -> None:
    text = "In desmoid tumours, KIT+ HER2+ mast cells and NKG2A+NK cells were counted."
    assert _expressed(text, [("KIT+", KIT), ("HER2", HER2), ("mast cells", MAST), ("NKG2A", NKG2A),
                             ("NK cells", NK)]) == {(MAST.key, KIT.key), (MAST.key, HER2.key), (NK.key, NKG2A.key)}
    assert _expressed("ARG1-positive MDSCs were rare.", [("ARG1", ARG1), ("MDSCs", MDSC)]) == {(MDSC.key, ARG1.key)}
    # a marker without its "+", or a "+" before a tumour type or a process, names no cell
    assert _expressed("HER2 mast cells were rare.", [("HER2", HER2), ("mast cells", MAST)]) == set()
    assert _expressed("Only 2 of 40 PD-L1+ sarcomas responded, despite FOXP3+ infiltration.",
                      [("PD-L1+", PDL1), ("sarcomas", subtype("sarcoma")), ("FOXP3+", ref("target/foxp3"))]) == set()


def test_a_passive_names_the_cells_after_in_on_or_by() -> None:
    text = "HER2 is overexpressed in malignant tumour cells and expressed in dendritic cells and NK cells."
    assert _expressed(text, [("HER2", HER2), ("tumour cells", TUMOUR_CELL), ("dendritic cells", DC),
                             ("NK cells", NK)]) == {
        (TUMOUR_CELL.key, HER2.key), (DC.key, HER2.key), (NK.key, HER2.key)}


def test_marked_by_high_expression_belongs_to_the_subject() -> None:
    text = "Dendritic cells are characterized by high expression of CD11c and HER2."
    assert _expressed(text, [("Dendritic cells", DC), ("CD11c", CD11C), ("HER2", HER2)]) == {
        (DC.key, CD11C.key), (DC.key, HER2.key)}
    # low expression is no claim that the cells express it; a subject deep in a phrase is no subject
    assert _expressed("Dendritic cells are marked by low expression of CD11c.",
                      [("Dendritic cells", DC), ("CD11c", CD11C)]) == set()
    assert _expressed("Tumours rich in dendritic cells are marked by high expression of CD11c.",
                      [("dendritic cells", DC), ("CD11c", CD11C)]) == set()


def test_a_participle_in_a_series_of_means_has_the_subject_of_the_sentence() -> None:
    text = "NK cells evade control by releasing perforin, expressing FasL, and thereby killing targets."
    assert _expressed(text, [("NK cells", NK), ("perforin", ref("target/perforin")), ("FasL", FASL)]) == {
        (NK.key, FASL.key)}
    # no series of means: the participle after a comma has no cell to belong to
    text = "NK cells were fewer in the tumours, expressing FasL."
    assert _expressed(text, [("NK cells", NK), ("FasL", FASL)]) == set()


def test_an_anaphoric_subject_expresses_with_the_sentence_before_quoted() -> None:
    tan = ref("celltype/tumor-associated-neutrophil", label="tumor-associated neutrophil")
    neutrophil = ref("celltype/neutrophil", label="neutrophil")
    first = ("Tumor-associated neutrophils accumulate in the stroma of leiomyosarcoma.",
             [("Tumor-associated neutrophils", tan), ("leiomyosarcoma", subtype("leiomyosarcoma"))])
    doc = document(first, ("These neutrophils are marked by high expression of ARG1 and PD-L1.",
                           [("neutrophils", neutrophil), ("ARG1", ARG1), ("PD-L1", PDL1)]))
    found = [s for s in mechanisms.extract(doc) if s.effect == "Expresses"]
    assert {(s.agent.key, s.object.key) for s in found} == {(tan.key, ARG1.key), (tan.key, PDL1.key)}
    for s in found:
        assert s.evidence.antecedent_index == 0 and s.evidence.quote == doc.document.text
    doc = document(first, ("They express PD-L1.", [("PD-L1", PDL1)]))
    assert {(s.agent.key, s.object.key) for s in mechanisms.extract(doc) if s.effect == "Expresses"} == {
        (tan.key, PDL1.key)}


def _levels(text: str, entities: list) -> set[tuple[str, str, str]]:
    """(marker, property, subtype) of every tumour-type expression in one sentence."""
    found = set()
    for m in subtype_expressions(annotated(text, entities), load_lexicon()):
        assert m.evidence.quote == text and m.subtype is not None
        found.add((m.biomarker.key, m.property, m.subtype.key))
    return found


def test_a_tumour_type_is_no_agent_its_expression_is_a_level_in_each_listed_subtype() -> None:
    ss, mls, os_, es, nb = (subtype(n) for n in ("synovial sarcoma", "myxoid liposarcoma", "osteosarcoma",
                                                 "Ewing sarcoma", "neuroblastoma"))
    gd2, mage = ref("target/gd2"), ref("target/mage-a4")
    text = "GD2 is highly expressed in neuroblastoma and pediatric tumors like Ewing sarcoma and osteosarcoma."
    ents = [("GD2", gd2), ("neuroblastoma", nb), ("Ewing sarcoma", es), ("osteosarcoma", os_)]
    assert _expressed(text, ents) == set()
    assert _levels(text, ents) == {(gd2.key, "high", s.key) for s in (nb, es, os_)}
    text = "TCR T cells gave responses in synovial sarcoma and myxoid liposarcoma, which express MAGE-A4."
    ents = [("synovial sarcoma", ss), ("myxoid liposarcoma", mls), ("MAGE-A4", mage)]
    assert _expressed(text, ents) == set()
    assert _levels(text, ents) == {(mage.key, "expressed", ss.key), (mage.key, "expressed", mls.key)}
    # a class of tumours before its members; a member narrowed by a word is not the subtype named
    text = "GD2 is overexpressed in many solid tumours including pediatric osteosarcoma and Ewing sarcoma."
    assert _levels(text, [("GD2", gd2), ("osteosarcoma", os_), ("Ewing sarcoma", es)]) == {(gd2.key, "high", es.key)}
    assert _levels("GD2 is weakly expressed in osteosarcoma.", [("GD2", gd2), ("osteosarcoma", os_)]) == {
        (gd2.key, "low", os_.key)}
    # a selection ("MAGE-A4-expressing synovial sarcoma"), a share, or a tumour type after a
    # preposition is no claim about the tumour type
    for text in ("Patients with MAGE-A4-expressing synovial sarcoma were enrolled.",
                 "MAGE-A4 is expressed in 30% of synovial sarcoma.",
                 "Most responses in synovial sarcoma expressed MAGE-A4 strongly."):
        assert _expressed(text, [("synovial sarcoma", ss), ("MAGE-A4", mage)]) == set(), text
        assert _levels(text, [("synovial sarcoma", ss), ("MAGE-A4", mage)]) == set(), text
    # cells still express, in the same sentence as a tumour type
    text = "In osteosarcoma, GD2 is expressed on tumour cells."
    assert _expressed(text, [("GD2", gd2), ("osteosarcoma", os_), ("tumour cells", TUMOUR_CELL)]) == {
        (TUMOUR_CELL.key, gd2.key)}
    assert _levels(text, [("GD2", gd2), ("osteosarcoma", os_), ("tumour cells", TUMOUR_CELL)]) == set()


def test_expression_that_is_measured_or_a_selection_gives_nothing() -> None:
    nyeso = ref("target/ny-eso-1")
    cases = [
        ("PD-L1 expression was assessed in 40 patients.", [("PD-L1 expression", PDL1)]),
        ("Tumours expressing PD-L1 had a higher ORR with pembrolizumab.", [("PD-L1", PDL1), ("pembrolizumab", PEMBRO)]),
        ("Patients with synovial sarcoma expressing NY-ESO-1 were enrolled.",
         [("synovial sarcoma", subtype("synovial sarcoma")), ("NY-ESO-1", nyeso)]),
        ("OH2 is an oncolytic virus expressing GM-CSF.", [("OH2", ref("drug/oh2")), ("GM-CSF", ref("target/gm-csf"))]),
        ("NK cells were fewer in tumours expressing PD-L1.", [("NK cells", NK), ("PD-L1", PDL1)]),
        ("Pembrolizumab increased PD-L1 expression on tumour cells.",
         [("Pembrolizumab", PEMBRO), ("PD-L1 expression", PDL1), ("tumour cells", TUMOUR_CELL)]),
    ]
    for text, entities in cases:
        assert _expressed(text, entities) == set(), text


def test_inducing_expression_is_not_expressing() -> None:
    ifng = ref("target/ifn-gamma")
    text = "IFN-γ induces expression of PD-L1 on tumour cells."
    found = {(s.agent.key, s.effect, s.object.key)
             for s in mechanisms.extract(doc_of(annotated(text, [("IFN-γ", ifng), ("PD-L1", PDL1),
                                                                 ("tumour cells", TUMOUR_CELL)])))}
    assert all(effect != "Expresses" for _, effect, _ in found)
    assert (ifng.key, "Promotes", PDL1.key) in found


def test_relatives_levels_and_a_blocked_receptor_on_its_cells() -> None:
    assert _expressed("Tumour cells that express HER2 escape NK cells.",
                      [("Tumour cells", TUMOUR_CELL), ("HER2", HER2), ("NK cells", NK)]) == {(TUMOUR_CELL.key, HER2.key)}
    assert _expressed("We found that NK cells expressed higher levels of NKG2A than controls.",
                      [("NK cells", NK), ("NKG2A", NKG2A)]) == {(NK.key, NKG2A.key)}
    nivo = ref("drug/nivolumab")
    found = _expressed("Nivolumab blocks PD-1 expressed on NK cells.", [("Nivolumab", nivo), ("PD-1", PD1), ("NK cells", NK)])
    assert found == {(NK.key, PD1.key)}  # the drug blocks; the cells express
    # engineered to express: a cell therapy's construct, no claim about the cells
    assert _expressed("NK cells engineered to express HER2 were infused.", [("NK cells", NK), ("HER2", HER2)]) == set()


def test_a_negated_expression_disputes() -> None:
    (s,) = expressions(annotated("Naive NK cells do not express PD-1.", [("NK cells", NK), ("PD-1", PD1)]),
                       load_lexicon())
    assert (s.agent, s.effect, s.object) == (NK, "Expresses", PD1)
    assert s.evidence.negated and s.evidence.polarity == "disputes"
    (s,) = expressions(annotated("HER2 was not expressed in NK cells.", [("NK cells", NK), ("HER2", HER2)]),
                       load_lexicon())
    assert (s.agent, s.object, s.evidence.negated) == (NK, HER2, True)


def test_corpus_cells_and_their_markers() -> None:
    review = [s for s in mechanisms.extract(corpus_document("003")) if s.effect == "Expresses"]
    facts = {(s.agent.key, s.object.key) for s in review}
    tam, treg = "celltype/tumor-associated-macrophage", "celltype/regulatory-t-cell"
    assert {(tam, f"target/{m}") for m in ("sirpalpha", "cd47", "cd68", "cd163", "csf1r")} <= facts
    assert {(treg, "target/ctla-4"), (treg, "target/pd-1")} <= facts
    assert (tam, "target/ido1") in facts  # "IDO1-expressing TAMs"
    assert {(tam, "target/cd68"), (tam, "target/pd-l1")} <= facts  # "CD68+ CD163+ TAMs", "PD-L1+ TAMs"
    marked = [s for s in review if s.agent.key == tam and s.object.key == "target/cd163"]
    assert marked[0].evidence.quote.startswith("In sarcomas, TAM densities")  # "These macrophages ..."
    retro = [s for s in mechanisms.extract(corpus_document("004")) if s.effect == "Expresses"]
    assert ("celltype/tumor-cell", "target/pd-l1") in {(s.agent.key, s.object.key) for s in retro}
    every = review + retro + [s for p in ("000", "001", "002") for s in mechanisms.extract(corpus_document(p))
                              if s.effect == "Expresses"]
    for s in every:  # only cells express, only targets are expressed, quotes check out
        assert s.agent.category == "CellType" and s.object.category == "Target"
        assert_entities_mentioned(s, "agent", "object")
    assert_quotes_exact(every)


def test_corpus_tumour_types_expressing_a_marker_are_measurements() -> None:
    doc = corpus_document("003")
    found = [m for s in doc.sentences for m in subtype_expressions(s, load_lexicon())]
    assert_quotes_exact(found)
    gd2 = {m.subtype.key for m in found if m.biomarker.key == "target/gd2" and m.property == "high" and m.subtype}
    assert gd2 == {"subtype/neuroblastoma", "subtype/ewing-sarcoma", "subtype/osteosarcoma"}
    # "overexpressed in ... including pediatric sarcoma and neuroblastoma": not all sarcoma
    b7h3 = {m.subtype.key for m in found if m.biomarker.key == "target/b7-h3" and m.subtype}
    assert b7h3 == {"subtype/neuroblastoma"}


def test_a_verb_coordinated_after_an_object_keeps_the_cell_subject() -> None:
    m2, il10, treg = ref("celltype/m2-macrophage"), ref("target/il-10"), ref("celltype/regulatory-t-cell")
    entities = [("M2 macrophages", m2), ("IL-10", il10), ("PD-L1", PDL1), ("Tregs", treg), ("PD-1", PD1)]
    assert _expressed("M2 macrophages secrete IL-10 and express PD-L1.", entities) == {(m2.key, PDL1.key)}
    assert _expressed("M2 macrophages secrete IL-10, and Tregs express PD-1.", entities) == {(treg.key, PD1.key)}
    assert _expressed("M2 macrophages with IL-10 and express PD-L1.", entities) == set()
    assert _expressed("Pembrolizumab blocks IL-10 and express PD-L1.", [*entities, ("Pembrolizumab", PEMBRO)]) == set()
