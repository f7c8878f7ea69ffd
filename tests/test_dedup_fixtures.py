"""German test articles written for the dedup tests (no third-party text; no tests here)."""

from __future__ import annotations

import datetime as dt

from digest.models import Article, Item, Source

DAY = dt.datetime(2026, 3, 10, 8, 0, tzinfo=dt.UTC)


def article(
    name: str, title: str, body: str, *, days: float = 0.0, items: list[str] | None = None,
    kicker: str = "",
) -> Article:  # fmt: skip
    """Build one article of outlet ``name`` published ``days`` after DAY."""
    return Article(
        title=title, body=body, kicker=kicker,
        source=Source(name=name, file=f"inbox/{name.lower()}.txt", url=f"https://{name.lower()}.example/a"),
        published=DAY + dt.timedelta(days=days), authors=[f"Autorin {name}"],
        items=[Item(text=t) for t in items or []],
    )  # fmt: skip


BRIDGE_A = article(
    "Tagesblatt", "Neustadt eröffnet die neue Rheinbrücke nach vier Jahren Bauzeit",
    "Neustadt – Oberbürgermeisterin Carla Brenner hat am Montag die neue Rheinbrücke in "
    "Neustadt für den Verkehr freigegeben. Der Bau dauerte vier Jahre und kostete 84 "
    "Millionen Euro. Die Brücke ersetzt einen maroden Vorgängerbau aus dem Jahr 1961.\n\n"
    "Täglich sollen rund 30.000 Fahrzeuge die Brücke nutzen. Brenner sprach bei der "
    "Eröffnung von einem Tag der Freude für die ganze Region. Für Radfahrer gibt es auf "
    "beiden Seiten einen eigenen, drei Meter breiten Weg.\n\n"
    "Der Verkehrsverbund Rhein-Lahn kündigte an, ab April eine neue Buslinie über die "
    "Brücke fahren zu lassen.",
)
BRIDGE_B = article(
    "Rheinpost", "Rheinbrücke in Neustadt ist frei: 84 Millionen Euro für vier Jahre Bau",
    "Die neue Rheinbrücke in Neustadt ist seit Montag für den Verkehr freigegeben. "
    "Oberbürgermeisterin Carla Brenner durchschnitt am Vormittag das Band. Der Bau hat "
    "vier Jahre gedauert und 84 Millionen Euro gekostet.\n\n"
    "Die alte Brücke aus dem Jahr 1961 war zuletzt für Lastwagen gesperrt gewesen. "
    "Anwohner hatten sich jahrelang über Staus in der Innenstadt beschwert. Nach Angaben "
    "der Stadt werden täglich rund 30.000 Fahrzeuge erwartet.\n\n"
    "Der Abriss der alten Brücke soll im Sommer beginnen und bis zum Herbst 2027 dauern.",
    days=0.2,
)
UKRAINE_PARIS = article(
    "Tagesblatt", "Selenskyj bittet Macron in Paris um mehr Luftabwehr",
    "Paris – Der ukrainische Präsident Wolodymyr Selenskyj ist am Montag im Élysée-Palast "
    "mit Frankreichs Präsident Emmanuel Macron zusammengetroffen. Im Mittelpunkt stand die "
    "Lieferung weiterer Systeme zur Luftabwehr. Macron sagte zu, zwei zusätzliche Batterien "
    "bis zum Sommer zu liefern.\n\n"
    "Selenskyj dankte Frankreich für die Unterstützung seit Beginn des russischen "
    "Angriffskriegs. Beide Präsidenten sprachen auch über den Wiederaufbau zerstörter "
    "Kraftwerke im Osten der Ukraine.",
)
UKRAINE_ISTANBUL = article(
    "Rheinpost", "Russische und ukrainische Unterhändler verhandeln in Istanbul über Gefangene",
    "Istanbul – In Istanbul haben am Montag Delegationen Russlands und der Ukraine über einen "
    "neuen Austausch von Kriegsgefangenen verhandelt. Die Türkei trat als Vermittler auf, "
    "Außenminister Hakan Fidan leitete die Gespräche im Dolmabahçe-Palast.\n\n"
    "Nach Angaben aus Ankara sollen bis zu 500 Gefangene je Seite freikommen. Ein "
    "Waffenstillstand stand nicht auf der Tagesordnung. Der Kreml nannte die Gespräche "
    "sachlich, Kiew forderte die Rückkehr verschleppter Kinder.",
    days=0.1,
)
NEWSLETTER = article(
    "Morgenlage", "Der Haushaltsstreit geht in die nächste Runde",
    "Die Koalition hat sich in der Nacht nicht auf einen Haushalt für das kommende Jahr "
    "geeinigt. Finanzminister Jonas Keller will nun bis Freitag einen neuen Entwurf "
    "vorlegen. Die Opposition spricht von einem Scheitern der Regierung.",
    items=[
        "Neustadt hat die neue Rheinbrücke nach vier Jahren Bauzeit für 84 Millionen Euro "
        "freigegeben, Oberbürgermeisterin Carla Brenner eröffnete sie am Montag.",
        "Der Zoo in Hafenstadt meldet die Geburt von zwei Schneeleoparden, den ersten seit "
        "zwanzig Jahren.",
        "Die Bahn streicht wegen Bauarbeiten im Mai alle Fernzüge zwischen Nordhafen und "
        "Südheim.",
    ],
)
NEWSLETTER_2 = article(
    "Abendpost", "Streik legt die Häfen an der Küste lahm",
    "Ein Streik der Hafenarbeiter hat am Dienstag den Betrieb in mehreren Häfen an der "
    "Küste lahmgelegt. Die Gewerkschaft fordert acht Prozent mehr Lohn. Die Arbeitgeber "
    "nannten die Forderung überzogen und boten drei Prozent an.",
    items=[
        "Im Zoo in Hafenstadt sind zwei Schneeleoparden zur Welt gekommen, die ersten seit "
        "zwanzig Jahren, meldet der Zoo.",
        "Ein Sturm hat in der Nacht Dächer in Bergdorf abgedeckt, verletzt wurde niemand.",
    ],
)
