"""The page skeleton: one policy naming the page's own style and script, and escaping."""

from __future__ import annotations

import base64
import hashlib
import json

import pytest

from spinscope.render.page import esc, json_script, page, policy, policy_of


def _hash(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def _rules(text: str) -> dict[str, str]:
    return dict(rule.strip().split(" ", 1) for rule in text.split(";"))


@pytest.mark.parametrize(
    ("script", "script_rule"),
    [("", None), ("console.log(1)", _hash("console.log(1)"))],
    ids=["no-script", "one-script"],
)
def test_policy_names_only_the_pages_own_style_and_script(script: str, script_rule: str | None) -> None:
    rules = _rules(policy("body{margin:0}", script))
    assert rules.pop("style-src") == _hash("body{margin:0}")
    assert rules.pop("script-src", None) == script_rule
    assert rules == {"default-src": "'none'", "base-uri": "'none'", "form-action": "'self'"}


def test_page_states_its_policy_and_policy_of_reads_it_back() -> None:
    built = page("T", "<p>x</p>", style="p{color:red}", script="void 0")
    assert policy_of(built) == policy("p{color:red}", "void 0")
    assert "<style>p{color:red}</style>" in built and built.rstrip().endswith("<script>void 0</script></body></html>")


def test_policy_of_refuses_a_page_not_built_on_the_skeleton() -> None:
    with pytest.raises(ValueError, match="no Content-Security-Policy meta tag"):
        policy_of("<!doctype html><title>x</title>")


def test_page_escapes_its_title() -> None:
    assert "<title>&lt;b&gt; &amp; &quot;q&quot; · spinscope</title>" in page('<b> & "q"', "", style="")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("<a href='x'>", "&lt;a href=&#x27;x&#x27;&gt;"), ('"&"', "&quot;&amp;&quot;"), ("a\r\nb", "a&#13;\nb")],
    ids=["markup", "quotes-and-ampersand", "carriage-return"],
)
def test_esc_makes_text_and_attribute_values_inert(text: str, escaped: str) -> None:
    assert esc(text) == escaped


def test_json_script_cannot_end_its_block_and_keeps_the_data() -> None:
    data = {"text": "</script><script>alert(1)</script><!-- & é"}
    block = json_script("data", data)
    assert block.count("<script") == 1 and block.count("</script>") == 1 and "<!--" not in block
    inside = block.removeprefix('<script type="application/json" id="data">').removesuffix("</script>")
    assert json.loads(inside) == data
