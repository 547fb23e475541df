// The session's deadlines are told to the web app (`me.session` and two headers on every answer) so
// that it warns before the end, and "Rester connecté" (POST /me/session/refresh) restarts the idle timer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_HEADERS } from "../../../common/schemas/auth.ts";
import { loginAs, testApp, tokenClient, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { sessions } from "./auth.tables.ts";

let t: TestApp;
let email: string;

beforeAll(async () => {
  t = await testApp();
  const territory = await f.territory(t.database.db, "Territoire d'essai");
  const s = await f.structure(t.database.db, { name: "Structure d'essai", territory_id: territory.id });
  email = (await f.user(t.database.db, [{ structure_id: s.id, role: "professional" }])).email;
});

afterAll(async () => {
  await t?.close();
});

const minutes = (a: string, b: number) => (Date.parse(a) - b) / 60_000;

describe("session deadlines", () => {
  it("are in /me and in the headers of a cookie-authenticated answer: idle 30 min, absolute 12 h", async () => {
    const before = Date.now();
    const login = await t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: f.TEST_PASSWORD } });
    expect(login.headers[SESSION_HEADERS.idle]).toBe(login.json().session.idle_expires_at);
    const client = await loginAs(t.app, email);
    const res = await client.get("/api/v1/me");
    expect(res.statusCode).toBe(200);
    const { session } = res.json();
    expect(minutes(session.idle_expires_at, before)).toBeGreaterThan(29.9);
    expect(minutes(session.idle_expires_at, before)).toBeLessThan(30.5);
    expect(minutes(session.expires_at, before) / 60).toBeGreaterThan(11.99);
    expect(minutes(session.expires_at, before) / 60).toBeLessThan(12.01);
    expect(res.headers[SESSION_HEADERS.idle]).toBe(session.idle_expires_at);
    expect(res.headers[SESSION_HEADERS.absolute]).toBe(session.expires_at);
  });

  it("POST /me/session/refresh restarts the idle timer, never the absolute limit", async () => {
    await t.database.db.delete(sessions);
    const client = await loginAs(t.app, email);
    const first = (await client.get("/api/v1/me")).json().session;
    // 20 minutes without activity: 10 minutes left, until the call.
    await t.database.db.update(sessions).set({ last_seen_at: new Date(Date.now() - 20 * 60_000) });
    const refreshed = await client.post("/api/v1/me/session/refresh", {});
    expect(refreshed.statusCode).toBe(200);
    const { session } = refreshed.json();
    expect(minutes(session.idle_expires_at, Date.now())).toBeGreaterThan(29.9);
    expect(session.expires_at).toBe(first.expires_at);
    expect(refreshed.headers[SESSION_HEADERS.idle]).toBe(session.idle_expires_at);
    const [row] = await t.database.db.select().from(sessions);
    expect(Date.now() - row!.last_seen_at.getTime()).toBeLessThan(60_000);
  });

  it("refresh of an expired session is a 401, and a token has no session deadlines", async () => {
    const client = await loginAs(t.app, email);
    await t.database.db.update(sessions).set({ last_seen_at: new Date(Date.now() - 31 * 60_000) });
    expect((await client.post("/api/v1/me/session/refresh", {})).statusCode).toBe(401);
    const token = await tokenClient(t.app, t.database, email);
    const me = await token.get("/api/v1/me");
    expect(me.json().session).toBeNull();
    expect(me.headers[SESSION_HEADERS.idle]).toBeUndefined();
    const refreshed = await token.post("/api/v1/me/session/refresh", {});
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json()).toEqual({ session: null });
  });
});
