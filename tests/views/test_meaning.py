"""What "ready" is made of, in words built from the rules (lib/views/meaning.py)."""

from __future__ import annotations

import pytest

from lib.metrics.readiness import CHILDREN_ENTERED_SHARE, CONDITIONS
from lib.views.cards import build_headline
from lib.views.meaning import children_rule_example, describe_condition, describe_ready, describe_ready_short


def test_the_children_example_sits_on_both_sides_of_the_share():
    enough, short = children_rule_example(200)
    assert (enough, short) == (190, 189)  # 95 % of 200 is 190, by hand
    assert enough >= 200 * CHILDREN_ENTERED_SHARE > short
    assert children_rule_example(942)[0] == 895  # 0.95 × 942 = 894.9 → 895 (926/942 counts, as the issue saw)


@pytest.mark.parametrize("lang, share", [("vi", "95 %"), ("en", "95%")])
def test_ready_names_every_condition_and_the_children_share(lang, share):
    text = describe_ready(lang)
    assert f"{len(CONDITIONS)} " in text
    for number, condition in enumerate(CONDITIONS, 1):
        assert f"({number}) {describe_condition(condition.label, lang)}" in text
    assert share in text and "190/200" in text and "189/200" in text
    assert share in describe_ready_short(lang)


def test_an_unknown_condition_is_refused():
    with pytest.raises(KeyError):
        describe_condition("cond.unknown")


def test_the_ready_card_explains_itself():
    headline = {"points": 10, "points_target": 10, "eligible_children": 100, "children_entered": 50,
                "share_children": 0.5, **{f"points_{k}": 5 for k in ("equipped", "trained", "live", "ready")},
                **{f"share_{k}": 0.5 for k in ("equipped", "trained", "live", "ready")}}
    cards = {card.label: card for card in build_headline(headline, "vi")}
    assert cards["Sẵn sàng (đủ 4 điều kiện)"].help == describe_ready("vi")
    assert cards["Điểm tiêm chủng"].help == ""
