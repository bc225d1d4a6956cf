"""The ICD-10 code systems medlex understands, by the identifiers EHRs send.

HL7 v3 and the Infobutton guide name a code system by its OID; FHIR codings
(CDS Hooks) by a URI. All of them are read with the WHO catalogue's rules
(pointofcare.matching): national codes fall back to their WHO parent.

ICD-10-GM has one OID per yearly version under BfArM's arc 1.2.276.0.76.5
(BfArM's OID register: 2006 is 1.2.276.0.76.5.311, 2014 is 1.2.276.0.76.5.417);
an operator adds the versions their EHR sends with MEDLEX_ICD10GM_OIDS
(docs/integration/infobutton.md).
"""

from django.conf import settings

WHO_ICD10 = "2.16.840.1.113883.6.3"
ICD10_CM = "2.16.840.1.113883.6.90"

SYSTEMS = {
    WHO_ICD10: "ICD-10 (WHO)",
    ICD10_CM: "ICD-10-CM",
    "1.2.276.0.76.5.311": "ICD-10-GM 2006",
    "1.2.276.0.76.5.417": "ICD-10-GM 2014",
    # FHIR's names of the same systems (CDS Hooks sends FHIR codings)
    "http://hl7.org/fhir/sid/icd-10": "ICD-10 (WHO)",
    "http://hl7.org/fhir/sid/icd-10-cm": "ICD-10-CM",
    "http://fhir.de/CodeSystem/bfarm/icd-10-gm": "ICD-10-GM",
    "http://fhir.de/CodeSystem/dimdi/icd-10-gm": "ICD-10-GM",  # its name before BfArM took over DIMDI
}


def system_name(system):
    """The name of a code system given by OID, ``urn:oid:`` URI or FHIR URI; None when medlex does not read it."""
    system = (system or "").strip().removeprefix("urn:oid:")
    if system in settings.MEDLEX_ICD10GM_OIDS:
        return "ICD-10-GM"
    return SYSTEMS.get(system)


def oids():
    """The OIDs accepted, for messages and documentation."""
    return [key for key in SYSTEMS if key[0].isdigit()] + list(settings.MEDLEX_ICD10GM_OIDS)
