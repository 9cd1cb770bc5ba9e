"""Entity recognition: lexicon matching, abbreviations defined per document, shapes."""

from __future__ import annotations

import pytest
from rdflib import Graph

from sarckg.extract.abbreviations import best_long_form, legend_definitions, parenthesis_definitions
from sarckg.extract.entities import annotate, default_lexicon, find_abbreviations, recognise
from sarckg.extract.lexicon import build_lexicon, compact
from sarckg.model import Document, Sentence

VOCAB = r"""
@prefix skg: <https://w3id.org/sarckg/ontology#> . @prefix ent: <https://w3id.org/sarckg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
skg:ImmuneCheckpointInhibitor rdfs:subClassOf skg:Drug ; rdfs:label "immune checkpoint inhibitor" ; skos:altLabel "ICI" .
skg:PD1Inhibitor rdfs:subClassOf skg:ImmuneCheckpointInhibitor ; rdfs:label "PD-1 inhibitor" ; skos:altLabel "anti-PD-1 antibody" .
ent:drug\/camrelizumab a skg:Drug, skg:PD1Inhibitor ; rdfs:label "camrelizumab" ; skos:altLabel "carrilizumab", "SHR-1210" .
ent:target\/pd-l1 a skg:Target, skg:Biomarker ; rdfs:label "PD-L1" ; skos:altLabel "programmed death-ligand 1", "PDL1" .
ent:subtype\/ewing-sarcoma a skg:SarcomaSubtype ; rdfs:label "Ewing sarcoma" ; skos:altLabel "ES" .
ent:subtype\/epithelioid-sarcoma a skg:SarcomaSubtype ; rdfs:label "epithelioid sarcoma" ; skos:altLabel "ES" .
ent:subtype\/angiosarcoma a skg:SarcomaSubtype ; rdfs:label "angiosarcoma" ; skos:altLabel "AS" .
ent:subtype\/osteosarcoma a skg:SarcomaSubtype ; rdfs:label "osteosarcoma" ; skos:altLabel "OS" .
ent:celltype\/cd8-positive-t-cell a skg:CellType ; rdfs:label "CD8+ T cell" .
ent:celltype\/tumor-associated-macrophage a skg:CellType ; rdfs:label "tumor-associated macrophage" ; skos:altLabel "TAM" .
"""


@pytest.fixture(scope="module")
def lexicon():
    return build_lexicon(Graph().parse(data=VOCAB, format="turtle"))


def sentence(text: str, index: int = 0, zone: str = "body") -> Sentence:
    return Sentence("doc", index, 0, len(text), text, tuple(range(len(text))), zone)  # type: ignore[arg-type]


def found(lexicon, text: str, *others: str, zone: str = "body") -> dict[str, str]:
    sents = [sentence(t, i) for i, t in enumerate(others)] + [sentence(text, 99, zone)]
    defined = find_abbreviations(lexicon, sents)
    return {m.text: m.entity.key for m in recognise(lexicon, sents[-1], defined.for_zone(zone))}


def test_names_meet_across_case_punctuation_and_synonyms(lexicon):
    hits = found(lexicon, "PD-L1, PDL1 and programmed death-ligand 1; Carrilizumab (SHR-1210).")
    assert hits == {"PD-L1": "target/pd-l1", "PDL1": "target/pd-l1",
                    "programmed death-ligand 1": "target/pd-l1",
                    "Carrilizumab": "drug/camrelizumab", "SHR-1210": "drug/camrelizumab"}


def test_acronyms_match_only_in_capitals(lexicon):
    assert found(lexicon, "as well as angiosarcoma") == {"angiosarcoma": "subtype/angiosarcoma"}
    assert found(lexicon, "AS patients") == {"AS": "subtype/angiosarcoma"}


def test_plurals_and_class_phrases(lexicon):
    hits = found(lexicon, "TAMs and CD8+ T cells under anti-PD-1 antibodies and ICIs")
    assert hits["TAMs"] == "celltype/tumor-associated-macrophage"
    assert hits["CD8+ T cells"] == "celltype/cd8-positive-t-cell"
    assert hits["anti-PD-1 antibodies"] == "class/PD1Inhibitor"
    assert hits["ICIs"] == "class/ImmuneCheckpointInhibitor"


def test_ambiguous_abbreviation_needs_a_definition_in_the_document(lexicon):
    assert "ES" not in found(lexicon, "ES patients responded.")
    assert found(lexicon, "ES patients responded.", "Patients with epithelioid sarcoma (ES).")["ES"] == (
        "subtype/epithelioid-sarcoma")
    assert found(lexicon, "ES patients responded.", "Ewing sarcoma (ES) is rare.")["ES"] == (
        "subtype/ewing-sarcoma")


def test_definition_with_another_meaning_blocks_the_vocabulary(lexicon):
    # "OS" is overall survival in this document, never osteosarcoma
    assert "OS" not in found(lexicon, "The OS was 19.5 months.", "overall survival (OS) was long.")
    assert found(lexicon, "The OS was long.")["OS"] == "subtype/osteosarcoma"


def test_table_legends_apply_to_tables(lexicon):
    legend = "OS, osteosarcoma; ES, Ewing sarcoma."
    sents = [sentence("overall survival (OS) was long.", 0), sentence(legend, 1, "caption"),
             sentence("LYC\tOS\tES", 2, "table"), sentence("The OS was long.", 3)]
    defined = find_abbreviations(lexicon, sents)
    table = {m.text: m.entity.key for m in recognise(lexicon, sents[2], defined.for_zone("table"))}
    prose = {m.text: m.entity.key for m in recognise(lexicon, sents[3], defined.for_zone("body"))}
    assert table == {"OS": "subtype/osteosarcoma", "ES": "subtype/ewing-sarcoma"}
    assert prose == {}


def test_unseen_names_by_shape(lexicon):
    hits = found(lexicon, "Zanzalintinib and fooximab with MDM2 amplification and an EWSR1-FLI1 fusion "
                          "in the NCT01234567 trial (SARC099); myxofibrosarcoma.")
    assert hits["Zanzalintinib"] == "drug/zanzalintinib"
    assert hits["fooximab"] == "drug/fooximab"
    assert hits["MDM2"] == "target/mdm2"
    assert hits["EWSR1-FLI1"] == "fusion/ewsr1-fli1"
    assert hits["NCT01234567"] == "study/nct01234567"
    assert hits["SARC099"] == "study/sarc099"
    assert hits["myxofibrosarcoma"] == "subtype/myxofibrosarcoma"


def test_new_subtype_from_its_definition(lexicon):
    hits = found(lexicon, "Patients with FZS responded.", "We treated frobnicating zeta sarcoma (FZS).")
    assert hits["FZS"] == "subtype/frobnicating-zeta-sarcoma"


def test_schwartz_hearst():
    assert best_long_form("ASPS", "patients with alveolar soft part sarcoma") == "alveolar soft part sarcoma"
    assert best_long_form("TMB", "high tumor mutational burden") == "tumor mutational burden"
    assert best_long_form("XYZ", "nothing that spells it") is None
    defs = list(parenthesis_definitions("the tertiary lymphoid structures (TLS) and B cells"))
    assert [(d.short, d.long) for d in defs] == [("TLS", "tertiary lymphoid structures")]
    legend = list(legend_definitions("CR, complete response; PR, partial response."))
    assert [(d.short, d.long) for d in legend] == [("CR", "complete response"), ("PR", "partial response")]


def test_compact_spells_out_greek():
    assert compact("IFN-γ") == compact("IFN gamma") == "ifngamma"


def test_real_vocabulary_resolves_the_synonyms_the_papers_use():
    lexicon = default_lexicon()
    for surface, label in (("triprolizumab", "toripalimab"), ("carrilizumab", "camrelizumab"),
                           ("TQB2450", "benmelstobart"), ("undifferentiated pleomorphic sarcoma", None),
                           ("UPS", None)):
        hits = lexicon.lookup(surface)
        assert len(hits) == 1, surface
        if label:
            assert next(iter(hits)).label == label
    assert lexicon.lookup("UPS") == lexicon.lookup("undifferentiated pleomorphic sarcoma")
    assert lexicon.lookup("PD-L1") == lexicon.lookup("programmed death-ligand 1")


def test_a_short_form_inside_one_long_word_is_defined(lexicon):
    defs = list(parenthesis_definitions("patients with myxofibrosarcoma (FBS) and patients (PD)"))
    assert [(d.short, d.long) for d in defs] == [("FBS", "myxofibrosarcoma")]


def test_unsafe_labels_are_used_only_where_a_document_defines_them():
    vocab = VOCAB + (
        'ent:subtype\\/osteosarcoma <https://w3id.org/sarckg/ontology#ambiguousLabel> "OS" .\n')
    lexicon = build_lexicon(Graph().parse(data=vocab, format="turtle"))
    assert found(lexicon, "The OS was long.") == {}
    assert found(lexicon, "OS patients", "Patients with osteosarcoma (OS).")["OS"] == "subtype/osteosarcoma"


def test_a_new_subtype_is_not_read_as_its_generic_head():
    vocab = VOCAB + 'ent:subtype\\/sarcoma a skg:SarcomaSubtype ; rdfs:label "sarcoma" .\n'
    lexicon = build_lexicon(Graph().parse(data=vocab, format="turtle"))
    hits = found(lexicon, "BSNS and biphenotypic sinonasal sarcoma",
                 "Biphenotypic sinonasal sarcoma (BSNS) is rare.")
    assert hits == {"BSNS": "subtype/biphenotypic-sinonasal-sarcoma",
                    "biphenotypic sinonasal sarcoma": "subtype/biphenotypic-sinonasal-sarcoma"}


def test_non_subtype_names_a_population_not_the_subtype(lexicon):
    hits = found(lexicon, "In the non-angiosarcoma group and in non angiosarcoma patients; angiosarcoma.")
    assert hits == {"non-angiosarcoma": "population/non-angiosarcoma",
                    "non angiosarcoma": "population/non-angiosarcoma",
                    "angiosarcoma": "subtype/angiosarcoma"}


GENES = VOCAB + """
ent:target\\/ewsr1 a skg:Target, skg:Gene ; rdfs:label "EWSR1" .
ent:target\\/tfe3 a skg:Target, skg:Gene ; rdfs:label "TFE3" .
ent:fusion\\/aspscr1-tfe3 a skg:GeneFusion ; rdfs:label "ASPSCR1-TFE3" .
ent:subtype\\/sarcoma a skg:SarcomaSubtype ; rdfs:label "sarcoma" .
ent:subtype\\/alveolar-soft-part-sarcoma a skg:SarcomaSubtype ; rdfs:label "alveolar soft part sarcoma" .
ent:subtype\\/pleomorphic-liposarcoma a skg:SarcomaSubtype ; rdfs:label "pleomorphic liposarcoma" .
skg:PDL1Inhibitor rdfs:subClassOf skg:ImmuneCheckpointInhibitor ; rdfs:label "PD-L1 inhibitor" .
"""


@pytest.fixture(scope="module")
def gene_lexicon():
    return build_lexicon(Graph().parse(data=GENES, format="turtle"))


def test_an_unknown_fusion_is_not_read_as_its_known_gene(gene_lexicon):
    hits = found(gene_lexicon, "Tumours with an EWSR1-CREB1 fusion; EWSR1 alone; ASPSCR1-TFE3 fusion.")
    assert hits == {"EWSR1-CREB1": "fusion/ewsr1-creb1", "EWSR1": "target/ewsr1",
                    "ASPSCR1-TFE3": "fusion/aspscr1-tfe3"}


def test_a_subtype_phrase_is_not_read_as_its_generic_head(gene_lexicon):
    hits = found(gene_lexicon, "Low-grade myofibroblastic sarcoma recurs; it is a rare sarcoma.")
    assert hits == {"Low-grade myofibroblastic sarcoma": "subtype/low-grade-myofibroblastic-sarcoma",
                    "sarcoma": "subtype/sarcoma"}


def test_a_misspelt_subtype_is_the_vocabulary_subtype(gene_lexicon):
    hits = found(gene_lexicon, "patients with alveolar soft partial sarcoma responded")
    assert hits == {"alveolar soft partial sarcoma": "subtype/alveolar-soft-part-sarcoma"}
    # a different name four letters shorter is not a typo of the known one
    assert found(gene_lexicon, "with pleomorphic sarcoma")["pleomorphic sarcoma"] == "subtype/pleomorphic-sarcoma"
    assert gene_lexicon.near("alveolar soft partial sarcoma", "Drug") is None


def test_a_drug_found_by_its_stem_keeps_its_short_name(gene_lexicon):
    hits = found(gene_lexicon, "Responses to ostira-cel and R-VEC were seen; xostira-cel is no name.",
                 "Ostiraleucel (ostira-cel) is a T cell therapy.",
                 "Ravimogene orparepvec (R-VEC) is an oncolytic virus.")
    assert hits == {"ostira-cel": "drug/ostiraleucel", "R-VEC": "drug/ravimogene-orparepvec",
                    "xostira-cel": "drug/xostira-cel"}


def test_a_defined_short_form_does_not_cut_a_longer_vocabulary_name(gene_lexicon):
    hits = found(gene_lexicon, "PD-L1 inhibitors and PD-L1 were studied.",
                 "Programmed death-ligand 1 (PD-L1) is a ligand.")
    assert hits == {"PD-L1 inhibitors": "class/PDL1Inhibitor", "PD-L1": "target/pd-l1"}


def test_a_citation_number_glued_to_a_word_does_not_hide_the_name(lexicon):
    hits = found(lexicon, "High burden in angiosarcoma8 and in osteosarcomas12, unlike Angiosarcoma.")
    assert hits == {"angiosarcoma": "subtype/angiosarcoma", "osteosarcomas": "subtype/osteosarcoma",
                    "Angiosarcoma": "subtype/angiosarcoma"}
    assert found(lexicon, "CD8+ T cells") == {"CD8+ T cells": "celltype/cd8-positive-t-cell"}  # symbols stay whole


def annotated_texts(lexicon, *texts: str, zones: tuple[str, ...] = ()) -> dict[int, dict[str, str]]:
    """Annotate a document of these sentences: per sentence, surface -> entity key."""
    full = " ".join(texts)
    document = Document("doc", "doc.txt", full, "0" * 64)
    sents, at = [], 0
    for i, t in enumerate(texts):
        zone = zones[i] if i < len(zones) else "body"
        sents.append(Sentence("doc", i, at, at + len(t), t, tuple(range(at, at + len(t))), zone))  # type: ignore[arg-type]
        at += len(t) + 1
    doc = annotate(document, sents, lexicon=lexicon)
    return {a.sentence.index: {m.text: m.entity.key for m in a.mentions} for a in doc.sentences}


ASPS_VOCAB = VOCAB + """
ent:subtype\\/alveolar-soft-part-sarcoma a skg:SarcomaSubtype ; rdfs:label "alveolar soft part sarcoma" ;
    skos:altLabel "ASPS" .
ent:subtype\\/undifferentiated-pleomorphic-sarcoma a skg:SarcomaSubtype ;
    rdfs:label "undifferentiated pleomorphic sarcoma" ; skos:altLabel "UPS" .
"""


@pytest.fixture(scope="module")
def asps_lexicon():
    return build_lexicon(Graph().parse(data=ASPS_VOCAB, format="turtle"))


def test_a_listed_short_form_with_a_lowercase_final_s_is_the_subtype_the_document_writes(asps_lexicon):
    asps = "subtype/alveolar-soft-part-sarcoma"
    hits = annotated_texts(asps_lexicon, "Two ASPS patients were treated.",
                           "The UPS and ASPs displayed the best response.",
                           "ASPs, UPS or angiosarcoma responded.")
    assert hits[1] == {"UPS": "subtype/undifferentiated-pleomorphic-sarcoma", "ASPs": asps}
    assert hits[2]["ASPs"] == asps


def test_a_lowercase_final_s_is_no_subtype_outside_a_list_or_unwritten(asps_lexicon):
    # the document never writes "ASPS": "ASPs" may be another thing (antisense peptides, ...)
    assert "ASPs" not in annotated_texts(asps_lexicon, "The UPS and ASPs displayed the best response.")[0]
    # written, but not listed with another subtype
    hits = annotated_texts(asps_lexicon, "Two ASPS patients were treated.", "The ASPs were stable.",
                           "UPS cells and ASPs were stable.")
    assert "ASPs" not in hits[1] and "ASPs" not in hits[2]
    # two capitals before the "s" at least: "AS" with "As" is an English word
    assert "As" not in annotated_texts(asps_lexicon, "AS patients.", "UPS and As shown, it was.")[1]


def test_a_code_read_as_a_drug_is_that_drug_where_a_trial_word_is_near(lexicon):
    mechanism = "Later studies found that ZQX-411 activates dendritic cells."
    # alone, the trial word nearby makes the pattern read the code as a trial
    assert annotated_texts(lexicon, mechanism)[0]["ZQX-411"] == "study/zqx-411"
    hits = annotated_texts(lexicon, "Oncolytic peptides such as ZQX-411 lyse tumour cells.", mechanism)
    assert hits[0]["ZQX-411"] == hits[1]["ZQX-411"] == "drug/zqx-411"


def test_a_code_the_document_names_as_a_trial_keeps_its_trial_readings(lexicon):
    hits = annotated_texts(lexicon, "Oncolytic peptides such as ZQX-411 lyse tumour cells.",
                           "Later studies found that ZQX-411 activates dendritic cells.",
                           "The ZQX-411 trial enrolled 40 patients.")
    assert hits[1]["ZQX-411"] == hits[2]["ZQX-411"] == "study/zqx-411"
    assert hits[0]["ZQX-411"] == "drug/zqx-411"
    # another code is not touched by the drug reading of the first
    other = annotated_texts(lexicon, "Oncolytic peptides such as ZQX-411 lyse tumour cells.",
                            "Later studies found that ZQX-412 activates dendritic cells.")
    assert other[1]["ZQX-412"] == "study/zqx-412"


def test_paper_003_reads_ltx315_as_a_drug_in_its_mechanism_sentence():
    from extract_helpers import corpus_document

    doc = corpus_document("003")
    readings = {(m.entity.key, a.text.startswith("Subsequent studies found"))
                for a in doc.sentences for m in a.mentions if m.text == "LTX-315"}
    assert ("drug/ltx-315", True) in readings
    assert {key for key, _ in readings} == {"drug/ltx-315"}


def test_an_abbreviation_list_defines_for_the_whole_document(lexicon):
    legend = "OS, osteosarcoma; ES, Ewing sarcoma; AS, angiosarcoma."
    hits = annotated_texts(lexicon, "Overall survival (OS) was long.", legend, "ES and OS patients.",
                           "Garcia ES, Strauss S. Sarcoma. Lancet.", zones=("body", "caption", "body", "reference"))
    # a legend of three entries spelling their long forms reaches the prose; the prose's own
    # definition of OS wins there, and a reference entry's initials stay initials
    assert hits[2] == {"ES": "subtype/ewing-sarcoma"}
    assert hits[3] == {}
    assert hits[1]["OS"] == "subtype/osteosarcoma"  # the legend still reads its own table
    listed = annotated_texts(lexicon, "Abbreviations: ES, epithelioid sarcoma.", "ES patients.")
    assert listed[1] == {"ES": "subtype/epithelioid-sarcoma"}


def test_a_short_legend_or_a_loose_pairing_stays_with_its_table(lexicon):
    two = annotated_texts(lexicon, "OS, osteosarcoma; ES, Ewing sarcoma.", "ES patients.", zones=("caption",))
    assert two[1] == {}
    # "ES, Wessel sarcoma" has the letters in order without spelling the long form (no word starts with E)
    loose = annotated_texts(lexicon, "ES, Wessel sarcoma; AS, angiosarcoma; OS, osteosarcoma.",
                            "ES and OS patients.", zones=("caption",))
    assert loose[1] == {"OS": "subtype/osteosarcoma"}


def test_a_name_written_with_its_number_glued_on_is_still_found_whole():
    vocab = VOCAB + 'ent:target\\/galectin-9 a skg:Target ; rdfs:label "galectin-9" .\n'
    lexicon = build_lexicon(Graph().parse(data=vocab, format="turtle"))
    # "Galectin9" is two tokens under the citation rule, but the name spans both
    assert found(lexicon, "Galectin9 and galectin-9 levels.") == {
        "Galectin9": "target/galectin-9", "galectin-9": "target/galectin-9"}


def test_dendritic_cell_vaccination_is_recognised_as_the_vaccine_class() -> None:
    text = "DC vaccination, dendritic cell vaccination and a DC vaccine were given after the vaccination schedule."
    assert found(default_lexicon(), text) == {
        "DC vaccination": "class/Vaccine", "dendritic cell vaccination": "class/Vaccine", "DC vaccine": "class/Vaccine"}
    # vaccination alone says no cancer vaccine (an infection vaccine, a schedule)
    assert found(default_lexicon(), "Influenza vaccination was offered to all patients.") == {}


def test_near_spellings_are_read_per_category_and_follow_names_added_later(lexicon):
    from sarckg.model import EntityRef

    assert lexicon.near("angiosarcomma", "SarcomaSubtype").key == "subtype/angiosarcoma"
    assert lexicon.near("angiosarcomma", "Drug") is None  # another category's names are not near
    assert lexicon.near("fictosarcomma", "SarcomaSubtype") is None
    lexicon_copy = build_lexicon(Graph().parse(data=VOCAB, format="turtle"))
    lexicon_copy.near("fictosarcomma", "SarcomaSubtype")  # index built before the new name
    lexicon_copy.add(EntityRef("subtype/fictosarcoma", "fictosarcoma", "SarcomaSubtype"), "fictosarcoma")
    assert lexicon_copy.near("fictosarcomma", "SarcomaSubtype").key == "subtype/fictosarcoma"


def test_plural_spellings_of_a_signature_are_found_from_its_singular_names() -> None:
    text = "Activated stroma subtypes and active stromal subtypes differ from the active stroma subtype."
    assert found(default_lexicon(), text) == {
        "Activated stroma subtypes": "biomarker/activated-stroma-subtype",
        "active stromal subtypes": "biomarker/activated-stroma-subtype",
        "active stroma subtype": "biomarker/activated-stroma-subtype"}
