"""Before/after charts per bottom line for the evaluation report, drawn with matplotlib (Agg
backend, no display needed): PNG for DOCX, SVG for HTML. The output is deterministic (no dates
or random ids in the files), so the same data gives the same bytes.

Only groups that may be shown are drawn: the survey summary has already suppressed every group
of fewer than five respondents."""

from __future__ import annotations

import io
from typing import Any

_COLORS = ("#9aa5b1", "#1f5f8b")  # before: grey, after: blue (readable in greyscale too)


def _figure(line: dict[str, Any], title: str, labels: dict[str, str]):
    import matplotlib

    matplotlib.use("Agg", force=True)
    matplotlib.rcParams["svg.hashsalt"] = "nybureau"
    matplotlib.rcParams["svg.fonttype"] = "none"   # text stays text (searchable, accessible)
    import matplotlib.pyplot as plt

    groups = [(labels["all"], line["before"], line["after"])]
    groups += [(r["role"], r["before"], r["after"]) for r in line["roles"]
               if not (r["before"].get("suppressed") or r["after"].get("suppressed"))
               and (r["before"].get("mean") is not None or r["after"].get("mean") is not None)]
    fig, ax = plt.subplots(figsize=(6.4, 0.6 + 0.75 * len(groups)), dpi=120)
    height = 0.36
    for i, (name, before, after) in enumerate(groups):
        y = len(groups) - 1 - i
        for offset, cell, color, what in ((height / 2, before, _COLORS[0], labels["before"]),
                                          (-height / 2, after, _COLORS[1], labels["after"])):
            value = cell.get("mean")
            if value is None:
                continue
            ax.barh(y + offset, value, height=height, color=color,
                    label=what if i == 0 else None)
            text = f"{value:.2f}".replace(".", labels["decimal"]) + f"  (n={cell['n']})"
            ax.text(value + 0.05, y + offset, text, va="center", fontsize=8)
    ax.set_yticks(range(len(groups)))
    ax.set_yticklabels([g[0] for g in reversed(groups)], fontsize=9)
    ax.set_xlim(1, 5.9)
    ax.set_xticks([1, 2, 3, 4, 5])
    ax.set_xlabel(labels["scale"], fontsize=9)
    ax.set_title(title, fontsize=11, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig, plt


def before_after(line: dict[str, Any], title: str, lang: str = "da") -> dict[str, str]:
    """One bottom line's chart as ``{"svg": text, "png": base64 text}``."""
    import base64

    labels = ({"all": "Alle", "before": "Før", "after": "Efter", "decimal": ",",
               "scale": "Gennemsnit på skalaen 1–5 (5 er bedst)"} if lang == "da" else
              {"all": "All", "before": "Before", "after": "After", "decimal": ".",
               "scale": "Mean on the scale 1–5 (5 is best)"})
    fig, plt = _figure(line, title, labels)
    try:
        svg = io.BytesIO()
        fig.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        png = io.BytesIO()
        fig.savefig(png, format="png", metadata={"Software": None})
    finally:
        plt.close(fig)
    text = svg.getvalue().decode("utf-8")
    text = text[text.index("<svg"):]  # drop the XML prolog and doctype for inline use
    return {"svg": text, "png": base64.b64encode(png.getvalue()).decode("ascii"),
            "alt": alt_text(line, title, labels, lang)}


def alt_text(line: dict[str, Any], title: str, labels: dict[str, str], lang: str) -> str:
    """The chart in words, from its data (the PDF's and DOCX's alt text): "Før og efter:
    Kvalitet, gennemsnit på skalaen 1–5 (5 er bedst). Alle: før 3,10 (12 svar), efter 3,75
    (12 svar). …"."""
    def value(cell: dict[str, Any]) -> str | None:
        mean = cell.get("mean")
        if mean is None:
            return None
        answers = "svar" if lang == "da" else ("answer" if cell.get("n") == 1 else "answers")
        return f"{mean:.2f}".replace(".", labels["decimal"]) + f" ({cell.get('n')} {answers})"

    groups = [(labels["all"], line["before"], line["after"])]
    groups += [(r["role"], r["before"], r["after"]) for r in line["roles"]
               if not (r["before"].get("suppressed") or r["after"].get("suppressed"))]
    parts = []
    for name, before, after in groups:
        shown = [f"{what.lower()} {v}" for what, v in ((labels["before"], value(before)),
                                                       (labels["after"], value(after))) if v]
        if shown:
            parts.append(f"{name}: {', '.join(shown)}")
    head = "Før og efter" if lang == "da" else "Before and after"
    scale = labels["scale"][:1].lower() + labels["scale"][1:]
    return f"{head}: {title}, {scale}. " + ". ".join(parts) + "."


def evaluation_charts(summary: dict[str, Any], titles: dict[str, str], lang: str = "da"
                      ) -> list[dict[str, str]]:
    """A chart for every bottom line with at least one shown mean."""
    out = []
    for line in summary["bottom_lines"]:
        if line["before"].get("mean") is None and line["after"].get("mean") is None:
            continue
        chart = before_after(line, titles[line["bottom_line"]], lang)
        out.append({"bottom_line": line["bottom_line"], "title": titles[line["bottom_line"]],
                    **chart})
    return out
