"""Every audit verb reads as a sentence: each app declares its verbs (events.py) with a phrase
for every one, and the log of the demo organization shows no raw verb."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from orgkit.core.audit import describe_event, event_phrase, registered_events
from orgkit.core.models import AuditEvent

# Apps whose every verb has a phrase. (A new app joins this list when its events.py lands.)
PHRASED_APPS = ["organizations", "elections", "rotations", "skills", "decisions"]


def test_every_registered_verb_has_a_translatable_phrase():
    enums = registered_events()
    assert {e.__module__.split(".")[1] for e in enums} >= set(PHRASED_APPS)
    for enum in enums:
        for verb in enum:
            phrase = event_phrase(str(verb))
            assert phrase is not None and str(phrase).strip(), verb


@pytest.mark.django_db
def test_the_demo_log_reads_as_sentences():
    call_command("load_demo", verbosity=0)
    events = AuditEvent.objects.filter(verb__regex=rf"^({'|'.join(PHRASED_APPS)})\.")
    assert events.exists()
    raw = {e.verb for e in events if describe_event(e).startswith(e.verb)}
    assert raw == set(), f"verbs shown raw in the log: {sorted(raw)}"
