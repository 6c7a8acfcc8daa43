"""Appreciative inquiry explores all eight prompt areas, in its own good-practice wording."""

from facilitation import preparation as prep
from facilitation.framework import (
    APPRECIATIVE_AGENDA,
    PROMPT_AREA_KEYS,
    area_prompt,
)
from facilitation.reviews import create_review, review_as_json


def test_appreciative_agenda_keeps_all_eight_areas(store):
    ref = create_review(store, title="Good practice", methodology="practitioner",
                        family_label="Family Q")["ref"]
    prep.reset_agenda(store, ref, appreciative=True)
    areas = {a["prompt_area"] for a in review_as_json(store, ref)["agenda"] if a["prompt_area"]}
    assert areas == set(PROMPT_AREA_KEYS)
    assert {i.prompt_area for i in APPRECIATIVE_AGENDA} >= {"context", "family_views"}


def test_appreciative_wording_differs_for_every_area():
    for key in PROMPT_AREA_KEYS:
        assert area_prompt(key, appreciative=True) != area_prompt(key)
    assert "valued" in area_prompt("family_views", appreciative=True)
