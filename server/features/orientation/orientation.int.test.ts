import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIso } from "../../../common/domain/dates.ts";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { notifications } from "../pathway/notifications.tables.ts";
import { orientations, reorientation_requests } from "./orientation.tables.ts";

let t: TestApp;
let w: PathwayWorld;
const today = todayIso();

/** A diagnostic that recommends the social track: three strong difficulties. */
const heavy = {
  base_version: 0,
  thematics: { logement: { weight: "fort" }, sante: { weight: "fort" }, "situation-financiere": { weight: "fort" } },
  professional: { work_situation: "sans_activite", last_job_end_date: "2015-01-01", qualification_level: "infra-3", wish: "lever_difficultes" },
};

async function brunoMembership(): Promise<string> {
  return w.brunoUser.memberships[0]!.id;
}

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});

afterAll(async () => {
  await t?.close();
});

describe("the recommendation", () => {
  it("computes a track and its reasons from the diagnostic and the file", async () => {
    const id = await w.person({ rsa_right_opened_on: addDays(today, -10), rsa_status: "droit_ouvert_versable", situation_flags: ["rqth"] });
    const empty = (await w.alice.get(`/api/v1/people/${id}/orientation/recommendation`)).json();
    // A single sign (RQTH) before any diagnostic is no ground for a track: the rule says so.
    expect(empty).toMatchObject({ diagnostic_version: 0, track: null, sufficient: false });
    expect(empty.reasons[0]).toMatch(/^Pas assez d'éléments pour recommander une orientation/);
    expect(empty.missing).toContain("Aucune thématique n'a encore été abordée dans le diagnostic.");
    await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: heavy });
    const res = await w.alice.get(`/api/v1/people/${id}/orientation/recommendation`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ track: "sociale", diagnostic_version: 1 });
    expect(r.reasons).toContain("3 difficultés pèsent fortement sur le retour à l'emploi : Logement, Situation financière, Santé (+12).");
    expect(r.reasons).toContain("Situation de handicap reconnue (RQTH) : Cap emploi peut être l'organisme référent (+1).");
    expect(r.reasons.at(-1)).toMatch(/orientation sociale recommandée/);
    expect((await w.coord.get(`/api/v1/people/${id}/orientation/recommendation`)).statusCode).toBe(200);
    expect((await w.outsider.get(`/api/v1/people/${id}/orientation/recommendation`)).statusCode).toBe(404);
  });

  it("follows the territory's thresholds, which only its coordinators may change", async () => {
    const id = await w.person();
    await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: heavy });
    expect((await w.alice.get(`/api/v1/territories/${w.aisne.id}/settings`)).json()).toMatchObject({ settings: {}, effective: { orientation_rule: { socio_professional_max_score: 6 } }, can_update: false });
    const denied = await w.alice.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { orientation_rule: { socio_professional_max_score: 40 } } });
    expect(denied.statusCode).toBe(403);
    expect((await w.outsider.get(`/api/v1/territories/${w.aisne.id}/settings`)).statusCode).toBe(404);
    const bad = await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { orientation_rule: { professional_max_score: 10, socio_professional_max_score: 5 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("orientation_rule.socio_professional_max_score");
    const unknown = await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { orientation_rule: { colour: 1 } } });
    expect(unknown.statusCode).toBe(400);
    const ok = await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { orientation_rule: { socio_professional_max_score: 40 } } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await w.alice.get(`/api/v1/people/${id}/orientation/recommendation`)).json().track).toBe("socio-professionnelle");
    await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: {} });
    expect((await w.alice.get(`/api/v1/people/${id}/orientation/recommendation`)).json().track).toBe("sociale");
  });
});

describe("deciding the orientation", () => {
  let id: string;
  beforeAll(async () => {
    id = await w.person({ rsa_right_opened_on: addDays(today, -50), rsa_status: "droit_ouvert_versable" });
    await w.alice.request({ method: "PUT", url: `/api/v1/people/${id}/diagnostic`, payload: heavy });
  });

  it("is refused to a professional of the team (403) and to people outside (404), writing nothing", async () => {
    const before = await w.rows(orientations);
    const body = { track: "sociale", structure_id: w.cd.id };
    const pathway = (await w.alice.get(`/api/v1/people/${id}/pathway`)).json();
    expect(pathway.permissions).toMatchObject({ update: true, decide_orientation: false, request_reorientation: true });
    expect((await w.alice.post(`/api/v1/people/${id}/orientations`, body)).statusCode).toBe(403);
    expect((await w.outsider.post(`/api/v1/people/${id}/orientations`, body)).statusCode).toBe(404);
    expect((await w.coordElsewhere.post(`/api/v1/people/${id}/orientations`, body)).statusCode).toBe(404);
    expect(await w.rows(orientations)).toBe(before);
  });

  it("asks the coordinator for a reason when the decision differs from the recommendation, and checks the référent", async () => {
    const before = await w.rows(orientations);
    const noReason = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "socio-professionnelle", structure_id: w.ml.id });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0]).toMatchObject({ field: "reason", code: "reason_required" });
    const wrongReferent = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: w.cd.id, referent_membership_id: await brunoMembership() });
    expect(wrongReferent.statusCode).toBe(400);
    expect(wrongReferent.json().errors[0].field).toBe("referent_membership_id");
    const unknownStructure = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: "00000000-0000-4000-8000-000000000000" });
    expect(unknownStructure.statusCode).toBe(400);
    const badTrack = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "emploi", structure_id: w.cd.id });
    expect(badTrack.statusCode).toBe(400);
    const badDates = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: w.cd.id, decided_on: today, notified_on: addDays(today, -1) });
    expect(badDates.statusCode).toBe(400);
    expect(badDates.json().errors[0].field).toBe("notified_on");
    expect(await w.rows(orientations)).toBe(before);
  });

  it("records the coordinator's decision, makes the chosen référent join the team and lead it", async () => {
    const options = (await w.coord.get(`/api/v1/people/${id}/orientation/options`)).json();
    const ml = options.structures.find((s: { id: string }) => s.id === w.ml.id);
    expect(ml).toMatchObject({ may_decide: true, referents: [expect.objectContaining({ membership_id: await brunoMembership(), name: "Bruno Fictif" })] });
    const res = await w.coord.post(`/api/v1/people/${id}/orientations`, {
      track: "socio-professionnelle",
      structure_id: w.ml.id,
      referent_membership_id: await brunoMembership(),
      reason: "La personne souhaite reprendre une formation rapidement",
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      track: "socio-professionnelle",
      recommended_track: "sociale",
      differs_from_recommendation: true,
      structure: { id: w.ml.id },
      referent: { name: "Bruno Fictif" },
      decided_on: today,
      notified_on: today,
      decided_by: { name: "Claude Coordination" },
      is_reorientation: false,
    });
    const team = (await w.alice.get(`/api/v1/people/${id}/team`)).json();
    expect(team.members.find((m: { is_referent: boolean }) => m.is_referent).user.name).toBe("Bruno Fictif");
    const pathway = (await w.bruno.get(`/api/v1/people/${id}/pathway`)).json();
    expect(pathway.deadlines.orientation).toMatchObject({ status: "done", late: true });
    expect(pathway.deadlines.contract).toMatchObject({ status: "ok", started_on: today });
    expect(pathway.current_orientation.id).toBe(res.json().id);
    const timeline = (await w.alice.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items.map((e: { summary: string }) => e.summary)).toContain(
      `Orientation socio-professionnelle (accompagnement global) décidée — organisme référent : ${w.ml.name}, référent·e : Bruno Fictif (différente de la recommandation : sociale (remobilisation))`,
    );
    const notices = (await w.alice.get("/api/v1/notifications")).json();
    const person = (await w.alice.get(`/api/v1/people/${id}`)).json();
    // The notification names the person and says what happened.
    expect(notices.items[0]).toMatchObject({ type: "referent_replaced", person_id: id, message: expect.stringContaining(`${person.first_names} ${person.last_name} — Orientation décidée : Bruno Fictif`) });
  });

  it("lets structures decide for themselves only when the territory allows it, and only for their own structure", async () => {
    const other = await w.person();
    expect((await w.alice.post(`/api/v1/people/${other}/orientations`, { track: "professionnelle", structure_id: w.cd.id })).statusCode).toBe(403);
    await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { structures_may_decide_orientation: true } });
    try {
      const before = await w.rows(orientations);
      const elsewhere = await w.alice.post(`/api/v1/people/${other}/orientations`, { track: "professionnelle", structure_id: w.ml.id });
      expect(elsewhere.statusCode).toBe(403);
      expect(await w.rows(orientations)).toBe(before);
        const own = await w.alice.post(`/api/v1/people/${other}/orientations`, { track: "professionnelle", structure_id: w.cd.id, reason: "Projet professionnel clair" });
      expect(own.statusCode, own.body).toBe(201);
    } finally {
      await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: {} });
    }
  });
});

describe("a decision without a recommendation", () => {
  it("needs its reason, and is recorded as made without one", async () => {
    const id = await w.person();
    const refused = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: w.cd.id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: "reason", code: "reason_required" });
    const decided = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: w.cd.id, reason: "Situation connue du service social" });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({ recommended_track: null, differs_from_recommendation: false });
  });
});

describe("réorientation", () => {
  let id: string;
  let firstNotified: string;
  beforeAll(async () => {
    id = await w.person();
    await w.addBruno(id);
    const decided = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "professionnelle", structure_id: w.cd.id, decided_on: addDays(today, -40), notified_on: addDays(today, -38), reason: "Projet clair" });
    expect(decided.statusCode, decided.body).toBe(201);
    firstNotified = addDays(today, -38);
    const contract = await w.alice.post(`/api/v1/people/${id}/contracts`, { objectives: "Objectif fictif", starts_on: addDays(today, -30), ends_on: addDays(today, 150), signed_on: addDays(today, -30), signature_method: "manuscrite" });
    expect(contract.statusCode, contract.body).toBe(201);
  });

  it("is requested by the référent only, with a reason; one at a time", async () => {
    const before = await w.rows(reorientation_requests);
    expect((await w.bruno.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "Freins de santé" })).statusCode).toBe(403);
    expect((await w.alice.post(`/api/v1/people/${id}/reorientation-requests`, {})).statusCode).toBe(400);
    expect((await w.outsider.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "x" })).statusCode).toBe(404);
    expect(await w.rows(reorientation_requests)).toBe(before);
    const res = await w.alice.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "Des difficultés de santé sont apparues", proposed_track: "socio-professionnelle", proposed_structure_id: w.ml.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: "pending", proposed_structure: { id: w.ml.id }, requested_by: { name: "Alice Fictive" } });
    expect((await w.alice.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "Encore" })).statusCode).toBe(409);
    expect((await w.coord.get("/api/v1/notifications")).json().items.some((n: { type: string }) => n.type === "reorientation_requested")).toBe(true);
    const pathway = (await w.alice.get(`/api/v1/people/${id}/pathway`)).json();
    expect(pathway.pending_reorientation.id).toBe(res.json().id);
    expect(pathway.deadlines.contract).toMatchObject({ status: "done", started_on: firstNotified });
  });

  it("cannot be decided by a professional, nor accepted without the new orientation, nor refused without a reason", async () => {
    const [pending] = (await w.alice.get(`/api/v1/people/${id}/reorientation-requests`)).json().items;
    const before = await w.rows(orientations);
    expect((await w.alice.post(`/api/v1/reorientation-requests/${pending.id}/decision`, { decision: "refuse", reason: "Non" })).statusCode).toBe(403);
    expect((await w.outsider.post(`/api/v1/reorientation-requests/${pending.id}/decision`, { decision: "refuse", reason: "Non" })).statusCode).toBe(404);
    const noOrientation = await w.coord.post(`/api/v1/reorientation-requests/${pending.id}/decision`, { decision: "accept" });
    expect(noOrientation.statusCode).toBe(400);
    expect(noOrientation.json().errors[0].field).toBe("orientation");
    const noReason = await w.coord.post(`/api/v1/reorientation-requests/${pending.id}/decision`, { decision: "refuse" });
    expect(noReason.json().errors[0].field).toBe("reason");
    const badReferent = await w.coord.post(`/api/v1/reorientation-requests/${pending.id}/decision`, {
      decision: "accept",
      orientation: { track: "socio-professionnelle", structure_id: w.ml.id, referent_membership_id: w.aliceUser.memberships[0]!.id, reason: "Santé" },
    });
    expect(badReferent.statusCode).toBe(400);
    expect(badReferent.json().errors[0].field).toBe("orientation.referent_membership_id");
    expect(await w.rows(orientations)).toBe(before);
    expect((await w.alice.get(`/api/v1/people/${id}/reorientation-requests`)).json().items[0].status).toBe("pending");
  });

  it("once accepted, makes a new orientation, changes the référent, tells the former one, and restarts the contract's month", async () => {
    const [pending] = (await w.alice.get(`/api/v1/people/${id}/reorientation-requests`)).json().items;
    const res = await w.coord.post(`/api/v1/reorientation-requests/${pending.id}/decision`, {
      decision: "accept",
      reason: "D'accord avec la demande",
      orientation: { track: "socio-professionnelle", structure_id: w.ml.id, referent_membership_id: await brunoMembership(), reason: "Santé à prendre en compte" },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "accepted", decided_by: { name: "Claude Coordination" }, orientation_id: expect.any(String) });
    const list = (await w.bruno.get(`/api/v1/people/${id}/orientations`)).json();
    expect(list.items).toHaveLength(2);
    expect(list.current).toMatchObject({ track: "socio-professionnelle", is_reorientation: true, referent: { name: "Bruno Fictif" } });
    const team = (await w.bruno.get(`/api/v1/people/${id}/team`)).json();
    expect(team.members.filter((m: { is_referent: boolean }) => m.is_referent).map((m: { user: { name: string } }) => m.user.name)).toEqual(["Bruno Fictif"]);
    expect(team.members.map((m: { user: { name: string } }) => m.user.name)).toContain("Alice Fictive");
    const notices = (await w.alice.get("/api/v1/notifications")).json();
    expect(notices.items.map((n: { type: string }) => n.type)).toEqual(expect.arrayContaining(["referent_replaced", "reorientation_accepted"]));
    const pathway = (await w.bruno.get(`/api/v1/people/${id}/pathway`)).json();
    expect(pathway.deadlines.contract).toMatchObject({ status: "ok", started_on: today, done_on: null });
    expect(pathway.pending_reorientation).toBeNull();
    expect((await w.coord.post(`/api/v1/reorientation-requests/${pending.id}/decision`, { decision: "refuse", reason: "Trop tard" })).statusCode).toBe(409);
    const timeline = (await w.bruno.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["reorientation_requested", "reorientation_decided", "referent_changed"]));
  });

  it("can be refused with a reason, which the requester is told", async () => {
    const request = await w.bruno.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "Retour vers l'emploi direct" });
    expect(request.statusCode, request.body).toBe(201);
    const before = await w.rows(notifications);
    const res = await w.coord.post(`/api/v1/reorientation-requests/${request.json().id}/decision`, { decision: "refuse", reason: "Attendre la fin de la formation" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "refused", decision_reason: "Attendre la fin de la formation", orientation_id: null });
    expect(await w.rows(notifications)).toBe(before + 1);
    const mine = (await w.bruno.get("/api/v1/notifications")).json();
    expect(mine.items[0]).toMatchObject({ type: "reorientation_refused", read_at: null, message: expect.stringContaining("Attendre la fin de la formation") });
    expect((await w.alice.post(`/api/v1/notifications/${mine.items[0].id}/read`)).statusCode).toBe(404);
    expect((await w.bruno.post(`/api/v1/notifications/${mine.items[0].id}/read`)).statusCode).toBe(204);
    expect((await w.bruno.get("/api/v1/notifications")).json().unread).toBe(mine.unread - 1);
  });
});

describe("states after a réorientation without a named référent", () => {
  it("the former référent steps down when another structure is chosen: header, orientation and team agree, and they are told", async () => {
    const id = await w.person();
    const first = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "professionnelle", structure_id: w.cd.id, referent_membership_id: w.aliceUser.memberships[0]!.id, reason: "Projet clair" });
    expect(first.statusCode, first.body).toBe(201);
    const request = await w.alice.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "La Mission locale suivra mieux ce projet", proposed_structure_id: w.ml.id });
    expect(request.statusCode, request.body).toBe(201);
    const person = (await w.alice.get(`/api/v1/people/${id}`)).json();
    const name = `${person.first_names} ${person.last_name}`;
    const asked = (await w.coord.get("/api/v1/notifications")).json().items.find((n: { person_id: string; type: string }) => n.person_id === id && n.type === "reorientation_requested");
    expect(asked.message).toContain(name);

    const res = await w.coord.post(`/api/v1/reorientation-requests/${request.json().id}/decision`, {
      decision: "accept",
      orientation: { track: "socio-professionnelle", structure_id: w.ml.id, reason: "Accord" },
    });
    expect(res.statusCode, res.body).toBe(200);
    const orientations = (await w.alice.get(`/api/v1/people/${id}/orientations`)).json();
    expect(orientations.current).toMatchObject({ structure: { id: w.ml.id }, referent: null });
    const file = (await w.alice.get(`/api/v1/people/${id}`)).json();
    expect(file.referent).toBeNull();
    const team = (await w.alice.get(`/api/v1/people/${id}/team`)).json();
    expect(team.members.filter((m: { is_referent: boolean }) => m.is_referent)).toHaveLength(0);
    expect(team.members.map((m: { user: { name: string } }) => m.user.name)).toContain("Alice Fictive");
    const notices = (await w.alice.get("/api/v1/notifications")).json().items.filter((n: { person_id: string }) => n.person_id === id);
    expect(notices.map((n: { message: string }) => n.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^${name} — Réorientation décidée vers ${w.ml.name}.*Vous n'êtes plus référent`)), expect.stringContaining(`${name} — votre demande de réorientation a été acceptée`)]),
    );
    const timeline = (await w.alice.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items.map((e: { summary: string }) => e.summary)).toContain(`Alice Fictive n'est plus référent·e unique : ${w.ml.name} désignera la ou le prochain·e`);
  });

  it("the référent stays, and the orientation names them, when the same structure is chosen", async () => {
    const id = await w.person();
    const alice = w.aliceUser.memberships[0]!.id;
    expect((await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "professionnelle", structure_id: w.cd.id, referent_membership_id: alice, reason: "Projet clair" })).statusCode).toBe(201);
    const again = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "socio-professionnelle", structure_id: w.cd.id, reason: "Santé" });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().referent).toMatchObject({ membership_id: alice, name: "Alice Fictive" });
    expect((await w.alice.get(`/api/v1/people/${id}`)).json().referent).toMatchObject({ name: "Alice Fictive" });
  });
});
