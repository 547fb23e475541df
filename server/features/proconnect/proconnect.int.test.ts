// ProConnect sign-in against a real OpenID provider (node-oidc-provider on 127.0.0.1) and spie
// listening on a real port: the flow is driven with plain HTTP like a browser (cookies per
// origin, redirects followed by hand, the provider's sign-in form submitted).
import { count, eq, sql } from "drizzle-orm";
import { invitations } from "../invitations/invitations.tables.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config.ts";
import { sessions, user_identities, users } from "../auth/auth.tables.ts";
import { anonymous, testApp, type TestApp } from "../../test/app.ts";
import * as f from "../../test/factories.ts";
import { freePort, startTestProvider, TEST_ACCOUNTS, type TestProvider } from "../../test/oidc-provider.ts";
import { oidc_logins, oidc_sessions } from "./proconnect.tables.ts";
import { safeReturnPath } from "./proconnect.service.ts";

/** A minimal browser: a cookie jar per origin, redirects followed by hand. */
class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  cookies(origin: string): Map<string, string> {
    let jar = this.jar.get(origin);
    if (!jar) this.jar.set(origin, (jar = new Map()));
    return jar;
  }

  async request(url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.cookies(target.origin);
    const headers: Record<string, string> = { ...init.headers };
    if (jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const response = await fetch(target, { method: init.method ?? "GET", body: init.body, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const name = pair!.slice(0, pair!.indexOf("=")).trim();
      const value = pair!.slice(pair!.indexOf("=") + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!) < new Date()));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Follows redirects until a page that is not one (or spie's web app, which this API-only app does not serve). */
  async follow(url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<{ url: URL; response: Response; hops: URL[] }> {
    let current = new URL(url);
    let response = await this.request(current.href, init);
    const hops: URL[] = [current];
    for (let i = 0; i < 15 && response.status >= 300 && response.status < 400; i++) {
      current = new URL(response.headers.get("location")!, current);
      hops.push(current);
      if (current.origin === spieUrl && !current.pathname.startsWith("/api/")) return { url: current, response, hops };
      response = await this.request(current.href);
    }
    return { url: current, response, hops };
  }
}

let t: TestApp;
let op: TestProvider;
let spieUrl: string;
let structureId: string;

/** Goes to spie's ProConnect login, signs in at the provider as `login`, and lands back on spie. */
async function signIn(browser: Browser, login: string, options: { beforeCallback?: () => Promise<void>; retour?: string } = {}) {
  const start = await browser.follow(`${spieUrl}/api/v1/auth/proconnect/login${options.retour ? `?retour=${encodeURIComponent(options.retour)}` : ""}`);
  expect(start.url.origin).toBe(op.issuer);
  expect(start.response.status).toBe(200);
  const form = await start.response.text();
  const action = /<form[^>]*action="([^"]+)"/.exec(form)?.[1];
  expect(action, "the provider's sign-in form").toBeTruthy();
  const submitted = await browser.request(new URL(action!.replace(/&amp;/g, "&"), start.url).href, {
    method: "POST",
    body: new URLSearchParams({ prompt: "login", login, password: "mot-de-passe-fictif" }),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(submitted.status).toBe(303);
  // Back through the provider to spie's callback: stop there to let a test tamper first.
  let url = new URL(submitted.headers.get("location")!, start.url);
  let response = await browser.request(url.href);
  while (response.status >= 300 && response.status < 400 && !url.pathname.endsWith("/proconnect/callback")) {
    url = new URL(response.headers.get("location")!, url);
    if (url.pathname.endsWith("/proconnect/callback")) break;
    response = await browser.request(url.href);
  }
  expect(url.pathname).toBe("/api/v1/auth/proconnect/callback");
  await options.beforeCallback?.();
  const callbackUrl = url.href;
  const landed = await browser.follow(callbackUrl);
  return { landed: landed.url, callbackUrl };
}

async function me(browser: Browser): Promise<Response> {
  return browser.request(`${spieUrl}/api/v1/me`);
}

beforeAll(async () => {
  const port = await freePort();
  spieUrl = `http://127.0.0.1:${port}`;
  op = await startTestProvider(spieUrl);
  t = await testApp(op.env);
  await t.app.listen({ port, host: "127.0.0.1" });
  const territory = await f.territory(t.database.db, "Territoire ProConnect fictif");
  structureId = (await f.structure(t.database.db, { name: "Structure ProConnect fictive", territory_id: territory.id })).id;
});

afterAll(async () => {
  await t?.close();
  await op?.close();
});

describe("ProConnect sign-in against a real provider", () => {
  it("says ProConnect is offered", async () => {
    const res = await anonymous(t.app).get("/api/v1/auth/providers");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ proconnect: true });
  });

  it("sends the browser to the provider with PKCE, state, nonce and ProConnect's scope", async () => {
    const res = await anonymous(t.app).get("/api/v1/auth/proconnect/login");
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(location.origin).toBe(op.issuer);
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: "spie-test",
      response_type: "code",
      redirect_uri: `${spieUrl}/api/v1/auth/proconnect/callback`,
      scope: "openid email given_name usual_name",
      code_challenge_method: "S256",
    });
    for (const p of ["state", "nonce", "code_challenge"]) expect(location.searchParams.get(p)?.length).toBeGreaterThanOrEqual(32);
    const cookie = res.cookies.find((c) => c.name === "spie_oidc_state");
    expect(cookie).toMatchObject({ value: location.searchParams.get("state"), httpOnly: true, sameSite: "Lax", path: "/api/v1/auth/proconnect" });
  });

  it("links the identity on first sign-in to the account with the same e-mail, then signs in through the identity", async () => {
    const account = await f.user(t.database.db, [{ structure_id: structureId, role: "professional" }], { email: TEST_ACCOUNTS.camille!.email, name: "Camille Fictive" });
    const browser = new Browser();
    expect((await me(browser)).status).toBe(401);

    const { landed } = await signIn(browser, "camille", { retour: "/personnes?page=2" });
    expect(landed.href).toBe(`${spieUrl}/personnes?page=2`);
    const res = await me(browser);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: { id: string; email: string }; memberships: unknown[]; csrf_token: string };
    expect(body.user).toMatchObject({ id: account.id, email: TEST_ACCOUNTS.camille!.email });
    expect(body.memberships).toHaveLength(1);
    const identities = await t.database.db.select().from(user_identities).where(eq(user_identities.user_id, account.id));
    expect(identities).toMatchObject([{ provider: "proconnect", subject: "camille" }]);
    // The state was consumed, the state cookie cleared.
    expect(browser.cookies(spieUrl).has("spie_oidc_state")).toBe(false);

    // The account's e-mail changes: the second sign-in still finds it, through the identity.
    await t.database.db.update(users).set({ email: "camille.autre-adresse@test.spie.example.org" }).where(eq(users.id, account.id));
    const again = new Browser();
    await signIn(again, "camille");
    const res2 = await me(again);
    expect(res2.status).toBe(200);
    expect(((await res2.json()) as { user: { id: string } }).user.id).toBe(account.id);
    expect(await t.database.db.select().from(user_identities).where(eq(user_identities.user_id, account.id))).toHaveLength(1);

    // Logout: spie's session ends and the browser is sent to the provider's logout with the ID token.
    const out = await again.request(`${spieUrl}/api/v1/auth/logout`, { method: "POST", headers: { "x-csrf-token": ((await (await me(again)).json()) as { csrf_token: string }).csrf_token } });
    expect(out.status).toBe(200);
    const logoutUrl = new URL(((await out.json()) as { logout_url: string }).logout_url);
    expect(logoutUrl.origin).toBe(op.issuer);
    expect(logoutUrl.searchParams.get("post_logout_redirect_uri")).toBe(`${spieUrl}/connexion`);
    expect(logoutUrl.searchParams.get("id_token_hint")?.split(".")).toHaveLength(3);
    expect((await me(again)).status).toBe(401);
    const providerLogout = await again.request(logoutUrl.href);
    expect(providerLogout.status).toBe(200);
    // The first browser's session is still open; password logout keeps its 204.
    expect((await me(browser)).status).toBe(200);
    await t.database.db.update(users).set({ email: TEST_ACCOUNTS.camille!.email }).where(eq(users.id, account.id));
  });

  it("refuses an e-mail without account or invitation, and creates no account", async () => {
    const before = await t.database.db.select({ n: count() }).from(users);
    const browser = new Browser();
    const { landed } = await signIn(browser, "inconnue");
    expect(landed.pathname).toBe("/connexion");
    expect(landed.searchParams.get("erreur")).toBe("proconnect_aucun_compte");
    expect((await me(browser)).status).toBe(401);
    expect(await t.database.db.select({ n: count() }).from(users)).toEqual(before);
    expect(await t.database.db.select().from(user_identities).where(eq(user_identities.subject, "inconnue"))).toEqual([]);
  });

  it("gives an invited person the account the invitation promised, with its membership and no password", async () => {
    const email = "inconnue.fictive@test.spie.example.org";
    await t.database.db.insert(invitations).values({ structure_id: structureId, email, role: "professional", token_hash: `hash-fictif-${Date.now()}`, expires_at: new Date(Date.now() + 86_400_000) });
    const browser = new Browser();
    const { landed } = await signIn(browser, "inconnue");
    expect(landed.searchParams.get("erreur")).toBeNull();
    const mine = await me(browser);
    expect(mine.status).toBe(200);
    const body = (await mine.json()) as { user: { email: string; name: string }; memberships: { structure: { id: string }; role: string }[] };
    expect(body.user).toMatchObject({ email, name: "Inconnue Fictive" });
    expect(body.memberships).toMatchObject([{ structure: { id: structureId }, role: "professional" }]);
    const [account] = await t.database.db.select().from(users).where(eq(users.email, email));
    expect(account!.password_hash).toBeNull();
    const [invitation] = await t.database.db.select().from(invitations).where(eq(invitations.email, email));
    expect(invitation!.accepted_by).toBe(account!.id);
  });

  it("refuses to link an e-mail the provider says is not verified", async () => {
    await f.user(t.database.db, [], { email: TEST_ACCOUNTS.nonverifiee!.email });
    const browser = new Browser();
    const { landed } = await signIn(browser, "nonverifiee");
    expect(landed.searchParams.get("erreur")).toBe("proconnect_email_non_verifie");
    expect((await me(browser)).status).toBe(401);
    expect(await t.database.db.select().from(user_identities).where(eq(user_identities.subject, "nonverifiee"))).toEqual([]);
  });

  it("refuses a disabled account", async () => {
    const account = await f.user(t.database.db, [], { email: TEST_ACCOUNTS.desactivee!.email });
    await t.database.db.update(users).set({ disabled_at: new Date() }).where(eq(users.id, account.id));
    const browser = new Browser();
    const { landed } = await signIn(browser, "desactivee");
    expect(landed.searchParams.get("erreur")).toBe("proconnect_compte_desactive");
    expect((await me(browser)).status).toBe(401);
    expect(await t.database.db.select().from(user_identities).where(eq(user_identities.user_id, account.id))).toEqual([]);
  });

  it("refuses a callback whose state is missing, foreign, or already used", async () => {
    const bare = await anonymous(t.app).get("/api/v1/auth/proconnect/callback");
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe("/connexion?erreur=proconnect_etat_invalide");

    // A state this browser did not start (login CSRF): the cookie does not match.
    const browser = new Browser();
    const { landed, callbackUrl } = await signIn(browser, "camille", {
      beforeCallback: async () => void browser.cookies(spieUrl).set("spie_oidc_state", "un-autre-etat"),
    });
    expect(landed.searchParams.get("erreur")).toBe("proconnect_etat_invalide");
    expect((await me(browser)).status).toBe(401);

    // A callback replayed: the state was consumed by the first use.
    const first = new Browser();
    let saved = new Map<string, string>();
    const ok = await signIn(first, "camille", { beforeCallback: async () => void (saved = new Map(first.cookies(spieUrl))) });
    expect(ok.landed.pathname).toBe("/");
    const replay = new Browser();
    for (const [k, v] of saved) replay.cookies(spieUrl).set(k, v);
    const replayed = await replay.follow(ok.callbackUrl);
    expect(replayed.url.searchParams.get("erreur")).toBe("proconnect_etat_invalide");
    expect((await me(replay)).status).toBe(401);
    expect(callbackUrl).not.toBe(ok.callbackUrl);
  });

  it("refuses an expired state", async () => {
    const browser = new Browser();
    const { landed } = await signIn(browser, "camille", {
      beforeCallback: async () => void (await t.database.db.update(oidc_logins).set({ expires_at: sql`now() - interval '1 second'` })),
    });
    expect(landed.searchParams.get("erreur")).toBe("proconnect_etat_invalide");
    expect((await me(browser)).status).toBe(401);
  });

  it("checks the nonce of the ID token", async () => {
    const browser = new Browser();
    const sessionsBefore = await t.database.db.select({ n: count() }).from(sessions);
    const { landed } = await signIn(browser, "camille", {
      beforeCallback: async () => void (await t.database.db.update(oidc_logins).set({ nonce: "un-nonce-qui-n-est-pas-celui-du-jeton" })),
    });
    expect(landed.searchParams.get("erreur")).toBe("proconnect_echec");
    expect((await me(browser)).status).toBe(401);
    expect(await t.database.db.select({ n: count() }).from(sessions)).toEqual(sessionsBefore);
  });

  it("checks the PKCE verifier at the token exchange", async () => {
    const browser = new Browser();
    const { landed } = await signIn(browser, "camille", {
      beforeCallback: async () => void (await t.database.db.update(oidc_logins).set({ code_verifier: "v".repeat(64) })),
    });
    expect(landed.searchParams.get("erreur")).toBe("proconnect_echec");
    expect((await me(browser)).status).toBe(401);
  });

  it("keeps the ID token encrypted with the session, and forgets it with the session", async () => {
    const browser = new Browser();
    await signIn(browser, "camille");
    const rows = await t.database.db.select().from(oidc_sessions);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // AES-GCM "iv.tag.ciphertext", not the JWT's readable "header.claims.signature".
      const [iv, tag] = row.id_token.split(".");
      expect(Buffer.from(iv!, "base64url")).toHaveLength(12);
      expect(Buffer.from(tag!, "base64url")).toHaveLength(16);
      // No segment reads as JSON (a JWT's header and claims do). Not "contains eyJ": ciphertext in
      // base64url holds those three letters by chance about once in 200 (it flaked in CI).
      const readable = (segment: string) => {
        try {
          JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
          return true;
        } catch {
          return false;
        }
      };
      expect(row.id_token.split(".").filter(readable)).toEqual([]);
    }
    await t.database.db.delete(sessions);
    expect(await t.database.db.select().from(oidc_sessions)).toEqual([]);
  });
});

describe("ProConnect off", () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await testApp();
  });
  afterAll(async () => {
    await off?.close();
  });

  it("answers 404 on its routes and says it is not offered", async () => {
    expect((await anonymous(off.app).get("/api/v1/auth/providers")).json()).toEqual({ proconnect: false });
    const login = await anonymous(off.app).get("/api/v1/auth/proconnect/login");
    expect(login.statusCode).toBe(404);
    expect(login.headers["content-type"]).toContain("application/problem+json");
    expect(login.json()).toMatchObject({ detail: "ProConnect n'est pas configuré." });
    expect((await anonymous(off.app).get("/api/v1/auth/proconnect/callback?state=x&code=y")).statusCode).toBe(404);
  });
});

describe("ProConnect configuration and return paths", () => {
  it("needs the three variables together, https outside this machine", () => {
    expect(loadConfig({}).proconnect).toBeNull();
    expect(() => loadConfig({ PROCONNECT_ISSUER: "https://fca.integ01.dev-agentconnect.fr/api/v2" })).toThrow(/PROCONNECT_CLIENT_ID, PROCONNECT_CLIENT_SECRET/);
    const env = { PROCONNECT_ISSUER: "https://fca.integ01.dev-agentconnect.fr/api/v2/", PROCONNECT_CLIENT_ID: "id", PROCONNECT_CLIENT_SECRET: "secret" };
    expect(loadConfig(env).proconnect).toEqual({ issuer: "https://fca.integ01.dev-agentconnect.fr/api/v2", clientId: "id", clientSecret: "secret" });
    expect(loadConfig({ ...env, PORT: "4000" }).publicUrl).toBe("http://localhost:4000");
    expect(() => loadConfig({ ...env, PROCONNECT_ISSUER: "http://proconnect.example.org/api/v2" })).toThrow(/https/);
    expect(() => loadConfig({ ...env, NODE_ENV: "production", SPIE_SECRET: "x".repeat(40) })).toThrow(/SPIE_PUBLIC_URL/);
    expect(loadConfig({ ...env, NODE_ENV: "production", SPIE_SECRET: "x".repeat(40), SPIE_PUBLIC_URL: "https://spie.example.org/" }).publicUrl).toBe("https://spie.example.org");
  });

  it("comes back only to a local page", () => {
    expect(safeReturnPath("/personnes/12?onglet=diagnostic")).toBe("/personnes/12?onglet=diagnostic");
    for (const bad of [undefined, "", "https://exemple.org/", "//exemple.org/", "/\\exemple.org", "/api/v1/me", "personnes", "/a b"]) expect(safeReturnPath(bad)).toBe("/");
  });
});
