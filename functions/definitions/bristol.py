"""Bristol diagnostic criteria for CRMO (Roderick et al. 2016) as a criteria checker.

Structure (abstract and conference abstract of the Bristol group): typical
clinical AND typical radiological findings, then either criterion 1 (more than
one bone, or the clavicle alone, with CRP < 30 mg/L - no biopsy needed) or
criterion 2 (unifocal disease other than the clavicle, or CRP > 30 mg/L: a bone
biopsy with inflammatory changes and no bacterial growth, taken off
antibiotics).

Two decisions of medlex, documented in every result:

* CRP exactly 30 mg/L fits neither "< 30" nor "> 30" as published. It counts as
  raised, so criterion 2 applies: the conservative choice, which leads to a
  biopsy rather than skipping it.
* Where criterion 2 applies but no usable biopsy result exists, the outcome is
  "biopsy required", never "not met".

"Typical clinical/radiological findings" are the clinician's judgement; their
exact wording in the paper's Table 1 has not been checked yet (``verification``).
"""

from decimal import Decimal

from functions.citations import Citation
from functions.definitions.common import CNO_ICD10_CODES, crp_input
from functions.engine import Assessment, ItemResult, Outcome, RuleDefinition
from functions.inputs import BooleanInput, Choice, ChoiceInput
from functions.text import Text
from functions.units import MG_PER_L

CRP_RAISED_FROM_MG_PER_L = Decimal(30)  # CRP >= 30 mg/L counts as raised; see CRP_BOUNDARY_NOTE

MULTIFOCAL, CLAVICLE_ONLY, UNIFOCAL_OTHER = "multifocal", "clavicle-only", "unifocal-other"
BIOPSY_NOT_AVAILABLE, BIOPSY_SUPPORTS, BIOPSY_ON_ANTIBIOTICS, BIOPSY_AGAINST = (
    "not-available",
    "supports",
    "on-antibiotics",
    "does-not-support",
)

INVOLVEMENT = ChoiceInput(
    name="involvement",
    label=Text(de="Befallene Knochen", en="Bones involved"),
    help=Text(
        de="Alle Herde der Bildgebung zählen, auch solche, die nur im (Ganzkörper-)MRT sichtbar sind.",
        en="Count every lesion found on imaging, including lesions seen only on (whole-body) MRI.",
    ),
    choices=(
        Choice(MULTIFOCAL, Text(de="Mehr als ein Knochen", en="More than one bone")),
        Choice(CLAVICLE_ONLY, Text(de="Nur die Klavikula", en="Clavicle alone")),
        Choice(
            UNIFOCAL_OTHER,
            Text(de="Ein einzelner Knochen außer der Klavikula", en="A single bone other than the clavicle"),
        ),
    ),
)
BIOPSY = ChoiceInput(
    name="biopsy",
    label=Text(de="Knochenbiopsie", en="Bone biopsy"),
    help=Text(
        de="Nur nötig, wenn Kriterium 1 nicht zutrifft. Ohne Befund „kein Befund“ wählen.",
        en="Only needed when criterion 1 does not apply. Without a result choose “no result”.",
    ),
    choices=(
        Choice(
            BIOPSY_NOT_AVAILABLE,
            Text(de="Kein Befund (nicht erfolgt oder ausstehend)", en="No result (not done or pending)"),
        ),
        Choice(
            BIOPSY_SUPPORTS,
            Text(
                de="Entzündliche Veränderungen, kein Bakterienwachstum, ohne laufende Antibiotikatherapie entnommen",
                en="Inflammatory changes, no bacterial growth, taken while off antibiotics",
            ),
        ),
        Choice(
            BIOPSY_ON_ANTIBIOTICS,
            Text(de="Unter Antibiotikatherapie entnommen", en="Taken during antibiotic therapy"),
        ),
        Choice(
            BIOPSY_AGAINST,
            Text(
                de="Befund passt nicht (z. B. Bakterienwachstum, keine Entzündung, andere Diagnose)",
                en="Result does not fit (e.g. bacterial growth, no inflammation, another diagnosis)",
            ),
        ),
    ),
)

MET_CRITERION_1 = Outcome(
    code="met-criterion-1",
    label=Text(
        de="Bristol-Kriterien erfüllt (Kriterium 1, ohne Biopsie)",
        en="Bristol criteria met (criterion 1, without biopsy)",
    ),
    explanation=Text(
        de="Typische klinische und radiologische Befunde bei mehr als einem befallenen Knochen oder alleinigem "
        "Klavikulabefall und CRP unter 30 mg/l. Nach den Autoren kann eine erfahrene Ärztin oder ein erfahrener "
        "Arzt dann auf eine Biopsie verzichten.",
        en="Typical clinical and radiological findings with more than one bone involved, or the clavicle alone, "
        "and CRP below 30 mg/L. According to the authors, an experienced clinician may then forgo a biopsy.",
    ),
)
MET_CRITERION_2 = Outcome(
    code="met-criterion-2",
    label=Text(
        de="Bristol-Kriterien erfüllt (Kriterium 2, mit Biopsie)", en="Bristol criteria met (criterion 2, with biopsy)"
    ),
    explanation=Text(
        de="Typische klinische und radiologische Befunde; die ohne Antibiotikatherapie entnommene Biopsie zeigt "
        "entzündliche Veränderungen ohne Bakterienwachstum.",
        en="Typical clinical and radiological findings; the biopsy taken off antibiotics shows inflammatory "
        "changes without bacterial growth.",
    ),
)
BIOPSY_REQUIRED = Outcome(
    code="biopsy-required",
    label=Text(de="Biopsie nötig, um Kriterium 2 anzuwenden", en="Biopsy required to apply criterion 2"),
    explanation=Text(
        de="Kriterium 1 trifft nicht zu. Kriterium 2 lässt sich erst mit einer ohne Antibiotikatherapie "
        "entnommenen Knochenbiopsie beurteilen.",
        en="Criterion 1 does not apply. Criterion 2 can only be assessed with a bone biopsy taken off antibiotics.",
    ),
)
NOT_MET = Outcome(
    code="not-met",
    label=Text(de="Bristol-Kriterien nicht erfüllt", en="Bristol criteria not met"),
    explanation=Text(
        de="Die Kriterien sind aus den angegebenen Gründen nicht erfüllt.",
        en="The criteria are not fulfilled for the reasons given.",
    ),
)

CRP_BOUNDARY_NOTE = Text(
    de="Ein CRP von genau 30 mg/l ist in den veröffentlichten Kriterien nicht geregelt (< 30 bzw. > 30). "
    "medlex wertet es als erhöht, sodass Kriterium 2 gilt: die vorsichtigere Wahl, die zur Biopsie führt, "
    "statt sie zu überspringen.",
    en="A CRP of exactly 30 mg/L is not covered by the published criteria (< 30 or > 30). medlex counts it as "
    "raised, so criterion 2 applies: the conservative choice, which leads to a biopsy rather than skipping it.",
)

GROUP_REQUIRED = Text(de="Voraussetzungen", en="Prerequisites")
GROUP_CRITERIA = Text(de="Kriterium 1 oder 2", en="Criterion 1 or 2")

NO_TYPICAL_CLINICAL = Text(
    de="Typische klinische Befunde liegen nicht vor; sie sind Voraussetzung.",
    en="Typical clinical findings are absent; they are required.",
)
NO_TYPICAL_RADIOLOGICAL = Text(
    de="Typische radiologische Befunde liegen nicht vor; sie sind Voraussetzung.",
    en="Typical radiological findings are absent; they are required.",
)
UNIFOCAL_REASON = Text(
    de="Einzelner befallener Knochen außer der Klavikula: Kriterium 1 trifft nicht zu, Kriterium 2 gilt.",
    en="A single bone other than the clavicle is involved: criterion 1 does not apply, criterion 2 does.",
)
CRP_RAISED_REASON = Text(
    de="CRP ≥ 30 mg/l (genau 30 mg/l zählt als erhöht): Kriterium 1 trifft nicht zu, Kriterium 2 gilt.",
    en="CRP ≥ 30 mg/L (exactly 30 mg/L counts as raised): criterion 1 does not apply, criterion 2 does.",
)
BIOPSY_MISSING_REASON = Text(de="Es liegt noch kein Biopsiebefund vor.", en="There is no biopsy result yet.")
BIOPSY_ON_ANTIBIOTICS_REASON = Text(
    de="Die Biopsie wurde unter Antibiotikatherapie entnommen; Kriterium 2 verlangt eine Biopsie ohne "
    "laufende Antibiotikatherapie.",
    en="The biopsy was taken during antibiotic therapy; criterion 2 requires a biopsy taken off antibiotics.",
)
BIOPSY_AGAINST_REASON = Text(
    de="Der Biopsiebefund zeigt nicht die geforderten entzündlichen Veränderungen ohne Bakterienwachstum.",
    en="The biopsy does not show the required inflammatory changes without bacterial growth.",
)
NOT_NEEDED = Text(de="Nicht nötig: Kriterium 1 ist erfüllt.", en="Not needed: criterion 1 is met.")
BIOPSY_CONFLICT_WARNING = Text(
    de="Kriterium 1 ist formal erfüllt, aber der vorliegende Biopsiebefund passt nicht zu einer CRMO "
    "(z. B. Bakterienwachstum). Die Kriterien regeln diesen Fall nicht; bitte die Diagnose überprüfen.",
    en="Criterion 1 is formally met, but the available biopsy result does not fit CRMO (e.g. bacterial growth). "
    "The criteria do not address this case; please reconsider the diagnosis.",
)


def _criterion_2(values):
    """Criterion 2 line, outcome and reasons; used only where criterion 1 does not apply."""
    reasons = []
    if values["involvement"] == UNIFOCAL_OTHER:
        reasons.append(UNIFOCAL_REASON)
    if values["crp"].value >= CRP_RAISED_FROM_MG_PER_L:
        reasons.append(CRP_RAISED_REASON)
    biopsy = values["biopsy"]
    met, outcome, biopsy_reason = {
        BIOPSY_SUPPORTS: (True, MET_CRITERION_2, None),
        BIOPSY_NOT_AVAILABLE: (None, BIOPSY_REQUIRED, BIOPSY_MISSING_REASON),
        BIOPSY_ON_ANTIBIOTICS: (None, BIOPSY_REQUIRED, BIOPSY_ON_ANTIBIOTICS_REASON),
        BIOPSY_AGAINST: (False, NOT_MET, BIOPSY_AGAINST_REASON),
    }[biopsy]
    if biopsy_reason:
        reasons.append(biopsy_reason)
    return met, outcome, reasons


def assess(values):
    clinical, radiological = values["typical_clinical"], values["typical_radiological"]
    crp = values["crp"]
    criterion_1 = values["involvement"] in (MULTIFOCAL, CLAVICLE_ONLY) and crp.value < CRP_RAISED_FROM_MG_PER_L
    if criterion_1:
        criterion_2_met, outcome, reasons = None, MET_CRITERION_1, []
    else:
        criterion_2_met, outcome, reasons = _criterion_2(values)

    if not (clinical and radiological):
        outcome = NOT_MET
        missing = ((clinical, NO_TYPICAL_CLINICAL), (radiological, NO_TYPICAL_RADIOLOGICAL))
        reasons = [reason for present, reason in missing if not present]

    warnings = ()
    if outcome == MET_CRITERION_1 and values["biopsy"] == BIOPSY_AGAINST:
        warnings = (BIOPSY_CONFLICT_WARNING,)

    items = (
        ItemResult(
            key="typical_clinical",
            label=Text(de="Typische klinische Befunde", en="Typical clinical findings"),
            met=clinical,
            group=GROUP_REQUIRED,
        ),
        ItemResult(
            key="typical_radiological",
            label=Text(de="Typische radiologische Befunde", en="Typical radiological findings"),
            met=radiological,
            group=GROUP_REQUIRED,
        ),
        ItemResult(
            key="criterion_1",
            label=Text(
                de="Kriterium 1: mehr als ein Knochen oder nur Klavikula, mit CRP < 30 mg/l",
                en="Criterion 1: more than one bone, or clavicle alone, with CRP < 30 mg/L",
            ),
            met=criterion_1,
            detail=Text.join((INVOLVEMENT.label_of(values["involvement"]), crp.as_text()), "; "),
            group=GROUP_CRITERIA,
        ),
        ItemResult(
            key="criterion_2",
            label=Text(
                de="Kriterium 2: Biopsie mit entzündlichen Veränderungen, ohne Bakterienwachstum, "
                "ohne Antibiotikatherapie entnommen",
                en="Criterion 2: biopsy with inflammatory changes and no bacterial growth, taken off antibiotics",
            ),
            met=criterion_2_met,
            detail=NOT_NEEDED if criterion_1 else BIOPSY.label_of(values["biopsy"]),
            group=GROUP_CRITERIA,
        ),
    )
    return Assessment(outcome=outcome, items=items, reasons=tuple(reasons), warnings=warnings)


DEFINITION = RuleDefinition(
    slug="bristol-crmo-criteria",
    icd10_codes=CNO_ICD10_CODES,
    version="1.0.0",
    kind="criteria",
    title=Text(
        de="Bristol-Diagnosekriterien für CRMO (Roderick 2016)",
        en="Bristol diagnostic criteria for CRMO (Roderick 2016)",
    ),
    summary=Text(
        de="Prüft, ob die Bristol-Kriterien für eine chronisch rekurrierende multifokale Osteomyelitis (CRMO) "
        "ohne Biopsie (Kriterium 1) oder mit Biopsie (Kriterium 2) erfüllt sind.",
        en="Checks whether the Bristol criteria for chronic recurrent multifocal osteomyelitis (CRMO) are met "
        "without a biopsy (criterion 1) or with a biopsy (criterion 2).",
    ),
    citations=(
        Citation(
            authors=("Roderick MR", "Shah R", "Rogers V", "Finn A", "Ramanan AV"),
            title="Chronic recurrent multifocal osteomyelitis (CRMO) - advancing the diagnosis",
            journal="Pediatr Rheumatol Online J",
            year=2016,
            volume="14",
            issue="1",
            pages="47",
            doi="10.1186/s12969-016-0109-1",
            pmid="27576444",
            pmcid="PMC5006369",
        ),
    ),
    population=Text(
        de="41 Kinder und Jugendliche (< 18 Jahre) mit CRMO, Bristol Royal Hospital for Children, 2005–2012 "
        "(retrospektiv); Mädchen:Jungen 31:10, medianes Alter bei Beginn 9 Jahre.",
        en="41 children and adolescents (< 18 years) with CRMO, Bristol Royal Hospital for Children, 2005–2012 "
        "(retrospective); female:male 31:10, median age at onset 9 years.",
    ),
    inputs=(
        BooleanInput(
            name="typical_clinical",
            label=Text(de="Typische klinische Befunde", en="Typical clinical findings"),
            help=Text(
                de="Klinische Einschätzung nach Tabelle 1 von Roderick et al. 2016.",
                en="Clinician's judgement as defined in Table 1 of Roderick et al. 2016.",
            ),
        ),
        BooleanInput(
            name="typical_radiological",
            label=Text(de="Typische radiologische Befunde", en="Typical radiological findings"),
            help=Text(
                de="Röntgen oder MRT; Einschätzung nach Tabelle 1 von Roderick et al. 2016.",
                en="Plain radiograph or MRI; judged as defined in Table 1 of Roderick et al. 2016.",
            ),
        ),
        INVOLVEMENT,
        crp_input(
            reference_unit=MG_PER_L,
            help=Text(
                de="In mg/l oder mg/dl. Grenzwert 30 mg/l (= 3 mg/dl); genau 30 mg/l zählt als erhöht.",
                en="In mg/L or mg/dL. Threshold 30 mg/L (= 3 mg/dL); exactly 30 mg/L counts as raised.",
            ),
        ),
        BIOPSY,
    ),
    outcomes=(MET_CRITERION_1, MET_CRITERION_2, BIOPSY_REQUIRED, NOT_MET),
    rule=assess,
    limits=(
        Text(
            de="Diagnosekriterien, retrospektiv an 41 Kindern eines Zentrums abgeleitet.",
            en="Diagnostic criteria derived retrospectively from 41 children at a single centre.",
        ),
        Text(
            de="Für die Anwendung durch erfahrene Ärztinnen und Ärzte gedacht; bei Kindern und Jugendlichen "
            "unter 18 Jahren entwickelt.",
            en="Intended for use by experienced clinicians; developed in children and adolescents under 18 years.",
        ),
    ),
    notes=(CRP_BOUNDARY_NOTE,),
    verification=Text(
        de="Aufbau und Grenzwerte folgen dem Abstract und Sekundärquellen; der genaue Wortlaut der Kriterientabelle "
        "(Tabelle 1) wurde noch nicht mit dem Original abgeglichen.",
        en="Structure and thresholds follow the abstract and secondary sources; the exact wording of the criteria "
        "table (Table 1) has not yet been checked against the original.",
    ),
)
