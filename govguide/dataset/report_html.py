"""The diff report as one self-contained HTML file (inline CSS, no scripts, no links out),
so a reviewer can open it from a mail or a shared folder without any tool."""

from __future__ import annotations

from html import escape

from govguide.dataset.diff import VersionDiff
from govguide.dataset.report_md import (
    MAX_DETAILED_ITEMS,
    detailed_items,
    file_lines,
    item_rows,
    province_rows,
    summary_rows,
    title,
)

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;
margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1f2328;line-height:1.45}
h1{font-size:1.5rem}h2{font-size:1.25rem;border-bottom:1px solid #d0d7de;padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.05rem;margin:1.5rem 0 .3rem}
table{border-collapse:collapse;margin:.4rem 0 1rem;width:100%}
th,td{border:1px solid #d0d7de;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f6f8fa}td.n{text-align:right;width:6rem}
table.summary{width:auto}table.summary td:first-child{min-width:14rem}
td.before{background:#fff0f0;width:42%}td.after{background:#f0fff4;width:42%}
td.label{width:16%;white-space:nowrap}
.badge{display:inline-block;border-radius:.6rem;padding:0 .5rem;font-size:.8rem;color:#fff}
.added{background:#1a7f37}.removed{background:#cf222e}.changed{background:#9a6700}
.src{color:#57606a;font-size:.85rem}.note{font-style:italic;color:#57606a}
"""


def _cell(text: str | None, cls: str) -> str:
    return f'<td class="{cls}">{escape(text) if text else ""}</td>'


def render_html(diff: VersionDiff, limit: int = MAX_DETAILED_ITEMS) -> str:
    """Summary counts first, then counts per province, then every changed item with its
    before and after values side by side."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{escape(title(diff))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{escape(title(diff))}</h1>",
    ]
    if diff.empty:
        parts.append("<p>No changes.</p></body></html>")
        return "\n".join(parts) + "\n"
    parts.append('<h2>Summary</h2><table class="summary"><tr><th>change</th><th>count</th></tr>')
    parts += [
        f'<tr><td>{escape(label)}</td><td class="n">{n}</td></tr>'
        for label, n in summary_rows(diff)
    ]
    parts.append("</table>")
    parts.append(
        '<h2>By province</h2><table class="summary"><tr><th>province</th><th>added</th>'
        "<th>removed</th><th>changed</th></tr>"
    )
    parts += [
        f'<tr><td>{escape(p)}</td><td class="n">{a}</td><td class="n">{r}</td>'
        f'<td class="n">{c}</td></tr>'
        for p, a, r, c in province_rows(diff)
    ]
    parts.append("</table>")
    if files := file_lines(diff):
        parts.append("<h2>Files</h2><ul>")
        parts += [f"<li>{escape(line)}</li>" for line in files]
        parts.append("</ul>")
    shown, note = detailed_items(diff, limit)
    if note:
        parts.append(f'<p class="note">{escape(note)}</p>')
    for province, items in shown.items():
        parts.append(f"<h2>{escape(province)}</h2>")
        for d in items:
            where = " · ".join(x for x in (d.region, d.name) if x)
            parts.append(
                f'<h3>{escape(where)} <span class="badge {d.status}">{d.status}</span></h3>'
                f'<div class="src">source: {escape(d.source_file)}</div>'
            )
            parts.append("<table><tr><th>change</th><th>before</th><th>after</th></tr>")
            parts += [
                "<tr>"
                + _cell(label, "label")
                + _cell(before, "before")
                + _cell(after, "after")
                + "</tr>"
                for label, before, after in item_rows(d)
            ]
            parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
