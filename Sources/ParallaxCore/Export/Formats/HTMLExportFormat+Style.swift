extension HTMLExportFormat {
    /// The report's style sheet, inlined in `<style>`.
    ///
    /// System fonts only (a sans-serif for the report, a serif for quoted passages), so the page
    /// never fetches a font. Colours: orange below 0, grey at 0, blue above 0; text on every
    /// tint and every dot against white has a contrast of at least 4.5:1. Printing drops the
    /// cards and background, starts each question on a new page and keeps quotes, charts and
    /// table rows whole.
    static let style = """
        :root {
          --ink: #1c1c1e; --muted: #5c5c66; --faint: #75757f; --rule: #e2e2e8; --paper: #f6f6f3; --card: #fff;
          --neg: #b35000; --neg-soft: #fbe5d4; --neg-ink: #7a3100; --neg-strong: #a84a00;
          --neu: #6e6e73; --neu-soft: #ebebef; --neu-ink: #333338; --neu-strong: #5c5c66;
          --pos: #1f5fa0; --pos-soft: #dbe8f5; --pos-ink: #123f6b; --pos-strong: #1f5fa0;
          --mark: #fff0a6;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--paper); color: var(--ink);
          font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
        .wrap { max-width: 66rem; margin: 0 auto; padding: 0 1.5rem; }
        a { color: var(--pos-ink); text-decoration-thickness: 1px; text-underline-offset: 2px; }
        .muted { color: var(--muted); font-weight: 400; }
        .masthead { background: var(--card); border-bottom: 1px solid var(--rule); padding: 2.25rem 0 1.5rem; }
        .kicker { margin: 0; text-transform: uppercase; letter-spacing: .09em; font-size: .75rem; font-weight: 700; color: var(--muted); }
        h1 { font-size: 2.2rem; line-height: 1.15; letter-spacing: -.015em; margin: .35rem 0 .5rem; }
        .lede { font-size: 1.125rem; color: var(--muted); margin: 0 0 1.25rem; max-width: 46rem; }
        .lede b { color: var(--ink); }
        .facts { display: flex; flex-wrap: wrap; gap: .5rem 2.5rem; margin: 0 0 1rem; }
        .facts dt { font-size: .72rem; text-transform: uppercase; letter-spacing: .07em; color: var(--muted); }
        .facts dd { margin: 0; font-weight: 600; }
        .docs-title { margin: 0; padding-top: .9rem; border-top: 1px solid var(--rule); font-size: .72rem; font-weight: 400;
          text-transform: uppercase; letter-spacing: .07em; color: var(--muted); }
        .docs { list-style: none; margin: .3rem 0 0; padding: 0; font-size: .875rem; }
        .docs li { display: grid; grid-template-columns: 7.5rem 1fr; gap: 1rem; margin: .2rem 0; }
        .docs b { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .8rem; font-weight: 600; padding-top: .1rem;
          overflow-wrap: anywhere; }
        section { margin: 2rem 0; }
        h2 { font-size: 1.4rem; line-height: 1.3; margin: .2rem 0 .4rem; }
        section.question { background: var(--card); border: 1px solid var(--rule); border-radius: 12px; padding: 1.5rem 1.75rem .75rem;
          box-shadow: 0 1px 2px rgba(0, 0, 0, .04); }
        .qid { margin: 0; font: 600 .8rem/1.3 ui-monospace, "DejaVu Sans Mono", monospace; color: var(--muted); }
        .scale { margin: .2rem 0 .75rem; font-size: .875rem; color: var(--muted); }
        .scale b { color: var(--ink); font-variant-numeric: tabular-nums; }
        .sep { color: #b8b8c0; padding: 0 .15em; }
        h3 { margin: 1.75rem 0 .5rem; padding-top: 1.1rem; border-top: 1px solid var(--rule);
          font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
        h4 { margin: 1.1rem 0 .5rem; font-size: 1.05rem; }
        h4 .label { font-weight: 400; color: var(--muted); }
        figure { margin: 0; }
        .chart-figure { margin: .25rem 0 .5rem; }
        .chart-figure figcaption { font-size: .8rem; color: var(--muted); }
        .chart { display: block; width: 100%; height: auto; font-family: inherit; }
        .chart .zone { fill-opacity: .07; }
        .chart .zone.neg { fill: var(--neg); }
        .chart .zone.pos { fill: var(--pos); }
        .chart .axis { stroke: #3a3a40; stroke-width: 1.5; }
        .chart .tick { stroke: #3a3a40; stroke-width: 1.25; }
        .chart .tick-value { font-size: 13px; font-weight: 700; fill: var(--ink); }
        .chart .tick-label { font-size: 12px; fill: var(--muted); }
        .chart .median { fill: var(--ink); stroke: #fff; stroke-width: 1.5; }
        .chart .dot circle { stroke: #fff; stroke-width: 2; }
        .chart .dot text { font-size: 13px; fill: var(--ink); paint-order: stroke; stroke: var(--card); stroke-width: 3px; stroke-linejoin: round; }
        .chart .stem { stroke-width: 1.5; stroke-opacity: .6; }
        .chart .neg circle { fill: var(--neg); } .chart .neg .stem { stroke: var(--neg); }
        .chart .neu circle { fill: var(--neu); } .chart .neu .stem { stroke: var(--neu); }
        .chart .pos circle { fill: var(--pos); } .chart .pos .stem { stroke: var(--pos); }
        .summary { margin: 1rem 0 .2rem; font-size: .9rem; color: var(--muted); }
        .pattern { margin: 0 0 1rem; font-size: 1.05rem; font-weight: 650; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid var(--rule); }
        thead th { font-size: .72rem; font-weight: 700; text-transform: uppercase; letter-spacing: .06em; color: var(--muted);
          border-bottom: 2px solid #cfcfd6; vertical-align: bottom; }
        tbody th { font-weight: 600; }
        .num { text-align: right; white-space: nowrap; }
        table.compare tbody th a { color: var(--ink); text-decoration: underline dotted #9a9aa3; }
        thead th.num { text-align: center; }
        tbody tr:last-child th, tbody tr:last-child td { border-bottom: 0; }
        tr.silent th, tr.silent td { color: var(--faint); font-weight: 400; font-style: italic; }
        td.where { white-space: nowrap; }
        td.coders { color: var(--muted); font-size: .85rem; }
        .compare td.num, .compare thead th.num { text-align: center; }
        .matrix td.num { text-align: center; vertical-align: middle; }
        .matrix thead th.num { text-transform: none; letter-spacing: 0; font-size: .8rem; font-weight: 600; color: var(--ink);
          min-width: 4.75rem; }
        .matrix tbody th { min-width: 15rem; }
        .matrix .qtext { display: block; font-weight: 400; font-size: .8rem; line-height: 1.4; color: var(--muted); }
        .matrix a { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .85rem; }
        .matrix .none { color: #b8b8c0; }
        .pattern-name { font-size: .85rem; min-width: 7rem; vertical-align: middle; line-height: 1.3; }
        .pattern-name b { font-weight: 600; }
        .pattern-name .side { display: block; color: var(--muted); font-size: .8rem; }
        .overview { background: var(--card); border: 1px solid var(--rule); border-radius: 12px; padding: 1.25rem 1.5rem .75rem; }
        .legend { font-size: .8rem; color: var(--muted); margin: .75rem 0 0; }
        .stance { display: inline-block; min-width: 2.5em; padding: .05em .45em; border-radius: .4em; text-align: center;
          font-weight: 700; font-variant-numeric: tabular-nums; }
        .stance.neg { background: var(--neg-soft); color: var(--neg-ink); }
        .stance.neu { background: var(--neu-soft); color: var(--neu-ink); }
        .stance.pos { background: var(--pos-soft); color: var(--pos-ink); }
        .stance.neg.strong { background: var(--neg-strong); color: #fff; }
        .stance.pos.strong { background: var(--pos-strong); color: #fff; }
        .analyst { margin-bottom: .5rem; }
        .quote { margin: 0 0 1rem; }
        blockquote { margin: 0; padding: .6rem 1rem; border-left: 4px solid var(--neu); background: #fafaf7; border-radius: 0 6px 6px 0;
          font: 1.02rem/1.6 Georgia, "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; }
        blockquote p { margin: 0; }
        .quote.neg blockquote { border-left-color: var(--neg); }
        .quote.pos blockquote { border-left-color: var(--pos); }
        .ctx { color: var(--faint); }
        mark { background: var(--mark); color: var(--ink); padding: .05em .1em; border-radius: 2px;
          -webkit-box-decoration-break: clone; box-decoration-break: clone; }
        .quote figcaption { margin: .4rem 0 0 1.25rem; font-size: .8rem; color: var(--muted); }
        .quote figcaption b { color: var(--ink); font-weight: 600; }
        .own.neg { color: var(--neg-ink); font-weight: 600; } .own.pos { color: var(--pos-ink); font-weight: 600; }
        .own.neu { color: var(--neu-ink); font-weight: 600; }
        .tag { display: inline-block; padding: 0 .5em; border: 1px solid var(--rule); border-radius: 99px; font-size: .75rem; line-height: 1.5; }
        .id { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .75rem; color: var(--faint); }
        .note { margin: .35rem 0 0 1.25rem; font-style: italic; white-space: pre-line; max-width: 48rem; }
        ul.plain { padding-left: 1.2rem; }
        ul.plain .qid { display: inline; margin-right: .4rem; }
        .colophon { margin: 2.5rem auto 3rem; font-size: .8rem; color: var(--muted); }
        @media (max-width: 40rem) {
          .wrap { padding: 0 1rem; }
          section.question, .overview { padding: 1rem; }
          h1 { font-size: 1.7rem; }
        }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { background: #fff; font-size: 10.5pt; }
          .wrap { max-width: none; padding: 0; }
          .masthead { padding: 0 0 1rem; }
          section.question, .overview { border: 0; box-shadow: none; padding: 0; border-radius: 0; }
          section.question { break-before: page; }
          figure, blockquote, tr, .analyst h4 { break-inside: avoid; }
          h2, h3, h4 { break-after: avoid; }
          a { color: inherit; text-decoration: none; }
          .scroll { overflow: visible; }
        }

        """
}
