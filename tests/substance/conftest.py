"""Fixtures for the substance of phases 3–6: small CSV writers, a project ready for mapping, and
a fictional two-project network (Testrup and Nabolund) built through the services on a frozen
copy of the workflow, for the document golden files and the network comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
WORKFLOW = HERE / "workflow.yaml"
GOLDEN = HERE / "golden"

ITEMS_CSV = (
    "\ufeffType;Titel;Gælder for;Kilde;Oplevelse;Karakter;Belæg;Dokumentationsagent;Dato\r\n"
    "regel;Bostøtte visiteres som ugentlige timer;Bostøtten;observation;for stram;"
    "kontrollerende;Følgeskab 3.10.;Anne Agent;03-10-2017\r\n"
    "dokumentation;Kvartalsvis statusskrivelse;Myndighed;interview;for stram;tidsspilde;"
    "\"Læses sjældent; skrives altid\";Anne Agent;2017-10-05\r\n"
    "mål;Borgerens egne mål i handleplanen;Myndighed;interview;passende;meningsgivende;;;"
    "06.10.2017\r\n"
)


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


@pytest.fixture
def mapping_project(cli):
    """A project in the mapping phase with one documentation agent, 'Anne Agent'."""
    cli.ok('project create testrup --name "Testprojekt" --municipality "Testrup Kommune" '
           "--date 2017-06-01")
    cli.ok('agent add testrup "Anne Agent" --title Fagkonsulent --date 2017-09-01')
    cli.ok('advance testrup --to mapping --reason "Test: straight to the mapping" '
           "--date 2017-09-18")
    return "testrup"


def votes_csv(rows: list[tuple]) -> str:
    lines = ["participant,chain_role,item,verdict,points"]
    lines += [",".join(str(c) for c in r) for r in rows]
    return "\n".join(lines) + "\n"


def survey_csv(groups: dict[str, list[tuple[int, int, int]]], prefix: str = "R") -> str:
    """Role → answers per respondent to three questions (one per bottom line)."""
    lines = ["respondent;rolle;kvalitet: Borgerens mål styrer støtten;"
             "arbejdsmiljø: Dokumentationen giver mening;effektivitet: Samarbejdet er effektivt"]
    n = 0
    for role, answers in groups.items():
        for a in answers:
            n += 1
            lines.append(f"{prefix}{n:02d};{role};" + ";".join(str(x) for x in a))
    return "\n".join(lines) + "\n"


def build_network(store, tmp: Path) -> None:
    """Testrup (through all phases of the substance) and Nabolund (mapping and votes only)."""
    from nybureau.services import phases
    from nybureau.services.process import projects, records
    from nybureau.services.substance import evaluation, fieldnotes, governance, prototypes
    from nybureau.services.substance import focus_areas, workshop

    def tx():
        return store.transaction("tester")

    with tx() as t:
        projects.create_network(t, "testnet", "Testnetværket")
        for slug, name, town in (("testrup", "Styring der giver mening", "Testrup Kommune"),
                                 ("nabolund", "Meningsfuld dokumentation", "Nabolund Kommune")):
            projects.create_project(t, slug, name=name, municipality=town,
                                    area="Voksenhandicap", workflow=str(WORKFLOW),
                                    network="testnet", started_on="2017-06-01")
            projects.add_agent(t, slug, "Agent " + town.split()[0], "Fagkonsulent",
                               on="2017-09-01")
            phases.advance(t, slug, to="mapping", reason="Testforløb", on="2017-09-18")
    items = tmp / "items.csv"
    items.write_text(ITEMS_CSV.replace("Anne Agent", "Agent Testrup"), encoding="utf-8")
    with tx() as t:
        governance.import_items(t, "testrup", items)
        # the field work (issue 16 §4): who experiences an item so, and field notes as evidence
        governance.edit_item(t, "testrup", 1, experienced_by="frontline")
        governance.edit_item(t, "testrup", 2, experienced_by="frontline")
        fieldnotes.add_field_note(t, "testrup", source="observation", role="frontline",
                                  text="Timerne tælles hver uge; samtalen med borgeren om "
                                       "målene når de sjældent", by="Agent Testrup",
                                  items=[1], on="2017-10-03")
        fieldnotes.add_field_note(t, "testrup", source="interview", role="leader",
                                  text="Statusskrivelsen læses sjældent, men skrives altid",
                                  by="Agent Testrup", items=[2], on="2017-10-05")
        governance.add_item(t, "nabolund", kind="documentation",
                            title="Dagbogsnotat efter hver vagt", experience="too_tight",
                            character="waste_of_time", on="2017-10-11")
        governance.add_item(t, "nabolund", kind="documentation",
                            title="Pædagogiske planer", experience="fitting",
                            character="meaningful", on="2017-10-12")
        records.record_activity(t, "testrup", "network_meeting", number=1, on="2017-10-05")
        records.record_activity(t, "nabolund", "network_meeting", number=1, on="2017-10-05")
        phases.advance(t, "testrup", to="prioritisation", reason="Testforløb", on="2017-10-30")
    votes = []
    chain = [("Frida Front", "frontline"), ("Frede Front", "frontline"),
             ("Lis Leder", "leader"), ("Tove TR", "union_rep"), ("Mads MED", "med"),
             ("Fie Forvaltning", "administration")]
    for name, role in chain:
        votes.append((name, role, 1, "change", 3))
        votes.append((name, role, 2, "remove" if role != "leader" else "change", 2))
        votes.append((name, role, 3, "anchor", 1))
    (tmp / "votes.csv").write_text(votes_csv(votes), encoding="utf-8")
    nvotes = [(n, r, "Dagbogsnotat efter hver vagt", "remove", 2) for n, r in chain[:4]]
    (tmp / "nvotes.csv").write_text(votes_csv(nvotes), encoding="utf-8")
    with tx() as t:
        workshop.import_votes(t, "testrup", tmp / "votes.csv", on="2017-11-14")
        workshop.import_votes(t, "nabolund", tmp / "nvotes.csv", on="2017-11-15")
        focus_areas.add_focus_area(t, "testrup", "Rummelige bestillinger", items=[1],
                                   on="2017-11-20")
        focus_areas.add_focus_area(t, "testrup", "Færre statusskrivelser", items=[2],
                                   on="2017-11-20",
                                   reason="Frontlinjen og MED pegede begge på statusskrivelsen")
        phases.advance(t, "testrup", to="prototyping", reason="Testforløb", on="2017-11-27")
        prototypes.add_prototype(t, "testrup", "Støttebehov i stedet for timer",
                                 focus_area="Rummelige bestillinger", owner="Agent Testrup")
        prototypes.add_criterion(t, "testrup", 1, "Borgerens mål står i bestillingen",
                                 bottom_line="quality", target="9 af 10 bestillinger")
        prototypes.add_criterion(t, "testrup", 1, "Tid fra henvendelse til indsats",
                                 bottom_line="efficiency", target="under 2 uger")
        prototypes.add_criterion(t, "testrup", 1, "Medarbejderne oplever mindre dobbeltarbejde",
                                 bottom_line="work_environment")
        prototypes.set_plan(t, "testrup", 1, "Survey i januar og april 2018")
        prototypes.add_iteration(t, "testrup", 1, place="Team Nord", on="2017-12-12",
                                 learned="Borgerne fortæller mere om egne mål",
                                 changed="Fast dagsorden til opstartsmødet")
        prototypes.add_iteration(t, "testrup", 1, place="Hele bostøtten", on="2018-03-13",
                                 learned="Virker også ved revisitation")
    (tmp / "jan.csv").write_text(survey_csv({
        "Socialrådgiver": [(2, 2, 3), (3, 2, 2), (2, 3, 2), (3, 2, 3), (2, 2, 2)],
        "Leder": [(3, 3, 3), (4, 3, 3)]}), encoding="utf-8")
    (tmp / "apr.csv").write_text(survey_csv({
        "Socialrådgiver": [(4, 3, 3), (4, 4, 3), (3, 4, 4), (4, 3, 4), (3, 4, 3)],
        "Leder": [(4, 4, 4), (4, 3, 4)]}, prefix="S"), encoding="utf-8")
    with tx() as t:
        evaluation.import_survey(t, "testrup", tmp / "jan.csv", name="januar-2018",
                                 kind="baseline", on="2018-01-22")
        evaluation.import_survey(t, "testrup", tmp / "apr.csv", name="april-2018",
                                 kind="follow_up", on="2018-04-20")
        phases.advance(t, "testrup", to="evaluation", reason="Testforløb", on="2018-04-23")
        prototypes.measure_criterion(t, "testrup", 1, "7 af 10 bestillinger", met=False,
                                     on="2018-04-20")
        prototypes.measure_criterion(t, "testrup", 2, "8 dage i gennemsnit", met=True,
                                     on="2018-04-20")
        evaluation.add_note(t, "testrup", "learning_meeting", "Læringsmøde 1",
                            "Opstartsmøderne giver mening.", on="2018-01-16", prototype=1)
        evaluation.add_spreading(t, "testrup", "article", "Bostøtte uden stopur",
                                 audience="Fagbladet", on="2018-06-01", prototype=1)
    # the risk and barrier logs and Testrup's communication plan (issue 16 §6)
    from nybureau.services.substance import communication, risks

    with tx() as t:
        risks.add_risk(t, "testrup", kind="driver", chain_role="frontline",
                       what="Medarbejderne vil gerne bruge tiden sammen med borgerne",
                       on="2017-09-20")
        risks.add_risk(t, "testrup", kind="barrier", chain_role="administration",
                       what="Budgetmodellen følger timerne, ikke målet", likelihood="high",
                       effect="high", action="Økonomi deltager i arbejdsgruppen",
                       owner="Agent Testrup", on="2017-10-02")
        risks.add_risk(t, "testrup", kind="risk", chain_role="leader",
                       what="Lederne når ikke at følge op i travle perioder",
                       likelihood="medium", effect="high",
                       action="Fast punkt på ledermødet", owner="Områdelederen",
                       on="2017-12-01")
        risks.close_risk(t, "testrup", 2, note="Økonomi har lavet en ny budgetmodel.",
                         on="2018-03-01")
        risks.add_risk(t, "nabolund", kind="barrier", chain_role="med",
                       what="MED-udvalget mødes kun fire gange om året", on="2017-10-12")
        communication.add_stakeholder(
            t, "testrup", "Medarbejdere i bostøtten", interest="high", influence="medium",
            needs="Hvad prototypen betyder for hverdagen", channel="Personalemøder",
            timing="Efter hvert styregruppemøde", responsible="Teamlederne", on="2017-09-20")
        communication.add_stakeholder(
            t, "testrup", "Hoved-MED", interest="medium", influence="high",
            needs="Status og beslutningsoplæg", channel="Møder i Hoved-MED",
            timing="Kvartalsvis", responsible="Projektlederen", on="2017-09-20")
        communication.add_stakeholder(
            t, "testrup", "Andre kommuner", interest="medium", influence="low",
            needs="Erfaringer og værktøjer", channel="Netværksmøder og nyhedsbrev",
            timing="Ved projektets afslutning", responsible="Agent Testrup", on="2017-09-20")


@pytest.fixture(scope="module")
def network_store(tmp_path_factory):
    from nybureau.persistence.store import Store

    tmp = tmp_path_factory.mktemp("substance")
    store = Store("sqlite:///" + str(tmp / "substance.db"))
    store.init()
    build_network(store, tmp)
    yield store
    store.dispose()
