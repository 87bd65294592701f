"""One click parameter type for every fixed choice on the command line: :class:`Vocab`.

A choice is given as its id (``approved``), its Danish or English word (``godkendt``,
``taget til efterretning``, ``MED``, ``styregruppe``) or an alias, in any case, with æ/ø/å
or ae/oe/aa, and with spaces, hyphens or underscores alike; the command gets the id. An unknown
word is refused as a usage error (exit 2) in the user's language, listing the words in that
language. The words come from :mod:`nybureau.domain.vocabulary` and
:mod:`nybureau.domain.substance` (plain data, cheap to import): one source for the command
line, spreadsheets and documents.
"""

from __future__ import annotations

import click

from nybureau.domain import risks, substance, vocabulary
from nybureau.i18n import Msg

Label = dict[str, str]

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "-": "_", " ": "_"})


def fold(word: str) -> str:
    """``"Godkendt med ændringer"`` → ``godkendt_med_aendringer``: the form words are compared
    in (case folded, æøå spelled out, spaces and hyphens as underscores, runs squeezed)."""
    text = "_".join(str(word).strip().casefold().translate(_FOLD).replace("/", "_").split("_"))
    while "__" in text:
        text = text.replace("__", "_")
    return text.strip("_")


def _word(text: str) -> str:
    """A label as one command-line word: ``godkendt med ændringer`` → ``godkendt_med_ændringer``."""
    return "_".join(text.casefold().replace("-", " ").split())


def _plain(*codes: str) -> dict[str, Label]:
    return {code: {"da": code, "en": code} for code in codes}


#: name → (table of id → labels, Danish display words, aliases)
TABLES: dict[str, tuple[dict[str, Label], dict[str, str], dict[str, str]]] = {}


def _register(name: str, table: dict[str, Label], words: dict[str, str] | None = None,
              aliases: dict[str, str] | None = None) -> None:
    words = {**vocabulary.WORDS.get(id(table), {}), **(words or {})}
    aliases = {**vocabulary.ALIASES.get(id(table), {}),
               **substance.ALIASES.get(id(table), {}), **(aliases or {})}
    TABLES[name] = (table, words, aliases)


_register("body", vocabulary.BODIES)
_register("meeting_owner", vocabulary.MEETING_OWNERS, vocabulary.WORDS[id(vocabulary.BODIES)],
          vocabulary.ALIASES[id(vocabulary.BODIES)])
_register("outcome", vocabulary.OUTCOMES)
_register("activity_kind", vocabulary.ACTIVITY_KINDS)
_register("meeting_item_type", vocabulary.MEETING_ITEM_TYPES)
_register("exemption_status", vocabulary.EXEMPTION_STATUSES)
_register("document_format", _plain("md", "html", "docx", "pdf"),
          aliases={"markdown": "md", "word": "docx", "htm": "html"})
_register("sheet_format", _plain("csv", "xlsx"), aliases={"excel": "xlsx"})
_register("workflow_format", _plain("text", "mermaid", "json"), aliases={"tekst": "text"})
# a meeting series (meeting series): how often, and what a holiday does to a meeting day
_register("series_every", {"1w": {"da": "1u", "en": "1w"}, "2w": {"da": "2u", "en": "2w"},
                           "4w": {"da": "4u", "en": "4w"},
                           "month": {"da": "måned", "en": "month"}},
          aliases={"1u": "1w", "2u": "2w", "4u": "4w", "week": "1w", "uge": "1w",
                   "maaned": "month", "monthly": "month", "maanedlig": "month"})
_register("on_holiday", {"skip": {"da": "spring over", "en": "skip"},
                         "refuse": {"da": "afvis", "en": "refuse"}})
_register("outbox_status", {  # services/mail/outbox.py STATUSES
    "queued": {"da": "venter", "en": "queued"}, "sending": {"da": "sendes", "en": "sending"},
    "sent": {"da": "sendt", "en": "sent"}, "failed": {"da": "fejlet", "en": "failed"},
    "withdrawn": {"da": "trukket tilbage", "en": "withdrawn"}})
# a role on the web (services/web/access.py ROLES; nybureau web grant)
_register("web_role", {"leader": {"da": "projektleder", "en": "leader"},
                       "secretary": {"da": "sekretær", "en": "secretary"},
                       "reader": {"da": "læser", "en": "reader"}},
          aliases={"project leader": "leader", "sekretaer": "secretary", "laeser": "reader"})

# who approves a body's minutes on the web (body approval; services/web/approvals.py RULES)
_register("minutes_rule", {"all": {"da": "alle", "en": "all"},
                           "chair": {"da": "formand", "en": "chair"}},
          aliases={"formanden": "chair", "everyone": "all", "members": "all"})
# the risk and barrier log and the communication plan (nybureau risk, nybureau stakeholder)
_register("risk_kind", risks.RISK_KINDS, aliases=risks.ALIASES[id(risks.RISK_KINDS)])
_register("level", risks.LEVELS, aliases=risks.ALIASES[id(risks.LEVELS)])
_register("chain_role", substance.CHAIN_ROLES)
# evaluation by design (nybureau evaluation design|implementation)
_register("evaluator", substance.EVALUATORS)
_register("implementation_degree", substance.IMPLEMENTATION_DEGREES)
_register("respondent_group", substance.RESPONDENT_GROUPS)
# the field work (note add, item add --experienced-by): who was heard, and from where
_register("heard_role", substance.HEARD_ROLES)
_register("note_source", substance.NOTE_SOURCES)
_register("language", {"da": {"da": "da", "en": "da"}, "en": {"da": "en", "en": "en"}},
          aliases={"dansk": "da", "danish": "da", "engelsk": "en", "english": "en"})


def _lang(ctx: click.Context | None) -> str:
    if ctx is not None:
        from nybureau.cli.app import App

        app = ctx.find_object(App)
        if app is not None:
            return app.lang
    from nybureau.cli import i18n

    return i18n.current()


class Vocab(click.ParamType):
    """A choice from one of :data:`TABLES` (``Vocab("outcome")``); converts to the id."""

    def __init__(self, vocabulary_name: str, only: list[str] | None = None) -> None:
        table, words, aliases = TABLES[vocabulary_name]
        self.vocabulary = vocabulary_name
        self.codes = [code for code in table if only is None or code in only]
        self.words = {"da": [words.get(c) or _word(table[c]["da"]) for c in self.codes],
                      "en": list(self.codes)}
        self.name = vocabulary_name
        self.lookup: dict[str, str] = {}
        for code in self.codes:  # the ids first: they win over a label that happens to match
            self.lookup[fold(code)] = code
        for code in self.codes:
            for text in (table[code]["da"], table[code]["en"], words.get(code, "")):
                if text:
                    self.lookup.setdefault(fold(text), code)
        for alias, code in aliases.items():
            if code in self.codes:
                self.lookup.setdefault(fold(alias), code)

    def get_metavar(self, param, ctx=None) -> str:  # noqa: ANN001
        return "[" + "|".join(self.words[_lang(ctx)]) + "]"

    def to_info_dict(self) -> dict:
        info = super().to_info_dict()
        info["choices"] = list(self.codes)
        return info

    def shell_complete(self, ctx, param, incomplete):  # noqa: ANN001
        from click.shell_completion import CompletionItem

        lang = _lang(ctx)
        return [CompletionItem(w) for w in self.words[lang] if w.startswith(incomplete)]

    def convert(self, value, param, ctx):  # noqa: ANN001
        if value in self.codes:
            return value
        code = self.lookup.get(fold(value)) if isinstance(value, str) else None
        if code is not None:
            return code
        from nybureau.textsafe import shorten

        lang = _lang(ctx)
        name = self._param_name(param)
        shown = shorten(str(value))
        words = ", ".join(self.words[lang])
        message = Msg("Invalid value for '{name}': '{shown}'. Choose one of: {words}.",
                      name=name, shown=shown, words=words).render(lang)
        raise click.UsageError(message, ctx)

    @staticmethod
    def _param_name(param) -> str:  # noqa: ANN001
        if param is None:
            return "værdien"
        if isinstance(param, click.Option) and param.opts:
            return max(param.opts, key=len)
        return (param.metavar or param.name or "").upper() if param.metavar is None else \
            param.metavar


_HINT = None


def in_words(command: str, lang: str) -> str:
    """A suggested command (``status``'s next steps) written with the user's words: in Danish
    ``--by ledelsen --by MED --outcome godkendt --date ÅÅÅÅ-MM-DD`` and ``activity record P
    læringsmøde``; the command means the same either way (every choice takes both)."""
    global _HINT
    if lang != "da":
        return command
    import re

    if _HINT is None:
        def words(name: str) -> dict[str, str]:
            vocab = Vocab(name)
            return {c: ("MED" if w == "med" else w) for c, w in zip(vocab.codes, vocab.words["da"])}

        by, outcome, kind = words("body"), words("outcome"), words("activity_kind")
        pattern = re.compile(r"(--by )(\S+)|(--outcome )(\S+)|(activity record \S+ )(\S+)")

        def swap(m: re.Match) -> str:
            if m.group(1):
                return m.group(1) + by.get(m.group(2), m.group(2))
            if m.group(3):
                return m.group(3) + outcome.get(m.group(4), m.group(4))
            return m.group(5) + kind.get(m.group(6), m.group(6))

        _HINT = (pattern, swap)
    pattern, swap = _HINT
    return pattern.sub(swap, command).replace("YYYY-MM-DD", "ÅÅÅÅ-MM-DD")
