"""What a composite status is made of, in words: the four conditions of "ready" and the children rule.

The sentences are built from the rules themselves (`readiness.CONDITIONS`, `CHILDREN_ENTERED_SHARE`),
so a tooltip, a caption or a slide note cannot state another threshold than the one counted.
"""

from __future__ import annotations

import math

from lib.i18n import t
from lib.metrics.readiness import CHILDREN_ENTERED_SHARE, CONDITIONS
from lib.views.format import format_number, format_share

EXAMPLE_ELIGIBLE = 200  # the eligible children of the worked example in the children rule


def children_rule_example(eligible: int = EXAMPLE_ELIGIBLE) -> tuple[int, int]:
    """(fewest children entered that count as complete, one fewer) out of `eligible` children.

    >>> children_rule_example(200)
    (190, 189)
    """
    enough = math.ceil(eligible * CHILDREN_ENTERED_SHARE - 1e-9)
    return enough, enough - 1


def describe_condition(label_key: str, lang: str = "vi") -> str:
    """One condition's rule in words, from its i18n label key (`cond.equipped` → `help.equipped`).

    Raises KeyError for a key that names no condition.
    """
    if not any(condition.label == label_key for condition in CONDITIONS):
        raise KeyError(label_key)
    enough, short = children_rule_example()
    of = f"/{format_number(EXAMPLE_ELIGIBLE, lang)}"
    return t("help." + label_key.removeprefix("cond."), lang,
             share=format_share(CHILDREN_ENTERED_SHARE, lang, digits=0),
             yes=format_number(enough, lang) + of, no=format_number(short, lang) + of)


def describe_ready(lang: str = "vi") -> str:
    """"Ready" in words: all the conditions, each with its rule (the children share included)."""
    conditions = "; ".join(f"({number}) {describe_condition(c.label, lang)}" for number, c in enumerate(CONDITIONS, 1))
    return t("help.ready", lang, n=len(CONDITIONS), conditions=conditions)


def describe_district_shares(lang: str = "vi") -> str:
    """The caption of a district table: what its condition columns and its "ready" column count."""
    return t("help.district_shares", lang, ready=describe_ready(lang))


def describe_ready_short(lang: str = "vi") -> str:
    """"Ready" in one line (a slide's footnote): the conditions' names, the children share stated."""
    share = format_share(CHILDREN_ENTERED_SHARE, lang, digits=0)
    names = [t(c.label, lang) for c in CONDITIONS[:-1]]
    names.append(f"{t(CONDITIONS[-1].label, lang)} ({t('help.children_short', lang, share=share)})")
    return t("help.ready_short", lang, n=len(CONDITIONS), conditions=" · ".join(names))
