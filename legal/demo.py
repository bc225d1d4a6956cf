"""Demo legal pages in German and English (``manage.py load_demo``).

The operator's details are placeholders, marked as such on the page: medlex
does not know who runs a given installation. The privacy notice says what this
software stores; an operator who adds anything (a mail provider, server logs
kept longer, analytics) must add it there.

Idempotent: a page is found again by its translation key and never
overwritten, so an operator's edits survive another ``load_demo``.
"""

from django.conf import settings

from legal.models import LegalKind, LegalPage

_MARK_DE = "<p><b>Platzhalter:</b> Die Angaben in eckigen Klammern setzt der Betreiber dieser Installation ein.</p>"
_MARK_EN = "<p><b>Placeholder:</b> the operator of this installation fills in the details in square brackets.</p>"

PAGES = {
    LegalKind.IMPRINT: {
        "de": (
            "Impressum",
            "impressum",
            _MARK_DE + "<h2>Angaben gemäß § 5 DDG</h2>"
            "<p>[Name oder Firma des Betreibers]<br>[Straße und Hausnummer]<br>[Postleitzahl und Ort]<br>[Land]</p>"
            "<p>Vertreten durch: [Name der vertretungsberechtigten Person]</p>"
            "<h2>Kontakt</h2><p>E-Mail: [E-Mail-Adresse]<br>Telefon: [Telefonnummer]</p>"
            "<h2>Register und Umsatzsteuer</h2><p>[Registergericht und Registernummer, falls vorhanden]<br>"
            "[Umsatzsteuer-Identifikationsnummer, falls vorhanden]</p>"
            "<h2>Verantwortlich für den Inhalt</h2><p>[Name und Anschrift]</p>"
            "<h2>Medizinischer Hinweis</h2><p>medlex ist ein Nachschlagewerk für Angehörige der Gesundheitsberufe. "
            "Es ersetzt nicht das ärztliche Urteil im Einzelfall.</p>",
        ),
        "en": (
            "Imprint",
            "imprint",
            _MARK_EN + "<h2>Operator</h2>"
            "<p>[Name or company of the operator]<br>[Street and number]<br>[Postcode and town]<br>[Country]</p>"
            "<p>Represented by: [name of the person authorised to represent the operator]</p>"
            "<h2>Contact</h2><p>E-mail: [e-mail address]<br>Telephone: [telephone number]</p>"
            "<h2>Register and VAT</h2><p>[Register court and number, if any]<br>[VAT identification number, if any]</p>"
            "<h2>Responsible for the content</h2><p>[Name and address]</p>"
            "<h2>Medical notice</h2><p>medlex is a reference for health professionals. "
            "It does not replace clinical judgement in the individual case.</p>",
        ),
    },
    LegalKind.PRIVACY: {
        "de": (
            "Datenschutz",
            "datenschutz",
            _MARK_DE + "<h2>Verantwortlich</h2><p>[Name und Anschrift des Betreibers], [E-Mail-Adresse]. "
            "Datenschutzbeauftragte Person: [Name und Kontakt, falls bestellt].</p>"
            "<h2>Lesen ohne Konto</h2>"
            "<p>Ohne Anmeldung setzt medlex kein Cookie, das Sie wiedererkennt (nur Formulare wie die Anmeldung "
            "setzen ein Cookie, das sie gegen Fälschung schützt), und bindet keine Inhalte, Schriften "
            "oder Statistikdienste anderer Server ein. Der Webserver verarbeitet für jede Anfrage Ihre IP-Adresse, "
            "die Uhrzeit, die aufgerufene Adresse und die Angaben Ihres Browsers; ob und wie lange er diese "
            "Zugriffsprotokolle aufbewahrt, bestimmt der Betreiber: [Aufbewahrungsdauer der Server-Protokolle].</p>"
            "<h2>Suche</h2>"
            "<p>Das Suchprotokoll zählt je Tag und Suchbegriff, wie oft gesucht wurde, wie oft nichts gefunden "
            "wurde und wie oft ein Ergebnis geöffnet wurde. Es speichert weder Ihr Konto noch Ihre Sitzung, "
            "Adresse oder Uhrzeit und kann deshalb nicht sagen, wer wonach gesucht hat. Die Zählungen werden "
            "nach 90 Tagen gelöscht. Redaktion und Betreiber sehen daraus, welche Begriffe ins Leere führen.</p>"
            "<h2>Ihr Konto</h2>"
            "<p>Für ein Konto speichert medlex Ihre E-Mail-Adresse, Ihr Passwort nur als Hash, Ihren vollständigen "
            "Namen, Ihren Beruf, das Land, in dem Sie arbeiten oder studieren, Ihr Fachgebiet, falls angegeben, den "
            "Zeitpunkt, zu dem Sie den Nutzungsbedingungen zugestimmt haben, und den Zeitpunkt Ihrer Prüfung. "
            "An Ihre Adresse gehen die Bestätigungs-, Passwort- und Prüfungs-E-Mails.</p>"
            "<p>Wenn Sie angemeldet sind, speichert medlex eine Sitzung (in der Datenbank oder im Cache des Servers) "
            "und setzt dafür ein Sitzungs-Cookie sowie ein Cookie, das Formulare gegen Fälschung schützt. "
            "Zum Schutz vor dem Erraten von Passwörtern zählt medlex Anmelde-, Registrierungs- und "
            "Passwortversuche je IP-Adresse und Konto für kurze Zeit (Minuten bis eine Stunde).</p>"
            "<h2>Nachweis Ihres Berufs</h2>"
            "<p>Für den Zugang zu den Fachinhalten laden Sie einen Nachweis hoch (PDF oder Bild) und können eine "
            "Kennung (etwa eine EFN) und eine Notiz angeben. Die Dateien liegen außerhalb des öffentlichen "
            "Webverzeichnisses; nur die Personen, die Nachweise prüfen, können sie öffnen, und jedes Öffnen wird "
            "protokolliert. medlex löscht die Dateien {days} Tage nach der Entscheidung. Über jede Entscheidung "
            "(eingereicht, bestätigt, abgelehnt, Rückfrage, widerrufen, Dateien gelöscht, Datei angesehen) führt "
            "medlex ein Protokoll mit Zeitpunkt, handelnder Person, Ihrer E-Mail-Adresse und der Begründung.</p>"
            "<h2>Zweiter Faktor</h2>"
            "<p>Wenn Sie eine Authenticator-App einrichten (für die Redaktion und die Prüfung von Nachweisen "
            "ist das Pflicht), speichert medlex deren geheimen Schlüssel und Ihre Wiederherstellungscodes.</p>"
            "<h2>Löschen</h2>"
            "<p>Auf Ihrer Kontoseite können Sie Ihr Konto jederzeit löschen. Dabei werden Ihr Konto, Ihre Angaben, "
            "Ihre Prüfungsanfragen, Ihr zweiter Faktor und Ihre Nachweisdateien sofort gelöscht. Das "
            "Prüfungsprotokoll behält Ihre E-Mail-Adresse, damit nachvollziehbar bleibt, wer wann Zugang hatte.</p>"
            "<h2>Rechtsgrundlagen und Ihre Rechte</h2>"
            "<p>[Rechtsgrundlagen der Verarbeitung, Empfänger, Ihre Rechte auf Auskunft, Berichtigung, Löschung, "
            "Einschränkung, Datenübertragbarkeit und Widerspruch sowie die zuständige Aufsichtsbehörde]</p>",
        ),
        "en": (
            "Privacy notice",
            "privacy",
            _MARK_EN + "<h2>Controller</h2><p>[Name and address of the operator], [e-mail address]. "
            "Data protection officer: [name and contact, if appointed].</p>"
            "<h2>Reading without an account</h2>"
            "<p>Without logging in, medlex sets no cookie that recognises you (only forms such as the login form set "
            "a cookie that protects them against forgery), and it loads no content, fonts or "
            "statistics from other servers. For each request the web server processes your IP address, the time, "
            "the address requested and what your browser says about itself; whether and for how long it keeps "
            "these access logs is the operator's decision: [how long server logs are kept].</p>"
            "<h2>Search</h2>"
            "<p>The search log counts, per day and search term, how many searches there were, how many found "
            "nothing and how many results were opened. It stores no account, session, address or time of day, so "
            "it cannot tell who searched for what. The counts are deleted after 90 days. Editors and the operator "
            "use them to see which terms lead nowhere.</p>"
            "<h2>Your account</h2>"
            "<p>For an account medlex stores your e-mail address, your password only as a hash, your full name, "
            "your profession, the country where you work or study, your specialty if you give one, when you "
            "accepted the terms of use and when you were verified. Confirmation, password and verification "
            "e-mails are sent to your address.</p>"
            "<p>While you are logged in, medlex keeps a session (in the server's database or cache) and sets a "
            "session cookie for it, and a cookie that protects forms against forgery. To stop passwords being "
            "guessed, medlex counts login, sign-up and password attempts per IP address and account for a short "
            "time (minutes up to an hour).</p>"
            "<h2>Proof of your profession</h2>"
            "<p>To read the professional content you upload a proof (PDF or image) and may give an identifier "
            "(such as an EFN) and a note. The files are kept outside the public web folder; only the people who "
            "review proofs can open them, and every opening is recorded. medlex deletes the files {days} days after "
            "the decision. For every step (submitted, approved, rejected, more information requested, revoked, "
            "documents deleted, document viewed) medlex keeps a record with the time, who acted, your e-mail "
            "address and the reason.</p>"
            "<h2>Second factor</h2>"
            "<p>If you set up an authenticator app (editors and reviewers of proofs must), medlex stores its "
            "secret key and your recovery codes.</p>"
            "<h2>Deletion</h2>"
            "<p>You can delete your account at any time on your account page. Your account, your details, your "
            "verification requests, your second factor and your proof files are deleted at once. The verification "
            "record keeps your e-mail address, so that who had access when can still be traced.</p>"
            "<h2>Legal bases and your rights</h2>"
            "<p>[Legal bases of the processing, recipients, your rights of access, rectification, erasure, "
            "restriction, portability and objection, and the competent supervisory authority]</p>",
        ),
    },
    LegalKind.TERMS: {
        "de": (
            "Nutzungsbedingungen",
            "nutzungsbedingungen",
            _MARK_DE + "<h2>Für wen medlex ist</h2>"
            "<p>medlex richtet sich an Angehörige der Gesundheitsberufe und Studierende der Medizin. Die Einführungen "
            "der Artikel sind öffentlich; Volltexte, Abbildungen und klinische Funktionen stehen geprüften "
            "Fachpersonen offen.</p>"
            "<h2>Ihr Konto</h2>"
            "<p>Ihre Angaben müssen zutreffen. Ihr Zugang ist persönlich; geben Sie Passwort und zweiten Faktor "
            "nicht weiter. Der Betreiber kann die Bestätigung Ihres Berufs widerrufen, wenn die Angaben nicht "
            "zutreffen.</p>"
            "<h2>Medizinische Inhalte</h2>"
            "<p>Die Inhalte werden medizinisch geprüft und mit Literatur belegt, ersetzen aber nicht das eigene "
            "klinische Urteil. Scores und Kriterien sind Hilfsmittel, keine Diagnosen.</p>"
            "<h2>Haftung und anwendbares Recht</h2><p>[Haftungsregelung und anwendbares Recht des Betreibers]</p>",
        ),
        "en": (
            "Terms of use",
            "terms",
            _MARK_EN + "<h2>Who medlex is for</h2>"
            "<p>medlex is for health professionals and medical students. The introductions of the articles are "
            "public; full texts, figures and clinical functions are open to verified professionals.</p>"
            "<h2>Your account</h2>"
            "<p>Your details must be true. Your access is personal; do not share your password or second factor. "
            "The operator may revoke the verification of your profession if your details are not true.</p>"
            "<h2>Medical content</h2>"
            "<p>The content is medically reviewed and referenced, but it does not replace your own clinical "
            "judgement. Scores and criteria are aids, not diagnoses.</p>"
            "<h2>Liability and applicable law</h2><p>[The operator's liability terms and applicable law]</p>",
        ),
    },
    LegalKind.CONTACT: {
        "de": (
            "Kontakt",
            "kontakt",
            _MARK_DE + "<p>Fragen zu Inhalten, Hinweise auf Fehler und Anfragen zu Ihrem Konto: [E-Mail-Adresse]</p>"
            "<p>Post: [Anschrift des Betreibers]</p>"
            '<p>Sicherheitslücken melden Sie bitte wie in der Datei <a href="/.well-known/security.txt">'
            "security.txt</a> beschrieben.</p>",
        ),
        "en": (
            "Contact",
            "contact",
            _MARK_EN + "<p>Questions about the content, errors you found and questions about your account: "
            "[e-mail address]</p><p>Post: [operator's address]</p>"
            "<p>Please report security vulnerabilities as described in "
            '<a href="/.well-known/security.txt">security.txt</a>.</p>',
        ),
    },
}


def load(homes, translation_key):
    """Create the legal pages missing under each language's home page; returns how many were published."""
    published = 0
    for kind, languages in PAGES.items():
        for code, (title, slug, body) in languages.items():
            home = homes[code]
            key = translation_key(f"legal-{kind}")
            if LegalPage.objects.filter(translation_key=key, locale=home.locale).exists():
                continue
            body = body.replace("{days}", str(settings.MEDLEX_PROOF_RETENTION_DAYS))
            page = LegalPage(title=title, slug=slug, kind=kind, body=body, locale=home.locale, translation_key=key)
            home.add_child(instance=page)
            page.save_revision().publish()
            published += 1
    return published
