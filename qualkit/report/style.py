"""The report's stylesheet: readable on a laptop, printable to PDF (A4)."""

CSS = """
:root{--ink:#1b1f24;--muted:#5b6570;--line:#d8dee4;--soft:#f4f6f8;--accent:#2a6fb0;--mark:#ffe08a}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--ink);background:#fff;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,
 "Helvetica Neue",Arial,"Noto Sans",sans-serif}
main{max-width:1000px;margin:0 auto;padding:28px 32px 64px}
header.top{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:8px}
h1{font-size:1.9em;line-height:1.2;margin:0 0 4px}
h2{font-size:1.4em;margin:40px 0 8px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:1.12em;margin:28px 0 4px}
h4{font-size:1em;margin:20px 0 6px}
p{margin:6px 0 10px}
.sub,.note,.meta{color:var(--muted)}
.note{font-size:.88em}
.meta{font-size:.9em;margin:0}
.qlabel{font-style:italic;color:var(--muted);margin:0 0 10px}
nav.toc{background:var(--soft);border-radius:6px;padding:10px 16px;margin:16px 0;font-size:.93em}
nav.toc ol{margin:4px 0;padding-left:20px;columns:2;column-gap:32px}
nav.toc a{color:var(--accent);text-decoration:none}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}
.card{flex:1 1 150px;border:1px solid var(--line);border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:1.5em;line-height:1.2}
.card span{color:var(--muted);font-size:.85em}
ul.top{margin:4px 0 12px;padding-left:20px}
table{border-collapse:collapse;width:100%;margin:8px 0 6px;font-size:.92em}
table.freq{max-width:760px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.cat td{font-weight:600}
tr.child td:first-child{padding-left:22px}
tr.uncoded td{color:var(--muted)}
td code,th code{font-size:.9em}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:6px;vertical-align:-1px}
figure{margin:10px 0 18px}
figcaption{color:var(--muted);font-size:.85em;margin-top:2px}
svg.chart{max-width:100%;height:auto;font-size:12px;font-family:inherit}
svg .lbl{fill:var(--ink)}
svg .lbl.cat{font-weight:600}
svg .tick,svg .note{fill:var(--muted);font-size:11px}
svg .val{fill:var(--ink);font-size:11px;font-variant-numeric:tabular-nums}
svg .grid{stroke:#e6eaee;stroke-width:1}
svg .axis{stroke:#9aa3ad;stroke-width:1}
svg .ci{stroke:#1b1f24;stroke-width:1.4;fill:none}
svg .ghead{fill:var(--ink);font-weight:600;font-size:11.5px}
svg .cell{stroke:#fff}
svg .cellval{font-size:11.5px;font-variant-numeric:tabular-nums}
.code-quotes{margin:14px 0 20px}
.code-quotes h4{margin-bottom:4px}
blockquote{margin:6px 0 8px;padding:6px 12px;border-left:4px solid var(--accent);background:var(--soft);
 border-radius:0 4px 4px 0;overflow-wrap:anywhere}
blockquote p{margin:0}
blockquote footer{color:var(--muted);font-size:.82em;margin-top:2px}
mark{background:var(--mark);color:inherit;padding:0 1px;border-radius:2px}
.theme{border:1px solid var(--line);border-radius:6px;padding:8px 14px;margin:10px 0;break-inside:avoid}
.theme h4{margin:2px 0 4px}
.badge{display:inline-block;font-size:.75em;font-weight:600;padding:1px 7px;border-radius:9px;
 background:#e07b39;color:#fff;vertical-align:2px;margin-left:6px}
.kw{display:inline-block;background:var(--soft);border:1px solid var(--line);border-radius:4px;
 padding:0 6px;margin:2px 3px 2px 0;font-size:.88em}
.methods p{max-width:75ch}
dl.run{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;font-size:.9em}
dl.run dt{color:var(--muted)}
dl.run dd{margin:0;overflow-wrap:anywhere}
footer.end{margin-top:48px;color:var(--muted);font-size:.85em;border-top:1px solid var(--line);padding-top:8px}
@media (max-width:700px){main{padding:16px}nav.toc ol{columns:1}}
@media print{
 @page{size:A4;margin:14mm 12mm}
 body{font-size:10.5pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 main{max-width:none;padding:0}
 nav.toc{display:none}
 h2{break-before:page;margin-top:0}
 section.summary h2{break-before:auto}
 h2,h3,h4{break-after:avoid}
 figure,table,blockquote,.theme,.cards{break-inside:avoid}
 a{color:inherit;text-decoration:none}
}
"""
