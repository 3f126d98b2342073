"""Renderings of the layout zoo that score below their source on today's parser (main at
5048e19, before the parser rewrite of issue 9), with the scores measured then: where the
rendering falls short of its source text (or, for a generated meeting, of 1.0 on its answer
key). tests/test_layout_zoo.py marks these xfail(strict=False); remove an entry once it passes.
`python -m tests.layout_zoo --docx` prints the whole table again.
"""

# (document, layout, format) → the metrics below the source's, as measured
KNOWN_SHORT: dict[tuple[str, str, str], str] = {
    ("gen-kl-agenda", "serif-2.0-plain-title", "pdf"): "presenters 0.67",
    ("gen-kl-agenda", "serif-2.0-plain-title", "docx"): "recs 0.40",
    ("gen-kl-agenda", "sans-2.0-bold-case", "pdf"): "items 0.90 recs 0.11 presenters 0.90",
    ("gen-kl-agenda", "sans-2.0-bold-case", "docx"): "recs 0.50",
    (
        "gen-kl-minutes",
        "serif-2.0-plain-title",
        "pdf",
    ): "decisions 0.89 presenters 0.67 annexes 0.90",
    ("gen-kl-minutes", "serif-2.0-plain-title", "docx"): "recs 0.40",
    (
        "gen-kl-minutes",
        "sans-2.0-bold-case",
        "pdf",
    ): "items 0.90 recs 0.11 decisions 0.67 presenters 0.90",
    ("gen-kl-minutes", "sans-2.0-bold-case", "docx"): "recs 0.50",
    ("gen-committee-agenda", "sans-1.5-bold", "pdf"): "annexes 0.82",
    ("gen-committee-agenda", "sans-1.5-plain-case", "pdf"): "annexes 0.82",
    ("gen-committee-agenda", "serif-2.0-plain-title", "pdf"): "annexes 0.82",
    ("gen-committee-agenda", "serif-1.0-plain", "pdf"): "annexes 0.82",
    ("gen-committee-agenda", "sans-2.0-bold-case", "pdf"): "items 0.92 recs 0.71 case_ids 0.89",
    ("gen-committee-minutes", "sans-1.5-bold", "pdf"): "annexes 0.82",
    ("gen-committee-minutes", "sans-1.5-plain-case", "pdf"): "annexes 0.82",
    ("gen-committee-minutes", "sans-1.5-plain-case", "docx"): "decisions 0.91",
    ("gen-committee-minutes", "serif-2.0-plain-title", "pdf"): "decisions 0.91 annexes 0.71",
    ("gen-committee-minutes", "serif-1.0-plain", "pdf"): "decisions 0.91 annexes 0.71",
    ("gen-committee-minutes", "serif-1.0-plain", "docx"): "decisions 0.91",
    (
        "gen-committee-minutes",
        "sans-2.0-bold-case",
        "pdf",
    ): "items 0.92 recs 0.71 decisions 0.73 case_ids 0.89",
    ("kl-agenda", "sans-1.5-plain-case", "docx"): "presenters 0.86",
    ("kl-agenda", "serif-2.0-plain-title", "pdf"): "presenters 0.92",
    ("kl-agenda", "serif-2.0-plain-title", "docx"): "recs 0.30 presenters 0.89",
    ("kl-agenda", "serif-1.0-plain", "docx"): "items 0.91 recs 0.93 presenters 0.94 annexes 0.40",
    ("kl-agenda", "sans-2.0-bold-case", "pdf"): "items 0.91 recs 0.08 presenters 0.63 annexes 0.75",
    ("kl-agenda", "sans-2.0-bold-case", "docx"): "recs 0.30 presenters 0.89",
    (
        "kl-agenda-printed",
        "sans-1.0-bold",
        "pdf",
    ): "items 0.64 recs 0.10 meeting 0.25 presenters 0.53 annexes 0.86",
    (
        "kl-agenda-printed",
        "sans-1.0-bold",
        "docx",
    ): "items 0.82 recs 0.18 meeting 0.25 presenters 0.65 annexes 0.75",
    (
        "kl-agenda-printed",
        "serif-1.15-bold-title",
        "pdf",
    ): "items 0.64 recs 0.10 meeting 0.50 presenters 0.48 annexes 0.86",
    (
        "kl-agenda-printed",
        "serif-1.15-bold-title",
        "docx",
    ): "items 0.64 recs 0.10 meeting 0.50 presenters 0.53 annexes 0.86",
    (
        "kl-agenda-printed",
        "sans-1.5-bold",
        "pdf",
    ): "items 0.82 recs 0.18 meeting 0.25 presenters 0.65 annexes 0.75",
    (
        "kl-agenda-printed",
        "sans-1.5-bold",
        "docx",
    ): "items 0.64 recs 0.10 meeting 0.25 presenters 0.53 annexes 0.86",
    (
        "kl-agenda-printed",
        "sans-1.5-plain-case",
        "pdf",
    ): "items 0.63 recs 0.19 meeting 0.25 presenters 0.47 annexes 0.40",
    (
        "kl-agenda-printed",
        "sans-1.5-plain-case",
        "docx",
    ): "items 0.17 recs 0.00 meeting 0.25 presenters 0.10 annexes 0.00",
    (
        "kl-agenda-printed",
        "serif-2.0-plain-title",
        "pdf",
    ): "items 0.17 recs 0.00 meeting 0.50 presenters 0.11 annexes 0.00",
    (
        "kl-agenda-printed",
        "serif-2.0-plain-title",
        "docx",
    ): "items 0.17 recs 0.00 meeting 0.50 presenters 0.10 annexes 0.00",
    (
        "kl-agenda-printed",
        "serif-1.0-plain",
        "pdf",
    ): "items 0.63 recs 0.19 meeting 0.25 presenters 0.47 annexes 0.40",
    (
        "kl-agenda-printed",
        "serif-1.0-plain",
        "docx",
    ): "items 0.63 recs 0.19 meeting 0.25 presenters 0.47 annexes 0.40",
    (
        "kl-agenda-printed",
        "sans-2.0-bold-case",
        "pdf",
    ): "items 0.64 recs 0.10 meeting 0.25 presenters 0.43 annexes 0.86",
    (
        "kl-agenda-printed",
        "sans-2.0-bold-case",
        "docx",
    ): "items 0.64 recs 0.10 meeting 0.25 presenters 0.53 annexes 0.86",
    (
        "broenderslev_byraadet_2020-01-29_referat",
        "sans-1.5-plain-case",
        "pdf",
    ): "items 0.40 decisions 0.00",
    (
        "broenderslev_byraadet_2020-01-29_referat",
        "sans-1.5-plain-case",
        "docx",
    ): "items 0.40 decisions 0.00",
    ("broenderslev_byraadet_2020-01-29_referat", "serif-2.0-plain-title", "pdf"): "items 0.67",
    (
        "broenderslev_byraadet_2020-01-29_referat",
        "serif-2.0-plain-title",
        "docx",
    ): "items 0.40 decisions 0.00",
    (
        "broenderslev_byraadet_2020-01-29_referat",
        "serif-1.0-plain",
        "pdf",
    ): "items 0.40 decisions 0.00",
    (
        "broenderslev_byraadet_2020-01-29_referat",
        "serif-1.0-plain",
        "docx",
    ): "items 0.40 decisions 0.00",
    ("holbaek_aeldre-sundhed_2020-06-04_referat", "serif-2.0-plain-title", "pdf"): "items 0.31",
    ("holbaek_aeldre-sundhed_2020-06-04_referat", "serif-2.0-plain-title", "docx"): "items 0.31",
    ("regionsyddanmark_sundhedsudvalget_2016-10-25_referat", "sans-1.0-bold", "pdf"): "items 0.00",
    ("regionsyddanmark_sundhedsudvalget_2016-10-25_referat", "sans-1.0-bold", "docx"): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "serif-1.15-bold-title",
        "pdf",
    ): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "serif-1.15-bold-title",
        "docx",
    ): "items 0.00",
    ("regionsyddanmark_sundhedsudvalget_2016-10-25_referat", "sans-1.5-bold", "pdf"): "items 0.00",
    ("regionsyddanmark_sundhedsudvalget_2016-10-25_referat", "sans-1.5-bold", "docx"): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "sans-1.5-plain-case",
        "docx",
    ): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "serif-2.0-plain-title",
        "pdf",
    ): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "serif-2.0-plain-title",
        "docx",
    ): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "sans-2.0-bold-case",
        "pdf",
    ): "items 0.00",
    (
        "regionsyddanmark_sundhedsudvalget_2016-10-25_referat",
        "sans-2.0-bold-case",
        "docx",
    ): "items 0.00",
    (
        "roskilde_kultur-og-idraetsudvalget_2019-04-03_referat",
        "sans-1.5-plain-case",
        "pdf",
    ): "items 0.67 case_ids 0.33",
    (
        "roskilde_kultur-og-idraetsudvalget_2019-04-03_referat",
        "serif-1.0-plain",
        "pdf",
    ): "items 0.67 case_ids 0.33",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-1.0-bold", "pdf"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-1.0-bold", "docx"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "serif-1.15-bold-title", "pdf"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "serif-1.15-bold-title", "docx"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-1.5-bold", "pdf"): "recs 0.50",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-1.5-bold", "docx"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-1.5-plain-case", "pdf"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-1.5-plain-case", "docx"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "serif-2.0-plain-title", "pdf"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "serif-2.0-plain-title", "docx"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "serif-1.0-plain", "pdf"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "serif-1.0-plain", "docx"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-2.0-bold-case", "pdf"): "recs 0.00",
    ("slagelse_oekonomiudvalget_2018-10-01_referat", "sans-2.0-bold-case", "docx"): "recs 0.00",
}
