"""Normalization: markup, hyphenation and whitespace removed, every character mapped back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sarckg.corpus.normalize import (
    MappedText,
    hyphenated_words,
    is_faithful,
    normalize_ranges,
    normalize_row,
    normalize_text,
)


def norm(raw: str, keep: frozenset[str] = frozenset()) -> str:
    return normalize_ranges(raw, [(0, len(raw))], keep).text


def test_line_break_hyphenation_is_joined() -> None:
    assert norm("a sus-\n\nceptible host") == "a susceptible host"
    assert norm("mesenchymal tis-\nsue") == "mesenchymal tissue"


def test_real_hyphens_survive_line_breaks() -> None:
    assert norm("the PD-\n\nL1 ligand") == "the PD-L1 ligand"
    assert norm("anti-PD-\n\n1-based therapy") == "anti-PD-1-based therapy"
    assert norm("anti-PD-1-\nbased therapy") == "anti-PD-1-based therapy"


def test_compound_spelled_with_hyphen_elsewhere_keeps_it() -> None:
    raw = "Non-\n\nmeasurable lesions and other non-measurable lesions"
    assert norm(raw, hyphenated_words(raw)) == "Non-measurable lesions and other non-measurable lesions"
    assert norm("Non-\n\nmeasurable lesions") == "Nonmeasurable lesions"


def test_spaced_hyphen_closed_but_coordination_kept() -> None:
    assert norm("differentially- expressed genes") == "differentially-expressed genes"
    assert norm("pre- and post-treatment") == "pre- and post-treatment"


def test_html_tags() -> None:
    assert norm("options<sup>2</sup>. Next") == "options. Next"
    assert norm("CD8<sup>+</sup> T cells") == "CD8+ T cells"
    assert norm("H<sub>2</sub>O and <i>in vivo</i>") == "H2O and in vivo"
    assert norm("x &amp; y &lt; z") == "x & y < z"


def test_markdown() -> None:
    assert norm("## Results") == "Results"
    assert norm("**Efficacy.** The *Lancet Oncol* paper") == "Efficacy. The Lancet Oncol paper"
    assert norm("see [the licence](https://x.org/a) now") == "see the licence now"
    assert norm("License \\(CC BY\\)") == "License (CC BY)"
    assert norm("- Liao Z, et al.") == "Liao Z, et al."
    assert norm("HLA-A*02 and Grade1* and Others*") == "HLA-A*02 and Grade1* and Others*"


def test_latex_math() -> None:
    assert norm("PFS ($P < 0.01$) and OS") == "PFS (P < 0.01) and OS"
    assert norm("main $\\geq$  grade 3, $\\leq$ 5, 3 $\\pm$ 1") == "main ≥ grade 3, ≤ 5, 3 ± 1"
    assert norm("Elevated $\\gamma$-GT") == "Elevated γ-GT"
    assert norm("Xin Wang^{1*}, Peng") == "Xin Wang, Peng"


def test_latex_macros_with_arguments_keep_their_text() -> None:
    assert norm("825 mg/m$^{2}$ twice daily") == "825 mg/m^2 twice daily"
    assert norm("$5 \\mathrm{mg}$") == "5 mg"
    assert norm("$\\^{1}$x") == "1x"  # an accent over an argument: the argument stays


def test_invisible_characters_are_dropped() -> None:
    assert norm("\ufeffsig\u00adnificant zero\u200bwidth") == "significant zerowidth"


def test_whitespace_collapsed_and_stripped() -> None:
    assert norm("  a\n\n  b\t\tc \u200a d  ") == "a b c d"


def test_offsets_point_at_the_source_characters() -> None:
    raw = "x **bold** sus-\n\nceptible $\\geq$ 5"
    mt = normalize_text(raw)
    assert mt.text == "x bold susceptible ≥ 5"
    i = mt.text.index("bold")
    assert raw[mt.offsets[i] : mt.offsets[i + 3] + 1] == "bold"
    j = mt.text.index("ceptible")
    assert raw[mt.offsets[j] : mt.offsets[j] + 8] == "ceptible"
    k = mt.text.index("≥")
    assert raw[mt.offsets[k] : mt.ends[k]] == "\\geq"
    assert is_faithful(raw, mt)


def test_row_cells_joined_by_single_tabs() -> None:
    raw = "LYC \u200a OS \u200a Pembrolizumab \u200a SD \u200a \u200a \u200a − \u200a"
    row = normalize_row(raw, 0, len(raw))
    assert row.text == "LYC\tOS\tPembrolizumab\tSD\t\t\t−"
    line = "Age\t24\t56.8\t\t"
    assert normalize_row(line, 0, len(line)).text == "Age\t24\t56.8"
    line = " Median   52 years"
    assert normalize_row(line, 0, len(line)).text == "Median\t52 years"
    assert is_faithful(raw, row)


def test_mapped_text_rejects_mismatched_lengths() -> None:
    try:
        MappedText("ab", (0,), (1,))
    except ValueError:
        return
    raise AssertionError("MappedText accepted offsets of the wrong length")


_PIECES = st.sampled_from([
    "word", "Word", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u200a", "-", "sus-\n\nceptible",
    "PD-\nL1", "<sup>3</sup>", "<sub>2</sub>", "**", "*", "#", "## ", "$P < 0.01$", "$\\geq$",
    "\\(", "&amp;", "[a](b)", "^{1}", "é", "μ", "≥", "–", ".", "(", ")", "1", "2.5", "et al.",
    "$", "\\", "{", "}", "<", ">", "&", "|", "| a | b |",
])
RAW_TEXT = st.one_of(
    st.lists(_PIECES, max_size=40).map("".join),
    st.text(max_size=200),
)


@settings(max_examples=300, deadline=None)
@given(RAW_TEXT)
def test_normalization_invariant_holds_for_any_text(raw: str) -> None:
    """Offsets strictly increase inside the text; each character is the raw one, or a
    space/tab standing for raw whitespace, or a substitution at a ``\\`` or ``&``."""
    mt = normalize_ranges(raw, [(0, len(raw))], hyphenated_words(raw))
    assert is_faithful(raw, mt)
    assert all(a < b for a, b in zip(mt.offsets, mt.offsets[1:], strict=False))
    assert all(o < e <= len(raw) for o, e in zip(mt.offsets, mt.ends, strict=True))
    assert mt.text == mt.text.strip()
    assert "  " not in mt.text


@settings(max_examples=200, deadline=None)
@given(RAW_TEXT)
def test_row_invariant_holds_for_any_line(raw: str) -> None:
    line = raw.split("\n")[0]
    row = normalize_row(line, 0, len(line))
    assert is_faithful(line, row)
    for ch, off in zip(row.text, row.offsets, strict=True):
        if ch == "\t":
            assert line[off].isspace() or line[off] == "|"
