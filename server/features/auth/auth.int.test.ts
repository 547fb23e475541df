import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { anonymous, loginAs, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { sessions } from "./auth.tables.ts";
import { revokeToken, createToken } from "./admin.ts";

let t: TestApp;
let email: string;
let structureName: string;

beforeAll(async () => {
  t = await testApp({ SPIE_LOGIN_MAX_FAILURES: "3" });
  const territory = await f.territory(t.database.db, "Territoire d'essai");
  const s = await f.structure(t.database.db, { name: "Structure d'essai", territory_id: territory.id });
  structureName = s.name;
  const u = await f.user(t.database.db, [
    { structure_id: s.id, role: "professional" },
    { structure_id: s.id, role: "structure_admin" },
  ]);
  email = u.email;
});

afterAll(async () => {
  await t?.close();
});

function login(body: unknown) {
  return anonymous(t.app).post("/api/v1/auth/login", body);
}

describe("sessions", () => {
  it("logs in with a secure httpOnly cookie and answers /me with every membership", async () => {
    const res = await login({ email: email.toUpperCase(), password: f.TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "spie_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    const me = res.json();
    expect(me.via).toBe("session");
    expect(me.csrf_token).toEqual(expect.any(String));
    expect(me.memberships.map((m: { role: string }) => m.role).sort()).toEqual(["professional", "structure_admin"]);
    expect(me.memberships[0].structure.name).toBe(structureName);
    const stored = await t.database.db.select().from(sessions);
    expect(stored.some((s) => s.id === cookie.value)).toBe(false);
  });

  it("gives the same generic answer for an unknown account and a wrong password", async () => {
    const unknown = await login({ email: "personne@test.spie.example.org", password: "xxxxxxxxxxxxxxxx" });
    const wrong = await login({ email: `other-${email}`, password: "xxxxxxxxxxxxxxxx" });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it("logs out: the cookie no longer opens anything", async () => {
    const client = await loginAs(t.app, email);
    expect((await client.get("/api/v1/me")).statusCode).toBe(200);
    expect((await client.post("/api/v1/auth/logout")).statusCode).toBe(204);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
  });

  it("refuses a logout without the CSRF token: the session stays open", async () => {
    const res = await login({ email, password: f.TEST_PASSWORD });
    const cookie = `spie_session=${res.cookies.find((c) => c.name === "spie_session")!.value}`;
    const forged = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie } });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe("csrf_failed");
    const wrongToken = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, "x-csrf-token": "pas-le-bon-jeton" } });
    expect(wrongToken.statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(200);
    const done = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie, "x-csrf-token": res.json().csrf_token } });
    expect(done.statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie } })).statusCode).toBe(401);
  });

  it("clears a stale cookie on logout without asking for a token", async () => {
    const stale = await t.app.inject({ method: "POST", url: "/api/v1/auth/logout", headers: { cookie: "spie_session=session-inconnue" } });
    expect(stale.statusCode).toBe(204);
    expect(stale.cookies.find((c) => c.name === "spie_session")?.value).toBe("");
    expect((await anonymous(t.app).post("/api/v1/auth/logout")).statusCode).toBe(204);
  });

  it("logs in again over a live session without a CSRF token (login issues it)", async () => {
    const first = await login({ email, password: f.TEST_PASSWORD });
    const cookie = `spie_session=${first.cookies.find((c) => c.name === "spie_session")!.value}`;
    const again = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", headers: { cookie }, payload: { email, password: f.TEST_PASSWORD } });
    expect(again.statusCode).toBe(200);
  });

  it("expires idle sessions", async () => {
    const client = await loginAs(t.app, email);
    await t.database.db.update(sessions).set({ last_seen_at: new Date(Date.now() - 31 * 60_000) });
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
  });

  it("expires sessions past their absolute lifetime even when active", async () => {
    const client = await loginAs(t.app, email);
    await t.database.db.update(sessions).set({ expires_at: new Date(Date.now() - 1000) });
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
  });

  it("rate-limits failed logins per account, then refuses even the right password", async () => {
    const victim = await f.user(t.database.db);
    for (let i = 0; i < 3; i++) expect((await login({ email: victim.email, password: "mauvais-mot-de-passe" })).statusCode).toBe(401);
    const blocked = await login({ email: victim.email, password: f.TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers["content-type"]).toContain("application/problem+json");
    expect(blocked.json().code).toBe("too_many_requests");
  });

  it("rejects malformed login bodies with field errors", async () => {
    const res = await login({ email: email, password: f.TEST_PASSWORD, remember: true });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "remember", code: "unknown_field" })]);
    expect((await login({})).json().errors.map((e: { field: string }) => e.field).sort()).toEqual(["email", "password"]);
  });

  it("changes the password, checking the current one and the length", async () => {
    const u = await f.user(t.database.db);
    const client = await loginAs(t.app, u.email);
    expect((await client.post("/api/v1/me/password", { current_password: "faux-mot-de-passe", new_password: "un-nouveau-mot-de-passe" })).json().errors[0].field).toBe("current_password");
    expect((await client.post("/api/v1/me/password", { current_password: f.TEST_PASSWORD, new_password: "court" })).statusCode).toBe(400);
    expect((await client.post("/api/v1/me/password", { current_password: f.TEST_PASSWORD, new_password: "un-nouveau-mot-de-passe" })).statusCode).toBe(204);
    expect((await login({ email: u.email, password: "un-nouveau-mot-de-passe" })).statusCode).toBe(200);
  });
});

describe("bearer tokens", () => {
  it("authenticates partner systems until revoked, without needing CSRF", async () => {
    const { id, token } = await createToken(t.database.db, email, "Logiciel partenaire");
    const auth = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: auth });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ via: "token", csrf_token: null });
    expect(await revokeToken(t.database.db, id)).toBe(true);
    const after = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: auth });
    expect(after.statusCode).toBe(401);
    const malformed = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: "Basic abc" } });
    expect(malformed.statusCode).toBe(401);
  });

  it("refuses a disabled account's token and session", async () => {
    const u = await f.user(t.database.db);
    const { token } = await createToken(t.database.db, u.email, "jeton");
    const client = await loginAs(t.app, u.email);
    const { users } = await import("./auth.tables.ts");
    await t.database.db.update(users).set({ disabled_at: new Date() }).where(eq(users.id, u.id));
    expect((await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
    expect((await client.get("/api/v1/me")).statusCode).toBe(401);
  });
});
