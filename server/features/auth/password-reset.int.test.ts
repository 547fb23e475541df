// "Mot de passe oublié" against a real SMTP server started by the test; sessions, account
// deactivation and last sign-in.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { anonymous, loginAs, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { linkToken, runDueJobs, startSmtp, type TestSmtp } from "../../test/smtp.ts";
import { messages } from "../messaging/messaging.tables.ts";
import { password_resets, users } from "./auth.tables.ts";
import { createToken } from "./auth.service.ts";

let t: TestApp;
let smtp: TestSmtp;
const NEW_PASSWORD = "nouvelle phrase de passe fictive";

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ SMTP_URL: smtp.url, SPIE_PUBLIC_URL: "https://spie.test.example.org" });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function requestReset(email: string) {
  const res = await anonymous(t.app).post("/api/v1/auth/password-reset", { email });
  await runDueJobs(t.database.db, t.app.deps.config);
  return res;
}

describe("mot de passe oublié", () => {
  it("answers 202 with the same body for an unknown address, and sends nothing", async () => {
    const user = await f.user(t.database.db);
    const before = (await t.database.db.select().from(messages)).length;
    const unknown = await requestReset("personne.inconnue@test.spie.example.org");
    expect(unknown.statusCode).toBe(202);
    expect((await t.database.db.select().from(messages)).length).toBe(before);
    expect(smtp.mails).toHaveLength(0);
    const known = await requestReset(user.email);
    expect(known.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    expect(smtp.to(user.email)).toHaveLength(1);
  });

  it("sends a one-time link valid one hour; using it ends every session and keeps API tokens", async () => {
    const db = t.database.db;
    const user = await f.user(db, [], { name: "Oubli Fictive" });
    const laptop = await loginAs(t.app, user.email);
    const phone = await loginAs(t.app, user.email);
    const { token: apiToken } = await createToken(db, user.email, "Logiciel fictif");
    await requestReset(user.email.toUpperCase());
    const mail = smtp.to(user.email).at(-1)!;
    expect(mail.subject).toBe("Choisir un nouveau mot de passe spie");
    const token = linkToken(mail.text, "mot-de-passe");
    expect(mail.text).toContain(`https://spie.test.example.org/mot-de-passe/${token}`);
    expect(mail.text).not.toContain(f.TEST_PASSWORD);
    expect(mail.text).not.toContain("Oubli Fictive");
    const [reset] = await db.select().from(password_resets).where(eq(password_resets.user_id, user.id));
    expect(reset!.token_hash).not.toBe(token);
    expect(reset!.expires_at.getTime() - reset!.created_at.getTime()).toBeCloseTo(3_600_000, -4);

    const weak = await anonymous(t.app).post(`/api/v1/auth/password-reset/${token}`, { password: "court" });
    expect(weak.statusCode).toBe(400);
    const done = await anonymous(t.app).post(`/api/v1/auth/password-reset/${token}`, { password: NEW_PASSWORD });
    expect(done.statusCode, done.body).toBe(204);
    expect((await laptop.get("/api/v1/me")).statusCode).toBe(401);
    expect((await phone.get("/api/v1/me")).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${apiToken}` } })).statusCode).toBe(200);
    await expect(loginAs(t.app, user.email)).rejects.toThrow(/401/);
    await loginAs(t.app, user.email, NEW_PASSWORD);
    expect((await anonymous(t.app).post(`/api/v1/auth/password-reset/${token}`, { password: "encore une autre phrase" })).statusCode).toBe(410);
  });

  it("refuses an expired link, and sends no more than three links an hour", async () => {
    const db = t.database.db;
    const user = await f.user(db);
    await requestReset(user.email);
    const token = linkToken(smtp.to(user.email).at(-1)!.text, "mot-de-passe");
    await db.update(password_resets).set({ expires_at: new Date(Date.now() - 1000) }).where(eq(password_resets.user_id, user.id));
    expect((await anonymous(t.app).post(`/api/v1/auth/password-reset/${token}`, { password: NEW_PASSWORD })).statusCode).toBe(410);
    await loginAs(t.app, user.email);
    for (let i = 0; i < 4; i++) expect((await requestReset(user.email)).statusCode).toBe(202);
    expect(smtp.to(user.email)).toHaveLength(3);
  });

  it("sends nothing to a deactivated account", async () => {
    const user = await f.user(t.database.db);
    await t.database.db.update(users).set({ disabled_at: new Date() }).where(eq(users.id, user.id));
    expect((await requestReset(user.email)).statusCode).toBe(202);
    expect(smtp.to(user.email)).toEqual([]);
  });
});

describe("my sessions and tokens", () => {
  it("lists my sessions with the current one flagged, and ends one or the current one", async () => {
    const user = await f.user(t.database.db);
    const first = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0" }, payload: { email: user.email, password: f.TEST_PASSWORD } });
    expect(first.statusCode).toBe(200);
    const other = await loginAs(t.app, user.email);
    const current = await loginAs(t.app, user.email);
    const list = (await current.get("/api/v1/me/sessions")).json().items as { id: string; current: boolean; user_agent: string | null }[];
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.some((s) => s.user_agent === "Firefox · Linux")).toBe(true);
    // Another account's session is not mine.
    const stranger = await loginAs(t.app, (await f.user(t.database.db)).email);
    const target = list.find((s) => !s.current && s.user_agent !== "Firefox · Linux")!;
    expect((await stranger.delete(`/api/v1/me/sessions/${target.id}`)).statusCode).toBe(404);
    expect((await current.delete(`/api/v1/me/sessions/${target.id}`)).statusCode).toBe(204);
    expect((await other.get("/api/v1/me")).statusCode).toBe(401);
    const mine = list.find((s) => s.current)!;
    const ended = await current.delete(`/api/v1/me/sessions/${mine.id}`);
    expect(ended.statusCode).toBe(204);
    expect(ended.cookies.find((c) => c.name === "spie_session")?.value).toBe("");
    expect((await current.get("/api/v1/me")).statusCode).toBe(401);
  });

  it("lists and revokes my API tokens, not another's", async () => {
    const user = await f.user(t.database.db);
    const { id } = await createToken(t.database.db, user.email, "Logiciel fictif");
    const client = await loginAs(t.app, user.email);
    expect((await client.get("/api/v1/me/tokens")).json().items).toMatchObject([{ id, name: "Logiciel fictif", revoked_at: null }]);
    expect(JSON.stringify((await client.get("/api/v1/me/tokens")).json())).not.toMatch(/spie_/);
    const stranger = await loginAs(t.app, (await f.user(t.database.db)).email);
    expect((await stranger.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/v1/me/tokens/${id}`)).statusCode).toBe(204);
    expect((await client.get("/api/v1/me/tokens")).json().items[0].revoked_at).not.toBeNull();
  });
});

describe("deactivating accounts", () => {
  it("lets platform admins deactivate: sessions end, sign-in refused; last sign-in recorded", async () => {
    const db = t.database.db;
    const structure = await f.structure(db);
    const user = await f.user(db, [{ structure_id: structure.id, role: "professional" }]);
    const adminUser = await f.user(db, [], { is_admin: true });
    const admin = await loginAs(t.app, adminUser.email);
    const session = await loginAs(t.app, user.email);
    const structureAdmin = await loginAs(t.app, (await f.user(db, [{ structure_id: structure.id, role: "structure_admin" }])).email);
    const members = (await structureAdmin.get(`/api/v1/structures/${structure.id}/members`)).json().items as { user: { id: string; last_login_at: string | null; deactivated: boolean } }[];
    expect(members.find((m) => m.user.id === user.id)!.user).toMatchObject({ deactivated: false, last_login_at: expect.any(String) });

    expect((await structureAdmin.patch(`/api/v1/users/${user.id}`, { deactivated: true })).statusCode).toBe(403);
    expect((await admin.patch(`/api/v1/users/${adminUser.id}`, { deactivated: true })).statusCode).toBe(403);
    const res = await admin.patch(`/api/v1/users/${user.id}`, { deactivated: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().deactivated_at).not.toBeNull();
    expect((await session.get("/api/v1/me")).statusCode).toBe(401);
    await expect(loginAs(t.app, user.email)).rejects.toThrow(/401/);
    expect((await admin.patch(`/api/v1/users/${user.id}`, { deactivated: false })).json().deactivated_at).toBeNull();
    await loginAs(t.app, user.email);
  });
});
