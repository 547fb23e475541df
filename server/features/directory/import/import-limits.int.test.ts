// Issue 7: imports that cannot take the server down. The hostile files are built here; while they
// are processed, /api/health must keep answering within 1 s.
import { count, eq } from "drizzle-orm";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../config.ts";
import { platformJobs } from "../../../jobs/handlers.ts";
import { runOnce } from "../../../jobs/worker.ts";
import { anonymous, loginAs, testApp, type Client, type TestApp } from "../../../test/app.ts";
import { testEngine } from "../../../test/db.ts";
import * as f from "../../../test/factories.ts";
import { services } from "../directory.tables.ts";
import { runDataInclusionImport } from "./import.cli.ts";
import { MAX_BIND_PARAMETERS, WRITE_BATCH } from "./import.service.ts";
import { directory_imports } from "./imports.tables.ts";

let t: TestApp;
let coord: Client;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const cd = await f.structure(db, { name: "Département fictif (limites)", commune_code: "02408" });
  const user = await f.user(db, [{ structure_id: cd.id, role: "coordinator" }]);
  coord = await loginAs(t.app, user.email);
});

afterAll(async () => {
  await t?.close();
});

function multipart(filename: string, bytes: Uint8Array) {
  const boundary = "----spie-limits-boundary";
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(bytes), tail]), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

/** A problem's detail with French thousands separators (narrow no-break spaces) as plain spaces. */
const detail = (res: { json(): { detail: string } }) => res.json().detail.replace(/[\u202f\u00a0]/g, " ");

const upload = (filename: string, bytes: Uint8Array, query = "") => coord.request({ method: "POST", url: `/api/v1/imports/data-inclusion${query}`, ...multipart(filename, bytes) });

/** Runs `work` while pinging /api/health; returns its result and the slowest health answer (ms). */
async function whileHealthPinged<T>(work: () => Promise<T>): Promise<{ result: T; slowest: number; pings: number }> {
  let finished = false;
  let slowest = 0;
  let pings = 0;
  const pinger = (async () => {
    while (!finished) {
      const started = performance.now();
      const res = await anonymous(t.app).get("/api/health");
      expect(res.statusCode).toBe(200);
      slowest = Math.max(slowest, performance.now() - started);
      pings++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const result = await work();
    return { result, slowest, pings };
  } finally {
    finished = true;
    await pinger;
  }
}

const WORKBOOK = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Services" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const RELS = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

/** A workbook whose only sheet has `rows` rows of `perRow` copies of `cell`, deflated at level 9. */
function workbookOf(cell: string, rows: number, perRow: number): Uint8Array {
  const row = `<row>${cell.repeat(perRow)}</row>`;
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat(rows)}</sheetData></worksheet>`;
  return zipSync({ "xl/workbook.xml": strToU8(WORKBOOK), "xl/_rels/workbook.xml.rels": strToU8(RELS), "xl/worksheets/sheet1.xml": strToU8(sheet) }, { level: 9 });
}

/** Rewrites the uncompressed size an entry declares, in its local header and in the central directory. */
function lieAboutSize(zip: Uint8Array, name: string, declared: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  const decoder = new TextDecoder();
  let patched = 0;
  for (let i = 0; i + 46 < out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50 && decoder.decode(out.subarray(i + 30, i + 30 + view.getUint16(i + 26, true))) === name) {
      view.setUint32(i + 22, declared, true);
      patched++;
    }
    if (signature === 0x02014b50 && decoder.decode(out.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))) === name) {
      view.setUint32(i + 24, declared, true);
      patched++;
    }
  }
  expect(patched).toBe(2);
  return out;
}

async function serviceCount(): Promise<number> {
  const [row] = await t.database.db.select({ n: count() }).from(services);
  return row!.n;
}

describe("hostile spreadsheets", () => {
  it("refuses 4 million cells in a ~120 kB file with a 413 naming the limit, quickly, health answering meanwhile", async () => {
    const bomb = workbookOf("<c><v>1</v></c>", 4_000, 1_000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const before = await serviceCount();
    const rss = process.memoryUsage().rss;
    const started = performance.now();
    const { result: res, slowest, pings } = await whileHealthPinged(() => upload("bombe.xlsx", bomb));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(res.statusCode, res.body).toBe(413);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "payload_too_large", limit: "inflated_size" });
    expect(detail(res)).toContain("Le classeur décompressé dépasse 50 Mo");
    expect(res.json().errors[0]).toMatchObject({ field: "fichier", code: "limit_inflated_size" });
    expect(pings).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(600 * 1024 * 1024);
    expect(await serviceCount()).toBe(before);
  });

  it("counts cells while inflating: 4 million empty cells (16 MB of XML in ~22 kB) stop at the cell limit", async () => {
    const bomb = workbookOf("<c/>", 4_000, 1_000);
    const { result: res, slowest } = await whileHealthPinged(() => upload("cellules.xlsx", bomb));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ code: "payload_too_large", limit: "cells" });
    expect(detail(res)).toContain("plus de 1 000 000 cellules");
    expect(slowest).toBeLessThan(1_000);
  });

  it("stops inflating a zip bomb that lies about its size and says so, instead of truncating it", async () => {
    const liar = lieAboutSize(workbookOf("<c><v>1</v></c>", 2_000, 1_000), "xl/worksheets/sheet1.xml", 1_000);
    const started = performance.now();
    const { result: res, slowest } = await whileHealthPinged(() => upload("menteur.xlsx", liar));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(res.statusCode, res.body).toBe(400);
    expect(detail(res)).toContain("« xl/worksheets/sheet1.xml » se décompresse en plus des 1 000 octets annoncés");
    expect(res.json().errors[0]).toMatchObject({ field: "fichier", code: "unreadable_file" });
    expect(slowest).toBeLessThan(1_000);
  });

  it("refuses a sheet of more than 100,000 rows", async () => {
    const res = await upload("lignes.xlsx", workbookOf("<c><v>1</v></c>", 100_001, 1));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ limit: "rows" });
    expect(detail(res)).toContain("dépasse 100 000 lignes");
  });
});

/** A JSON file of one structure and `n` services (compact, obviously fictional); service 2 is at latitude 999. */
function manyServices(source: string, n: number): Buffer {
  const structure = { id: `${source}--s1`, nom: "Structure fictive", date_maj: "2026-01-10", code_insee: "02408" };
  const list = Array.from({ length: n }, (_, i) => ({ id: `${source}--${i}`, structure_id: `${source}--s1`, nom: `Service fictif ${i}`, description: "Exemple.", date_maj: "2026-01-10", ...(i === 1 ? { latitude: 999 } : {}) }));
  return Buffer.from(JSON.stringify({ structures: [structure], services: list }));
}

describe("large imports", () => {
  // 100,000 services on PostgreSQL; fewer on PGlite (embedded, single connection, much slower writes).
  const n = testEngine() === "postgres" ? 100_000 : 20_000;

  it("writes in batches under PostgreSQL's bind-parameter limit", () => {
    expect(WRITE_BATCH).toBeGreaterThan(0);
    expect(WRITE_BATCH * 60).toBeLessThanOrEqual(MAX_BIND_PARAMETERS);
  });

  it(`imports ${n.toLocaleString("en")} services through a job with progress, reporting latitude 999 by row, health answering meanwhile`, { timeout: 240_000 }, async () => {
    const file = manyServices("massif", n);
    expect(file.length).toBeLessThan(20 * 1024 * 1024);
    const posted = await upload("massif.json", file);
    expect(posted.statusCode, posted.body).toBe(202);
    const job = posted.json();
    expect(job).toMatchObject({ status: "queued", total: n + 1, source: "massif", report: null });
    expect(posted.headers.location).toBe(`/api/v1/imports/${job.id}`);

    const registry = platformJobs(loadConfig({ NODE_ENV: "test" }));
    const context = { db: t.database.db, log: { info: () => {}, error: () => {} } };
    const progress: number[] = [];
    const { slowest, pings } = await whileHealthPinged(async () => {
      const running = runOnce(registry, context);
      let done = false;
      void running.then(() => (done = true));
      while (!done) {
        const seen = (await coord.get(`/api/v1/imports/${job.id}`)).json();
        if (seen.status === "running") progress.push(seen.done);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await running;
    });
    expect(pings).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(1_000);
    expect(progress.length).toBeGreaterThan(0);

    const final = (await coord.get(`/api/v1/imports/${job.id}`)).json();
    expect(final.status, final.error).toBe("done");
    expect(final.report.services).toMatchObject({ received: n, valid: n - 1, invalid: 1, created: n - 1 });
    expect(final.report.errors).toEqual([expect.objectContaining({ sheet: "services", row: 2, field: "latitude", code: "out_of_range", message: "La latitude doit être comprise entre -90 et 90 (valeur : 999)" })]);
    const [row] = await t.database.db.select({ file: directory_imports.file }).from(directory_imports).where(eq(directory_imports.id, job.id));
    expect(row!.file).toBeNull();
    const [stored] = await t.database.db.select({ n: count() }).from(services).where(eq(services.source, "massif"));
    expect(stored!.n).toBe(n - 1);
  });

  it("refuses a JSON file of more than 200,000 records with a 413", async () => {
    const res = await upload("vide.json", Buffer.from(`[${"{},".repeat(200_000)}{}]`));
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json()).toMatchObject({ limit: "records" });
  });

  it("answers 404 for an unknown import and 403 to a professional", async () => {
    expect((await coord.get("/api/v1/imports/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    const structure = await f.structure(t.database.db, { name: "Structure fictive (pro)" });
    const pro = await f.user(t.database.db, [{ structure_id: structure.id, role: "professional" }]);
    expect((await (await loginAs(t.app, pro.email)).get("/api/v1/imports/00000000-0000-4000-8000-000000000000")).statusCode).toBe(403);
  });

  it("the CLI imports a large file in batches too, printing progress", { timeout: 240_000 }, async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const path = join(mkdtempSync(join(tmpdir(), "spie-import-")), "cli.json");
    const m = testEngine() === "postgres" ? 100_000 : 5_000;
    writeFileSync(path, manyServices("cli", m));
    const out: string[] = [];
    const err: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...args: unknown[]) => void out.push(args.join(" "));
    console.error = (...args: unknown[]) => void err.push(args.join(" "));
    let code: number;
    try {
      code = await runDataInclusionImport(t.database.db, path, {});
    } finally {
      console.log = log;
      console.error = error;
    }
    expect(code).toBe(0);
    expect(out.join("\n")).toContain(`Services : ${m} lue(s), ${m - 1} valide(s), 1 invalide(s) — ${m - 1} créée(s)`);
    expect(out.join("\n")).toContain("services · ligne 2 · latitude : La latitude doit être comprise entre -90 et 90");
    expect(err.some((l) => l.startsWith("Écriture :"))).toBe(true);
  });
});
