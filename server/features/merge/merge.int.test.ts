// Merging two files (issue 9): everything moves — counted table by table —, the tombstone is hidden
// and answers the kept file's id, different NIRs are refused and write nothing, only coordinators of
// the territory merge.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { notifications } from "../pathway/notifications.tables.ts";
import { people, team_members } from "../people/people.tables.ts";
import { cohort_members, cohorts } from "../cohorts/cohorts.tables.ts";
import { countParts, PERSON_PARTS, tablesReferencingPeople } from "./merge.repository.ts";

let t: TestApp;
let w: PathwayWorld;

function fictionalNir(body13: string): string {
  return body13 + String(97 - Number(BigInt(body13) % 97n)).padStart(2, "0");
}

async function ok(res: { statusCode: number; body: string; json: () => unknown }, status = 200): Promise<Record<string, unknown>> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as Record<string, unknown>;
}

/** A file with something in every part: diagnostic, orientation, réorientation request, contract, plan, note, team, request, notification. */
async function fullFile(values: Record<string, unknown>, options: { reorientation?: boolean; joinRequest?: boolean; bruno?: boolean } = {}): Promise<string> {
  const id = await w.person(values);
  await ok(await w.alice.put(`/api/v1/people/${id}/diagnostic`, { base_version: 0, thematics: { logement: { weight: "fort", situation: "Situation fictive" } } }));
  await ok(await w.alice.put(`/api/v1/people/${id}/diagnostic`, { base_version: 1, thematics: { mobilite: { weight: "moyen", situation: `Mobilité fictive de ${id.slice(0, 4)}` } } }));
  await ok(await w.coord.post(`/api/v1/people/${id}/orientations`, { track: "sociale", structure_id: w.cd.id, reason: "Décision fictive" }), 201);
  if (options.reorientation) await ok(await w.alice.post(`/api/v1/people/${id}/reorientation-requests`, { reason: "Demande fictive" }), 201);
  const contract = (await ok(await w.alice.post(`/api/v1/people/${id}/contracts`, { objectives: "Objectif fictif", starts_on: "2026-02-02", ends_on: "2026-08-01" }), 201)) as { id: string };
  await ok(await w.alice.patch(`/api/v1/contracts/${contract.id}`, { base_version: 1, objectives: "Objectif fictif corrigé" }));
  const objective = (await ok(await w.alice.post(`/api/v1/people/${id}/objectives`, { thematic: "mobilite", title: "Objectif fictif" }), 201)) as { id: string };
  await ok(await w.alice.post(`/api/v1/objectives/${objective.id}/actions`, { title: "Action fictive" }), 201);
  const note = (await ok(await w.alice.post(`/api/v1/people/${id}/notes`, { body: "Note fictive.", visibility: "team" }), 201)) as { id: string };
  await ok(await w.alice.patch(`/api/v1/notes/${note.id}`, { body: "Note fictive corrigée." }));
  if (options.bruno) await w.addBruno(id);
  if (options.joinRequest) await ok(await w.bruno.post(`/api/v1/people/${id}/join-requests`, {}), 201);
  await t.database.db.insert(notifications).values({ user_id: w.aliceUser.id, person_id: id, type: "test", message: "Notification fictive" });
  return id;
}

/** The counts with the gate's one access-log row of a refused (409) attempt on the kept file. */
function withAttempt<T extends Map<string, Record<string, number>>>(counts: T, keptId: string): T {
  const copy = new Map([...counts].map(([k, v]) => [k, { ...v }]));
  copy.get(keptId)!.access_log! += 1;
  return copy as T;
}

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
});
afterAll(async () => t?.close());

describe("merging two files", () => {
  it("covers every table that references a person", async () => {
    expect(await tablesReferencingPeople(t.database.db)).toEqual([...PERSON_PARTS].filter((p) => p !== "contract_versions" && p !== "note_versions").sort());
  });

  it("previews side by side, merges, and nothing is lost (row by row)", async () => {
    const keep = await fullFile({ first_names: "Fatou", last_name: "Fusion-Exemple", birth_date: "1987-11-19", caf_number: "FUSION01" }, { bruno: true });
    const dup = await fullFile(
      { first_names: "Fatou", last_name: "Fusion-Exemle", birth_date: "1987-11-20", nir: fictionalNir("2871102408123"), phone: "0611111111", confirm_not_duplicate: true },
      { reorientation: true, joinRequest: true },
    );
    const preview = (await ok(await w.coord.get(`/api/v1/people/${keep}/merge-preview?merged_id=${dup}`))) as {
      kept: { id: string; counts: Record<string, number> };
      merged: { id: string; counts: Record<string, number>; nir_masked: string | null };
      conflicts: { field: string; blocking: boolean }[];
      can_merge: boolean;
    };
    expect(preview.can_merge).toBe(true);
    expect(preview.merged.nir_masked).not.toBeNull();
    expect(preview.conflicts.map((c) => c.field)).toEqual(expect.arrayContaining(["last_name", "birth_date"]));
    for (const part of ["diagnostic_versions", "orientations", "contracts", "contract_versions", "objectives", "actions", "notes", "note_versions", "team_members", "join_requests", "notifications", "person_events", "access_log"]) {
      expect(preview.merged.counts[part], part).toBeGreaterThan(0);
    }
    expect(preview.merged.counts.reorientation_requests).toBe(1);

    const keptCurrent = (await ok(await w.alice.get(`/api/v1/people/${keep}/diagnostic`))) as { content: unknown };
    const before = await countParts(t.database.db, [keep, dup]);
    const refused = await w.coord.post(`/api/v1/people/${keep}/merge`, { merged_id: dup });
    expect(refused.statusCode).toBe(400);
    const merged = (await ok(await w.coord.post(`/api/v1/people/${keep}/merge`, { merged_id: dup, confirm: true }))) as { moved: Record<string, number> };
    expect(merged.moved).toEqual(before.get(dup));
    const after = await countParts(t.database.db, [keep, dup]);
    for (const part of PERSON_PARTS) {
      const b = before.get(keep)![part] + before.get(dup)![part];
      // The merge event on each file; the gate's access-log row of the merge on the kept file.
      const added = part === "person_events" ? 1 : part === "access_log" ? 1 : 0;
      expect(after.get(keep)![part], part).toBe(b + added);
      expect(after.get(dup)![part], part).toBe(part === "person_events" ? 1 : 0);
    }

    // One référent (the kept file's), no seat twice; Bruno's pending request cancelled (he has a seat).
    const team = await t.database.db.select().from(team_members).where(and(eq(team_members.person_id, keep), isNull(team_members.left_at)));
    expect(team.filter((m) => m.is_referent).map((m) => m.user_id)).toEqual([w.aliceUser.id]);
    expect(new Set(team.map((m) => m.membership_id)).size).toBe(team.length);
    const requests = (await ok(await w.coord.get(`/api/v1/join-requests`))) as { items: { person_id: string; status: string }[] };
    expect(requests.items.filter((r) => r.person_id === keep && r.status === "pending")).toEqual([]);

    // The kept file's diagnostic stays current; the merged file's versions come first in its history.
    const current = (await ok(await w.alice.get(`/api/v1/people/${keep}/diagnostic`))) as { content: unknown; version: number };
    expect(current.content).toEqual(keptCurrent.content);
    expect(current.version).toBe(4);
    // The kept file's empty fields taken from the merged one; its own kept.
    const person = (await ok(await w.alice.get(`/api/v1/people/${keep}`))) as { nir_masked: string | null; phone: string | null; last_name: string; caf_number: string };
    expect(person).toMatchObject({ phone: "0611111111", last_name: "Fusion-Exemple", caf_number: "FUSION01" });
    expect(person.nir_masked).not.toBeNull();

    // Both timelines tell it.
    const keptTimeline = (await ok(await w.alice.get(`/api/v1/people/${keep}/timeline`))) as { items: { type: string; summary: string }[] };
    expect(keptTimeline.items[0]).toMatchObject({ type: "person_merged" });
    const [tomb] = await t.database.db.select().from(people).where(eq(people.id, dup));
    expect(tomb).toMatchObject({ merged_into: keep, caf_number: null, nir_hash: null });

    // The merged file answers the kept file's id to those who may read it, 404 to the others.
    const gone = await w.alice.get(`/api/v1/people/${dup}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ type: "urn:spie:problem:merged", code: "merged", merged_into: keep });
    expect((await w.coord.get(`/api/v1/people/${dup}/timeline`)).json()).toMatchObject({ merged_into: keep });
    expect((await w.outsider.get(`/api/v1/people/${dup}`)).statusCode).toBe(404);

    // Hidden from lists, searches and duplicate checks.
    const mine = (await ok(await w.alice.get(`/api/v1/people?q=${encodeURIComponent("fatou fusion")}&page_size=50`))) as { items: { id: string }[] };
    expect(mine.items.map((i) => i.id)).toEqual([keep]);
    const search = await w.coord.get(`/api/v1/territories/${w.aisne.id}/people?q=fusion`);
    expect(search.body).not.toContain(dup);
    const again = await w.bruno.post("/api/v1/people", { first_names: "Fatou", last_name: "Fusion-Exemle", birth_date: "1987-11-20", territory_id: w.aisne.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().candidates.map((c: { person_id: string }) => c.person_id)).toEqual([keep]);
    // Merging the tombstone again is a conflict.
    expect((await w.coord.post(`/api/v1/people/${keep}/merge`, { merged_id: dup, confirm: true })).statusCode).toBe(409);
  });

  it("refuses files with different NIRs, and writes nothing", async () => {
    const a = await w.person({ first_names: "Nir", last_name: "Différent-Fictif", birth_date: "1970-01-01", nir: fictionalNir("1700102408001") });
    const b = await w.person({ first_names: "Nir", last_name: "Différent-Fictif", birth_date: "1970-01-01", nir: fictionalNir("1700102408002"), confirm_not_duplicate: true });
    const preview = (await ok(await w.coord.get(`/api/v1/people/${a}/merge-preview?merged_id=${b}`))) as { can_merge: boolean; conflicts: { field: string; blocking: boolean }[] };
    expect(preview.can_merge).toBe(false);
    expect(preview.conflicts).toContainEqual(expect.objectContaining({ field: "nir", blocking: true }));
    const before = await countParts(t.database.db, [a, b]);
    const rowsBefore = await t.database.db.select().from(people).where(eq(people.id, b));
    const res = await w.coord.post(`/api/v1/people/${a}/merge`, { merged_id: b, confirm: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toContain("NIR");
    // Nothing moved nor written; the gate logs the attempt on the kept file (a 409 is an access).
    expect(await countParts(t.database.db, [a, b])).toEqual(withAttempt(before, a));
    expect(await t.database.db.select().from(people).where(eq(people.id, b))).toEqual(rowsBefore);
  });

  it("refuses two pending réorientation requests, a file with itself", async () => {
    const a = await fullFile({ first_names: "Deux", last_name: "Demandes-Fictives", birth_date: "1971-01-01" }, { reorientation: true });
    const b = await fullFile({ first_names: "Deux", last_name: "Demandes-Fictives", birth_date: "1971-01-01", confirm_not_duplicate: true }, { reorientation: true });
    const before = await countParts(t.database.db, [a, b]);
    expect((await w.coord.post(`/api/v1/people/${a}/merge`, { merged_id: b, confirm: true })).statusCode).toBe(409);
    expect(await countParts(t.database.db, [a, b])).toEqual(withAttempt(before, a));
    const self = await w.coord.post(`/api/v1/people/${a}/merge`, { merged_id: a, confirm: true });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0].field).toBe("merged_id");
  });

  it("merges once when two coordinators confirm at the same time; the kept file without référent takes the merged one's", async () => {
    const a = await w.person({ first_names: "Même", last_name: "Instant-Fictif", birth_date: "1973-03-03" });
    const b = await w.person({ first_names: "Même", last_name: "Instant-Fictif", birth_date: "1973-03-03", confirm_not_duplicate: true });
    await t.database.db.update(team_members).set({ left_at: new Date(), is_referent: false }).where(eq(team_members.person_id, a));
    const responses = await Promise.all([0, 1].map(() => w.coord.post(`/api/v1/people/${a}/merge`, { merged_id: b, confirm: true })));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const team = await t.database.db.select().from(team_members).where(and(eq(team_members.person_id, a), isNull(team_members.left_at)));
    expect(team.map((m) => [m.user_id, m.is_referent])).toEqual([[w.aliceUser.id, true]]);
  });

  it("keeps one current stay per cohort: the merged file's stay in a cohort the kept file is in ends, the others move", async () => {
    const a = await w.person({ first_names: "Cohorte", last_name: "Double-Fictive", birth_date: "1974-04-04" });
    const b = await w.person({ first_names: "Cohorte", last_name: "Double-Fictive", birth_date: "1974-04-04", confirm_not_duplicate: true });
    const db = t.database.db;
    const [both, onlyB] = await db.insert(cohorts).values([0, 1].map((i) => ({ territory_id: w.aisne.id, name: `Cohorte fictive ${i} ${a.slice(0, 6)}`, criteria: {}, starts_on: "2026-01-01" }))).returning({ id: cohorts.id });
    await db.insert(cohort_members).values([
      { cohort_id: both!.id, person_id: a, joined_on: "2026-01-05", added_how: "hand" },
      { cohort_id: both!.id, person_id: b, joined_on: "2026-02-05", added_how: "hand" },
      { cohort_id: onlyB!.id, person_id: b, joined_on: "2026-02-05", added_how: "hand" },
    ]);
    await ok(await w.coord.post(`/api/v1/people/${a}/merge`, { merged_id: b, confirm: true }));
    const stays = await db.select().from(cohort_members).where(eq(cohort_members.person_id, a));
    expect(stays).toHaveLength(3);
    expect(stays.filter((s) => s.cohort_id === both!.id && s.left_on === null).map((s) => s.joined_on)).toEqual(["2026-01-05"]);
    expect(stays.filter((s) => s.cohort_id === both!.id && s.left_on !== null).map((s) => s.exit_reason)).toEqual(["erreur_ajout"]);
    expect(stays.filter((s) => s.cohort_id === onlyB!.id && s.left_on === null)).toHaveLength(1);
  });

  it("is for coordinators of the territory of both files only", async () => {
    const a = await w.person({ first_names: "Droit", last_name: "Fusion-Fictive", birth_date: "1972-02-02" });
    const b = await w.person({ first_names: "Droit", last_name: "Fusion-Fictive", birth_date: "1972-02-02", confirm_not_duplicate: true });
    const body = { merged_id: b, confirm: true };
    expect((await w.alice.post(`/api/v1/people/${a}/merge`, body)).statusCode).toBe(403);
    expect((await w.alice.get(`/api/v1/people/${a}/merge-preview?merged_id=${b}`)).statusCode).toBe(403);
    expect((await w.outsider.post(`/api/v1/people/${a}/merge`, body)).statusCode).toBe(404);
    expect((await w.coordElsewhere.post(`/api/v1/people/${a}/merge`, body)).statusCode).toBe(404);
    // A file of another territory: the coordinator may not know it.
    const far = await w.coordElsewhere.get("/api/v1/me");
    expect(far.statusCode).toBe(200);
    const moved = await w.coord.patch(`/api/v1/people/${b}`, { territory_id: w.elsewhere.id });
    expect(moved.statusCode).toBe(200);
    expect((await w.coord.post(`/api/v1/people/${a}/merge`, body)).statusCode).toBe(404);
    const [row] = await t.database.db.select({ merged_into: people.merged_into }).from(people).where(eq(people.id, b));
    expect(row!.merged_into).toBeNull();
    // The coordinator's permission is sent to the client.
    expect(((await ok(await w.coord.get(`/api/v1/people/${a}`))) as { permissions: { merge: boolean } }).permissions.merge).toBe(true);
    expect(((await ok(await w.alice.get(`/api/v1/people/${a}`))) as { permissions: { merge: boolean } }).permissions.merge).toBe(false);
  });
});
