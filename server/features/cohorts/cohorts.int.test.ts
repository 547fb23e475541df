// Cohorts (issue 11): criteria evaluation, the preview, members in and out, outcomes per month, and
// who sees what. Fictional people only.
import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths } from "../../../common/domain/dates.ts";
import { todayIn } from "../../../common/domain/territory-calendar.ts";
import { access_log } from "../access-log/access-log.tables.ts";
import { actions, objectives } from "../action-plan/action-plan.tables.ts";
import { diagnostic_versions } from "../diagnostic/diagnostic.tables.ts";
import { people, person_events } from "../people/people.tables.ts";
import { getCommune } from "../territories/geography.ts";
import { loginAs, testApp, type Client, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { cohort_members } from "./cohorts.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let steering: Client;
let admin: Client;
let structureAdmin: Client;
const today = todayIn("Europe/Paris");
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  const db = t.database.db;
  steering = await loginAs(t.app, (await f.user(db, [{ structure_id: w.cd.id, role: "steering" }])).email);
  admin = await loginAs(t.app, (await f.user(db, [{ structure_id: w.cd.id, role: "coordinator" }], { is_admin: true })).email);
  structureAdmin = await loginAs(t.app, (await f.user(db, [{ structure_id: w.cd.id, role: "structure_admin" }])).email);
  const p = (name: string, values: Record<string, unknown> = {}) => w.person({ last_name: `Cohorte-${name}`, ...values }).then((id) => (ids[name] = id));
  // Ages around 18 and 25 on the territory's today.
  await p("just18", { birth_date: addMonths(today, -18 * 12) });
  await p("almost18", { birth_date: addDays(addMonths(today, -18 * 12), 1) });
  await p("still25", { birth_date: addDays(addMonths(today, -26 * 12), 1) });
  await p("just26", { birth_date: addMonths(today, -26 * 12) });
  // RSA, flags, places, right opening.
  await p("rsa", { birth_date: "1980-05-05", rsa_status: "droit_ouvert_versable", rsa_right_opened_on: "2025-03-01" });
  await p("rsaSuspended", { birth_date: "1980-05-05", rsa_status: "droit_ouvert_suspendu", rsa_right_opened_on: "2025-03-31" });
  await p("rsaClosed", { birth_date: "1980-05-05", rsa_status: "droit_clos", rsa_right_opened_on: "2025-04-01" });
  await p("parent", { birth_date: "1985-01-01", situation_flags: ["parent_isole"], address: { commune_code: "02722" } });
  await p("rqth", { birth_date: "1985-01-01", situation_flags: ["rqth"], address: { commune_code: "02691" } });
  await p("leftAction", { birth_date: "1985-01-01" });
  await p("actionGoingOn", { birth_date: "1985-01-01" });
  // Actions: one ended with nothing next; one ended with another planned.
  for (const [who, statuses] of [
    ["leftAction", ["done", "abandoned"]],
    ["actionGoingOn", ["done", "planned"]],
  ] as const) {
    const [objective] = await db.insert(objectives).values({ person_id: ids[who]!, thematic: "emploi", title: "Objectif fictif", created_by_user_id: w.aliceUser.id }).returning();
    for (const status of statuses) await db.insert(actions).values({ person_id: ids[who]!, objective_id: objective!.id, title: "Action fictive", status, created_by_user_id: w.aliceUser.id });
  }
  // A person of another territory, never matched.
  const far = await f.structure(db, { territory_id: w.elsewhere.id });
  const farPro = await loginAs(t.app, (await f.user(db, [{ structure_id: far.id, role: "professional" }])).email);
  const res = await farPro.post("/api/v1/people", { first_names: "Ailleurs", last_name: "Cohorte-far", birth_date: addMonths(today, -20 * 12), territory_id: w.elsewhere.id, situation_flags: ["parent_isole"] });
  ids.far = res.json().id;
});
afterAll(async () => t?.close());

const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? "?";

async function createCohort(client: Client, criteria: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await client.post("/api/v1/cohorts", { territory_id: w.aisne.id, name: `Cohorte fictive ${Math.random().toString(36).slice(2, 8)}`, criteria, starts_on: addMonths(today, -2), ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; members_count: number; permissions: Record<string, boolean> };
}

async function matches(criteria: Record<string, unknown>): Promise<string[]> {
  const c = await createCohort(w.coord, criteria);
  const res = await w.coord.post(`/api/v1/cohorts/${c.id}/preview`, {});
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json() as { count: number; items: { person_id: string }[] };
  expect(body.count).toBe(body.items.length);
  return body.items.map((i) => nameOf(i.person_id)).sort();
}

describe("criteria evaluation", () => {
  it("ages: the day of the 18th birthday is in, the day before is not; 25 until the eve of the 26th birthday", async () => {
    expect(await matches({ age_min: 18, age_max: 25 })).toEqual(["just18", "still25"]);
    expect(await matches({ age_max: 17 })).toEqual(["almost18"]);
    expect(await matches({ age_min: 26, age_max: 26 })).toEqual(["just26"]);
  });
  it("RSA beneficiary: an open right (payable or suspended), and its opposite", async () => {
    expect(await matches({ rsa_beneficiary: true })).toEqual(["rsa", "rsaSuspended"]);
    expect(await matches({ rsa_beneficiary: false, age_min: 40 })).toEqual(["actionGoingOn", "leftAction", "parent", "rqth", "rsaClosed"]);
  });
  it("RSA right opened between two dates, both ends included", async () => {
    expect(await matches({ rsa_right_opened_from: "2025-03-01", rsa_right_opened_to: "2025-03-31" })).toEqual(["rsa", "rsaSuspended"]);
    expect(await matches({ rsa_right_opened_from: "2025-03-02" })).toEqual(["rsaClosed", "rsaSuspended"]);
  });
  it("single parent, RQTH", async () => {
    expect(await matches({ single_parent: true })).toEqual(["parent"]);
    expect(await matches({ rqth: true })).toEqual(["rqth"]);
    expect(await matches({ single_parent: true, rqth: true })).toEqual([]);
  });
  it("left an insertion action without a next step: an ended action and none planned or in progress", async () => {
    expect(await matches({ left_action_without_solution: true })).toEqual(["leftAction"]);
  });
  it("communes and EPCI", async () => {
    expect(await matches({ commune_codes: ["02722", "02691"] })).toEqual(["parent", "rqth"]);
    const epci = getCommune("02722")!.epci!;
    expect(await matches({ epci_codes: [epci] })).toEqual(["parent"]);
    const named = await createCohort(w.coord, { commune_codes: ["02722"], epci_codes: [epci] });
    expect((named as unknown as { places: unknown[] }).places).toEqual([
      { kind: "commune", code: "02722", name: "Soissons" },
      { kind: "epci", code: epci, name: expect.stringMatching(/Soissons/) },
    ]);
    const bad = await w.coord.post("/api/v1/cohorts", { territory_id: w.aisne.id, name: "Mauvaise", criteria: { epci_codes: ["999999999"] }, starts_on: today });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("criteria.epci_codes.0");
  });
  it("refuses inconsistent criteria at the edge, naming the field", async () => {
    const res = await w.coord.post("/api/v1/cohorts", { territory_id: w.aisne.id, name: "Incohérente", criteria: { age_min: 30, age_max: 20 }, starts_on: today });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain("criteria.age_max");
    const unknown = await w.coord.post("/api/v1/cohorts", { territory_id: w.aisne.id, name: "Inconnue", criteria: { pays: "FR" }, starts_on: today });
    expect(unknown.statusCode).toBe(400);
  });
});

describe("preview and members", () => {
  it("the preview excludes members; adding from the preview, then removing with an exit reason", async () => {
    const c = await createCohort(w.coord, { single_parent: true }, { name: "Parents isolés — Laon (test)" });
    const before = await w.coord.post(`/api/v1/cohorts/${c.id}/preview`, {});
    expect(before.json().items.map((i: { person_id: string }) => nameOf(i.person_id))).toEqual(["parent"]);
    // Each listed person is logged with the coordinator relation.
    const logged = await t.database.db.select({ reason: access_log.reason, action: access_log.action }).from(access_log).where(and(eq(access_log.person_id, ids.parent!), eq(access_log.resource, "cohort")));
    expect(logged).toContainEqual({ reason: "coordinator", action: "list" });
    const add = await w.coord.post(`/api/v1/cohorts/${c.id}/members`, { person_ids: [ids.parent], how: "criteria" });
    expect(add.statusCode, add.body).toBe(201);
    expect((await w.coord.post(`/api/v1/cohorts/${c.id}/preview`, {})).json()).toMatchObject({ count: 0, items: [] });
    expect((await w.coord.get(`/api/v1/cohorts/${c.id}`)).json().members_count).toBe(1);
    // Already a member: 409 naming the person, nothing added.
    const again = await w.coord.post(`/api/v1/cohorts/${c.id}/members`, { person_ids: [ids.parent] });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain(ids.parent);
    // Members list.
    const members = await w.coord.get(`/api/v1/cohorts/${c.id}/members`);
    expect(members.json()).toMatchObject({ total: 1, items: [{ person_id: ids.parent, added_how: "criteria", joined_on: today, left_on: null }] });
    // Out, with a reason ("autre" needs a comment).
    const noComment = await w.coord.request({ method: "DELETE", url: `/api/v1/cohorts/${c.id}/members`, payload: { person_ids: [ids.parent], exit_reason: "autre" } });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors[0].field).toBe("exit_comment");
    const out = await w.coord.request({ method: "DELETE", url: `/api/v1/cohorts/${c.id}/members`, payload: { person_ids: [ids.parent], exit_reason: "emploi", exit_comment: "CDI fictif" } });
    expect(out.statusCode, out.body).toBe(200);
    const left = await w.coord.get(`/api/v1/cohorts/${c.id}/members?status=left`);
    expect(left.json().items[0]).toMatchObject({ person_id: ids.parent, left_on: today, exit_reason: "emploi", exit_comment: "CDI fictif" });
    expect((await w.coord.get(`/api/v1/cohorts/${c.id}/members`)).json().total).toBe(0);
    // Back in the preview once out; the timeline tells both moves.
    expect((await w.coord.post(`/api/v1/cohorts/${c.id}/preview`, {})).json().count).toBe(1);
    const events = await t.database.db.select({ type: person_events.type }).from(person_events).where(eq(person_events.person_id, ids.parent!));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["cohort_joined", "cohort_left"]));
    // Removing someone who is not a member: 400 naming them.
    const notMember = await w.coord.request({ method: "DELETE", url: `/api/v1/cohorts/${c.id}/members`, payload: { person_ids: [ids.rqth], exit_reason: "emploi" } });
    expect(notMember.statusCode).toBe(400);
    expect(notMember.json().errors[0]).toMatchObject({ field: "person_ids.0" });
  });

  it("refuses a person of another territory, naming them, and adds nobody (one transaction)", async () => {
    const c = await createCohort(w.coord, {});
    const rows = async () => (await t.database.db.select({ n: count() }).from(cohort_members).where(eq(cohort_members.cohort_id, c.id)))[0]!.n;
    const res = await w.coord.post(`/api/v1/cohorts/${c.id}/members`, { person_ids: [ids.rsa, ids.far] });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "person_ids.1", message: expect.stringContaining(ids.far!) })]);
    expect(await rows()).toBe(0);
    // From the preview, someone who does not match is refused too.
    const c2 = await createCohort(w.coord, { rqth: true });
    const wrong = await w.coord.post(`/api/v1/cohorts/${c2.id}/members`, { person_ids: [ids.rqth, ids.rsa], how: "criteria" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe("person_ids.1");
  });

  it("adds every matching person at once, and pages members by keyset", async () => {
    const c = await createCohort(w.coord, { age_min: 40 });
    const all = await w.coord.post(`/api/v1/cohorts/${c.id}/members`, { all_matching: true });
    expect(all.statusCode, all.body).toBe(201);
    expect(all.json().added).toBe(7);
    const first = (await w.coord.get(`/api/v1/cohorts/${c.id}/members?page_size=3`)).json();
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(3);
    const seen = [...first.items.map((i: { person_id: string }) => i.person_id)];
    let after = first.next_after;
    while (after) {
      const page = (await w.coord.get(`/api/v1/cohorts/${c.id}/members?page_size=3&after=${after}`)).json();
      seen.push(...page.items.map((i: { person_id: string }) => i.person_id));
      after = page.next_after;
    }
    expect(new Set(seen).size).toBe(7);
    expect(seen.map(nameOf)).toEqual([...seen.map(nameOf)].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
  });

  it("a team member adds their person from the file (logged); cohorts of another territory are refused", async () => {
    const c = await createCohort(w.coord, {});
    const file = await w.alice.get(`/api/v1/people/${ids.rqth}/cohorts`);
    expect(file.statusCode).toBe(200);
    expect(file.json().permissions.add).toBe(true);
    expect(file.json().available.map((a: { id: string }) => a.id)).toContain(c.id);
    const before = (await t.database.db.select({ n: count() }).from(access_log).where(eq(access_log.person_id, ids.rqth!)))[0]!.n;
    const res = await w.alice.post(`/api/v1/people/${ids.rqth}/cohorts`, { cohort_id: c.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().items.map((i: { cohort_id: string }) => i.cohort_id)).toContain(c.id);
    const after = (await t.database.db.select({ n: count() }).from(access_log).where(eq(access_log.person_id, ids.rqth!)))[0]!.n;
    expect(after - before).toBe(1);
    expect((await w.coord.get(`/api/v1/cohorts/${c.id}/members`)).json().items[0]).toMatchObject({ person_id: ids.rqth, added_how: "hand" });
    // A cohort of another territory.
    const farCohort = await admin.post("/api/v1/cohorts", { territory_id: w.elsewhere.id, name: "Ailleurs", criteria: {}, starts_on: today });
    expect(farCohort.statusCode).toBe(201);
    const refused = await w.alice.post(`/api/v1/people/${ids.rqth}/cohorts`, { cohort_id: farCohort.json().id });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe("cohort_id");
    // Not in the team: the file is not found.
    expect((await w.outsider.post(`/api/v1/people/${ids.rqth}/cohorts`, { cohort_id: c.id })).statusCode).toBe(404);
  });
});

describe("who sees what", () => {
  it("steering sees cohorts and outcome counts only; the platform admin edits but sees no person; outsiders get 404", async () => {
    const c = await createCohort(w.coord, {});
    expect((await w.coord.post(`/api/v1/cohorts/${c.id}/members`, { person_ids: [ids.rsa] })).statusCode).toBe(201);
    // Steering.
    const seen = await steering.get(`/api/v1/cohorts/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ members_count: 1, permissions: { update: false, preview: false, read_members: false, read_outcomes: true } });
    expect((await steering.get(`/api/v1/cohorts/${c.id}/outcomes`)).statusCode).toBe(200);
    expect((await steering.get(`/api/v1/cohorts/${c.id}/members`)).statusCode).toBe(403);
    expect((await steering.post(`/api/v1/cohorts/${c.id}/preview`, {})).statusCode).toBe(403);
    expect((await steering.patch(`/api/v1/cohorts/${c.id}`, { name: "Renommée" })).statusCode).toBe(403);
    expect((await steering.get("/api/v1/cohorts")).json().items.map((i: { id: string }) => i.id)).toContain(c.id);
    // Platform admin.
    expect((await admin.patch(`/api/v1/cohorts/${c.id}`, { name: "Renommée par l'administration" })).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/cohorts/${c.id}/outcomes`)).statusCode).toBe(200);
    expect((await admin.get(`/api/v1/cohorts/${c.id}/members`)).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/cohorts/${c.id}/preview`, {})).statusCode).toBe(403);
    expect((await admin.post(`/api/v1/cohorts/${c.id}/members`, { person_ids: [ids.rqth] })).statusCode).toBe(403);
    // Outsiders: professionals (even of the territory), structure admins, coordinators elsewhere.
    for (const client of [w.alice, w.outsider, w.coordElsewhere, structureAdmin]) {
      expect((await client.get(`/api/v1/cohorts/${c.id}`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/cohorts/${c.id}/outcomes`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/cohorts/${c.id}/members`)).statusCode).toBe(404);
      expect((await client.get("/api/v1/cohorts")).json().items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    }
    expect((await w.alice.post("/api/v1/cohorts", { territory_id: w.aisne.id, name: "Pas permise", criteria: {}, starts_on: today })).statusCode).toBe(403);
    // The navigation's "Cohortes", computed by the policy.
    for (const [client, expected] of [
      [w.coord, true],
      [steering, true],
      [admin, true],
      [w.alice, false],
      [structureAdmin, false],
    ] as const) {
      expect((await client.get("/api/v1/me")).json().permissions.read_cohorts).toBe(expected);
    }
  });

  it("each person a members list shows, adds or takes out is one access-log row with the coordinator relation", async () => {
    const c = await createCohort(w.coord, {});
    const rows = async (action: string) =>
      (await t.database.db.select({ reason: access_log.reason }).from(access_log).where(and(eq(access_log.person_id, ids.rqth!), eq(access_log.resource, "cohort"), eq(access_log.action, action as "list"))))
        .map((r) => r.reason);
    const updatesBefore = (await rows("update")).length;
    expect((await w.coord.post(`/api/v1/cohorts/${c.id}/members`, { person_ids: [ids.rqth, ids.rsa] })).statusCode).toBe(201);
    expect((await rows("update")).length).toBe(updatesBefore + 1);
    const listsBefore = (await rows("list")).length;
    expect((await w.coord.get(`/api/v1/cohorts/${c.id}/members`)).statusCode).toBe(200);
    const lists = await rows("list");
    expect(lists.length).toBe(listsBefore + 1);
    expect(lists.at(-1)).toBe("coordinator");
    const out = await w.coord.request({ method: "DELETE", url: `/api/v1/cohorts/${c.id}/members`, payload: { person_ids: [ids.rqth], exit_reason: "erreur_ajout" } });
    expect(out.statusCode).toBe(200);
    expect((await rows("update")).length).toBe(updatesBefore + 2);
    // Steering reading the outcomes logs nobody.
    const all = (await t.database.db.select({ n: count() }).from(access_log))[0]!.n;
    expect((await steering.get(`/api/v1/cohorts/${c.id}/outcomes`)).statusCode).toBe(200);
    expect((await steering.get(`/api/v1/cohorts/${c.id}`)).statusCode).toBe(200);
    expect((await t.database.db.select({ n: count() }).from(access_log))[0]!.n).toBe(all);
  });
});

describe("outcomes per month", () => {
  it("counts members, entries, exits, orientation, contract, employment or training and lost from view as of each month's end", async () => {
    const w2 = await pathwayWorld(t);
    const db = t.database.db;
    const m0 = `${today.slice(0, 7)}-01`;
    const m1 = addMonths(m0, -1);
    const m2 = addMonths(m0, -2);
    const a = await w2.person({ last_name: "Issue-A" });
    const b = await w2.person({ last_name: "Issue-B" });
    const c = await w2.person({ last_name: "Issue-C" });
    await db
      .update(people)
      .set({ created_at: sql`now() - interval '6 months'` })
      .where(sql`${people.id} in (${sql.join([a, b, c].map((x) => sql`${x}::uuid`), sql`, `)})`);
    // A: a contact on m2's first day, oriented on m1's first day, in employment since m1 (diagnostic), a contract signed today.
    expect((await w2.alice.post(`/api/v1/people/${a}/notes`, { body: "Entretien fictif", visibility: "team", contact_kind: "entretien", occurred_on: m2 })).statusCode).toBe(201);
    expect((await w2.coord.post(`/api/v1/people/${a}/orientations`, { track: "sociale", structure_id: w2.cd.id, reason: "Décision fictive", decided_on: m1, notified_on: m1 })).statusCode).toBe(201);
    const diag = await w2.alice.put(`/api/v1/people/${a}/diagnostic`, { base_version: 0, professional: { work_situation: "en_emploi" } });
    expect(diag.statusCode, diag.body).toBe(200);
    await db.update(diagnostic_versions).set({ created_at: new Date(`${addDays(m1, 1)}T12:00:00Z`) }).where(eq(diagnostic_versions.person_id, a));
    const contract = await w2.alice.post(`/api/v1/people/${a}/contracts`, { objectives: "Objectif fictif", starts_on: today, ends_on: addMonths(today, 6), signed_on: today, signature_method: "manuscrite" });
    expect(contract.statusCode, contract.body).toBe(201);
    const cohort = await w2.coord.post("/api/v1/cohorts", { territory_id: w2.aisne.id, name: "Cohorte des issues", criteria: {}, starts_on: m2 });
    const id = cohort.json().id;
    expect((await w2.coord.post(`/api/v1/cohorts/${id}/members`, { person_ids: [a, b, c], joined_on: m2 })).statusCode).toBe(201);
    // B leaves during m1.
    const out = await w2.coord.request({ method: "DELETE", url: `/api/v1/cohorts/${id}/members`, payload: { person_ids: [b], exit_reason: "demenagement", left_on: addDays(m1, 3) } });
    expect(out.statusCode, out.body).toBe(200);
    const res = await w2.coord.get(`/api/v1/cohorts/${id}/outcomes`);
    expect(res.statusCode, res.body).toBe(200);
    const months = res.json().months as Record<string, unknown>[];
    expect(months.map((m) => m.month)).toEqual([m2.slice(0, 7), m1.slice(0, 7), m0.slice(0, 7)]);
    expect(months[0]).toMatchObject({ as_of: addDays(m1, -1), members: 3, joined: 3, left: 0, orientation_done: 0, contract_signed: 0, employment_or_training: 0, lost_from_view: 2 });
    expect(months[1]).toMatchObject({ as_of: addDays(m0, -1), members: 2, joined: 0, left: 1, orientation_done: 1, contract_signed: 0, employment_or_training: 1, lost_from_view: 1 });
    expect(months[2]).toMatchObject({ as_of: today, members: 2, joined: 0, left: 0, orientation_done: 1, contract_signed: 1, employment_or_training: 1, lost_from_view: 1 });
    // The member list logs each person it shows; the outcomes log nobody.
    const logsBefore = (await db.select({ n: count() }).from(access_log).where(eq(access_log.person_id, c)))[0]!.n;
    await w2.coord.get(`/api/v1/cohorts/${id}/outcomes`);
    expect((await db.select({ n: count() }).from(access_log).where(eq(access_log.person_id, c)))[0]!.n).toBe(logsBefore);
  });
});
