"""Property tests over arbitrary bytes and markup-heavy text (a short run; the long run is
`benchmarks/fuzz_reader.py`)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_targets import read_split_annotate

MARKUP = st.sampled_from(["<sup>", "</sup>", "<sub>1</sub>", "$", "$P < 0.01$", "**", "#", "-\n",
                          "\n\n", "\t", "Table 1", "References", "(ASPS)", "PD-L1", "95% CI 1–2%",
                          "é", "β", "\r\n", "\x00", "NCT01234567", "sarcoma (XS)"])
TEXT = st.lists(st.one_of(st.text(max_size=30), MARKUP), max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash_the_reader(data):
    read_split_annotate(data)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT, st.sampled_from([".txt", ".md"]))
def test_markup_heavy_text_maps_back_to_the_file(text, suffix):
    read_split_annotate(text.encode("utf-8"), suffix)
