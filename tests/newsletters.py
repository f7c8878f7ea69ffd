"""Newsletter e-mails of our own writing for the mailbox tests (IMAP, Maildir)."""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.utils import format_datetime

LETTERS = (
    (
        "Der Abend im Überblick: Stadtrat beschließt neue Radwege",
        "Redaktion Stadtbrief <brief@stadtbrief.example>",
        "Guten Abend,\n\n"
        "der Stadtrat hat am Dienstag mit großer Mehrheit ein Netz neuer Radwege beschlossen. "
        "Bis zum Herbst sollen zwölf Kilometer geschützter Spuren entstehen, zuerst entlang "
        "der Ringstraße. Die Verwaltung rechnet mit Kosten von rund vier Millionen Euro, die "
        "zur Hälfte aus Fördermitteln des Landes kommen sollen.\n\n"
        "Händler an der Ringstraße hatten vor dem Wegfall von Parkplätzen gewarnt. Die "
        "Bürgermeisterin sagte, die Lieferzonen blieben erhalten und würden sogar erweitert.\n",
    ),
    (
        "Morgenpost: Hochwasser an der Elbe geht zurück",
        "Morgenpost <post@morgenpost.example>",
        "Guten Morgen,\n\n"
        "an der Elbe sinken die Pegel seit der Nacht wieder. In Dresden lag der Wasserstand "
        "am frühen Morgen bei knapp sechs Metern, am Vortag waren es noch fast sieben. Die "
        "Feuerwehr baut erste Sandsackbarrieren in der Altstadt ab, warnt aber vor "
        "aufgeweichten Deichen weiter flussabwärts.\n\n"
        "Der Schiffsverkehr bleibt bis mindestens Donnerstag gesperrt, teilte das "
        "Wasserstraßenamt mit.\n",
    ),
    (
        "Wochenende: Museen öffnen länger",
        "Kulturbrief <kultur@kulturbrief.example>",
        "Hallo zusammen,\n\n"
        "zur Langen Nacht der Museen öffnen am Samstag mehr als vierzig Häuser bis zwei Uhr "
        "morgens. Shuttlebusse verbinden die Standorte im Zehn-Minuten-Takt, das Ticket gilt "
        "auch für Straßenbahnen. Neu dabei ist in diesem Jahr das Technikmuseum am Hafen, das "
        "seine restaurierte Dampfmaschine zum ersten Mal in Betrieb zeigt.\n",
    ),
)


def letter(index: int, when: dt.datetime | None = None) -> bytes:
    """Return newsletter ``index`` (0 to 2) as the bytes of an e-mail."""
    subject, sender, text = LETTERS[index]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "leser@example.org"
    message["Subject"] = subject
    message["Date"] = format_datetime(when or dt.datetime(2024, 5, 14, 18, 0, tzinfo=dt.UTC))
    message["Message-ID"] = f"<brief-{index}@stadtbrief.example>"
    message.set_content(text)
    return message.as_bytes()
