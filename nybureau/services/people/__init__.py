"""People: one person, one identity (the name resolver), the person register (list, rename,
merge), a person's work e-mail address, and a person's data under GDPR (export, forget).

The public API — what the CLI and a future web view call — is :data:`__all__`. Which columns of
the schema hold what (free text, codes, references to a person) is declared once, in
:mod:`nybureau.services.people.classification`; every new text column must be classified there.

Modules:

* :mod:`.names` — normalising, folding and near matches of names; "did you mean" hints;
* :mod:`.identity` — the resolver: a typed name becomes a person (:func:`resolve_person`);
* :mod:`.persons` — ``person list``, ``person rename``, ``person merge``;
* :mod:`.email_address` — ``person email``;
* :mod:`.classification` — which columns hold what;
* :mod:`.erasure` — finding and replacing one person in text;
* :mod:`.gdpr` — ``person export`` and ``person forget``.
"""

from __future__ import annotations

from nybureau.services.people.email_address import EMAIL_MAX, check_email, set_email
from nybureau.services.people.gdpr import (
    export_person,
    forget_finish,
    forget_person,
    forget_prepare,
)
from nybureau.services.people.identity import (
    NEW_PERSON_HELP,
    existing_person,
    find_person,
    forget_directory,
    known_name,
    near_match_error,
    person_not_found,
    resolve_people,
    resolve_person,
)
from nybureau.services.people.names import (
    close_matches,
    collapse,
    did_you_mean,
    fold,
    is_near,
    near_names,
    normalise,
)
from nybureau.services.people.persons import list_persons, merge_persons, rename_person

__all__ = [
    # names
    "collapse", "normalise", "fold", "is_near", "near_names", "close_matches", "did_you_mean",
    # the resolver
    "NEW_PERSON_HELP", "resolve_person", "resolve_people", "find_person", "existing_person",
    "known_name", "near_match_error", "person_not_found", "forget_directory",
    # the register
    "list_persons", "rename_person", "merge_persons",
    # the work e-mail address
    "EMAIL_MAX", "check_email", "set_email",
    # GDPR
    "export_person", "forget_prepare", "forget_person", "forget_finish",
]
