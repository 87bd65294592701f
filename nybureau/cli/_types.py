"""Parameter types shared by the command modules."""

from __future__ import annotations

import click

#: The largest whole number the database stores (signed 64 bits; as services.common.INT64_MAX,
#: repeated here so that parsing an option imports no service module).
INT64_MAX = 2**63 - 1


class Int64(click.ParamType):
    """A whole number that fits the database's 64-bit integers. click's ``int`` takes any size,
    and SQLite cannot store (or even compare with) a larger one."""

    name = "integer"

    def convert(self, value, param, ctx):  # noqa: ANN001
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = int(str(value).strip())
            except ValueError:
                self._fail(f"'{str(value)[:40]}' is not a whole number.",
                           f"'{str(value)[:40]}' er ikke et helt tal.", param, ctx)
        if not -INT64_MAX - 1 <= number <= INT64_MAX:
            shown = str(number)
            shown = shown if len(shown) <= 30 else shown[:29] + "…"
            self._fail(f"{shown} is too large; at most {INT64_MAX}.",
                       f"{shown} er for stort; højst {INT64_MAX}.", param, ctx)
        return number

    def _fail(self, en: str, da: str, param, ctx) -> None:  # noqa: ANN001
        from nybureau.cli.app import App

        app = ctx.find_object(App) if ctx is not None else None
        self.fail(da if app is not None and app.lang == "da" else en, param, ctx)


INT64 = Int64()
