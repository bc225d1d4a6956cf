"""The people of the demo content: clearly fictional placeholders, never real-looking physicians.

The demo articles name them by key (``authors`` and ``reviewers`` in
articles/demo_content/*.json). Idempotent: a person is found again by its key (the slug).
"""

from people.models import Person

PLACEHOLDER_AFFILIATION = "medlex demo content (fictional person)"

DEMO_PEOPLE = {
    "demo-author": {
        "name": "Demo author",
        "degree": "Dr. med.",
        "specialty_de": "Kinder- und Jugendmedizin (Platzhalter)",
        "specialty_en": "Paediatrics (placeholder)",
    },
    "demo-co-author": {
        "name": "Demo co-author",
        "degree": "MD",
        "specialty_de": "Kinderrheumatologie (Platzhalter)",
        "specialty_en": "Paediatric rheumatology (placeholder)",
    },
    "demo-reviewer": {
        "name": "Demo reviewer",
        "degree": "Dr. med.",
        "specialty_de": "Kinderrheumatologie (Platzhalter)",
        "specialty_en": "Paediatric rheumatology (placeholder)",
    },
    # Translated the English demo sections from the German ones (home.demo).
    "demo-translator": {
        "name": "Demo translator",
        "degree": "MD",
        "specialty_de": "Medizinische Übersetzung (Platzhalter)",
        "specialty_en": "Medical translation (placeholder)",
    },
}
TRANSLATOR = "demo-translator"


# The byline of the demo articles before they named people; the migration made people of it.
FORMER_BYLINES = ("medlex editorial team", "medlex-Redaktion")


def remove_former_bylines():
    """The former bylines' people, once no article names them (an upgraded demo site)."""
    Person.objects.filter(name__in=FORMER_BYLINES, authorships__isnull=True, reviews__isnull=True).delete()


def ensure_people():
    """Create or update the demo people; return them by key."""
    people = {}
    for key, values in DEMO_PEOPLE.items():
        values = {
            **values,
            "affiliation": PLACEHOLDER_AFFILIATION,
            "disclosure_de": "Keine angegeben (fiktive Person der Demo-Inhalte).",
            "disclosure_en": "None declared (a fictional person of the demo content).",
        }
        person, _created = Person.objects.update_or_create(slug=key, defaults=values)
        people[key] = person
    return people
