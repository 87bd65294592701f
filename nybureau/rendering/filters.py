"""The templates' filters and ``_`` for one language (each Jinja2 environment has one)."""

from __future__ import annotations

import re
from typing import Any

from nybureau.i18n import Msg

_PLACE = re.compile(r"\{(\w+)\}")


def install(env: Any, lang: str) -> None:
    """Put the filters and the ``_`` global of ``lang`` into ``env``."""
    from nybureau.rendering import dates, text
    from nybureau.workflow.terms import terms_of

    long_date, short_date, long_datetime = (dates.formatter("long_date", lang),
                                            dates.formatter("short_date", lang),
                                            dates.formatter("long_datetime", lang))
    tz = dates.TZ
    sep = Msg(":").render(lang)

    def f_date(value):
        return long_date(value) if value else ""

    def f_shortdate(value):
        return short_date(value) if value else ""

    def f_datetime(value):
        return long_datetime(value) if value else ""

    def f_time(value):
        if not value:
            return ""
        local = value.astimezone(tz) if value.tzinfo else value
        return f"{local.hour:02d}{sep}{local.minute:02d}"  # strftime's %H.%M / %H:%M

    def f_money(value):
        return text.money(value, lang)

    def f_number(value):
        return text.number(value, lang)

    def f_md(value):
        """Escape Markdown's line-leading specials in running text."""
        s = "" if value is None else str(value)
        return s.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`")

    if lang == "da":
        def f_quote(value):
            """»Danish« quotation marks."""
            return f"»{value}«"
    else:
        def f_quote(value):
            """“English” quotation marks."""
            return f"“{value}”"

    def f_cap(value):
        s = "" if value is None else str(value)
        return s[:1].upper() + s[1:]

    english = lang == "en"

    def g_text(da, en=None, **words):
        """``_("Dagsorden", "Agenda")``: the text in the document's language; with ``words``,
        their values put in its ``{name}`` places (``_("Facilitatorer: {the_agents}", …,
        the_agents=terms.the_agents)``: the definition's own words, nybureau.workflow.terms)."""
        chosen = en if english and en is not None else da
        if not words:
            return chosen
        # plain names only (never str.format: a user's template runs sandboxed, and a format
        # string could reach a value's attributes)
        return _PLACE.sub(lambda m: str(words[m.group(1)]) if m.group(1) in words
                          else m.group(0), chosen)

    env.globals["_"] = g_text
    # the default words; a document's data gives its definition's (catalogue.build)
    env.globals["terms"] = terms_of(None, lang)
    env.filters.update(date=f_date, shortdate=f_shortdate, datetime=f_datetime, time=f_time,
                       money=f_money, number=f_number, md=f_md, cap=f_cap, q=f_quote,
                       **text.MD_FILTERS)
