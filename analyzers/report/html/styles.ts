// The report's one stylesheet, inlined into the HTML so the file opens from disk with no
// remote resources. Print rules target A4 and Letter alike (content width ≤ 180 mm); colour is
// never the only carrier of meaning: every state also has a label, an icon or a pattern.
export type Paper = 'a4' | 'letter';

export function buildReportCss(paper: Paper | undefined): string {
  const size = paper === 'letter' ? 'size: letter;' : paper === 'a4' ? 'size: A4;' : '';
  return `
@page { ${size} margin: 16mm 14mm 18mm 14mm; }
:root {
  --ink: #1b2230; --muted: #5b6473; --line: #d5d9e0; --soft: #f3f5f8; --accent: #28477a;
  --ready: #1d6b35; --conditional: #8a5300; --not-ready: #a4201a; --inconclusive: #4f5867;
  --track: #e4e7ec; --bar: #34507f;
}
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 10pt/1.45 "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
main { max-width: 182mm; margin: 0 auto; padding: 8mm 0 12mm; }
@media screen { main { padding: 24px 20px 48px; } body { background: #eef0f4; } main { background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.15); padding: 28px 34px; margin: 20px auto; } }
h1 { font-size: 22pt; line-height: 1.15; margin: 0 0 4mm; letter-spacing: -0.01em; }
h2 { font-size: 14pt; margin: 9mm 0 3mm; padding-bottom: 1.5mm; border-bottom: 2px solid var(--ink); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 2mm; break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 2.5mm; }
.muted { color: var(--muted); }
.small { font-size: 8.5pt; }
.mono, code { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 8pt; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.nowrap { white-space: nowrap; }
.section { break-before: auto; }
.section.page { break-before: page; page-break-before: always; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.not-evaluated { color: var(--muted); font-style: italic; border: 1px dashed var(--line); padding: 3mm 4mm; border-radius: 2mm; }

/* cover */
.cover { min-height: 228mm; display: flex; flex-direction: column; break-after: page; page-break-after: always; }
.cover .brand { font-size: 9pt; letter-spacing: .18em; text-transform: uppercase; color: var(--muted); margin-bottom: 14mm; }
.cover .lead { font-size: 11pt; color: var(--muted); margin-bottom: 10mm; max-width: 150mm; }
.cover-grid { display: grid; grid-template-columns: 62mm 1fr; gap: 8mm; align-items: center; margin-bottom: 8mm; }
.verdict { display: inline-flex; align-items: center; gap: 2.5mm; font-weight: 700; font-size: 16pt; padding: 2mm 4mm; border-radius: 2mm; border: 2px solid currentColor; }
.verdict .icon { display: inline-block; width: 7mm; height: 7mm; line-height: 7mm; text-align: center; border-radius: 50%; color: #fff; font-size: 11pt; }
.verdict.ready { color: var(--ready); } .verdict.ready .icon { background: var(--ready); }
.verdict.conditional { color: var(--conditional); } .verdict.conditional .icon { background: var(--conditional); }
.verdict.not-ready { color: var(--not-ready); } .verdict.not-ready .icon { background: var(--not-ready); }
.verdict.inconclusive, .verdict.none { color: var(--inconclusive); } .verdict.inconclusive .icon, .verdict.none .icon { background: var(--inconclusive); }
.verdict.small { font-size: 8.5pt; padding: .3mm 1.6mm; border-width: 1px; gap: 1.2mm; font-weight: 600; white-space: nowrap; }
.verdict.small .icon { width: 3.6mm; height: 3.6mm; line-height: 3.6mm; font-size: 6.5pt; }
.reason { margin-top: 4mm; font-size: 10.5pt; }
.facts { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; margin: 6mm 0; }
.fact { border: 1px solid var(--line); border-radius: 2mm; padding: 2.5mm 3mm; break-inside: avoid; }
.fact .k { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.fact .v { font-size: 13pt; font-weight: 700; }
.fact .s { font-size: 8pt; color: var(--muted); }
.cover .meta { margin-top: auto; border-top: 1px solid var(--line); padding-top: 3mm; font-size: 8.5pt; color: var(--muted); }

/* tables */
table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 8.8pt; }
thead { display: table-header-group; }
tfoot { display: table-footer-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { text-align: left; font-weight: 600; font-size: 7.8pt; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); border-bottom: 1.5px solid var(--ink); padding: 1.4mm 1.6mm; }
td { border-bottom: 1px solid var(--line); padding: 1.4mm 1.6mm; vertical-align: top; overflow-wrap: break-word; }
td.break { overflow-wrap: anywhere; word-break: break-all; }
/* why an input was read as another format than its head showed: a narrow note, so that it does not take the path's room */
.read-as { max-width: 62mm; }
td.wrap, .wrap { overflow-wrap: anywhere; }
table.fixed { table-layout: fixed; }
td code, .fix code, .card p code { font-size: 7.6pt; background: var(--soft); padding: 0 .6mm; border-radius: .6mm; overflow-wrap: anywhere; }
tr.fail td:first-child { box-shadow: inset 3px 0 0 var(--ink); }

/* cards (findings) */
.card { border: 1px solid var(--line); border-left-width: 4px; border-radius: 1.5mm; padding: 2mm 3mm; margin: 0 0 2.5mm; font-size: 9pt; break-inside: avoid; page-break-inside: avoid; }
.card.critical { border-left-color: #1b2230; border-left-style: solid; }
.card.important { border-left-color: #5b6473; border-left-style: double; border-left-width: 5px; }
.card.normal { border-left-color: #8a93a2; border-left-style: dashed; }
.card.low { border-left-color: #b7bdc7; border-left-style: dotted; }
.card .head { display: flex; justify-content: space-between; gap: 4mm; align-items: baseline; }
.card .title { font-weight: 700; font-size: 9.6pt; }
.svc-signals { font-size: 7.5pt; color: var(--muted); font-weight: 400; }
.svc-name { overflow-wrap: anywhere; }
.svc-alias { font-size: 7.5pt; color: var(--muted); font-weight: 400; overflow-wrap: anywhere; }
.card .tags { font-size: 8pt; color: var(--muted); white-space: nowrap; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 1mm; padding: 0 1.2mm; margin-left: 1mm; font-size: 7.5pt; text-transform: uppercase; letter-spacing: .04em; color: var(--ink); }
.tag.critical { background: var(--ink); color: #fff; border-color: var(--ink); }
.tag.important { border: 1.5px solid var(--ink); font-weight: 700; }
.meta-line { font-size: 8.3pt; margin: .8mm 0 1.2mm; color: var(--ink); }
.meta-line .k { color: var(--muted); }
.card p { margin: 0 0 1.2mm; }
.examples { margin: 1mm 0 .5mm; }
.example { margin: 0 0 .8mm; }
.example .loc { font-size: 7.2pt; color: var(--muted); }
.example .excerpt { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace; font-size: 7.2pt; line-height: 1.35; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; background: var(--soft); padding: .5mm 1.5mm; border-radius: 1mm; }
.fix { font-size: 8.3pt; margin-top: 1mm; }
.fix b { font-weight: 600; }

/* charts */
svg { display: block; max-width: 100%; height: auto; }
svg text { font-family: "Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
.chart { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
.chart figcaption { font-size: 8pt; color: var(--muted); margin-top: 1mm; }
figure { margin: 0; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; align-items: start; }
.legend { font-size: 8pt; color: var(--muted); display: flex; gap: 4mm; flex-wrap: wrap; margin: 1mm 0 2mm; }
.legend svg { display: inline-block; vertical-align: -1.5mm; margin-right: 1mm; }
.callout { border: 1.5px solid var(--ink); border-radius: 2mm; padding: 3mm 4mm; margin: 2mm 0 4mm; break-inside: avoid; }
.callout .k { font-size: 7.5pt; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); }
.toc { columns: 2; font-size: 9pt; margin: 0 0 4mm; padding-left: 5mm; }
`;
}
