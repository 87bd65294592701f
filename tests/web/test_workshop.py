"""The workshop's voting on the web: the facilitator opens a round and sees its join address,
QR code and tally; participants join from their phones, choose a role and vote, anonymously,
exactly as ``workshop vote`` records; every refusal."""

from __future__ import annotations

import re

from tests.web.conftest import csrf_of, https_client, post, sign_in

SLUG = "odder-bostoette"


def open_round(client, store, name="Rikke Vestergaard Hansen", **form):
    sign_in(client, store, name)
    done = post(client, f"/p/{SLUG}/workshop/open", form, page=f"/p/{SLUG}/workshop")
    assert done.status_code == 303, done.get_data(as_text=True)
    url = done.headers["Location"]
    page = client.get(url).get_data(as_text=True)
    code = re.search(r'id="join-link" href="[^"]*/w/([A-Z0-9]+)"', page).group(1)
    return url, code


def join(app, code, role="frontline"):
    """A phone: join the round, choose a role; the client and the ballot's HTML."""
    phone = https_client(app)
    page = phone.get(f"/w/{code}")
    assert page.status_code == 200 and 'id="join"' in page.get_data(as_text=True)
    joined = phone.post(f"/w/{code}", data={"csrf": csrf_of(page.get_data(as_text=True))})
    assert joined.status_code == 303 and joined.headers["Location"].endswith(f"/w/{code}/role")
    chosen = post(phone, f"/w/{code}/role", {"chain_role": role})
    assert chosen.status_code == 303 and chosen.headers["Location"].endswith(f"/w/{code}/vote")
    return phone


def item_ids(store, slug=SLUG):
    with store.read("test") as tx:
        project = tx.project_get(slug)
        return [i.id for i in tx.gov_items(project.id)]


def vote(phone, code, item, verdict="change", points="2"):
    return post(phone, f"/w/{code}/vote/{item}", {"verdict": verdict, "points": points},
                page=f"/w/{code}/vote")


def test_the_facilitator_opens_a_round_with_join_link_qr_and_tally(client, web_store):
    url, code = open_round(client, web_store)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{6}", code)
    html = client.get(url).get_data(as_text=True)
    assert f"/w/{code}" in html
    assert 'id="join-qr"' in html and "<svg" in html and "<title>QR-kode" in html
    assert 'id="tally"' in html and "<table" in html
    assert 'id="reload"' in html and "tally.js" in html
    data = client.get(url + "/tally.json").get_json()
    assert data["state"] == "open" and data["joined"] == 0 and data["votes"] == 0


def test_the_round_shows_its_closing_time_in_copenhagen_time(client, web_store):
    from datetime import datetime, timezone

    from sqlalchemy import update

    from nybureau.persistence import tables as t

    url, code = open_round(client, web_store)
    closes = datetime(2027, 1, 15, 13, 30, tzinfo=timezone.utc)  # 14.30 in Copenhagen (winter)
    with web_store.transaction("test") as tx:
        tx.conn.execute(update(t.workshop_round).where(t.workshop_round.c.code == code)
                        .values(closes_at=closes))
    html = client.get(url).get_data(as_text=True)
    assert "lukker fredag den 15. januar 2027 kl. 14.30" in html
    closes = datetime(2027, 7, 2, 8, 0, tzinfo=timezone.utc)  # 10.00 in summer time
    with web_store.transaction("test") as tx:
        tx.conn.execute(update(t.workshop_round).where(t.workshop_round.c.code == code)
                        .values(closes_at=closes))
    assert "lukker fredag den 2. juli 2027 kl. 10.00" in client.get(url).get_data(as_text=True)


def test_the_join_link_uses_the_public_url(app, client, web_store):
    app.config["NYBUREAU_PUBLIC_URL"] = "https://nybureau.odder.dk"
    url, code = open_round(client, web_store)
    assert f'href="https://nybureau.odder.dk/w/{code}"' in client.get(url).get_data(as_text=True)


def test_participants_vote_and_the_tally_counts_this_rounds_votes(app, client, web_store):
    url, code = open_round(client, web_store)
    items = item_ids(web_store)
    phones = [join(app, code, role) for role in ("frontline", "frontline", "leader")]
    for n, phone in enumerate(phones):
        assert vote(phone, code, items[0], "remove" if n < 2 else "anchor", "3").status_code \
            == 303
    assert vote(phones[0], code, items[1], "change", "1").status_code == 303
    page = phones[0].get(f"/w/{code}/vote").get_data(as_text=True)
    assert page.count("Din stemme er afgivet") == 2
    data = client.get(url + "/tally.json").get_json()
    assert data["joined"] == 3 and data["voted"] == 3 and data["votes"] == 4
    first = next(e for e in data["items"] if e["id"] == items[0])
    assert first["counts"] == {"remove": 2, "anchor": 1}
    assert first["verdict_points"] == {"remove": 6, "anchor": 3}
    assert first["leading"] == "remove"
    assert first["chain"] == {"frontline": 2, "leader": 1}
    html = client.get(url).get_data(as_text=True)
    assert "frontlinjemedarbejder 2, leder 1" in html
    assert "3 deltagere har sluttet sig til, 3 har stemt" in html


def test_votes_land_as_workshop_vote_records_them(app, client, web_store):
    url, code = open_round(client, web_store)
    item = item_ids(web_store)[2]
    phone = join(app, code, "union_rep")
    assert vote(phone, code, item, "anchor", "0").status_code == 303
    with web_store.read("test") as tx:
        project = tx.project_get(SLUG)
        rnd = tx.round_by_code(code)
        (voter,) = tx.voter_list(rnd.id)
        votes = [v for v in tx.votes(project.id) if v.participant == voter.label]
        events = [e for e in tx.audit_events(project.id) if e.action == "workshop.vote"]
        assert tx.person_get(voter.label) is not None  # a participant, as every vote's
    assert re.fullmatch(r"Deltager \d+", voter.label)
    (v,) = votes
    assert (v.item_id, v.verdict, v.points, v.chain_role, v.voted_on) == \
        (item, "anchor", 0, "union_rep", rnd.voted_on)
    assert events[-1].actor == f"{voter.label} (web)"


def test_a_second_vote_on_the_same_item_is_refused(app, client, web_store):
    _url, code = open_round(client, web_store)
    item = item_ids(web_store)[0]
    phone = join(app, code)
    assert vote(phone, code, item).status_code == 303
    again = phone.post(f"/w/{code}/vote/{item}",
                       data={"csrf": csrf_of(phone.get(f"/w/{code}/vote").get_data(as_text=True)),
                             "verdict": "remove", "points": "3"})
    assert again.status_code == 409
    assert "allerede stemt" in again.get_data(as_text=True)
    with web_store.read("test") as tx:
        (voter,) = tx.voter_list(tx.round_by_code(code).id)
        votes = [v for v in tx.votes(tx.project_get(SLUG).id) if v.participant == voter.label]
    assert [(v.verdict, v.points) for v in votes] == [("change", 2)]


def test_points_above_the_rule_and_a_missing_verdict_are_refused(app, client, web_store):
    _url, code = open_round(client, web_store)
    item = item_ids(web_store)[0]
    phone = join(app, code)
    too_many = vote(phone, code, item, "change", "9")
    assert too_many.status_code == 400 and "fra 0 til 3" in too_many.get_data(as_text=True)
    none = vote(phone, code, item, "", "1")
    assert none.status_code == 400 and "Vælg, hvad der skal ske" in none.get_data(as_text=True)


def test_a_closed_round_refuses_votes_and_joins(app, client, web_store):
    url, code = open_round(client, web_store)
    phone = join(app, code)
    closed = post(client, url + "/close", page=url)
    assert closed.status_code == 303
    refused = vote(phone, code, item_ids(web_store)[0])
    assert refused.status_code == 403 and "lukket" in refused.get_data(as_text=True)
    late = https_client(app)
    page = late.get(f"/w/{code}").get_data(as_text=True)
    assert 'id="join"' not in page and "Afstemningen er lukket" in page
    assert late.post(f"/w/{code}", data={"csrf": csrf_of(
        client.get(url).get_data(as_text=True))}).status_code in (401, 403)
    with web_store.read("test") as tx:
        events = [e.action for e in tx.audit_events(tx.project_get(SLUG).id)]
    assert "workshop.round_open" in events and "workshop.round_close" in events


def test_an_expired_round_refuses_votes(app, client, web_store):
    from datetime import datetime, timedelta, timezone

    from sqlalchemy import update

    from nybureau.persistence import tables as t

    _url, code = open_round(client, web_store)
    phone = join(app, code)
    with web_store.transaction("test") as tx:
        tx.conn.execute(update(t.workshop_round).where(t.workshop_round.c.code == code)
                        .values(closes_at=datetime.now(timezone.utc) - timedelta(minutes=1)))
    refused = vote(phone, code, item_ids(web_store)[0])
    assert refused.status_code == 403


def test_a_voter_reaches_nothing_but_the_round(app, client, web_store):
    _url, code = open_round(client, web_store)
    phone = join(app, code)
    # (the meeting page /m/<id> refuses a voter too: tests/web/test_meeting.py)
    for path in ("/portfolio", f"/p/{SLUG}", f"/p/{SLUG}/workshop"):
        assert phone.get(path).status_code == 403, path
    assert phone.get("/").headers["Location"].endswith("/vote")
    assert phone.get("/vote").headers["Location"].endswith(f"/w/{code}/vote")


def test_only_a_facilitator_opens_a_round(app, web_store):
    with web_store.transaction("test") as tx:  # a reader of the project, no other role
        tx.grant_add(person_id=tx.person_get("Dorthe Aagaard Nissen").id,
                     project_id=tx.project_get(SLUG).id, role="reader")
    for name in ("Michael Bach Sørensen", "Birgitte Østergaard Nielsen",
                 "Camilla Høj Pedersen", "Dorthe Aagaard Nissen"):
        c = https_client(app)
        sign_in(c, web_store, name)
        assert c.get(f"/p/{SLUG}/workshop").status_code == 403, name
        refused = c.post(f"/p/{SLUG}/workshop/open",
                         data={"csrf": csrf_of(c.get("/portfolio").get_data(as_text=True))})
        assert refused.status_code == 403, name
    with web_store.read("test") as tx:
        assert tx.round_list(tx.project_get(SLUG).id) == []


def test_a_documentation_agent_facilitates(app, web_store):
    c = https_client(app)
    _url, code = open_round(c, web_store, "Anne-Mette Skovgaard")
    assert code


def test_a_voter_of_another_round_cannot_vote_in_this_one(app, client, web_store):
    _url, first = open_round(client, web_store)
    _url2, second = open_round(client, web_store)
    phone = join(app, first)
    assert phone.get(f"/w/{second}/vote").status_code == 403


def test_the_voting_sheet_and_register_stay_anonymous(app, client, web_store):
    """Nothing a phone sends names a person: the votes are under »Deltager N«, the role is
    kept, and the voting sheet and the tally show no participant at all."""
    from nybureau.services.substance import tally, voting_sheet

    _url, code = open_round(client, web_store)
    phone = join(app, code, "med")
    vote(phone, code, item_ids(web_store)[0])
    with web_store.read("test") as tx:
        sheet = voting_sheet(tx, SLUG)
        counted = tally(tx, SLUG)
        (voter,) = tx.voter_list(tx.round_by_code(code).id)
    assert voter.label not in repr(sheet) and "Rikke" not in repr(sheet)
    assert voter.label not in repr(counted)
    html = client.get(_url).get_data(as_text=True)
    assert voter.label not in html


def test_a_signed_in_person_who_joins_is_signed_out_on_that_device(app, client, web_store):
    from sqlalchemy import select

    from nybureau.persistence import tables as t

    _url, code = open_round(client, web_store)
    member = https_client(app)
    sign_in(member, web_store, "Birgitte Østergaard Nielsen")
    page = member.get(f"/w/{code}").get_data(as_text=True)
    assert "logges du ud" in page
    member.post(f"/w/{code}", data={"csrf": csrf_of(page)})
    assert member.get("/portfolio").status_code == 403  # now an anonymous voter
    with web_store.read("test") as tx:
        person = tx.person_get("Birgitte Østergaard Nielsen")
        (voter,) = tx.voter_list(tx.round_by_code(code).id)
        sessions = t.web_session
        stamps = {row.revoked_at for row in tx.conn.execute(
            select(sessions).where(sessions.c.person_id == person.id))}
    # nothing in the database ties the voter to the person: no revocation at the joining
    assert voter.joined_at not in stamps


def test_the_voting_page_is_made_for_a_phone(app, client, web_store):
    _url, code = open_round(client, web_store)
    phone = join(app, code)
    html = phone.get(f"/w/{code}/vote").get_data(as_text=True)
    assert html.count("<h1") == 1 and '<html lang="da">' in html
    assert 'name="viewport"' in html
    for field in re.findall(r'<(?:input|select)[^>]*id="([^"]+)"', html):
        assert f'for="{field}"' in html, field
    assert 'class="vote primary big"' in html and 'name="verdict"' in html
    english = phone.get(f"/w/{code}/vote?lang=en").get_data(as_text=True)
    assert "Vote on the governance items" in english


def test_a_full_round_refuses_more_participants(app, client, web_store, monkeypatch):
    from nybureau.services.web import rounds

    monkeypatch.setattr(rounds, "MAX_VOTERS", 2)
    _url, code = open_round(client, web_store)
    join(app, code)
    join(app, code)
    late = https_client(app)
    page = late.get(f"/w/{code}").get_data(as_text=True)
    refused = late.post(f"/w/{code}", data={"csrf": csrf_of(page)})
    assert refused.status_code == 401 and "fuld" in refused.get_data(as_text=True)


def test_the_role_cannot_change_after_the_first_vote(app, client, web_store):
    _url, code = open_round(client, web_store)
    phone = join(app, code, "leader")
    assert vote(phone, code, item_ids(web_store)[0]).status_code == 303
    assert "skift rolle" not in phone.get(f"/w/{code}/vote").get_data(as_text=True)
    refused = post(phone, f"/w/{code}/role", {"chain_role": "frontline"})
    assert refused.status_code == 400 and "allerede stemt som leder" in \
        refused.get_data(as_text=True)
    # choosing the same role again changes nothing and is fine
    assert post(phone, f"/w/{code}/role", {"chain_role": "leader"}).status_code == 303


def test_log_sentences_of_a_round(client, web_store):
    from nybureau.cli.log_sentences import SENTENCES, Words

    url, code = open_round(client, web_store, title="Workshop i Bostøtten")
    post(client, url + "/close", page=url)
    with web_store.read("test") as tx:
        events = {e.action: e for e in tx.audit_events(tx.project_get(SLUG).id)}
    opened = SENTENCES["workshop.round_open"](events["workshop.round_open"].after, None,
                                              Words("da"))
    closed = SENTENCES["workshop.round_close"](events["workshop.round_close"].after, None,
                                               Words("da"))
    assert f"koden {code}" in opened[0] and "»Workshop i Bostøtten«" in opened[0]
    assert closed[0] == f"Afstemningsrunden {code} er lukket: 0 stemmer fra 0 deltagere."


def test_a_second_round_numbers_on_and_its_voters_vote_on_the_same_items(app, client,
                                                                         web_store):
    """Every anonymous participant is a person of their own: the second round's first
    participant is not the first round's »Deltager 1«, so both can vote on the same item."""
    _url, first = open_round(client, web_store)
    item = item_ids(web_store)[0]
    assert vote(join(app, first), first, item).status_code == 303
    url2, second = open_round(client, web_store)
    assert vote(join(app, second), second, item).status_code == 303
    with web_store.read("test") as tx:
        labels = [v.label for code in (first, second)
                  for v in tx.voter_list(tx.round_by_code(code).id)]
    assert labels == ["Deltager 1", "Deltager 2"]
    data = client.get(url2 + "/tally.json").get_json()
    assert data["votes"] == 1  # this round's vote only


def test_round_codes_and_states_without_http():
    from datetime import datetime, timedelta, timezone
    from types import SimpleNamespace

    from nybureau.services.web import rounds

    assert not set("01OIL") & set(rounds.CODE_ALPHABET)
    assert rounds.normalise_code(" k7f-9qx ") == "K7F9QX"
    now = datetime(2017, 11, 14, 10, tzinfo=timezone.utc)
    later = SimpleNamespace(closed_at=None, closes_at=now + timedelta(hours=1))
    assert rounds.state(later, now) == "open"
    assert rounds.state(later, now + timedelta(hours=2)) == "expired"
    assert rounds.state(SimpleNamespace(closed_at=now, closes_at=later.closes_at), now) \
        == "closed"
