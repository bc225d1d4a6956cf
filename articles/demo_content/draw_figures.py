"""Draw the schematic demo figures of medlex (our own drawings, CC BY 4.0).

Run from anywhere:  python articles/demo_content/draw_figures.py
Writes PNG files into articles/demo_content/images/, one per figure and language
(``<name>.png`` English, ``<name>-de.png`` German): an article shows the one in its
own language.  Pillow and the DejaVu Sans font are needed.  The drawings are deliberately simple and
schematic (not to scale).  No text is smaller than MIN_TEXT_PX: the article opens a
figure at its own size on a tap, so on a phone its text is at least that large.
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "images"
SCALE = 2  # draw at twice the size, then downsample for smooth edges
WIDTH, HEIGHT = 800, 600
MIN_TEXT_PX = 12
LANGUAGES = ("en", "de")

BONE = (120, 120, 128)
BONE_FILL = (236, 233, 226)
LESION = (200, 40, 40)
TEXT = (30, 30, 36)
MUTED = (95, 95, 105)
ACCENT = (40, 90, 160)


# DejaVu Sans (Debian's fonts-dejavu-core): it has every German letter, which Pillow's
# built-in font lacks (ä, ö, ü, ß); the same font draws both languages.
FONT_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def font(size, bold=False):
    return ImageFont.truetype(str(FONT_FILE), size=size * SCALE)


class Canvas:
    """Coordinates are given in final pixels and scaled here."""

    def __init__(self):
        self.image = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), "white")
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _s(values):
        flat = []
        for v in values:
            flat.extend(v if isinstance(v, tuple) else (v,))
        return [v * SCALE for v in flat]

    def line(self, points, width=3, fill=BONE):
        self.draw.line(self._s(points), fill=fill, width=width * SCALE, joint="curve")

    def ellipse(self, box, outline=BONE, fill=BONE_FILL, width=3):
        self.draw.ellipse(self._s(box), outline=outline, fill=fill, width=width * SCALE)

    def rect(self, box, outline=BONE, fill=BONE_FILL, width=2, radius=4):
        self.draw.rounded_rectangle(
            self._s(box), radius=radius * SCALE, outline=outline, fill=fill, width=width * SCALE
        )

    def polygon(self, points, outline=BONE, fill=BONE_FILL, width=3):
        self.draw.polygon(self._s(points), outline=outline, fill=fill, width=width * SCALE)

    def bone(self, start, end, width=9):
        """A long bone: a thick shaft with rounded ends."""
        self.line([*start, *end], width=width + 4, fill=BONE)
        self.line([*start, *end], width=width, fill=BONE_FILL)
        for x, y in (start, end):
            r = width * 0.75
            self.ellipse((x - r, y - r, x + r, y + r), width=2)

    def dot(self, x, y, r=7):
        self.draw.ellipse(self._s((x - r - 4, y - r - 4, x + r + 4, y + r + 4)), fill=(246, 200, 200))
        self.draw.ellipse(self._s((x - r, y - r, x + r, y + r)), fill=LESION)

    def text(self, xy, content, size=15, fill=TEXT, anchor="la"):
        if size < MIN_TEXT_PX:
            raise ValueError(f"{content!r}: {size} px is smaller than {MIN_TEXT_PX} px")
        self.draw.text(self._s(xy), content, font=font(size), fill=fill, anchor=anchor)

    def save(self, name):
        small = self.image.resize((WIDTH, HEIGHT), Image.LANCZOS)
        small = small.quantize(colors=48, method=Image.Quantize.MEDIANCUT)
        path = OUT / name
        small.save(path, optimize=True)
        return path


def skeleton(c, cx):
    """A schematic child's skeleton, front view, centred on x = cx."""
    # skull and mandible
    c.ellipse((cx - 34, 34, cx + 34, 104))
    c.polygon([(cx - 24, 92), (cx + 24, 92), (cx + 18, 118), (cx - 18, 118)])
    # cervical spine
    for y in range(122, 142, 9):
        c.rect((cx - 7, y, cx + 7, y + 7), radius=2)
    # clavicles and shoulders
    c.bone((cx - 8, 150), (cx - 70, 144), width=7)
    c.bone((cx + 8, 150), (cx + 70, 144), width=7)
    # rib cage and sternum
    for i, y in enumerate(range(158, 250, 16)):
        half = 60 - abs(i - 2) * 3
        c.draw.arc(c._s((cx - half, y - 6, cx + half, y + 34)), start=200, end=340, fill=BONE, width=3 * SCALE)
    c.rect((cx - 7, 152, cx + 7, 226), radius=3)
    # thoracic and lumbar spine
    for y in range(150, 300, 12):
        c.rect((cx - 9, y, cx + 9, y + 9), radius=2)
    # pelvis
    c.polygon([(cx - 14, 300), (cx - 64, 296), (cx - 70, 330), (cx - 40, 350), (cx - 14, 340)])
    c.polygon([(cx + 14, 300), (cx + 64, 296), (cx + 70, 330), (cx + 40, 350), (cx + 14, 340)])
    c.polygon([(cx - 14, 298), (cx + 14, 298), (cx, 338)])
    # arms
    for side in (-1, 1):
        c.bone((cx + side * 74, 150), (cx + side * 92, 240))
        c.bone((cx + side * 92, 246), (cx + side * 102, 324), width=7)
        c.ellipse((cx + side * 102 - 9, 330, cx + side * 102 + 9, 352), width=2)
    # legs
    for side in (-1, 1):
        c.bone((cx + side * 40, 352), (cx + side * 46, 452), width=11)
        c.ellipse((cx + side * 46 - 9, 456, cx + side * 46 + 9, 470), width=2)  # patella
        c.bone((cx + side * 46, 474), (cx + side * 48, 558), width=10)
        c.polygon([(cx + side * 40, 566), (cx + side * 58, 566), (cx + side * 80, 584), (cx + side * 40, 584)], width=2)


def file_name(name, lang):
    return f"{name}.png" if lang == "en" else f"{name}-{lang}.png"


CREDIT = {
    "en": "Schematic, not to scale. medlex, CC BY 4.0",
    "de": "Schematisch, nicht maßstabsgetreu. medlex, CC BY 4.0",
}

LESION_TEXT = {
    "en": {
        "title": ("Typical lesion sites", "in CNO / CRMO (schematic)"),
        "legend": "active lesion (example)",
        "rows": [
            ("Metaphyses of long bones", "distal femur, proximal and distal tibia"),
            ("Medial clavicle", "often with later hyperostosis"),
            ("Vertebral bodies", "risk of compression fracture"),
            ("Pelvis", "ilium, sacroiliac region"),
            ("Less often", "mandible, feet, sternum, upper limb"),
        ],
        "note": (
            "Lesions are often multifocal and symmetrical;",
            "many are clinically silent and are found",
            "only on whole-body MRI.",
        ),
    },
    "de": {
        "title": ("Typische Läsionsorte", "bei CNO / CRMO (schematisch)"),
        "legend": "aktive Läsion (Beispiel)",
        "rows": [
            ("Metaphysen der Röhrenknochen", "distaler Femur, proximale und distale Tibia"),
            ("Mediale Klavikula", "oft mit späterer Hyperostose"),
            ("Wirbelkörper", "Gefahr einer Kompressionsfraktur"),
            ("Becken", "Os ilium, Iliosakralregion"),
            ("Seltener", "Unterkiefer, Füße, Sternum, Arme"),
        ],
        "note": (
            "Die Herde sind oft multifokal und symmetrisch;",
            "viele sind klinisch stumm und werden erst",
            "in der Ganzkörper-MRT entdeckt.",
        ),
    },
}


def lesion_distribution(lang):
    words = LESION_TEXT[lang]
    c = Canvas()
    c.text((420, 26), words["title"][0], size=22)
    c.text((420, 54), words["title"][1], size=22)
    cx = 220
    skeleton(c, cx)
    sites = [
        (cx - 44, 440),
        (cx + 44, 440),  # distal femoral metaphyses
        (cx - 46, 486),
        (cx + 46, 486),  # proximal tibial metaphyses
        (cx - 48, 546),
        (cx + 48, 546),  # distal tibial metaphyses
        (cx - 22, 149),
        (cx + 22, 149),  # medial clavicles
        (cx, 198),
        (cx, 270),  # vertebral bodies
        (cx - 40, 318),
        (cx + 50, 312),  # pelvis / sacroiliac region
        (cx + 16, 112),  # mandible
        (cx - 66, 576),  # foot
    ]
    for x, y in sites:
        c.dot(x, y)
    # legend
    x0 = 420
    c.dot(x0 + 8, 112)
    c.text((x0 + 26, 104), words["legend"], size=15)
    y = 152
    for head, detail in words["rows"]:
        c.text((x0, y), head, size=16, fill=TEXT)
        c.text((x0, y + 22), detail, size=14, fill=MUTED)
        y += 60
    for offset, line in zip((468, 490, 512), words["note"]):
        c.text((x0, offset), line, size=14, fill=ACCENT)
    c.text((780, 580), CREDIT[lang], size=12, fill=MUTED, anchor="ra")
    return c.save(file_name("cno-lesion-distribution", lang))


FOCUS_TEXT = {
    "en": {
        "title": "Acute haematogenous osteomyelitis in a child (schematic)",
        "labels": (
            "Epiphysis with joint cartilage",
            "Growth plate (physis)",
            "Focus in the metaphysis: slow flow in",
            "Subperiosteal abscess (pus lifts the",
            "Diaphysis with marrow cavity",
            "Periosteum",
        ),
        "focus": "terminal vessel loops lets bacteria settle",
        "abscess": "periosteum; may break into soft tissue)",
        "blood": ("Bacteria reach the bone", "with the bloodstream"),
    },
    "de": {
        "title": "Akute hämatogene Osteomyelitis beim Kind (schematisch)",
        "labels": (
            "Epiphyse mit Gelenkknorpel",
            "Wachstumsfuge (Physis)",
            "Herd in der Metaphyse: Bakterien",
            "Subperiostaler Abszess (Eiter hebt",
            "Diaphyse mit Markhöhle",
            "Periost",
        ),
        "focus": "siedeln im langsamen Fluss der Gefäße",
        "abscess": "das Periost ab, bricht evtl. durch)",
        "blood": ("Bakterien erreichen den", "Knochen mit dem Blut"),
    },
}


def metaphyseal_focus(lang):
    words = FOCUS_TEXT[lang]
    c = Canvas()
    c.text((400, 14), words["title"], size=20, anchor="ma")
    # longitudinal section of a long bone, vertical; proximal end at the top
    left, right = 230, 350
    # epiphysis with articular cartilage
    c.draw.pieslice(
        c._s((left - 10, 60, right + 10, 200)), start=180, end=360, fill=(214, 226, 240), outline=BONE, width=3 * SCALE
    )
    c.draw.pieslice(c._s((left, 72, right, 196)), start=180, end=360, fill=BONE_FILL, outline=BONE, width=2 * SCALE)
    # growth plate (physis)
    c.rect((left - 6, 134, right + 6, 146), outline=(90, 120, 170), fill=(170, 195, 230), radius=2)
    # metaphysis (flaring) and diaphysis
    c.polygon([(left - 6, 146), (right + 6, 146), (right - 14, 250), (left + 14, 250)], width=3)
    c.polygon([(left + 14, 250), (right - 14, 250), (right - 16, 540), (left + 16, 540)], width=3)
    # medullary cavity
    c.polygon(
        [(left + 34, 230), (right - 34, 230), (right - 36, 530), (left + 36, 530)],
        outline=(200, 190, 170),
        fill=(250, 240, 215),
        width=2,
    )
    # periosteum (thin blue line) lifted by a subperiosteal abscess
    c.line([left + 12, 250, left + 14, 540], width=2, fill=ACCENT)
    c.line([right - 12, 300, right - 14, 540], width=2, fill=ACCENT)
    c.draw.chord(
        c._s((right - 40, 170, right + 40, 300)),
        start=270,
        end=90,
        fill=(240, 200, 120),
        outline=(190, 120, 40),
        width=2 * SCALE,
    )
    # nutrient artery and metaphyseal vessel loops
    c.line([120, 420, left + 16, 400, 290, 330, 272, 200], width=3, fill=LESION)
    for x in (262, 288, 312):
        c.draw.arc(c._s((x - 10, 160, x + 10, 190)), start=0, end=180, fill=LESION, width=2 * SCALE)
    # infection focus in the metaphysis
    c.dot(286, 190, r=14)
    # labels with leader lines
    places = [
        ((430, 92), (352, 110)),
        ((430, 140), (358, 140)),
        ((430, 196), (304, 192)),
        ((430, 244), (372, 236)),
        ((430, 330), (318, 360)),
        ((430, 392), (340, 420)),
    ]
    for ((tx, ty), (px, py)), content in zip(places, words["labels"]):
        c.line([tx - 6, ty + 8, px, py], width=1, fill=MUTED)
        c.text((tx, ty), content, size=15)
    c.text((430, 216), words["focus"], size=15)
    c.text((430, 264), words["abscess"], size=15)
    c.text((60, 436), words["blood"][0], size=15)
    c.text((60, 456), words["blood"][1], size=15)
    c.text((780, 580), CREDIT[lang], size=12, fill=MUTED, anchor="ra")
    return c.save(file_name("aho-metaphyseal-focus", lang))


def main():
    OUT.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        for path in (lesion_distribution(lang), metaphyseal_focus(lang)):
            print(f"{path.relative_to(HERE)}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
