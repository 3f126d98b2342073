"""A generated series of fictitious meetings of Testrup Kommune in which one case returns three
times: the committee's agenda, its minutes and the council's minutes (case 25/4711 printed as
`Sagsnr.: 25/04711`, `J.nr. 25/4711`, `Sags nr. 25/004711`), a closed council item, and a later
committee meeting whose item has no case number and a near-identical title."""

from __future__ import annotations

from pathlib import Path

SERIES = {
    "agenda.txt": """\
Testrup Kommune

Teknik- og Miljøudvalget

Dagsorden

Mødedato: Mandag den 3. marts 2025 kl. 16.00

Sted: Rådhuset, mødelokale 2


1. Godkendelse af dagsorden

Sagsnr.: 25/01234

Indstilling

Direktøren indstiller, at dagsordenen godkendes.


2. Ny cykelsti langs Åvej

Sagsnr.: 25/04711

Indstilling

Direktøren indstiller, at udvalget anbefaler byrådet at give en anlægsbevilling på 2,4 mio. kr.


3. Eventuelt

Sagsnr.: 25/01235

Indstilling

Direktøren indstiller, at punktet drøftes.
""",
    "referat.txt": """\
Testrup Kommune

Teknik- og Miljøudvalget

Referat

Mødedato: Mandag den 3. marts 2025 kl. 16.00

Sted: Rådhuset, mødelokale 2


1. Godkendelse af dagsorden

Sagsnr.: 25/01234

Indstilling

Direktøren indstiller, at dagsordenen godkendes.

Beslutning i Teknik- og Miljøudvalget den 3. marts 2025

Godkendt.


2. Ny cykelsti langs Åvej

J.nr. 25/4711

Indstilling

Direktøren indstiller, at udvalget anbefaler byrådet at give en anlægsbevilling på 2,4 mio. kr.

Beslutning i Teknik- og Miljøudvalget den 3. marts 2025

Anbefales over for byrådet.


3. Eventuelt

Sagsnr.: 25/01235

Indstilling

Direktøren indstiller, at punktet drøftes.

Beslutning i Teknik- og Miljøudvalget den 3. marts 2025

Intet.
""",
    "byraad.txt": """\
Testrup Kommune

Byrådet

Referat

Mødedato: Tirsdag den 25. marts 2025 kl. 19.00

Sted: Byrådssalen


6. Godkendelse af dagsorden

Sagsnr.: 25/00999

Indstilling

Borgmesteren indstiller, at dagsordenen godkendes.

Beslutning i Byrådet den 25. marts 2025

Godkendt.


7. Anlægsbevilling til ny cykelsti langs Åvej

Sags nr. 25/004711

Indstilling

Teknik- og Miljøudvalget indstiller, at byrådet giver en anlægsbevilling på 2,4 mio. kr.

Beslutning i Byrådet den 25. marts 2025

Godkendt.


8. Køb af ejendom på Åvej (lukket punkt)

Sagsnr.: 25/05555

Indstilling

Borgmesteren indstiller, at kommunen køber ejendommen for 3,1 mio. kr.

Beslutning i Byrådet den 25. marts 2025

Godkendt. Ejendommen købes.
""",
    "april.txt": """\
Testrup Kommune

Teknik- og Miljøudvalget

Referat

Mødedato: Mandag den 7. april 2025 kl. 16.00

Sted: Rådhuset, mødelokale 2


1. Godkendelse af dagsorden

Indstilling

Direktøren indstiller, at dagsordenen godkendes.

Beslutning i Teknik- og Miljøudvalget den 7. april 2025

Godkendt.


2. Ny cykelsti langs Åvejen

Indstilling

Direktøren indstiller, at orienteringen om cykelstien tages til efterretning.

Beslutning i Teknik- og Miljøudvalget den 7. april 2025

Taget til efterretning.
""",
}


def write_series(folder: Path) -> list[Path]:
    """Write the series into `folder`; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in SERIES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(folder / name)
    return paths
