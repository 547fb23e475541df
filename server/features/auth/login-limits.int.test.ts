// The login limits under real concurrency (PostgreSQL pool or PGlite): an attempt is reserved
// before the password is checked, so parallel guesses cannot all pass the count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { sha256 } from "../../crypto.ts";
import { login_failures } from "./auth.tables.ts";

let t: TestApp;
const MAX_ACCOUNTS_PER_IP = 4;

beforeAll(async () => {
  // Default per-account limit (5); a small per-address limit to test it with few accounts.
  t = await testApp({ SPIE_LOGIN_MAX_ACCOUNTS_PER_IP: String(MAX_ACCOUNTS_PER_IP) });
});

afterAll(async () => {
  await t?.close();
});

function login(email: string, password: string, ip = "192.0.2.10") {
  return t.app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password }, remoteAddress: ip });
}

function statuses(responses: { statusCode: number }[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const r of responses) out[r.statusCode] = (out[r.statusCode] ?? 0) + 1;
  return out;
}

async function failuresOf(email: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(login_failures)
    .where(eq(login_failures.account_key, `email:${sha256(email)}`));
  return row!.n;
}

describe("per-account limit", () => {
  it("answers only 5 of 150 concurrent wrong passwords with 401, the rest 429, then refuses the right one", async () => {
    const victim = await f.user(t.database.db);
    const responses = await Promise.all(Array.from({ length: 150 }, (_, i) => login(victim.email, `mauvais-mot-de-passe-${i}`, `198.51.100.${i % 50}`)));
    expect(statuses(responses)).toEqual({ 401: 5, 429: 145 });
    const wrong = responses.find((r) => r.statusCode === 401)!;
    expect(wrong.json().detail).toBe("Adresse e-mail ou mot de passe incorrect.");
    const limited = responses.find((r) => r.statusCode === 429)!;
    expect(limited.headers["content-type"]).toContain("application/problem+json");
    expect(limited.json().code).toBe("too_many_requests");
    expect(await failuresOf(victim.email)).toBe(5);
    expect((await login(victim.email, f.TEST_PASSWORD)).statusCode).toBe(429);
  });

  it("limits an unknown account the same way (no account enumeration)", async () => {
    const email = "inconnu-fictif@test.spie.example.org";
    const responses = await Promise.all(Array.from({ length: 40 }, () => login(email, "mauvais-mot-de-passe", "198.51.100.200")));
    expect(statuses(responses)).toEqual({ 401: 5, 429: 35 });
  });

  it("forgives the failures of an account once its right password is given", async () => {
    const u = await f.user(t.database.db);
    for (let i = 0; i < 4; i++) expect((await login(u.email, "mauvais-mot-de-passe")).statusCode).toBe(401);
    expect((await login(u.email, f.TEST_PASSWORD)).statusCode).toBe(200);
    expect(await failuresOf(u.email)).toBe(0);
    for (let i = 0; i < 5; i++) expect((await login(u.email, "mauvais-mot-de-passe")).statusCode).toBe(401);
    expect((await login(u.email, f.TEST_PASSWORD)).statusCode).toBe(429);
  });
});

describe("per-address limit", () => {
  it("lets the agents behind one shared address in, whatever their typos", async () => {
    const nat = "203.0.113.1";
    // More typos in the window than ten times the account limit: the former per-address count of
    // failures (50) locked everyone behind the address out.
    const agents = await Promise.all(Array.from({ length: 26 }, () => f.user(t.database.db)));
    // Each agent mistypes twice, then types the right password: all get in.
    for (const agent of agents) {
      expect((await login(agent.email, "faute-de-frappe", nat)).statusCode).toBe(401);
      expect((await login(agent.email, "autre-faute-de-frappe", nat)).statusCode).toBe(401);
      expect((await login(agent.email, f.TEST_PASSWORD, nat)).statusCode).toBe(200);
    }
    // One account hammered from that address is locked; the others behind it are not.
    const hammered = await f.user(t.database.db);
    for (let i = 0; i < 5; i++) await login(hammered.email, "mauvais-mot-de-passe", nat);
    expect((await login(hammered.email, f.TEST_PASSWORD, nat)).statusCode).toBe(429);
    expect((await login(agents[0]!.email, f.TEST_PASSWORD, nat)).statusCode).toBe(200);
  });

  it("refuses an address trying many accounts (spraying), even concurrently, not the others", async () => {
    const attacker = "203.0.113.66";
    const responses = await Promise.all(Array.from({ length: 60 }, (_, i) => login(`cible-${i}@test.spie.example.org`, "mot-de-passe-courant", attacker)));
    expect(statuses(responses)).toEqual({ 401: MAX_ACCOUNTS_PER_IP, 429: 60 - MAX_ACCOUNTS_PER_IP });
    const legit = await f.user(t.database.db);
    expect((await login(legit.email, f.TEST_PASSWORD, attacker)).statusCode).toBe(429);
    expect((await login(legit.email, f.TEST_PASSWORD, "203.0.113.67")).statusCode).toBe(200);
  });
});
