import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths } from "../../../common/domain/dates.ts";
import { todayIn } from "../../../common/domain/territory-calendar.ts";
import { access_log } from "../access-log/access-log.tables.ts";
import { people, team_members } from "../people/people.tables.ts";
import { loginAs, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";
import { loadConfig } from "../../config.ts";
import { platformJobs } from "../../jobs/handlers.ts";
import { runOnce } from "../../jobs/worker.ts";

let t: TestApp;
let w: PathwayWorld;
const today = todayIn("Europe/Paris");
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  const db = t.database.db;
  // Waiting for an orientation: overdue (opened 60 days ago), not yet due (10 days ago), no date known.
  ids.overdue = await w.person({ last_name: "Fictive-En-Retard", rsa_right_opened_on: addDays(today, -60) });
  ids.recent = await w.person({ last_name: "Fictive-Recente", rsa_right_opened_on: addDays(today, -10) });
  ids.nodate = await w.person({ last_name: "Fictive-Sans-Date" });
  // Not owed an orientation: right refused.
  ids.refused = await w.person({ last_name: "Fictive-Refus", rsa_right_opened_on: addDays(today, -60), rsa_status: "droit_refuse" });
  // Oriented 40 days ago, no contract: overdue for the contract; oriented today with a signed contract: nothing.
  ids.oriented = await w.person({ last_name: "Fictive-Orientee", rsa_right_opened_on: addDays(today, -90) });
  const decided = addDays(today, -40);
  const o = await w.coord.post(`/api/v1/people/${ids.oriented}/orientations`, { track: "sociale", structure_id: w.cd.id, reason: "Décision fictive", decided_on: decided, notified_on: decided });
  expect(o.statusCode, o.body).toBe(201);
  ids.contracted = await w.person({ last_name: "Fictive-Contrat" });
  expect((await w.coord.post(`/api/v1/people/${ids.contracted}/orientations`, { track: "sociale", structure_id: w.cd.id, reason: "Décision fictive" })).statusCode).toBe(201);
  const c = await w.alice.post(`/api/v1/people/${ids.contracted}/contracts`, { objectives: "Objectif fictif", starts_on: today, ends_on: addMonths(today, 6), signed_on: today, signature_method: "manuscrite" });
  expect(c.statusCode, c.body).toBe(201);
  // A réorientation request on the oriented person; a join request on the recent one.
  expect((await w.alice.post(`/api/v1/people/${ids.oriented}/reorientation-requests`, { reason: "Demande fictive" })).statusCode).toBe(201);
  const join = await w.bruno.post(`/api/v1/people/${ids.recent}/join-requests`, {});
  ids.join = join.json().id;
  // No référent any more on the "no date" file (a trigger keeps people.has_referent from the team).
  await db.update(team_members).set({ is_referent: false }).where(eq(team_members.person_id, ids.nodate));
  // No contact for more than 3 months: the "refused" file created 4 months ago (backdating by SQL is
  // no change the app sees: its stored deadlines are recomputed as the backfill job would), a
  // followed one, and one whose latest contact note was deleted (a deleted note is no contact).
  ids.silent = await w.person({ last_name: "Fictive-Silence", rsa_right_opened_on: addDays(today, -200) });
  ids.deletedNote = await w.person({ last_name: "Fictive-Note-Supprimee", rsa_right_opened_on: addDays(today, -200) });
  for (const id of [ids.silent, ids.deletedNote]) {
    // Oriented 120 days ago, contract signed 100 days ago: the last contact.
    const oriented = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: w.cd.id, reason: "Décision fictive", decided_on: addDays(today, -120), notified_on: addDays(today, -120) });
    expect(oriented.statusCode, oriented.body).toBe(201);
    const signed = await w.alice.post(`/api/v1/people/${id}/contracts`, { objectives: "Objectif fictif", starts_on: addDays(today, -100), ends_on: addMonths(today, 6), signed_on: addDays(today, -100), signature_method: "manuscrite" });
    expect(signed.statusCode, signed.body).toBe(201);
  }
  await db.update(people).set({ created_at: sql`now() - interval '4 months'` }).where(eq(people.id, ids.refused));
  await refreshDeadlines(db, [ids.refused]);
  const note = await w.alice.post(`/api/v1/people/${ids.deletedNote}/notes`, { body: "Appel fictif", contact_kind: "telephone", occurred_on: addDays(today, -3) });
  expect(note.statusCode, note.body).toBe(201);
  expect((await w.alice.delete(`/api/v1/notes/${note.json().id}`)).statusCode).toBeLessThan(300);
  // A person of another territory never shows.
  const far = await f.structure(db, { territory_id: w.elsewhere.id });
  const farPro = await loginAs(t.app, (await f.user(db, [{ structure_id: far.id, role: "professional" }])).email);
  expect((await farPro.post("/api/v1/people", { first_names: "Ailleurs", last_name: "Fictive-Lointaine", birth_date: "1980-01-01", territory_id: w.elsewhere.id })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

async function runJobs(): Promise<void> {
  const registry = platformJobs(loadConfig({ NODE_ENV: "test" }));
  while (await runOnce(registry, { db: t.database.db, log: { info: () => {}, error: () => {} } }));
}

const names = (q: { items: { person_id: string }[] }) => q.items.map((i) => Object.entries(ids).find(([, id]) => id === i.person_id)?.[0] ?? "?");

describe("the coordinators' queues", () => {
  it("lists each queue, most urgent first, with counts and due dates", async () => {
    const res = await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues`);
    expect(res.statusCode, res.body).toBe(200);
    const q = res.json();
    expect(q.today).toBe(today);
    expect(names(q.awaiting_orientation)).toEqual(["overdue", "recent", "nodate"]);
    expect(q.awaiting_orientation.count).toBe(3);
    expect(q.awaiting_orientation.items[0]).toMatchObject({ since: addDays(today, -60), due_on: addDays(today, -18), days_left: -18, status: "overdue" });
    expect(q.awaiting_orientation.items[1]).toMatchObject({ due_on: addDays(today, 32), status: "ok" });
    expect(q.awaiting_orientation.items[2]).toMatchObject({ since: null, due_on: null, status: null });

    expect(names(q.awaiting_contract)).toEqual(["oriented"]);
    expect(q.awaiting_contract.items[0]).toMatchObject({ since: addDays(today, -40), due_on: addMonths(addDays(today, -40), 1), status: "overdue" });
    expect(names(q.reorientation_requests)).toEqual(["oriented"]);
    expect(q.reorientation_requests.items[0].request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(names(q.join_requests)).toEqual(["recent"]);
    expect(q.join_requests.items[0].request_id).toBe(ids.join);
    expect(names(q.without_referent)).toEqual(["nodate"]);
    // "Sans contact" is exactly the lists' "no contact" filter (stored contact_due_on passed), longest
    // silence first. Product decision (issue 8): a deleted contact note is no contact, and people
    // whose RSA right was refused are not followed, so they owe no contact and never show here.
    expect(names(q.without_contact)).toEqual(["silent", "deletedNote"].sort((a, b) => (ids[a]! < ids[b]! ? -1 : 1)));
    expect(q.without_contact.items[0]).toMatchObject({ since: addDays(today, -100), due_on: addMonths(addDays(today, -100), 3), status: "overdue" });
    expect(q.without_contact).toMatchObject({ count: 2, count_is_capped: false });
    const noContact = (await w.alice.get("/api/v1/people?no_contact_3_months=true&page_size=100")).json().items.map((i: { id: string }) => i.id);
    expect(noContact).not.toContain(ids.refused);
  });

  it("follows the territory's deadline settings (once the recompute job has stored them)", async () => {
    expect((await w.coord.put(`/api/v1/territories/${w.aisne.id}/settings`, { deadlines: { contact_months: 6 } })).statusCode).toBe(200);
    await runJobs();
    const q = (await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues`)).json();
    expect(q.without_contact.count).toBe(0);
    expect((await w.coord.put(`/api/v1/territories/${w.aisne.id}/settings`, {})).statusCode).toBe(200);
    await runJobs();
    expect((await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues`)).json().without_contact.count).toBe(2);
  });

  it("pages one queue in the same order", async () => {
    const res = await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues/awaiting_orientation?page=1`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ kind: "awaiting_orientation", page: 1, page_size: 20, count: 3, count_is_capped: false });
    expect(names(res.json())).toEqual(["overdue", "recent", "nodate"]);
    expect((await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues/awaiting_orientation?page=2`)).json()).toMatchObject({ count: 3, items: [] });
    expect((await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues/awaiting_orientation?page=51`)).statusCode).toBe(400);
    expect((await w.coord.get(`/api/v1/territories/${w.aisne.id}/queues/file-inconnue`)).statusCode).toBe(404);
    expect((await w.alice.get(`/api/v1/territories/${w.aisne.id}/queues/without_contact`)).statusCode).toBe(403);
  });

  it("logs each listed person with the coordinator's relation", async () => {
    const rows = await t.database.db
      .select({ reason: access_log.reason, resource: access_log.resource })
      .from(access_log)
      .where(and(eq(access_log.person_id, ids.overdue!), eq(access_log.user_id, w.coordUser.id), eq(access_log.action, "list")));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.reason === "coordinator" && r.resource === "queue")).toBe(true);
  });

  it("gives the queues to coordinators of the territory only; counts to steering too", async () => {
    const db = t.database.db;
    const steering = await loginAs(t.app, (await f.user(db, [{ structure_id: w.cd.id, role: "steering" }])).email);
    const admin = await loginAs(t.app, (await f.user(db, [], { is_admin: true })).email);
    for (const client of [w.alice, w.coordElsewhere, steering, admin]) expect((await client.get(`/api/v1/territories/${w.aisne.id}/queues`)).statusCode).toBe(403);
    const counts = await steering.get(`/api/v1/territories/${w.aisne.id}/counts`);
    expect(counts.statusCode).toBe(200);
    expect(counts.json()).toMatchObject({ awaiting_orientation: { count: 3 }, awaiting_contract: { count: 1 }, without_referent: { count: 1 }, join_requests: { count: 1 } });
    expect(JSON.stringify(counts.json())).not.toContain(ids.overdue);
    expect((await w.coord.get(`/api/v1/territories/${w.aisne.id}/counts`)).statusCode).toBe(200);
    for (const client of [w.alice, w.coordElsewhere, admin]) expect((await client.get(`/api/v1/territories/${w.aisne.id}/counts`)).statusCode).toBe(403);
    expect((await w.coord.get(`/api/v1/territories/00000000-0000-4000-8000-000000000000/queues`)).statusCode).toBe(404);
  });

  it("searches the whole territory, beyond the files the coordinator follows", async () => {
    const res = await w.coord.get(`/api/v1/territories/${w.aisne.id}/people?q=fictive`);
    expect(res.statusCode).toBe(200);
    const found = res.json().items.map((i: { last_name: string }) => i.last_name);
    expect(found).toContain("Fictive-En-Retard");
    expect(found).not.toContain("Fictive-Lointaine");
    expect(res.json().items[0]).toMatchObject({ commune_name: "Laon" });
    expect((await w.alice.get(`/api/v1/territories/${w.aisne.id}/people?q=fictive`)).statusCode).toBe(403);
    expect((await w.coord.get(`/api/v1/territories/${w.aisne.id}/people?q=x`)).statusCode).toBe(400);
  });
});
