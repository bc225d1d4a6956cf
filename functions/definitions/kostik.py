"""NBO diagnostic score (NBO DS) of Kostik et al. 2023: non-bacterial vs bacterial osteomyelitis.

Everything here is taken from the publication's abstract (Front Pediatr
2023;11:1067206, read on the publisher's page and in PubMed-derived records):
four items with 56/27/17/15 points, "sum > 17" favouring NBO, sensitivity
89.0 %, specificity 96.9 %. The score was built from histologically confirmed
NBO and bacterial osteomyelitis only, so it cannot separate NBO from malignancy;
every result says so.

Consequence of the weights: the total exceeds 17 whenever CRP <= 55 mg/L, or
the disease is multifocal, or femur involvement and band neutrophils
<= 220/µL occur together (17 + 15 = 32); femur involvement alone (17) does not.
"""

from decimal import Decimal

from functions.citations import Citation
from functions.definitions.common import CNO_ICD10_CODES, crp_input
from functions.engine import Band, Outcome, ScoreDefinition, ScoreItem
from functions.inputs import BooleanInput, QuantityInput
from functions.text import Text
from functions.units import CELLS_PER_UL, GIGA_PER_L, MG_PER_L

CRP_CUTOFF_MG_PER_L = Decimal(55)
BAND_CUTOFF_PER_UL = Decimal(220)
TOTAL_CUTOFF = 17  # NBO favoured when the total is above this value

NOT_MALIGNANCY = Text(
    de="Der Score unterscheidet nur zwischen nicht-bakterieller (NBO) und bakterieller Osteomyelitis. "
    "Ein Malignom (z. B. Leukämie, Ewing-Sarkom) oder andere Differenzialdiagnosen schließt er nicht aus.",
    en="The score only distinguishes non-bacterial (NBO) from bacterial osteomyelitis. "
    "It does not rule out malignancy (e.g. leukaemia, Ewing sarcoma) or other differential diagnoses.",
)

NBO_FAVOURED = Outcome(
    code="nbo-favoured",
    label=Text(
        de="Spricht für eine nicht-bakterielle Osteomyelitis (NBO) statt einer bakteriellen",
        en="Favours non-bacterial (NBO) over bacterial osteomyelitis",
    ),
    explanation=Text(
        de="Summe über 17 Punkte. In der Publikation trennte dieser Grenzwert NBO von bakterieller Osteomyelitis "
        "mit einer Sensitivität von 89,0 % und einer Spezifität von 96,9 %.",
        en="Total above 17 points. In the publication this cut-off separated NBO from bacterial osteomyelitis "
        "with a sensitivity of 89.0 % and a specificity of 96.9 %.",
    ),
)
NBO_NOT_FAVOURED = Outcome(
    code="nbo-not-favoured",
    label=Text(
        de="Spricht nicht für eine NBO gegenüber einer bakteriellen Osteomyelitis",
        en="Does not favour NBO over bacterial osteomyelitis",
    ),
    explanation=Text(
        de="Summe 17 Punkte oder weniger: In der Studie lagen fast alle Kinder mit bakterieller Osteomyelitis in "
        "diesem Bereich (Spezifität 96,9 %). "
        "Eine NBO ist damit nicht ausgeschlossen: Bei einer Sensitivität von 89,0 % lag etwa jedes neunte Kind "
        "mit NBO ebenfalls hier.",
        en="Total of 17 points or less: in the study, almost all children with bacterial osteomyelitis scored in "
        "this range (specificity 96.9 %). "
        "This does not rule out NBO: with a sensitivity of 89.0 %, about one in nine children with NBO also "
        "scored here.",
    ),
)

DEFINITION = ScoreDefinition(
    slug="kostik-nbo-score",
    icd10_codes=CNO_ICD10_CODES,
    version="1.0.0",
    title=Text(
        de="NBO-Diagnosescore nach Kostik (2023): nicht-bakterielle vs. bakterielle Osteomyelitis",
        en="Kostik NBO diagnostic score (2023): non-bacterial vs bacterial osteomyelitis",
    ),
    summary=Text(
        de="Vier Befunde (CRP, Multifokalität, Femurbefall, stabkernige Neutrophile) ergeben 0–115 Punkte; "
        "über 17 Punkte sprechen für eine nicht-bakterielle statt einer bakteriellen Osteomyelitis bei Kindern.",
        en="Four findings (CRP, multifocality, femur involvement, band neutrophils) give 0–115 points; "
        "more than 17 points favour non-bacterial over bacterial osteomyelitis in children.",
    ),
    citations=(
        Citation(
            authors=("Kostik MM", "Maletin AS", "Petukhova VV", "Mushkin AY"),
            title="Nonbacterial and bacterial osteomyelitis in children: a case-control retrospective study",
            journal="Front Pediatr",
            year=2023,
            volume="11",
            pages="1067206",
            doi="10.3389/fped.2023.1067206",
            pmid="37206973",
            pmcid="PMC10188934",
        ),
    ),
    population=Text(
        de="Kinder mit histologisch gesicherter nicht-bakterieller (n = 91) oder bakterieller Osteomyelitis (n = 31); "
        "retrospektive multizentrische Fall-Kontroll-Studie.",
        en="Children with histologically confirmed non-bacterial (n = 91) or bacterial osteomyelitis (n = 31); "
        "retrospective multicentre case–control study.",
    ),
    inputs=(
        crp_input(
            reference_unit=MG_PER_L,
            help=Text(
                de="In mg/l oder mg/dl. Die Publikation verwendet mg/l (1 mg/dl = 10 mg/l).",
                en="In mg/L or mg/dL. The publication uses mg/L (1 mg/dL = 10 mg/L).",
            ),
        ),
        BooleanInput(
            name="multifocal",
            label=Text(de="Multifokaler Befall", en="Multifocal involvement"),
            help=Text(
                de="Mehr als ein Knochenherd. „Nein“ bei einem einzelnen (monofokalen) Herd.",
                en="More than one focus of bone involvement. Answer “no” for a single (monofocal) focus.",
            ),
        ),
        BooleanInput(
            name="femur",
            label=Text(de="Befall des Femurs", en="Femur involvement"),
            help=Text(
                de="Mindestens ein Herd im Femur (Oberschenkelknochen).",
                en="At least one focus in the femur.",
            ),
        ),
        QuantityInput(
            name="band_neutrophils",
            label=Text(de="Stabkernige neutrophile Granulozyten (absolut)", en="Band neutrophils (absolute count)"),
            help=Text(
                de="Absolutzahl in Zellen/µl oder ×10⁹/l (1 ×10⁹/l = 1000 Zellen/µl). Liegt nur ein Prozentwert vor: "
                "Anteil in % / 100 × Leukozyten.",
                en="Absolute count in cells/µL or ×10⁹/L (1 ×10⁹/L = 1000 cells/µL). If only a percentage is "
                "reported: percentage / 100 × white cell count.",
            ),
            units=(CELLS_PER_UL, GIGA_PER_L),
            reference_unit=CELLS_PER_UL,
            minimum=Decimal(0),
            maximum=Decimal(100_000),  # 100 ×10⁹/L: beyond any band count, rejects typos
        ),
    ),
    items=(
        ScoreItem(
            key="crp",
            label=Text(de="CRP ≤ 55 mg/l", en="CRP ≤ 55 mg/L"),
            points=56,
            criterion=lambda values: values["crp"].value <= CRP_CUTOFF_MG_PER_L,
            measured_by="crp",
        ),
        ScoreItem(
            key="multifocal",
            label=Text(de="Multifokaler Befall", en="Multifocal involvement"),
            points=27,
            criterion=lambda values: values["multifocal"],
        ),
        ScoreItem(
            key="femur",
            label=Text(de="Befall des Femurs", en="Femur involvement"),
            points=17,
            criterion=lambda values: values["femur"],
        ),
        ScoreItem(
            key="band_neutrophils",
            label=Text(de="Stabkernige Neutrophile ≤ 220 Zellen/µl", en="Band neutrophils ≤ 220 cells/µL"),
            points=15,
            criterion=lambda values: values["band_neutrophils"].value <= BAND_CUTOFF_PER_UL,
            measured_by="band_neutrophils",
        ),
    ),
    bands=(
        Band(0, TOTAL_CUTOFF, NBO_NOT_FAVOURED),
        Band(TOTAL_CUTOFF + 1, 115, NBO_FAVOURED),
    ),
    limits=(
        NOT_MALIGNANCY,
        Text(
            de="Entwickelt bei Kindern mit histologisch gesicherter Diagnose; bei Erwachsenen nicht untersucht.",
            en="Derived in children with a histologically confirmed diagnosis; not studied in adults.",
        ),
        Text(
            de="Retrospektive Studie; Sensitivität und Spezifität stammen aus derselben Publikation, "
            "eine externe Validierung liegt hier nicht vor.",
            en="Retrospective study; sensitivity and specificity come from the same publication, "
            "no external validation is included here.",
        ),
    ),
    notes=(NOT_MALIGNANCY,),
)
