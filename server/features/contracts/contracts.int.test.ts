import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIso } from "../../../common/domain/dates.ts";
import { testApp, type TestApp } from "../../test/app.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { contract_versions, contracts } from "./contracts.tables.ts";

let t: TestApp;
let w: PathwayWorld;
let id: string;
const today = todayIso();
const base = { starts_on: today, ends_on: addDays(today, 180), objectives: "Retrouver un emploi dans le soin", person_commitments: "Venir aux rendez-vous", structure_commitments: "Financer le permis" };

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  id = await w.person();
  await w.addBruno(id);
});

afterAll(async () => {
  await t?.close();
});

async function draft(values: Record<string, unknown> = {}) {
  const res = await w.alice.post(`/api/v1/people/${id}/contracts`, { ...base, ...values });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

async function signed() {
  const c = await draft();
  const res = await w.alice.post(`/api/v1/contracts/${c.id}/sign`, { base_version: c.version, signed_on: today, signature_method: "manuscrite" });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; version: number };
}

const types = async () => ((await w.alice.get(`/api/v1/people/${id}/timeline`)).json().items as { type: string; summary: string }[]).map((e) => e.type);

describe("contracts", () => {
  it("rejects an empty contract, one ending before it starts, a reduced target without reason, a half-told signature, and writes nothing", async () => {
    const before = [await w.rows(contracts), await w.rows(contract_versions)];
    const cases: [unknown, string][] = [
      [{ starts_on: today, ends_on: addDays(today, 180) }, "objectives"],
      [{ starts_on: today, ends_on: addDays(today, 180), objectives: "  ", person_commitments: "", structure_commitments: null }, "objectives"],
      [{ ...base, ends_on: addDays(today, -1) }, "ends_on"],
      [{ ...base, weekly_hours: 8 }, "weekly_hours_reason"],
      [{ ...base, weekly_hours: 40, weekly_hours_reason: "x" }, "weekly_hours"],
      [{ ...base, signed_on: today }, "signature_method"],
      [{ ...base, signature_method: "electronique" }, "signed_on"],
      [{ ...base, type: "cdi" }, "type"],
      [{ ...base, signed_on: addDays(today, 3), signature_method: "manuscrite" }, "signed_on"],
      [{ ...base, colour: "blue" }, "colour"],
    ];
    for (const [payload, field] of cases) {
      const res = await w.alice.post(`/api/v1/people/${id}/contracts`, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors.map((e: { field: string }) => e.field), JSON.stringify(payload)).toContain(field);
    }
    expect(await w.rows(contracts)).toBe(before[0]);
    expect(await w.rows(contract_versions)).toBe(before[1]);
  });

  it("accepts a contract with a single commitment", async () => {
    const res = await w.alice.post(`/api/v1/people/${id}/contracts`, { starts_on: today, ends_on: addDays(today, 30), person_commitments: "Venir aux rendez-vous" });
    expect(res.statusCode, res.body).toBe(201);
  });

  it("drafts a contrat d'engagement (15 h by default), corrects the draft, then signs it; the permissions follow the state", async () => {
    const c = await draft();
    expect(c).toMatchObject({ type: "contrat_engagement", weekly_hours: 15, status: "draft", period: null, version: 1, structure: { id: w.cd.id }, created_by: { name: "Alice Fictive" } });
    expect((c as unknown as { permissions: unknown }).permissions).toEqual({ edit: true, sign: true, amend: false, end: false, renew: false });
    const edited = await w.bruno.patch(`/api/v1/contracts/${c.id}`, { base_version: 1, objectives: "Retrouver un emploi d'aide-soignant·e" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ status: "draft", version: 2 });
    const emptied = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, objectives: "", person_commitments: null, structure_commitments: "" });
    expect(emptied.statusCode).toBe(400);
    expect(emptied.json().errors[0].field).toBe("objectives");
    expect((await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, signed_on: today })).statusCode).toBe(400);
    const signedRes = await w.bruno.post(`/api/v1/contracts/${c.id}/sign`, { base_version: 2, signed_on: today, signature_method: "manuscrite" });
    expect(signedRes.statusCode, signedRes.body).toBe(200);
    const s = signedRes.json();
    expect(s).toMatchObject({ status: "signed", period: "current", version: 3, signed_on: today, signature_method: "manuscrite", permissions: { edit: false, sign: false, amend: true, end: true, renew: true } });
    expect(s.versions.map((v: { version: number; kind: string; author: { name: string }; fields: string[] }) => [v.version, v.kind, v.author.name, v.fields])).toEqual([
      [1, "created", "Alice Fictive", expect.arrayContaining(["type", "objectives", "starts_on", "ends_on", "weekly_hours"])],
      [2, "edited", "Bruno Fictif", ["objectives"]],
      [3, "signed", "Bruno Fictif", ["signed_on", "signature_method"]],
    ]);
    expect(await types()).toEqual(expect.arrayContaining(["contract_created", "contract_updated", "contract_signed"]));
  });

  it("refuses a stale version (409 with the latest), and a change that makes the draft end before it starts (400)", async () => {
    const c = await draft();
    await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 1, objectives: "Autre objectif" });
    const before = await w.rows(contract_versions);
    const stale = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 1, objectives: "Encore un autre" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "conflict", current_version: 2, latest: { version: 2, objectives: "Autre objectif" } });
    const staleSign = await w.alice.post(`/api/v1/contracts/${c.id}/sign`, { base_version: 1, signed_on: today, signature_method: "manuscrite" });
    expect(staleSign.statusCode).toBe(409);
    const backwards = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, ends_on: addDays(today, -10) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe("ends_on");
    const waived = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, weekly_hours: 0 });
    expect(waived.json().errors[0].field).toBe("weekly_hours_reason");
    expect(await w.rows(contract_versions)).toBe(before);
    const ok = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, weekly_hours: 0, weekly_hours_reason: "Parent isolé sans solution de garde" });
    expect(ok.json()).toMatchObject({ version: 3, weekly_hours: 0 });
  });

  it("amends a signed contract by avenants, each a version with its reason; a signed contract is no longer patched", async () => {
    const c = await signed();
    const patched = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: c.version, objectives: "Changer en douce" });
    expect(patched.statusCode).toBe(409);
    expect(patched.json().detail).toMatch(/avenant/);
    const noReason = await w.alice.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, weekly_hours: 10, weekly_hours_reason: "Reprise d'un suivi de santé" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors.map((e: { field: string }) => e.field)).toContain("reason");
    const noChange = await w.alice.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, reason: "Rien", objectives: base.objectives });
    expect(noChange.statusCode).toBe(400);
    const noHoursReason = await w.alice.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, reason: "Santé", weekly_hours: 10 });
    expect(noHoursReason.statusCode).toBe(400);
    expect(noHoursReason.json().errors[0].field).toBe("weekly_hours_reason");
    const amended = await w.bruno.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, reason: "Reprise d'un suivi de santé", weekly_hours: 10, weekly_hours_reason: "Suivi de santé trois demi-journées par semaine" });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json()).toMatchObject({ status: "amended", version: c.version + 1, weekly_hours: 10, signed_on: today, permissions: { edit: false, amend: true, end: true } });
    expect(amended.json().versions.at(-1)).toMatchObject({ kind: "amended", reason: "Reprise d'un suivi de santé", fields: ["weekly_hours", "weekly_hours_reason"] });
    const stale = await w.alice.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, reason: "Encore", ends_on: addDays(today, 200) });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().latest.version).toBe(c.version + 1);
    const second = await w.alice.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version + 1, reason: "Prolongation d'un mois", ends_on: addDays(today, 210) });
    expect(second.json()).toMatchObject({ status: "amended", version: c.version + 2, ends_on: addDays(today, 210) });
    const timeline = (await w.alice.get(`/api/v1/people/${id}/timeline`)).json().items as { type: string; summary: string }[];
    expect(timeline.filter((e) => e.type === "contract_amended").map((e) => e.summary)).toEqual(
      expect.arrayContaining([expect.stringContaining("avenant n° 1"), expect.stringContaining(`avenant n° 2 (version ${c.version + 2}) — Prolongation d'un mois`)]),
    );
    const [sign, draftSign] = [
      await w.alice.post(`/api/v1/contracts/${c.id}/sign`, { base_version: c.version + 2, signed_on: today, signature_method: "manuscrite" }),
      await w.alice.post(`/api/v1/contracts/${(await draft()).id}/amend`, { base_version: 1, reason: "x", objectives: "y" }),
    ];
    expect(sign.statusCode).toBe(409);
    expect(draftSign.statusCode).toBe(409);
    expect(draftSign.json().detail).toMatch(/pas encore signé/);
  });

  it("ends a signed contract with a date and a reason; an ended contract is neither amended nor ended again", async () => {
    const c = await signed();
    const draftEnd = await w.alice.post(`/api/v1/contracts/${(await draft()).id}/end`, { base_version: 1, ended_on: today, reason: "x" });
    expect(draftEnd.statusCode).toBe(409);
    expect((await w.alice.post(`/api/v1/contracts/${c.id}/end`, { base_version: c.version, ended_on: today })).statusCode).toBe(400);
    const tooLate = await w.alice.post(`/api/v1/contracts/${c.id}/end`, { base_version: c.version, ended_on: addDays(today, 400), reason: "Reprise d'emploi" });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().errors[0].field).toBe("ended_on");
    const ended = await w.alice.post(`/api/v1/contracts/${c.id}/end`, { base_version: c.version, ended_on: today, reason: "Reprise d'emploi en CDI" });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ status: "ended", period: null, ended_on: today, end_reason: "Reprise d'emploi en CDI", version: c.version + 1, permissions: { edit: false, sign: false, amend: false, end: false, renew: true } });
    expect(ended.json().versions.at(-1)).toMatchObject({ kind: "ended", reason: "Reprise d'emploi en CDI" });
    for (const [path, body] of [
      ["end", { base_version: c.version + 1, ended_on: today, reason: "Encore" }],
      ["amend", { base_version: c.version + 1, reason: "Après coup", objectives: "Autre" }],
    ] as const) {
      const res = await w.alice.post(`/api/v1/contracts/${c.id}/${path}`, body);
      expect(res.statusCode, path).toBe(409);
      expect(res.json().detail, path).toMatch(/terminé/);
    }
    expect((await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: c.version + 1, objectives: "x" })).statusCode).toBe(409);
    expect(await types()).toContain("contract_ended");
  });

  it("renews a contract into the next draft (same content, the following period), once", async () => {
    const c = await signed();
    const amended = (await w.alice.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, reason: "Objectif précisé", objectives: "Aide-soignant·e en EHPAD" })).json();
    const ended = (await w.alice.post(`/api/v1/contracts/${c.id}/end`, { base_version: amended.version, ended_on: today, reason: "Fin de la première période" })).json();
    expect(ended.status).toBe("ended");
    const renewed = await w.bruno.post(`/api/v1/contracts/${c.id}/renew`, {});
    expect(renewed.statusCode, renewed.body).toBe(201);
    expect(renewed.json()).toMatchObject({
      status: "draft",
      version: 1,
      renewed_from_id: c.id,
      objectives: "Aide-soignant·e en EHPAD",
      person_commitments: base.person_commitments,
      starts_on: addDays(today, 1),
      ends_on: addDays(today, 181),
      signed_on: null,
      permissions: { edit: true, sign: true, renew: false },
    });
    expect((await w.alice.get(`/api/v1/contracts/${c.id}`)).json()).toMatchObject({ renewed_by_id: renewed.json().id, permissions: { renew: false } });
    const again = await w.alice.post(`/api/v1/contracts/${c.id}/renew`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toMatch(/déjà été renouvelé/);
    const draftRenew = await w.alice.post(`/api/v1/contracts/${renewed.json().id}/renew`, {});
    expect(draftRenew.statusCode).toBe(409);
    const chosen = await w.alice.post(`/api/v1/contracts/${(await signed()).id}/renew`, { starts_on: addDays(today, 30), ends_on: addDays(today, 20) });
    expect(chosen.statusCode).toBe(400);
    expect(await types()).toContain("contract_renewed");
  });

  it("keeps several contracts over time, newest first, including older types", async () => {
    const old = await w.alice.post(`/api/v1/people/${id}/contracts`, { type: "cer", objectives: "Insertion", starts_on: "2024-01-01", ends_on: "2024-12-31", signed_on: "2024-01-03", signature_method: "manuscrite" });
    expect(old.statusCode, old.body).toBe(201);
    expect(old.json()).toMatchObject({ status: "signed", period: "lapsed" });
    const list = (await w.bruno.get(`/api/v1/people/${id}/contracts`)).json();
    expect(list.items.at(-1)).toMatchObject({ type: "cer", status: "signed" });
  });

  it("is hidden from people outside, read-only for the coordinator, and printable with its mentions", async () => {
    const c = await signed();
    for (const url of [`/api/v1/contracts/${c.id}`, `/api/v1/contracts/${c.id}/pdf`, `/api/v1/people/${id}/contracts`]) expect((await w.outsider.get(url)).statusCode, url).toBe(404);
    expect((await w.outsider.patch(`/api/v1/contracts/${c.id}`, { base_version: c.version, objectives: "x" })).statusCode).toBe(404);
    expect((await w.outsider.post(`/api/v1/contracts/${c.id}/end`, { base_version: c.version, ended_on: today, reason: "x" })).statusCode).toBe(404);
    expect((await w.outsider.post(`/api/v1/people/${id}/contracts`, base)).statusCode).toBe(404);
    const read = await w.coord.get(`/api/v1/contracts/${c.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().permissions).toEqual({ edit: false, sign: false, amend: false, end: false, renew: false });
    expect((await w.coord.post(`/api/v1/contracts/${c.id}/amend`, { base_version: c.version, reason: "x", objectives: "x" })).statusCode).toBe(403);
    expect((await w.coord.post(`/api/v1/contracts/${c.id}/renew`, {})).statusCode).toBe(403);
    const pdf = await w.alice.get(`/api/v1/contracts/${c.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const log = (await w.alice.get(`/api/v1/people/${id}/access-log?page_size=100`)).json();
    expect(log.items.some((i: { action: string; resource: string }) => i.action === "export" && i.resource === "contract_pdf")).toBe(true);
  });
});
