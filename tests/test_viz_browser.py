"""The network page in a real headless Chromium: it draws offline, asks nothing of the
network, shows quotes in tooltips as text and never runs a label as script."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDFS, Graph, Literal

from sarckg.export.formats import load_graph
from sarckg.namespaces import ENT
from sarckg.viz.render import draw

try:  # tests/ may or may not be a package
    from tests import browser as browser_mod
except ImportError:
    import browser as browser_mod  # type: ignore[no-redef]
Browser = browser_mod.Browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not browser_mod.available(), reason="chromium is not installed"),
]

FIXTURE = Path(__file__).parent / "resources" / "export_fixture.ttl"
ARTIFACTS = Path(__file__).parent.parent / "test-artifacts"

PAINTED_PIXELS = """(() => {
  const c = document.querySelector('#mynetwork canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n; })()"""

EDGE_POINT = """(() => {
  for (const id of network.body.edgeIndices) {
    const e = network.body.edges[id];
    if (String(e.options.title).includes(%r)) {
      const d = network.canvasToDOM(e.edgeType.getPoint(0.5));
      const r = document.getElementById('mynetwork').getBoundingClientRect();
      return [d.x + r.left, d.y + r.top]; } }
  return null; })()"""

NODE_POINT = """(() => {
  const p = network.getPositions([%r])[%r]; const d = network.canvasToDOM(p);
  const r = document.getElementById('mynetwork').getBoundingClientRect();
  return [d.x + r.left, d.y + r.top]; })()"""

TOOLTIP_SHOWN = "document.querySelector('div.vis-tooltip') && document.querySelector('div.vis-tooltip').style.visibility !== 'hidden'"


def external(urls: list[str]) -> list[str]:
    return [u for u in urls if u.startswith(("http:", "https:", "ws:", "wss:"))]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = Graph() + load_graph(FIXTURE)
    # a node title containing "href" is what makes plain pyvis switch to innerHTML
    graph.set((ENT["process/angiogenesis"], RDFS.label, Literal('<img src=x onerror=alert(2)> href="#"')))
    path = tmp_path_factory.mktemp("viz") / "network.html"
    draw(graph, path, kind="all")
    return path


def test_page_draws_offline_without_any_request_or_script_from_labels(page: Path) -> None:
    with Browser() as browser:
        browser.open(page.as_uri())
        assert browser.wait_for("document.body.dataset.stabilized === 'true'")
        assert browser.evaluate("network.physics.options.enabled") is False  # settled, then off
        assert browser.evaluate("document.querySelectorAll('#mynetwork canvas').length") == 1
        assert browser.evaluate(PAINTED_PIXELS) > 5_000
        assert browser.evaluate("network.body.data.nodes.length") == 18
        assert browser.evaluate("document.getElementById('legend').innerText").count("\n") >= 10

        # hover the edge whose quote carries an <img onerror> payload: its tooltip shows it as text
        xy = browser.evaluate(EDGE_POINT % "onerror=alert(1)")
        browser.hover(xy[0] + 40, xy[1] + 40)
        browser.pump(0.2)
        browser.hover(*xy)
        assert browser.wait_for(TOOLTIP_SHOWN, attempts=50)
        tooltip = browser.evaluate("document.querySelector('div.vis-tooltip').innerText")
        assert "<img src=x onerror=alert(1)> href." in tooltip
        assert "doi:10.1000/test.0001, characters 121-200" in tooltip

        # hover the node whose label is an <img onerror ... href> payload
        node = str(ENT["process/angiogenesis"])
        browser.hover(*browser.evaluate(NODE_POINT % (node, node)))
        assert browser.wait_for(
            "document.querySelector('div.vis-tooltip').innerText.includes('onerror=alert(2)')", attempts=50)
        browser.pump(0.5)
        assert browser.evaluate("document.querySelectorAll('img').length") == 0
        browser.screenshot(ARTIFACTS / "viz-network.png")

        assert browser.log.dialogs == []  # no alert() ran
        assert browser.log.exceptions == []
        assert external(browser.log.requests) == []  # the page asked the network for nothing
        net_log = browser.quit()
    from_page = [r.url for r in net_log if r.initiator != "not an origin"]
    assert external(from_page) == []


def test_request_detection_sees_a_page_that_does_fetch(tmp_path: Path) -> None:
    """The control: a page that loads an image over http is caught by both records."""
    probe = tmp_path / "probe.html"
    probe.write_text('<html><body><img src="http://127.0.0.1:9/probe.png"></body></html>')
    with Browser() as browser:
        browser.open(probe.as_uri())
        browser.pump(0.5)
        assert "http://127.0.0.1:9/probe.png" in browser.log.requests
        net_log = browser.quit()
    assert "http://127.0.0.1:9/probe.png" in [r.url for r in net_log if r.initiator != "not an origin"]
