"""Work-up checklist for CNO as a diagnosis of exclusion (EULAR/ACR 2025 entry and exclusion criteria).

Implemented: the obligatory entry criteria (onset before 18 years; bone pain
or musculoskeletal limitation for >= 6 weeks; typical radiographic or MRI bone
findings) and the exclusions (malignancy, infection, vitamin C deficiency,
hypophosphatasia - Ann Rheum Dis abstract; complete and sustained response to
antimicrobials alone - reported by the first author in The Rheumatologist),
plus two further mimics named in the literature (Langerhans cell
histiocytosis, benign bone tumours), each with the tests usually used to rule
it out. The tests are common practice, not part of the criteria.

Deliberately not implemented: the weighted domains and the >= 55 point
threshold, because their weights have not been verified. The checklist
therefore never says "CNO confirmed"; at best, that the weighted criteria could
now be applied.
"""

from dataclasses import dataclass
from decimal import Decimal

from functions.citations import Citation
from functions.definitions.common import CNO_ICD10_CODES
from functions.engine import Assessment, ItemResult, Outcome, RuleDefinition
from functions.inputs import BooleanInput, Choice, ChoiceInput, QuantityInput
from functions.text import Text
from functions.units import WEEKS, YEARS

ONSET_BEFORE_YEARS = Decimal(18)
MINIMUM_DURATION_WEEKS = Decimal(6)
CAUTION_BELOW_YEARS = Decimal(3)

RULED_OUT, OPEN, PRESENT = "ruled-out", "open", "present"
STATUS_CHOICES = (
    Choice(RULED_OUT, Text(de="Ausgeschlossen", en="Ruled out")),
    Choice(OPEN, Text(de="Noch nicht ausgeschlossen", en="Not yet ruled out")),
    Choice(PRESENT, Text(de="Nachgewiesen", en="Diagnosed")),
)
STATUS_LABELS = {choice.code: choice.label for choice in STATUS_CHOICES}
COMPLETE_RESPONSE, NO_COMPLETE_RESPONSE, NOT_TREATED = "complete-response", "no-complete-response", "not-treated"


@dataclass(frozen=True)
class Mimic:
    """A condition to rule out; ``formal`` if it is an exclusion criterion of EULAR/ACR 2025."""

    key: str
    name: Text
    formal: bool
    tests: tuple

    def as_input(self):
        return ChoiceInput(
            name=self.key,
            label=self.name,
            help=Text(de="Stand der Abklärung.", en="Status of the work-up."),
            choices=STATUS_CHOICES,
        )


MIMICS = (
    Mimic(
        key="malignancy",
        name=Text(
            de="Malignom (einschließlich Leukämie und Ewing-Sarkom)",
            en="Malignancy (including leukaemia and Ewing sarcoma)",
        ),
        formal=True,
        tests=(
            Text(de="Blutbild und Blutausstrich", en="Blood count and blood smear"),
            Text(de="LDH und Harnsäure", en="LDH and uric acid"),
            Text(de="Röntgen und MRT", en="Radiograph and MRI"),
            Text(de="Knochenbiopsie mit Histologie", en="Bone biopsy with histology"),
        ),
    ),
    Mimic(
        key="infection",
        name=Text(de="Infektion (bakteriell, Pilze, Mykobakterien)", en="Infection (bacterial, fungal, mycobacterial)"),
        formal=True,
        tests=(
            Text(de="Blutbild mit Differenzialblutbild, CRP, BSG", en="Blood count with differential, CRP, ESR"),
            Text(de="Blutkultur, besonders bei Fieber", en="Blood culture, especially with fever"),
            Text(
                de="Knochenbiopsie mit Kultur auf Bakterien, Pilze und Mykobakterien, ggf. PCR",
                en="Bone biopsy with bacterial, fungal and mycobacterial culture, PCR where available",
            ),
            Text(de="MRT der betroffenen Region", en="MRI of the affected region"),
        ),
    ),
    Mimic(
        key="vitamin_c_deficiency",
        name=Text(de="Vitamin-C-Mangel (Skorbut)", en="Vitamin C deficiency (scurvy)"),
        formal=True,
        tests=(
            Text(de="Ernährungsanamnese", en="Dietary history"),
            Text(de="Vitamin-C-Spiegel (Ascorbinsäure) im Blut", en="Blood vitamin C (ascorbic acid) level"),
        ),
    ),
    Mimic(
        key="hypophosphatasia",
        name=Text(de="Hypophosphatasie", en="Hypophosphatasia"),
        formal=True,
        tests=(
            Text(
                de="Alkalische Phosphatase im Serum (bei Hypophosphatasie erniedrigt)",
                en="Serum alkaline phosphatase (low in hypophosphatasia)",
            ),
        ),
    ),
    Mimic(
        key="langerhans_cell_histiocytosis",
        name=Text(de="Langerhans-Zell-Histiozytose", en="Langerhans cell histiocytosis"),
        formal=False,
        tests=(
            Text(de="Röntgen und MRT", en="Radiograph and MRI"),
            Text(de="Knochenbiopsie mit Histologie", en="Bone biopsy with histology"),
        ),
    ),
    Mimic(
        key="benign_bone_tumour",
        name=Text(
            de="Benigner Knochentumor (z. B. Osteoidosteom, Osteoblastom, Knochenzyste)",
            en="Benign bone tumour (e.g. osteoid osteoma, osteoblastoma, bone cyst)",
        ),
        formal=False,
        tests=(
            Text(de="Röntgen und MRT", en="Radiograph and MRI"),
            Text(
                de="Knochenbiopsie mit Histologie, wenn die Bildgebung nicht eindeutig ist",
                en="Bone biopsy with histology if imaging is not conclusive",
            ),
        ),
    ),
)

ANTIMICROBIAL_RESPONSE = ChoiceInput(
    name="antimicrobial_response",
    label=Text(
        de="Vollständiges und anhaltendes Ansprechen allein auf antimikrobielle Therapie",
        en="Complete and sustained response to antimicrobials alone",
    ),
    help=Text(
        de="Ein Antibiotika-Versuch ist nicht bei jedem Patienten nötig; ohne einen solchen „Nicht allein "
        "antimikrobiell behandelt“ wählen.",
        en="An antibiotic trial is not needed in every patient; without one choose “Not treated with "
        "antimicrobials alone”.",
    ),
    choices=(
        Choice(COMPLETE_RESPONSE, Text(de="Ja, vollständig und anhaltend", en="Yes, complete and sustained")),
        Choice(NO_COMPLETE_RESPONSE, Text(de="Nein", en="No")),
        Choice(
            NOT_TREATED, Text(de="Nicht allein antimikrobiell behandelt", en="Not treated with antimicrobials alone")
        ),
    ),
)

GROUP_ENTRY = Text(de="Eingangskriterien", en="Entry criteria")
GROUP_EXCLUSIONS = Text(de="Ausschlusskriterien (EULAR/ACR 2025)", en="Exclusion criteria (EULAR/ACR 2025)")
GROUP_OTHER = Text(de="Weitere Differenzialdiagnosen", en="Other differential diagnoses")

EXCLUSION_PRESENT = Outcome(
    code="exclusion-present",
    label=Text(
        de="Ausschlusskriterium oder andere Diagnose liegt vor", en="Exclusion or alternative diagnosis present"
    ),
    explanation=Text(
        de="Die EULAR/ACR-Klassifikationskriterien für CNO sind nicht anwendbar, solange diese Diagnose besteht.",
        en="The EULAR/ACR classification criteria for CNO cannot be applied while this diagnosis stands.",
    ),
)
ENTRY_NOT_MET = Outcome(
    code="entry-not-met",
    label=Text(de="Eingangskriterien nicht erfüllt", en="Entry criteria not met"),
    explanation=Text(
        de="Ohne alle Eingangskriterien sind die EULAR/ACR-Klassifikationskriterien für CNO nicht anwendbar.",
        en="Without all entry criteria the EULAR/ACR classification criteria for CNO cannot be applied.",
    ),
)
EXCLUSIONS_OPEN = Outcome(
    code="exclusions-open",
    label=Text(de="Abklärung unvollständig: Ausschlüsse noch offen", en="Work-up incomplete: exclusions still open"),
    explanation=Text(
        de="Die Eingangskriterien sind erfüllt, aber noch nicht alle Differenzialdiagnosen sind ausgeschlossen. "
        "Die üblichen Untersuchungen stehen bei den offenen Punkten.",
        en="The entry criteria are met, but not all differential diagnoses have been ruled out yet. "
        "The usual tests are listed with the open items.",
    ),
)
READY_FOR_CLASSIFICATION = Outcome(
    code="ready-for-classification",
    label=Text(
        de="Eingangskriterien erfüllt, alle aufgeführten Ausschlüsse ausgeschlossen",
        en="Entry criteria met, all listed exclusions ruled out",
    ),
    explanation=Text(
        de="Jetzt könnten die gewichteten EULAR/ACR-Kriterien (ab 55 Punkten) angewendet werden; medlex bildet "
        "sie nicht ab, weil ihre Gewichte nicht geprüft sind. Das Ergebnis ist keine Bestätigung einer CNO.",
        en="The weighted EULAR/ACR criteria (55 points or more) could now be applied; medlex does not implement "
        "them because their weights have not been verified. This result does not confirm CNO.",
    ),
)

NEVER_CONFIRMS = Text(
    de="Diese Checkliste bestätigt nie eine CNO: Sie zeigt, welche Eingangskriterien erfüllt und welche "
    "Ausschlüsse noch offen sind.",
    en="This checklist never confirms CNO: it shows which entry criteria are met and which exclusions are still open.",
)
WEIGHTS_NOT_IMPLEMENTED = Text(
    de="Der gewichtete Teil der EULAR/ACR-Kriterien (9 Domänen, ab 55 Punkten) ist nicht umgesetzt, "
    "weil seine Gewichte nicht geprüft sind.",
    en="The weighted part of the EULAR/ACR criteria (9 domains, 55 points or more) is not implemented "
    "because its weights have not been verified.",
)
YOUNG_ONSET_WARNING = Text(
    de="Beginn vor dem 3. Lebensjahr: Eine CNO ohne genetische Ursache ist in diesem Alter selten; die Autoren "
    "der Kriterien raten bei der Klassifikation zu äußerster Vorsicht.",
    en="Onset before age 3: CNO without a genetic cause is rare at this age; the authors of the criteria advise "
    "extreme caution when classifying.",
)
ENTRY_REASON = Text(de="Eingangskriterium nicht erfüllt: {label}", en="Entry criterion not met: {label}")
FORMAL_PRESENT_REASON = Text(de="Ausschlusskriterium liegt vor: {name}", en="Exclusion criterion present: {name}")
OTHER_PRESENT_REASON = Text(de="Andere Diagnose nachgewiesen: {name}", en="Alternative diagnosis found: {name}")
OPEN_REASON = Text(de="Noch nicht ausgeschlossen: {name}", en="Not yet ruled out: {name}")
ANTIMICROBIAL_REASON = Text(
    de="Vollständiges und anhaltendes Ansprechen allein auf antimikrobielle Therapie (Ausschlusskriterium)",
    en="Complete and sustained response to antimicrobials alone (exclusion criterion)",
)


def _entry_items(values):
    onset, duration = values["onset_age"], values["symptom_duration"]
    return (
        ItemResult(
            key="onset_before_18",
            label=Text(de="Beginn vor dem 18. Lebensjahr", en="Onset before 18 years of age"),
            met=onset.value < ONSET_BEFORE_YEARS,
            detail=onset.as_text(),
            group=GROUP_ENTRY,
        ),
        ItemResult(
            key="symptoms_6_weeks",
            label=Text(
                de="Knochenschmerz oder muskuloskelettale Einschränkung seit mindestens 6 Wochen",
                en="Bone pain or musculoskeletal limitation for at least 6 weeks",
            ),
            met=duration.value >= MINIMUM_DURATION_WEEKS,
            detail=duration.as_text(),
            group=GROUP_ENTRY,
        ),
        ItemResult(
            key="typical_imaging",
            label=Text(
                de="Typische Knochenbefunde in Röntgen oder MRT", en="Typical bone findings on radiograph or MRI"
            ),
            met=values["typical_imaging"],
            group=GROUP_ENTRY,
        ),
    )


def _mimic_item(mimic, status):
    return ItemResult(
        key=mimic.key,
        label=Text(de="{name} ausgeschlossen", en="{name} ruled out").format(name=mimic.name),
        met={RULED_OUT: True, OPEN: None, PRESENT: False}[status],
        detail=STATUS_LABELS[status],
        group=GROUP_EXCLUSIONS if mimic.formal else GROUP_OTHER,
        tests=mimic.tests,
    )


def _antimicrobial_item(response):
    return ItemResult(
        key=ANTIMICROBIAL_RESPONSE.name,
        label=Text(
            de="Kein vollständiges und anhaltendes Ansprechen allein auf antimikrobielle Therapie",
            en="No complete and sustained response to antimicrobials alone",
        ),
        met=response != COMPLETE_RESPONSE,
        detail=ANTIMICROBIAL_RESPONSE.label_of(response),
        group=GROUP_EXCLUSIONS,
    )


def assess(values):
    entry = _entry_items(values)
    mimics = tuple(_mimic_item(mimic, values[mimic.key]) for mimic in MIMICS)
    antimicrobial = _antimicrobial_item(values[ANTIMICROBIAL_RESPONSE.name])

    present = [
        (FORMAL_PRESENT_REASON if mimic.formal else OTHER_PRESENT_REASON).format(name=mimic.name)
        for mimic in MIMICS
        if values[mimic.key] == PRESENT
    ]
    if not antimicrobial.met:
        present.append(ANTIMICROBIAL_REASON)
    entry_failed = [ENTRY_REASON.format(label=item.label) for item in entry if not item.met]
    still_open = [OPEN_REASON.format(name=mimic.name) for mimic in MIMICS if values[mimic.key] == OPEN]

    if present:
        outcome = EXCLUSION_PRESENT
    elif entry_failed:
        outcome = ENTRY_NOT_MET
    elif still_open:
        outcome = EXCLUSIONS_OPEN
    else:
        outcome = READY_FOR_CLASSIFICATION

    warnings = (YOUNG_ONSET_WARNING,) if values["onset_age"].value < CAUTION_BELOW_YEARS else ()
    # Exclusion criteria in the order of the published list, then the further mimics.
    formal = tuple(item for item in mimics if item.group == GROUP_EXCLUSIONS)
    other = tuple(item for item in mimics if item.group == GROUP_OTHER)
    return Assessment(
        outcome=outcome,
        items=entry + formal + (antimicrobial,) + other,
        reasons=tuple(present + entry_failed + still_open),
        warnings=warnings,
    )


DEFINITION = RuleDefinition(
    slug="cno-exclusion-workup",
    icd10_codes=CNO_ICD10_CODES,
    version="1.0.0",
    kind="checklist",
    title=Text(
        de="CNO-Abklärung: Eingangskriterien und Ausschlüsse (EULAR/ACR 2025)",
        en="CNO work-up: entry criteria and exclusions (EULAR/ACR 2025)",
    ),
    summary=Text(
        de="Prüft die Eingangskriterien der EULAR/ACR-Klassifikationskriterien 2025 für die pädiatrische "
        "chronische nicht-bakterielle Osteomyelitis (CNO) und zeigt, welche Ausschlüsse noch offen sind und "
        "welche Untersuchungen dafür üblich sind.",
        en="Checks the entry criteria of the 2025 EULAR/ACR classification criteria for paediatric chronic "
        "non-bacterial osteomyelitis (CNO) and shows which exclusions are still open and which tests are "
        "usually used for them.",
    ),
    citations=(
        Citation(
            authors=("Zhao Y", "Oliver MS", "Schnabel A", "Wu EY", "Wang Z", "Marino A"),
            more_authors=True,
            title="EULAR/American College of Rheumatology classification criteria for pediatric chronic "
            "nonbacterial osteomyelitis",
            journal="Ann Rheum Dis",
            year=2025,
            volume="84",
            issue="9",
            pages="1458-68",
            doi="10.1016/j.ard.2024.11.006",
        ),
        Citation(
            authors=("Zhao Y", "Oliver MS", "Schnabel A", "Wu EY", "Wang Z", "Marino A"),
            more_authors=True,
            title="EULAR/American College of Rheumatology classification criteria for pediatric chronic "
            "nonbacterial osteomyelitis",
            journal="Arthritis Rheumatol",
            year=2025,
            doi="10.1002/art.43137",
            pmid="40342207",
        ),
    ),
    population=Text(
        de="Kinder und Jugendliche (Beginn vor 18 Jahren); Kriterien in einer internationalen Kohorte von "
        "441 Patienten entwickelt und an 514 Patienten validiert.",
        en="Children and adolescents (onset before 18 years); criteria developed in an international cohort of "
        "441 patients and validated in 514 patients.",
    ),
    inputs=(
        QuantityInput(
            name="onset_age",
            label=Text(de="Alter bei Symptombeginn", en="Age at onset of symptoms"),
            help=Text(de="In Jahren, z. B. 9,5.", en="In years, e.g. 9.5."),
            units=(YEARS,),
            reference_unit=YEARS,
            minimum=Decimal(0),
            maximum=Decimal(120),
        ),
        QuantityInput(
            name="symptom_duration",
            label=Text(
                de="Dauer von Knochenschmerz oder muskuloskelettaler Einschränkung",
                en="Duration of bone pain or musculoskeletal limitation",
            ),
            help=Text(de="In Wochen.", en="In weeks."),
            units=(WEEKS,),
            reference_unit=WEEKS,
            minimum=Decimal(0),
            maximum=Decimal(6300),  # about 120 years
        ),
        BooleanInput(
            name="typical_imaging",
            label=Text(
                de="Typische Knochenbefunde in Röntgen oder MRT", en="Typical bone findings on radiograph or MRI"
            ),
            help=Text(de="Klinisch-radiologische Einschätzung.", en="Clinical and radiological judgement."),
        ),
        *(mimic.as_input() for mimic in MIMICS),
        ANTIMICROBIAL_RESPONSE,
    ),
    outcomes=(EXCLUSION_PRESENT, ENTRY_NOT_MET, EXCLUSIONS_OPEN, READY_FOR_CLASSIFICATION),
    rule=assess,
    limits=(
        Text(
            de="Grundlage sind die Eingangs- und Ausschlusskriterien der EULAR/ACR-Klassifikationskriterien 2025. "
            "Das sind Klassifikationskriterien für die Forschung, keine Diagnosekriterien.",
            en="Based on the entry and exclusion criteria of the 2025 EULAR/ACR classification criteria. These are "
            "classification criteria for research, not diagnostic criteria.",
        ),
        WEIGHTS_NOT_IMPLEMENTED,
        Text(
            de="Die aufgeführten Untersuchungen sind die üblicherweise eingesetzten; sie sind nicht Teil der "
            "veröffentlichten Kriterien.",
            en="The tests listed are those usually used; they are not part of the published criteria.",
        ),
    ),
    notes=(NEVER_CONFIRMS, WEIGHTS_NOT_IMPLEMENTED),
    verification=Text(
        de="Eingangs- und Ausschlusskriterien aus dem Abstract (Ann Rheum Dis 2025) und einem Bericht in "
        "The Rheumatologist (Oktober 2025); das Ausschlusskriterium „vollständiges und anhaltendes Ansprechen "
        "allein auf antimikrobielle Therapie“ ist nur durch diesen Bericht belegt.",
        en="Entry and exclusion criteria from the abstract (Ann Rheum Dis 2025) and a report in The Rheumatologist "
        "(October 2025); the exclusion “complete and sustained response to antimicrobials alone” is documented "
        "only by that report.",
    ),
)
