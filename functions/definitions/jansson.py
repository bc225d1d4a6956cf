"""Clinical score for non-bacterial osteitis (NBO) of Jansson et al. 2009.

From the abstract (Arthritis Rheum 2009;60(4), PMID 19333943): the seven
predictors and their odds ratios, the range 0–63 and the cut-off ">= 39: PPV
97 %, sensitivity 68 %". The points per item come from secondary literature;
they equal round(3 × ln OR) of the published odds ratios and add up to the
published maximum of 63 (both checked in the tests), but have not yet been
read in the original table - hence ``verification``. No other bands are
published, so only ">= 39" against "< 39" is implemented.

In this model a CRP of at least 1 mg/dL *adds* points (OR 6.9), unlike in the
Kostik score where a low CRP does; the result always says so.
"""

from decimal import Decimal

from functions.citations import Citation
from functions.definitions.common import CNO_ICD10_CODES, crp_input
from functions.engine import Band, Outcome, ScoreDefinition, ScoreItem
from functions.inputs import BooleanInput, QuantityInput
from functions.text import Text
from functions.units import MG_PER_DL, YEARS

CRP_CUTOFF_MG_PER_DL = Decimal(1)
SCORE_CUTOFF = 39
DERIVATION_MINIMUM_AGE = Decimal(3)  # patients were "older than 3 years"

CLINICIAN_JUDGEMENT = Text(
    de="Klinische Einschätzung; die Publikation (Abstract) definiert den Begriff nicht näher.",
    en="Clinician's judgement; the publication (abstract) does not define the term further.",
)

AT_OR_ABOVE_CUTOFF = Outcome(
    code="at-or-above-cutoff",
    label=Text(de="39 Punkte oder mehr: NBO wahrscheinlich", en="39 points or more: NBO likely"),
    explanation=Text(
        de="Ab 39 Punkten betrug in der Ableitungsstudie der positive prädiktive Wert 97 % bei einer Sensitivität "
        "von 68 %. Prädiktive Werte hängen davon ab, wie häufig NBO unter den untersuchten Patienten ist "
        "(in der Studie 102 von 224).",
        en="In the derivation study a score of 39 or more had a positive predictive value of 97 % and a sensitivity "
        "of 68 %. Predictive values depend on how common NBO is among the patients assessed "
        "(102 of 224 in the study).",
    ),
)
BELOW_CUTOFF = Outcome(
    code="below-cutoff",
    label=Text(de="Unter 39 Punkten: Grenzwert nicht erreicht", en="Below 39 points: cut-off not reached"),
    explanation=Text(
        de="Das schließt eine NBO nicht aus: Bei einer Sensitivität von 68 % lag etwa ein Drittel der Patienten "
        "mit NBO in der Studie unter 39 Punkten. Weitere Bereiche sind nicht veröffentlicht.",
        en="This does not rule out NBO: with a sensitivity of 68 %, about a third of the patients with NBO in the "
        "study scored below 39. No further bands are published.",
    ),
)

CRP_ADDS_POINTS = Text(
    de="In diesem Modell bringt ein CRP ≥ 1 mg/dl (≥ 10 mg/l) Punkte für eine NBO. Das wirkt ungewohnt, "
    "entspricht aber dem veröffentlichten Modell (Odds Ratio 6,9).",
    en="In this model a CRP ≥ 1 mg/dL (≥ 10 mg/L) adds points in favour of NBO. This may seem counter-intuitive "
    "but is what the published model says (odds ratio 6.9).",
)
YOUNG_AGE_WARNING = Text(
    de="Alter 3 Jahre oder jünger: Der Score wurde nur bei Patienten über 3 Jahren entwickelt und ist für dieses "
    "Alter nicht validiert.",
    en="Age 3 years or younger: the score was derived only in patients older than 3 years and is not validated "
    "at this age.",
)


def _age_warnings(values):
    return (YOUNG_AGE_WARNING,) if values["age"].value <= DERIVATION_MINIMUM_AGE else ()


DEFINITION = ScoreDefinition(
    slug="jansson-nbo-score",
    icd10_codes=CNO_ICD10_CODES,
    version="1.0.0",
    title=Text(
        de="Klinischer Score für nicht-bakterielle Osteitis nach Jansson (2009)",
        en="Jansson clinical score for non-bacterial osteitis (2009)",
    ),
    summary=Text(
        de="Sieben klinische, radiologische und Laborbefunde ergeben 0–63 Punkte; ab 39 Punkten ist eine "
        "nicht-bakterielle Osteitis (NBO) wahrscheinlich.",
        en="Seven clinical, radiological and laboratory findings give 0–63 points; from 39 points non-bacterial "
        "osteitis (NBO) is likely.",
    ),
    citations=(
        Citation(
            authors=(
                "Jansson AF",
                "Müller TH",
                "Gliera L",
                "Ankerst DP",
                "Wintergerst U",
                "Belohradsky BH",
                "Jansson V",
            ),
            title="Clinical score for nonbacterial osteitis in children and adults",
            journal="Arthritis Rheum",
            year=2009,
            volume="60",
            issue="4",
            doi="10.1002/art.24402",
            pmid="19333943",
        ),
    ),
    population=Text(
        de="224 Patienten älter als 3 Jahre (Kinder und Erwachsene), 1996–2006 in einer Kinderklinik und einer "
        "orthopädischen Klinik in München: 102 NBO, 22 gesicherte bakterielle Osteomyelitis, 48 maligne und "
        "52 benigne Knochentumoren (retrospektiv).",
        en="224 patients older than 3 years (children and adults), 1996–2006, at a paediatric clinic and an "
        "orthopaedic tertiary clinic in Munich: 102 NBO, 22 proven bacterial osteomyelitis, 48 malignant and "
        "52 benign bone tumours (retrospective).",
    ),
    inputs=(
        QuantityInput(
            name="age",
            label=Text(de="Alter", en="Age"),
            help=Text(
                de="Alter in Jahren. Der Score wurde bei Patienten über 3 Jahren entwickelt.",
                en="Age in years. The score was derived in patients older than 3 years.",
            ),
            units=(YEARS,),
            reference_unit=YEARS,
            minimum=Decimal(0),
            maximum=Decimal(120),
        ),
        BooleanInput(
            name="normal_blood_count",
            label=Text(de="Normales Blutbild", en="Normal blood cell count"),
            help=CLINICIAN_JUDGEMENT,
        ),
        BooleanInput(
            name="symmetric_lesions",
            label=Text(de="Symmetrische Knochenläsionen", en="Symmetric bone lesions"),
            help=Text(
                de="Läsionen an einander entsprechenden Stellen beider Körperseiten.",
                en="Lesions at corresponding sites on both sides of the body.",
            ),
        ),
        BooleanInput(
            name="marginal_sclerosis",
            label=Text(de="Läsionen mit Randsklerose", en="Lesions with marginal sclerosis"),
            help=Text(
                de="Sklerosesaum um die Läsion in der Bildgebung.", en="Sclerotic rim around the lesion on imaging."
            ),
        ),
        BooleanInput(
            name="normal_temperature",
            label=Text(de="Normale Körpertemperatur", en="Normal body temperature"),
            help=Text(
                de="Kein Fieber. Die Publikation (Abstract) nennt keinen Temperaturgrenzwert; klinische Einschätzung.",
                en="No fever. The publication (abstract) gives no temperature threshold; clinician's judgement.",
            ),
        ),
        BooleanInput(
            name="typical_location",
            label=Text(
                de="Läsion in Wirbelsäule, Klavikula oder Sternum", en="Vertebral, clavicular or sternal lesion"
            ),
            help=Text(
                de="Mindestens eine Läsion in einem Wirbel, der Klavikula oder dem Sternum.",
                en="At least one lesion in a vertebra, the clavicle or the sternum.",
            ),
        ),
        BooleanInput(
            name="multiple_lesions",
            label=Text(
                de="Mehr als eine radiologisch gesicherte Läsion", en="More than one radiologically proven lesion"
            ),
            help=Text(de="Mindestens zwei Läsionen in der Bildgebung.", en="At least two lesions on imaging."),
        ),
        crp_input(
            reference_unit=MG_PER_DL,
            help=Text(
                de="In mg/l oder mg/dl. Der Score verwendet mg/dl: ab 1 mg/dl (= 10 mg/l) gibt es 6 Punkte.",
                en="In mg/L or mg/dL. The score uses mg/dL: from 1 mg/dL (= 10 mg/L) it adds 6 points.",
            ),
        ),
    ),
    items=(
        ScoreItem(
            key="normal_blood_count",
            label=Text(de="Normales Blutbild", en="Normal blood cell count"),
            points=13,
            odds_ratio=Decimal("81.5"),
            criterion=lambda values: values["normal_blood_count"],
        ),
        ScoreItem(
            key="symmetric_lesions",
            label=Text(de="Symmetrische Knochenläsionen", en="Symmetric bone lesions"),
            points=10,
            odds_ratio=Decimal("30.0"),
            criterion=lambda values: values["symmetric_lesions"],
        ),
        ScoreItem(
            key="marginal_sclerosis",
            label=Text(de="Läsionen mit Randsklerose", en="Lesions with marginal sclerosis"),
            points=10,
            odds_ratio=Decimal("26.8"),
            criterion=lambda values: values["marginal_sclerosis"],
        ),
        ScoreItem(
            key="normal_temperature",
            label=Text(de="Normale Körpertemperatur", en="Normal body temperature"),
            points=9,
            odds_ratio=Decimal("20.3"),
            criterion=lambda values: values["normal_temperature"],
        ),
        ScoreItem(
            key="typical_location",
            label=Text(
                de="Läsion in Wirbelsäule, Klavikula oder Sternum", en="Vertebral, clavicular or sternal lesion"
            ),
            points=8,
            odds_ratio=Decimal("13.9"),
            criterion=lambda values: values["typical_location"],
        ),
        ScoreItem(
            key="multiple_lesions",
            label=Text(
                de="Mehr als eine radiologisch gesicherte Läsion", en="More than one radiologically proven lesion"
            ),
            points=7,
            odds_ratio=Decimal("10.9"),
            criterion=lambda values: values["multiple_lesions"],
        ),
        ScoreItem(
            key="crp",
            label=Text(de="CRP ≥ 1 mg/dl (≥ 10 mg/l)", en="CRP ≥ 1 mg/dL (≥ 10 mg/L)"),
            points=6,
            odds_ratio=Decimal("6.9"),
            criterion=lambda values: values["crp"].value >= CRP_CUTOFF_MG_PER_DL,
            measured_by="crp",
        ),
    ),
    bands=(
        Band(0, SCORE_CUTOFF - 1, BELOW_CUTOFF),
        Band(SCORE_CUTOFF, 63, AT_OR_ABOVE_CUTOFF),
    ),
    warnings_for=_age_warnings,
    limits=(
        Text(
            de="Nicht validiert für Patienten im Alter von 3 Jahren oder jünger.",
            en="Not validated in patients aged 3 years or younger.",
        ),
        Text(
            de="„Normales Blutbild“ und „normale Körpertemperatur“ sind im Abstract nicht definiert und beruhen "
            "auf klinischer Einschätzung.",
            en="“Normal blood cell count” and “normal body temperature” are not defined in the abstract and rest on "
            "the clinician's judgement.",
        ),
        Text(
            de="Spezifität und negativer prädiktiver Wert beim Grenzwert 39 sind im Abstract nicht angegeben.",
            en="Specificity and negative predictive value at the cut-off of 39 are not given in the abstract.",
        ),
        Text(
            de="Retrospektiv in München entwickelt; ein diagnostisches Hilfsmittel, das die klinische Beurteilung "
            "nicht ersetzt.",
            en="Derived retrospectively in Munich; a diagnostic aid that does not replace the clinical assessment.",
        ),
    ),
    notes=(CRP_ADDS_POINTS,),
    verification=Text(
        de="Die Punktwerte je Befund stammen aus Sekundärliteratur. Sie entsprechen round(3 × ln OR) der "
        "veröffentlichten Odds Ratios und ergeben zusammen das veröffentlichte Maximum von 63, wurden aber noch "
        "nicht mit der Originaltabelle abgeglichen.",
        en="The points per finding come from secondary literature. They equal round(3 × ln OR) of the published "
        "odds ratios and add up to the published maximum of 63, but have not yet been checked against the "
        "original table.",
    ),
)
