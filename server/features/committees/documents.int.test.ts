// Documents joined to a submission: the team joins them before the agenda's freeze (types checked
// by their bytes, 5 Mo, 10 per submission), those who see situations download them; each download
// is one read of the person in the access log.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUBMISSION_DOCUMENT_MAX_BYTES } from "../../../common/domain/committee-documents.ts";
import { loadConfig } from "../../config.ts";
import { loginAs, type Client, type TestApp, testApp } from "../../test/app.ts";
import { multipartFile, tinyDocx, tinyOdt, tinyPdf, tinyPng } from "../../test/documents.ts";
import * as f from "../../test/factories.ts";
import { pathwayWorld, type PathwayWorld } from "../../test/pathway-world.ts";
import { access_log } from "../access-log/access-log.tables.ts";
import { advanceSessions } from "./committees.service.ts";
import { committee_sessions, committee_submission_documents } from "./committees.tables.ts";
import { cto } from "../../test/committee-dates.ts";

let t: TestApp;
let w: PathwayWorld;
let signed: { client: Client; id: string };
let unsigned: { client: Client; id: string };
let admin: Client;
let committeeId: string;
let submissionId: string;
let sessionId: string;
let personId: string;
const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" });

const upload = (client: Client, id: string, name: string, bytes: Uint8Array, type = "application/pdf") =>
  client.request({ method: "POST", url: `/api/v1/committee-submissions/${id}/documents`, ...multipartFile(name, bytes, type) });

async function logged(userId: string) {
  return t.database.db.select().from(access_log).where(and(eq(access_log.person_id, personId), eq(access_log.user_id, userId)));
}

beforeAll(async () => {
  t = await testApp();
  w = await pathwayWorld(t);
  const db = t.database.db;
  const s = await f.user(db, [{ structure_id: w.ml.id, role: "professional" }], { name: "Membre Signataire" });
  const u = await f.user(db, [{ structure_id: w.ml.id, role: "professional" }], { name: "Membre Sans-Charte" });
  signed = { client: await loginAs(t.app, s.email), id: s.id };
  unsigned = { client: await loginAs(t.app, u.email), id: u.id };
  admin = await loginAs(t.app, (await f.user(db, [], { name: "Admin Plateforme", is_admin: true })).email);
  const c = await w.coord.post(
    "/api/v1/committees",
    cto(
      w.aisne.id,
      [
        { structure_id: w.ml.id, user_id: s.id },
        { structure_id: w.ml.id, user_id: u.id, role: "substitute" },
      ],
      { name: "CTO fictif des documents", location: "Salle fictive" },
    ),
  );
  expect(c.statusCode, c.body).toBe(201);
  committeeId = c.json().id;
  const charter = await w.coord.post("/api/v1/charters", { territory_id: w.aisne.id, text: "Charte fictive des documents." });
  expect((await signed.client.post(`/api/v1/charters/${charter.json().id}/signatures`)).statusCode).toBe(201);
  personId = await w.person();
  const sub = await w.alice.post(`/api/v1/committees/${committeeId}/submissions`, { person_id: personId, blocking_points: "Point fictif", actions_tried: "Action fictive", question: "Question fictive", consent: true });
  expect(sub.statusCode, sub.body).toBe(201);
  submissionId = sub.json().id;
  sessionId = sub.json().session.id;
});

afterAll(async () => {
  await t?.close();
});

describe("documents joined to a submission", () => {
  let pdfId: string;

  it("the référent joins a PDF; its type is the one of its bytes; one `create` row, reason team", async () => {
    const before = (await logged(w.aliceUser.id)).length;
    const res = await upload(w.alice, submissionId, "Attestation été.pdf", tinyPdf(), "application/octet-stream");
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ submission_id: submissionId, file_name: "Attestation été.pdf", media_type: "application/pdf", size_bytes: tinyPdf().length, uploaded_by: { name: "Alice Fictive" } });
    pdfId = res.json().id;
    const rows = await logged(w.aliceUser.id);
    expect(rows.length - before).toBe(1);
    expect(rows.at(-1)).toMatchObject({ reason: "team", action: "create", resource: "committee_submission_document" });
    for (const [name, bytes, type] of [
      ["courrier.odt", tinyOdt(), "application/vnd.oasis.opendocument.text"],
      ["courrier.docx", tinyDocx(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["photo.png", tinyPng(), "image/png"],
    ] as const) {
      const ok = await upload(w.alice, submissionId, name, bytes, type);
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json().media_type).toBe(type);
    }
    const list = await w.alice.get(`/api/v1/committee-submissions/${submissionId}/documents`);
    expect(list.json().items.map((d: { file_name: string }) => d.file_name)).toEqual(["Attestation été.pdf", "courrier.odt", "courrier.docx", "photo.png"]);
    expect(list.json().permissions).toEqual({ change: true });
  });

  it("refuses a type that is not accepted, or that its bytes contradict, naming the field; writes nothing", async () => {
    const before = await w.rows(committee_submission_documents);
    const html = await upload(w.alice, submissionId, "page.pdf", new TextEncoder().encode("<html><script>alert('fictif')</script></html>"), "application/pdf");
    expect(html.statusCode).toBe(400);
    expect(html.headers["content-type"]).toContain("application/problem+json");
    expect(html.json().errors).toEqual([{ field: "file", code: "media_type", message: "Type de document non accepté : PDF, JPEG, PNG, ODT ou DOCX uniquement." }]);
    const liar = await upload(w.alice, submissionId, "photo.pdf", tinyPng(), "application/pdf");
    expect(liar.statusCode).toBe(400);
    expect(liar.json().errors[0]).toMatchObject({ field: "file", code: "type_mismatch" });
    const empty = await upload(w.alice, submissionId, "vide.pdf", new Uint8Array(0));
    expect(empty.json().errors[0]).toMatchObject({ field: "file", code: "empty" });
    // JSON instead of a file.
    const json = await w.alice.post(`/api/v1/committee-submissions/${submissionId}/documents`, { file: "JVBERi0=" });
    expect(json.statusCode).toBe(415);
    expect(json.json().errors[0].field).toBe("file");
    expect(await w.rows(committee_submission_documents)).toBe(before);
  });

  it("refuses a document above 5 Mo (413 naming the field and the limit)", async () => {
    const big = new Uint8Array(SUBMISSION_DOCUMENT_MAX_BYTES + 1);
    big.set(tinyPdf());
    const res = await upload(w.alice, submissionId, "gros.pdf", big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: "payload_too_large", max_bytes: SUBMISSION_DOCUMENT_MAX_BYTES, errors: [{ field: "file", code: "too_large" }] });
    expect(res.json().errors[0].message).toContain("5 Mo");
  });

  it("refuses the 11th document of a submission (409 naming the field and the limit)", async () => {
    const count = async () => (await w.alice.get(`/api/v1/committee-submissions/${submissionId}/documents`)).json().items.length as number;
    while ((await count()) < 10) expect((await upload(w.alice, submissionId, "piece.pdf", tinyPdf())).statusCode).toBe(201);
    const eleventh = await upload(w.alice, submissionId, "onzieme.pdf", tinyPdf());
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json().errors).toEqual([{ field: "file", code: "too_many", message: expect.stringContaining("10 documents au plus") }]);
    expect(await count()).toBe(10);
  });

  it("hides documents from who may not see the situation (404), refuses changes to who sees it without being of the team (403)", async () => {
    for (const client of [unsigned.client, w.bruno, w.outsider, w.coordElsewhere, admin]) {
      expect((await client.get(`/api/v1/committee-submissions/${submissionId}/documents`)).statusCode).toBe(404);
      expect((await client.get(`/api/v1/committee-submission-documents/${pdfId}`)).statusCode).toBe(404);
      expect((await upload(client, submissionId, "x.pdf", tinyPdf())).statusCode).toBe(404);
      expect((await client.delete(`/api/v1/committee-submission-documents/${pdfId}`)).statusCode).toBe(404);
    }
    expect(await logged(unsigned.id)).toHaveLength(0);
    expect((await signed.client.delete(`/api/v1/committee-submission-documents/${pdfId}`)).statusCode).toBe(403);
    expect((await upload(w.coord, submissionId, "x.pdf", tinyPdf())).statusCode).toBe(403);
    expect((await w.coord.get(`/api/v1/committee-submissions/${submissionId}/documents`)).json().permissions).toEqual({ change: false });
  });

  it("the agenda shows the documents' metadata to signed members; the unsigned see the count only; the référent sees her situation", async () => {
    const seen = (await signed.client.get(`/api/v1/committee-sessions/${sessionId}/agenda`)).json();
    const item = seen.items.find((i: { id: string }) => i.id === submissionId);
    expect(item.documents).toHaveLength(10);
    expect(item.documents[0]).toEqual({ id: pdfId, submission_id: submissionId, file_name: "Attestation été.pdf", media_type: "application/pdf", size_bytes: tinyPdf().length, created_at: expect.any(String), uploaded_by: { name: "Alice Fictive" } });
    expect(JSON.stringify(item.documents)).not.toContain("content");
    expect(item.permissions).toEqual({ change_documents: false });
    expect((await unsigned.client.get(`/api/v1/committee-sessions/${sessionId}/agenda`)).json()).toMatchObject({ situations_count: 1, items: null, own_items: [] });
    const before = (await logged(w.aliceUser.id)).length;
    const own = (await w.alice.get(`/api/v1/committee-sessions/${sessionId}/agenda`)).json();
    expect(own.items).toBeNull();
    expect(own.own_items).toHaveLength(1);
    expect(own.own_items[0]).toMatchObject({ id: submissionId, permissions: { change_documents: true } });
    expect(own.own_items[0].documents).toHaveLength(10);
    const rows = await logged(w.aliceUser.id);
    expect(rows.length - before).toBe(1);
    expect(rows.at(-1)).toMatchObject({ reason: "team", action: "read", resource: "committee_submission" });
  });

  it("a download is an attachment, not sniffed, and one read of the person (reason committee, or team for the référent)", async () => {
    const before = (await logged(signed.id)).length;
    const res = await signed.client.get(`/api/v1/committee-submission-documents/${pdfId}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="Attestation ete.pdf"; filename*=UTF-8''Attestation%20%C3%A9t%C3%A9.pdf`);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(Buffer.compare(res.rawPayload, tinyPdf())).toBe(0);
    const rows = await logged(signed.id);
    expect(rows.length - before).toBe(1);
    expect(rows.at(-1)).toMatchObject({ reason: "committee", action: "read", resource: "committee_submission_document" });
    const mine = (await logged(w.aliceUser.id)).length;
    expect((await w.alice.get(`/api/v1/committee-submission-documents/${pdfId}`)).statusCode).toBe(200);
    const after = await logged(w.aliceUser.id);
    expect(after.length - mine).toBe(1);
    expect(after.at(-1)).toMatchObject({ reason: "team", action: "read" });
  });

  it("the team removes a document before the freeze; after it, joining and removing are refused (409)", async () => {
    const list = (await w.alice.get(`/api/v1/committee-submissions/${submissionId}/documents`)).json().items;
    const removed = await w.alice.delete(`/api/v1/committee-submission-documents/${list.at(-1).id}`);
    expect(removed.statusCode).toBe(204);
    expect((await w.alice.get(`/api/v1/committee-submission-documents/${list.at(-1).id}`)).statusCode).toBe(404);
    const [row] = await t.database.db.select().from(committee_sessions).where(eq(committee_sessions.id, sessionId));
    await advanceSessions(t.database.db, config, new Date(row!.agenda_frozen_at.getTime() + 1000));
    const refused = await w.alice.delete(`/api/v1/committee-submission-documents/${pdfId}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/ordre du jour .* arrêté/);
    expect((await upload(w.alice, submissionId, "tard.pdf", tinyPdf())).statusCode).toBe(409);
    expect((await w.alice.get(`/api/v1/committee-submissions/${submissionId}/documents`)).json()).toMatchObject({ permissions: { change: false } });
    expect((await w.alice.get(`/api/v1/committee-submission-documents/${pdfId}`)).statusCode).toBe(200);
  });
});
