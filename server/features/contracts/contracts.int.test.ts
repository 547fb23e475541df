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

describe("contracts", () => {
  it("rejects a contract ending before it starts, a reduced target without reason, a half-told signature, and writes nothing", async () => {
    const before = [await w.rows(contracts), await w.rows(contract_versions)];
    const cases: [unknown, string][] = [
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

  it("writes a contrat d'engagement (15 h by default), then signs it as a new version", async () => {
    const res = await w.alice.post(`/api/v1/people/${id}/contracts`, base);
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({ type: "contrat_engagement", weekly_hours: 15, status: "draft", version: 1, structure: { id: w.cd.id }, created_by: { name: "Alice Fictive" } });
    const signed = await w.bruno.patch(`/api/v1/contracts/${c.id}`, { base_version: 1, signed_on: today, signature_method: "manuscrite" });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: "active", version: 2, signed_on: today });
    expect(signed.json().versions.map((v: { version: number; author: { name: string }; fields: string[] }) => [v.version, v.author.name, v.fields])).toEqual([
      [1, "Alice Fictive", expect.arrayContaining(["type", "starts_on", "ends_on", "weekly_hours"])],
      [2, "Bruno Fictif", ["signed_on", "signature_method"]],
    ]);
    const timeline = (await w.alice.get(`/api/v1/people/${id}/timeline`)).json();
    expect(timeline.items.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(["contract_created", "contract_signed"]));
  });

  it("refuses a stale version (409), and a change that makes the contract end before it starts (400)", async () => {
    const [c] = (await w.alice.get(`/api/v1/people/${id}/contracts`)).json().items;
    const before = await w.rows(contract_versions);
    const stale = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 1, objectives: "Autre" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: "conflict", current_version: 2, latest: { version: 2 } });
    const backwards = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, ends_on: addDays(today, -10) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors[0].field).toBe("ends_on");
    const waived = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, weekly_hours: 0 });
    expect(waived.json().errors[0].field).toBe("weekly_hours_reason");
    expect(await w.rows(contract_versions)).toBe(before);
    const ok = await w.alice.patch(`/api/v1/contracts/${c.id}`, { base_version: 2, weekly_hours: 0, weekly_hours_reason: "Parent isolé sans solution de garde" });
    expect(ok.json()).toMatchObject({ version: 3, weekly_hours: 0 });
  });

  it("keeps several contracts over time, newest first, including older types", async () => {
    const old = await w.alice.post(`/api/v1/people/${id}/contracts`, { type: "cer", starts_on: "2024-01-01", ends_on: "2024-12-31", signed_on: "2024-01-03", signature_method: "manuscrite" });
    expect(old.statusCode, old.body).toBe(201);
    const list = (await w.bruno.get(`/api/v1/people/${id}/contracts`)).json();
    expect(list.items.map((c: { type: string; status: string }) => [c.type, c.status])).toEqual([
      ["contrat_engagement", "active"],
      ["cer", "ended"],
    ]);
  });

  it("is hidden from people outside, read-only for the coordinator, and printable", async () => {
    const [c] = (await w.alice.get(`/api/v1/people/${id}/contracts`)).json().items;
    for (const url of [`/api/v1/contracts/${c.id}`, `/api/v1/contracts/${c.id}/pdf`, `/api/v1/people/${id}/contracts`]) expect((await w.outsider.get(url)).statusCode, url).toBe(404);
    expect((await w.outsider.patch(`/api/v1/contracts/${c.id}`, { base_version: c.version, objectives: "x" })).statusCode).toBe(404);
    expect((await w.outsider.post(`/api/v1/people/${id}/contracts`, base)).statusCode).toBe(404);
    expect((await w.coord.get(`/api/v1/contracts/${c.id}`)).statusCode).toBe(200);
    expect((await w.coord.patch(`/api/v1/contracts/${c.id}`, { base_version: c.version, objectives: "x" })).statusCode).toBe(403);
    const pdf = await w.alice.get(`/api/v1/contracts/${c.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    const log = (await w.alice.get(`/api/v1/people/${id}/access-log?page_size=100`)).json();
    expect(log.items.some((i: { action: string; resource: string }) => i.action === "export" && i.resource === "contract_pdf")).toBe(true);
  });
});
