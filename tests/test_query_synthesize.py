"""Random-effects pooling of proportions, and which measurements are comparable."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pytest

from sarckg.query.store import load_store, repo_root
from sarckg.query.synthesize import (
    SynthesisError,
    dersimonian_laird,
    expit,
    logit_effect,
    synthesize,
)

FIXTURE = Path(__file__).parent / "resources" / "query_fixture.ttl"


@pytest.fixture(scope="module")
def store():  # type: ignore[no-untyped-def]
    return load_store(FIXTURE, ontology=())


def test_logit_effect_and_continuity_correction() -> None:
    y, v = logit_effect(3, 12)
    assert y == pytest.approx(math.log(3 / 9))
    assert v == pytest.approx(1 / 3 + 1 / 9)
    y0, v0 = logit_effect(0, 10)
    assert y0 == pytest.approx(math.log(0.5 / 10.5)) and v0 == pytest.approx(1 / 0.5 + 1 / 10.5)
    with pytest.raises(ValueError):
        logit_effect(11, 10)


def test_homogeneous_studies_pool_to_their_common_value() -> None:
    pooled = dersimonian_laird([logit_effect(5, 20), logit_effect(10, 40), logit_effect(25, 100)])
    assert expit(pooled.estimate) == pytest.approx(0.25)
    assert pooled.tau2 == 0 and pooled.i2 == 0 and pooled.q == pytest.approx(0)
    assert sum(pooled.weights) == pytest.approx(1)
    assert pooled.weights[2] > pooled.weights[1] > pooled.weights[0]  # larger cohort, more weight


def test_dersimonian_laird_by_hand() -> None:
    # Two studies, logits 0 and ln(4) with variances 0.2 and 0.25 (worked by hand):
    # w = 5, 4; fixed = 4 ln4 / 9; Q = 5 f^2 + 4 (ln4 - f)^2; C = 9 - 41/9.
    effects = [(0.0, 0.2), (math.log(4), 0.25)]
    fixed = 4 * math.log(4) / 9
    q = 5 * fixed**2 + 4 * (math.log(4) - fixed) ** 2
    tau2 = (q - 1) / (9 - 41 / 9)
    w = [1 / (0.2 + tau2), 1 / (0.25 + tau2)]
    pooled = dersimonian_laird(effects)
    assert pooled.q == pytest.approx(q)
    assert pooled.tau2 == pytest.approx(tau2)
    assert pooled.estimate == pytest.approx(w[1] * math.log(4) / sum(w))
    assert pooled.se == pytest.approx(math.sqrt(1 / sum(w)))
    assert pooled.i2 == pytest.approx((q - 1) / q)


def test_synthesis_over_a_subtype_and_drug_class(store) -> None:  # type: ignore[no-untyped-def]
    result = synthesize(store, "soft tissue sarcoma", "ORR", "PD-1 inhibitors")
    counts = sorted((i.events, i.total) for i in result.inputs)
    # ORR 20% of N=10 (no numerator stated) counts as 2/10; every member subtype is included.
    assert counts == [(1, 10), (2, 10), (3, 10), (3, 12), (4, 8), (4, 10)]
    assert {i.population for i in result.inputs} >= {"leiomyosarcoma", "myxofibrosarcoma"}
    assert result.ci_low < result.pooled < result.ci_high
    assert 0.15 < result.pooled < 0.45
    assert sum(i.weight_percent for i in result.inputs) == pytest.approx(100, abs=0.5)
    assert all(i.quote and i.document for i in result.inputs)


def test_regimen_class_narrows_the_pool(store) -> None:  # type: ignore[no-untyped-def]
    result = synthesize(store, "STS", "ORR", "angiogenesis inhibitors")
    assert {i.regimen for i in result.inputs} == {"axitinib + pembrolizumab", "lenvatinib + pembrolizumab"}


def test_too_few_or_not_a_proportion(store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SynthesisError, match="fewer than 2 comparable"):
        synthesize(store, "ASPS", "ORR")
    with pytest.raises(SynthesisError, match="not a proportion"):
        synthesize(store, "UPS", "mPFS")


REAL_GRAPH = Path(os.environ.get("SARCKG_GRAPH", repo_root() / "graphs" / "sarckg.ttl"))


@pytest.mark.slow
@pytest.mark.skipif(not REAL_GRAPH.is_file(), reason="needs the built graph")
def test_synthesis_on_the_real_graph_stays_within_its_inputs() -> None:
    store = load_store(REAL_GRAPH)
    result = synthesize(store, "soft tissue sarcoma", "ORR")
    proportions = [i.proportion for i in result.inputs]
    assert len(proportions) >= 2
    assert min(proportions) <= result.pooled <= max(proportions)
    assert result.ci_low <= result.pooled <= result.ci_high
    assert all(i.quote and i.total > 0 for i in result.inputs)
    keys = [(i.study, i.regimen, i.population, i.events, i.total) for i in result.inputs if i.study]
    assert len(keys) == len(set(keys))  # one cohort counted once
