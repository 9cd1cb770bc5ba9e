"""Anaphora: which entity "It", "This combination", "the treatment", "these features" and a
restated definitional subject stand for (short texts written for the test, and the corpus)."""

from __future__ import annotations

from dataclasses import replace

from extract_helpers import annotated, corpus_document, doc_of, ref
from sarckg.extract.anaphora import TREATMENT_CATEGORIES, resolve_anaphor
from sarckg.extract.base import AnnotatedDocument, AnnotatedSentence
from sarckg.model import EntityRef

AGENTS = ("Drug", "DrugClass", "GeneFusion", "Target", "Process", "CellType", "Biomarker")
LURBI = ref("drug/lurbinectedin")
CABO = ref("drug/cabozantinib")
NIVO = ref("drug/nivolumab")
TAM = ref("celltype/tumor-associated-macrophage")


def document(*parts: tuple[str, list[tuple[str, EntityRef]]]) -> AnnotatedDocument:
    """Consecutive sentences of one document (one space between them), indices 0, 1, ..."""
    full = " ".join(text for text, _ in parts)
    sentences: list[AnnotatedSentence] = []
    at = 0
    for index, (text, entities) in enumerate(parts):
        a = annotated(text, entities, doc_text=full, start=at)
        sentences.append(replace(a, sentence=replace(a.sentence, index=index)))
        at += len(text) + 1
    return doc_of(*sentences)


def test_it_stands_for_the_subject_of_the_sentence_before() -> None:
    doc = document(("Lurbinectedin is an alkylating agent approved in second line.", [("Lurbinectedin", LURBI)]),
                   ("It can kill tumour cells.", []))
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == LURBI
    assert found.earlier(doc.sentences[1]) is doc.sentences[0]
    assert doc.sentences[1].text[found.start:found.end] == "It"


def test_expletive_it_and_a_missing_antecedent_give_nothing() -> None:
    doc = document(("Lurbinectedin is an alkylating agent.", [("Lurbinectedin", LURBI)]),
                   ("It is unclear whether TAMs matter.", [("TAMs", TAM)]))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None
    alone = document(("It can kill tumour cells.", []))
    assert resolve_anaphor(alone, alone.sentences[0], AGENTS) is None


def test_a_drug_that_is_not_the_subject_is_no_antecedent() -> None:
    doc = document(("TAMs were depleted in mice treated with lurbinectedin.", [("TAMs", TAM), ("lurbinectedin", LURBI)]),
                   ("It also reduced tumour growth.", []))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_a_treatment_noun_takes_the_first_treatment_and_an_unrelated_noun_nothing() -> None:
    first = ("Combining cabozantinib with nivolumab was synergistic in mice.", [("cabozantinib", CABO), ("nivolumab", NIVO)])
    doc = document(first, ("This combination reduced TAMs.", [("TAMs", TAM)]))
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == CABO
    doc = document(first, ("These patients had fewer TAMs.", [("TAMs", TAM)]))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_a_sentence_naming_its_own_treatment_has_no_anaphor() -> None:
    doc = document(("Cabozantinib was given first.", [("Cabozantinib", CABO)]),
                   ("The combination of nivolumab and cabozantinib reduced TAMs.",
                    [("nivolumab", NIVO), ("cabozantinib", CABO), ("TAMs", TAM)]))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_the_treatment_reaches_over_a_sentence_that_names_no_treatment() -> None:
    doc = document(("A phase II trial of cabozantinib gave few responses.", [("cabozantinib", CABO)]),
                   ("The reason was probably a dense infiltrate of TAMs.", [("TAMs", TAM)]),
                   ("The treatment further raised serum IL-6.", []))
    found = resolve_anaphor(doc, doc.sentences[2], TREATMENT_CATEGORIES)
    assert found is not None and found.mention.entity == CABO and found.named_in is doc.sentences[0]
    # a pronoun only looks one sentence back
    doc = document(("A phase II trial of cabozantinib gave few responses.", [("cabozantinib", CABO)]),
                   ("The reason was probably a dense infiltrate of TAMs.", [("TAMs", TAM)]),
                   ("It further raised serum IL-6.", []))
    assert resolve_anaphor(doc, doc.sentences[2], TREATMENT_CATEGORIES) is None


def test_features_after_and_stand_for_the_first_actor_of_the_same_sentence() -> None:
    gi = ref("process/genomic-instability")
    doc = document(("Such tumours show genomic instability, and these features raise neoantigen load.",
                    [("genomic instability", gi)]),)
    found = resolve_anaphor(doc, doc.sentences[0], AGENTS)
    assert found is not None and found.mention.entity == gi and found.earlier(doc.sentences[0]) is None


def test_a_subject_restating_a_definition_stands_for_the_defined_entity() -> None:
    msi = ref("biomarker/microsatellite-instability")
    doc = document(("A high MSI status represents deficient mismatch repair in the tumour.", [("MSI", msi)]),
                   ("Deficient mismatch repair leads to increased neoantigens.", []))
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == msi
    # the same words not restating a definition stand for nothing
    doc = document(("A high MSI status was found in the tumour.", [("MSI", msi)]),
                   ("Deficient mismatch repair leads to increased neoantigens.", []))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_real_corpus_anaphora() -> None:
    doc = corpus_document("003")
    it = next(a for a in doc.sentences if a.text.startswith("It can destroy"))
    found = resolve_anaphor(doc, it, AGENTS)
    assert found is not None and found.mention.entity.key == "drug/trabectedin"
    assert found.named_in.sentence.index == it.sentence.index - 1
    resolved = [resolve_anaphor(doc, a, AGENTS) for a in doc.sentences]
    for a, r in zip(doc.sentences, resolved, strict=True):
        if r is not None:  # the antecedent is named in the sentence or the one or two before
            assert 0 <= a.sentence.index - r.named_in.sentence.index <= 2
            assert r.named_in.text[r.mention.start:r.mention.end] == r.mention.text


def test_they_stands_for_a_plural_subject_only() -> None:
    tls = ref("biomarker/tertiary-lymphoid-structure")
    doc = document(("TLS are organized clusters of immune cells.", [("TLS", tls)]),
                   ("They recruit TILs.", []))
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == tls
    doc = document(("Lurbinectedin is an alkylating agent.", [("Lurbinectedin", LURBI)]), ("They recruit TILs.", []))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_the_anaphor_ends_at_its_head_and_definite_plurals_are_not_anaphors() -> None:
    ov = ref("class/OncolyticVirus")
    first = ("Oncolytic viruses selectively lyse cancer cells.", [("Oncolytic viruses", ov)])
    doc = document(first, ("This approach remodels the TME.", []))
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == ov
    assert doc.sentences[1].text[found.start:found.end] == "This approach"
    doc = document(first, ("The treatment regimens are listed in a table.", []))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_a_drug_after_we_is_not_the_subject() -> None:
    doc = document(("We should consider cabozantinib with radiotherapy.", [("cabozantinib", CABO)]),
                   ("This combination may be synergistic.", []))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_this_combination_stands_for_the_treatments_joined_to_the_antecedent() -> None:
    rt = ref("class/Radiotherapy")
    doc = document(("Combining cabozantinib with nivolumab was synergistic, unlike radiotherapy.",
                    [("cabozantinib", CABO), ("nivolumab", NIVO), ("radiotherapy", rt)]),
                   ("This combination reduced TAMs.", [("TAMs", TAM)]))
    found = resolve_anaphor(doc, doc.sentences[1], TREATMENT_CATEGORIES)
    assert found is not None
    assert [m.entity for m in found.combination()] == [CABO, NIVO]
    doc = document(("Cabozantinib was given alone.", [("Cabozantinib", CABO)]), ("This regimen was well tolerated.", []))
    found = resolve_anaphor(doc, doc.sentences[1], TREATMENT_CATEGORIES)
    assert found is not None and [m.entity for m in found.combination()] == [CABO]


def test_a_joined_treatment_may_follow_an_article_or_a_passive_combined_with() -> None:
    pd1 = ref("class/PD1Inhibitor")
    for first in ("Combining cabozantinib with an anti-PD-1 antibody was synergistic in mice.",
                  "Cabozantinib was combined with the anti-PD-1 antibody in mice."):
        doc = document((first, [("Cabozantinib", CABO), ("cabozantinib", CABO), ("anti-PD-1 antibody", pd1)]),
                       ("This combination reduced TAMs.", [("TAMs", TAM)]))
        found = resolve_anaphor(doc, doc.sentences[1], TREATMENT_CATEGORIES)
        assert found is not None and [m.entity for m in found.combination()] == [CABO, pd1]
    doc = document(("Cabozantinib was compared with an anti-PD-1 antibody.", [("Cabozantinib", CABO),
                                                                           ("anti-PD-1 antibody", pd1)]),
                   ("This regimen reduced TAMs.", [("TAMs", TAM)]))
    found = resolve_anaphor(doc, doc.sentences[1], TREATMENT_CATEGORIES)
    assert found is not None and [m.entity for m in found.combination()] == [CABO]


def test_a_drug_completing_a_predicate_is_not_the_subject() -> None:
    doc = document(("Many patients respond to cabozantinib.", [("cabozantinib", CABO)]), ("It also reduces TAMs.", [("TAMs", TAM)]))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None


def test_a_demonstrative_before_a_broader_name_stands_for_the_narrower_subject() -> None:
    macrophage = ref("celltype/macrophage", label="macrophage")
    cd163 = ref("target/cd163")
    second = ("These macrophages expressed CD163.", [("macrophages", macrophage), ("CD163", cd163)])
    doc = document(("In leiomyosarcoma, tumor-associated macrophages outnumber TILs.",
                    [("tumor-associated macrophages", TAM), ("TILs", ref("celltype/tumor-infiltrating-lymphocyte"))]),
                   second)
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == TAM and found.named_in is doc.sentences[0]
    assert doc.sentences[1].text[found.start:found.end] == "These macrophages"
    # a subject that is no kind of macrophage is no antecedent; neither is a drug for "these cells"
    dc = ref("celltype/dendritic-cell", label="dendritic cell")
    doc = document(("Dendritic cells were rare.", [("Dendritic cells", dc)]), second)
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None
    doc = document(("Cabozantinib was given first.", [("Cabozantinib", CABO)]), ("These cells expressed CD163.", [("CD163", cd163)]))
    assert resolve_anaphor(doc, doc.sentences[1], AGENTS) is None
    doc = document(("Dendritic cells were rare.", [("Dendritic cells", dc)]), ("These cells expressed CD163.", [("CD163", cd163)]))
    found = resolve_anaphor(doc, doc.sentences[1], AGENTS)
    assert found is not None and found.mention.entity == dc
    assert doc.sentences[1].text[found.start:found.end] == "These cells"


def test_real_corpus_these_macrophages_are_the_tams_named_before() -> None:
    doc = corpus_document("003")
    these = next(a for a in doc.sentences if a.text.startswith("These macrophages predominantly"))
    found = resolve_anaphor(doc, these, AGENTS)
    assert found is not None and found.mention.entity.key == TAM.key
    assert found.named_in.text.startswith("In sarcomas, TAM densities")
