// The due dates stored on the person's row (the lists' "overdue" and "no contact" filters) equal the
// ones the pure rules compute live (the pathway route), after every kind of change that moves them.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, todayIso } from "../../../common/domain/dates.ts";
import { loadConfig } from "../../config.ts";
import { platformJobs } from "../../jobs/handlers.ts";
import { runOnce } from "../../jobs/worker.ts";
import { testApp, type Client, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { BACKFILL_JOB, runBackfill } from "./stored-deadlines.ts";

let t: TestApp;
let w: PathwayWorld;
const today = todayIso();

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});

afterAll(async () => {
  await t?.close();
});

interface Due {
  legal_due_on: string | null;
  contact_due_on: string | null;
}

interface Row extends Due {
  pending_step: string | null;
  deadline_dates: unknown;
}

async function storedRow(id: string): Promise<Row> {
  const result = (await t.database.db.execute(
    sql`select legal_due_on::text as legal_due_on, contact_due_on::text as contact_due_on, pending_step, deadline_dates from people where id = ${id}`,
  )) as unknown as { rows: Row[] };
  const row = result.rows[0]!;
  return { ...row, deadline_dates: typeof row.deadline_dates === "string" ? JSON.parse(row.deadline_dates) : row.deadline_dates };
}

async function stored(id: string): Promise<Due> {
  const { legal_due_on, contact_due_on } = await storedRow(id);
  return { legal_due_on, contact_due_on };
}

interface Live {
  kind: string;
  started_on: string;
  due_on: string;
  done_on: string | null;
  status: string;
}

const dates = (x: Live | null) => (x ? { started_on: x.started_on, due_on: x.due_on, done_on: x.done_on } : null);

/** What the pure rules compute now, read through the pathway route, and what the list shows. */
async function computed(id: string, reader: Client): Promise<Row> {
  const res = await reader.get(`/api/v1/people/${id}/pathway`);
  expect(res.statusCode, res.body).toBe(200);
  const p = res.json();
  const d = p.deadlines as { orientation: Live | null; contract: Live | null; contact: Live | null };
  const pending = [d.orientation, d.contract].filter((x): x is Live => x !== null && x.status !== "done").map((x) => x.due_on).sort();
  const owedOrientation = p.current_orientation === null && !["droit_refuse", "droit_clos", "droit_clos_mois_anterieur"].includes(rsaStatus.get(id) ?? "");
  return {
    legal_due_on: pending[0] ?? null,
    contact_due_on: d.contact?.due_on ?? null,
    pending_step: owedOrientation ? "orientation" : d.contract && d.contract.status !== "done" ? "contract" : null,
    deadline_dates: { orientation: dates(d.orientation), contract: dates(d.contract), contact: dates(d.contact) },
  };
}

/** The RSA status last written by the test (what the pathway does not show). */
const rsaStatus = new Map<string, string>();

/** Stored = computed (due dates, pending step, each deadline's dates), and returns the due dates. */
async function check(id: string, reader: Client = w.coord): Promise<Due> {
  const s = await storedRow(id);
  expect(s).toEqual(await computed(id, reader));
  // Every seat of the team carries the same due dates (the "my people" counts read them there).
  const seats = (await t.database.db.execute(
    sql`select legal_due_on::text as legal_due_on, contact_due_on::text as contact_due_on from team_members where person_id = ${id} and left_at is null`,
  )) as unknown as { rows: Due[] };
  expect(seats.rows.length).toBeGreaterThan(0);
  for (const seat of seats.rows) expect(seat).toEqual({ legal_due_on: s.legal_due_on, contact_due_on: s.contact_due_on });
  return { legal_due_on: s.legal_due_on, contact_due_on: s.contact_due_on };
}

async function runJobs(): Promise<void> {
  const registry = platformJobs(loadConfig({ NODE_ENV: "test" }));
  while (await runOnce(registry, { db: t.database.db, log: { info: () => {}, error: () => {} } }));
}

describe("stored due dates", () => {
  it("equal the computed ones after every kind of change", async () => {
    // File created: the RSA right opened 10 days ago → orientation due in 32 days; no contact yet.
    const id = await w.person({ rsa_right_opened_on: addDays(today, -10), rsa_status: "droit_ouvert_versable" });
    rsaStatus.set(id, "droit_ouvert_versable");
    expect((await storedRow(id)).pending_step).toBe("orientation");
    expect(await check(id)).toEqual({ legal_due_on: addDays(today, 32), contact_due_on: addMonths(today, 3) });

    // The RSA right's opening date changes.
    expect((await w.alice.patch(`/api/v1/people/${id}`, { rsa_right_opened_on: addDays(today, -50) })).statusCode).toBe(200);
    expect((await check(id)).legal_due_on).toBe(addDays(today, -8));

    // The right closes: no orientation owed; it reopens: owed again.
    expect((await w.alice.patch(`/api/v1/people/${id}`, { rsa_status: "droit_clos" })).statusCode).toBe(200);
    rsaStatus.set(id, "droit_clos");
    expect((await check(id)).legal_due_on).toBeNull();
    expect((await storedRow(id)).pending_step).toBeNull();
    // A refused right: not followed, no contact owed either (the "no contact" filter and queue skip them).
    expect((await w.alice.patch(`/api/v1/people/${id}`, { rsa_status: "droit_refuse" })).statusCode).toBe(200);
    rsaStatus.set(id, "droit_refuse");
    expect(await check(id)).toEqual({ legal_due_on: null, contact_due_on: null });
    expect((await w.alice.patch(`/api/v1/people/${id}`, { rsa_status: "droit_ouvert_versable" })).statusCode).toBe(200);
    rsaStatus.set(id, "droit_ouvert_versable");
    expect((await check(id)).legal_due_on).toBe(addDays(today, -8));

    // Orientation decided and notified: the orientation is done, the contract is due a month after the notification.
    const decided = await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "professionnelle", structure_id: w.cd.id, decided_on: addDays(today, -40), notified_on: addDays(today, -38), reason: "Projet clair" });
    expect(decided.statusCode, decided.body).toBe(201);
    expect((await check(id)).legal_due_on).toBe(addMonths(addDays(today, -38), 1));
    expect((await storedRow(id)).pending_step).toBe("contract");

    // A draft contract is no signature; signing it completes the contract and is a contact.
    const draft = await w.alice.post(`/api/v1/people/${id}/contracts`, { objectives: "Objectif fictif", starts_on: addDays(today, -30), ends_on: addDays(today, 150) });
    expect(draft.statusCode, draft.body).toBe(201);
    expect((await check(id)).legal_due_on).toBe(addMonths(addDays(today, -38), 1));
    const signed = await w.alice.post(`/api/v1/contracts/${draft.json().id}/sign`, { base_version: draft.json().version, signed_on: addDays(today, -30), signature_method: "manuscrite" });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(await check(id)).toEqual({ legal_due_on: null, contact_due_on: addMonths(addDays(today, -30), 3) });
    expect((await storedRow(id)).pending_step).toBeNull();

    // A contact note moves the contact deadline; an author-only one does not (the others cannot see it).
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Appel fictif", contact_kind: "telephone", occurred_on: addDays(today, -5) })).statusCode).toBe(201);
    expect((await check(id)).contact_due_on).toBe(addMonths(addDays(today, -5), 3));
    expect((await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Aide-mémoire fictif", contact_kind: "entretien", visibility: "author" })).statusCode).toBe(201);
    expect((await check(id)).contact_due_on).toBe(addMonths(addDays(today, -5), 3));
    // A deleted contact note is no contact: the deadline goes back to the previous contact.
    const later = await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Visite fictive", contact_kind: "entretien", occurred_on: addDays(today, -2) });
    expect(later.statusCode, later.body).toBe(201);
    expect((await check(id)).contact_due_on).toBe(addMonths(addDays(today, -2), 3));
    expect((await w.alice.delete(`/api/v1/notes/${later.json().id}`)).statusCode).toBeLessThan(300);
    expect((await check(id)).contact_due_on).toBe(addMonths(addDays(today, -5), 3));

    // A réorientation is a new orientation: the contract's month restarts from its notification.
    const request = await w.alice.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "Santé fictive" });
    expect(request.statusCode, request.body).toBe(201);
    const accepted = await w.coord.post(`/api/v1/reorientation-requests/${request.json().id}/decision`, {
      decision: "accept",
      reason: "D'accord",
      orientation: { track: "socio-professionnelle", structure_id: w.cd.id, reason: "Santé à prendre en compte" },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await check(id)).legal_due_on).toBe(addMonths(today, 1));

    // The territory's settings change: a durable job recomputes its people.
    const put = await w.coord.request({ method: "PUT", url: `/api/v1/territories/${w.aisne.id}/settings`, payload: { deadlines: { contact_months: 6 } } });
    expect(put.statusCode, put.body).toBe(200);
    expect((await stored(id)).contact_due_on).toBe(addMonths(addDays(today, -5), 3));
    await runJobs();
    expect(await check(id)).toEqual({ legal_due_on: addMonths(today, 1), contact_due_on: addMonths(addDays(today, -5), 6) });

    // The person moves to a territory with other settings.
    const elsewhere = await w.coordElsewhere.request({ method: "PUT", url: `/api/v1/territories/${w.elsewhere.id}/settings`, payload: { deadlines: { contact_months: 1 } } });
    expect(elsewhere.statusCode, elsewhere.body).toBe(200);
    expect((await w.coord.patch(`/api/v1/people/${id}`, { territory_id: w.elsewhere.id })).statusCode).toBe(200);
    expect(await check(id, w.coordElsewhere)).toEqual({ legal_due_on: addMonths(today, 1), contact_due_on: addMonths(addDays(today, -5), 1) });
  });

  it("are computed by the backfill job for rows written without them", async () => {
    const id = await w.person({ rsa_right_opened_on: addDays(today, -1), rsa_status: "droit_ouvert_versable" });
    rsaStatus.set(id, "droit_ouvert_versable");
    await t.database.db.execute(sql`update people set legal_due_on = null, contact_due_on = null, pending_step = null, deadline_dates = null where id = ${id}`);
    expect(await stored(id)).toEqual({ legal_due_on: null, contact_due_on: null });
    expect(platformJobs(loadConfig({ NODE_ENV: "test" })).recurring.map((r) => r.name)).toContain(BACKFILL_JOB);
    await runBackfill({}, { db: t.database.db, log: { info: () => {}, error: () => {} } });
    // (the Aisne now counts 6 months without contact, since the test above)
    expect(await check(id)).toEqual({ legal_due_on: addDays(today, 41), contact_due_on: addMonths(today, 6) });
  });
});
