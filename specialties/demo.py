"""The specialties of the demo content (articles/demo_content/*.json name them by key, the English slug).

Idempotent: a specialty is found again by its English slug; names an editor has
changed since are left as they are.
"""

from specialties.models import Specialty

DEMO_SPECIALTIES = {
    "dermatology": ("Dermatologie", "Dermatology", "dermatologie"),
    "haematology": ("Hämatologie", "Haematology", "haematologie"),
    "infectious-diseases": ("Infektiologie", "Infectious diseases", "infektiologie"),
    "oncology": ("Onkologie", "Oncology", "onkologie"),
    "orthopaedics": ("Orthopädie", "Orthopaedics", "orthopaedie"),
    "paediatrics": ("Kinder- und Jugendmedizin", "Paediatrics", "kinder-und-jugendmedizin"),
    "rheumatology": ("Rheumatologie", "Rheumatology", "rheumatologie"),
}


def ensure_specialties():
    """The demo specialties by key, created where missing."""
    found = {}
    for key, (name_de, name_en, slug_de) in DEMO_SPECIALTIES.items():
        found[key], _created = Specialty.objects.get_or_create(
            slug_en=key, defaults={"name_de": name_de, "name_en": name_en, "slug_de": slug_de}
        )
    return found
