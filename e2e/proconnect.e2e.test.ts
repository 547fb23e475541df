// Issue 8 "done when": ProConnect sign-in passes end to end against real servers started by the
// test — spie and a real OpenID provider (node-oidc-provider, set up like ProConnect) — in Chromium:
// the demo professional signs in through the provider's pages, lands on her home page, logs out of
// spie and of the provider; an e-mail without account comes back to the login page with the reason.
// axe checks spie's pages (not the provider's test pages).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startTestProvider, type TestProvider } from "../server/test/oidc-provider.ts";
import { expectNoAxeViolations, startE2E, type E2E } from "./harness.ts";

let e2e: E2E;
let op: TestProvider;
let spieUrl: string;

beforeAll(async () => {
  const port = await freePort();
  spieUrl = `http://127.0.0.1:${port}`;
  op = await startTestProvider(spieUrl, {
    camille: { email: "camille.demo@demo.spie.example.org", given_name: "Camille", usual_name: "Démo" },
    inconnue: { email: "inconnue.fictive@test.spie.example.org", given_name: "Inconnue", usual_name: "Fictive" },
  });
  e2e = await startE2E({ env: { ...op.env, PORT: String(port) } });
  expect(e2e.url).toBe(spieUrl);
});
afterAll(async () => {
  await e2e?.stop();
  await op?.close();
});

/** On the provider's sign-in page: its development form (any password). */
async function signInAtProvider(page: Awaited<ReturnType<E2E["newPage"]>>, login: string) {
  await page.waitForURL((url) => url.origin === op.issuer);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("mot-de-passe-fictif");
  await page.getByRole("button", { name: /sign-in/i }).click();
}

describe("ProConnect in a real browser", () => {
  it("signs in through the provider's pages, then logs out of spie and of the provider", async () => {
    const page = await e2e.newPage();
    await page.goto("/connexion");
    const button = page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ });
    await button.waitFor();
    await expectNoAxeViolations(page, "connexion avec ProConnect");
    await button.click();

    await signInAtProvider(page, "camille");
    await page.waitForURL((url) => url.origin === spieUrl && (url.pathname === "/" || url.pathname === "/personnes"));
    // The home page and then "my people" are loaded as their own chunks: more than poll's default second.
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toContain("Mes personnes accompagnées");
    await expectNoAxeViolations(page, "mes personnes (ProConnect)");
    expect(await page.getByTestId("header-account-link").first().textContent()).toMatch(/Camille/);

    await page.getByRole("button", { name: "Se déconnecter" }).first().click();
    // The provider asks to confirm its own logout, then comes back to spie's login page.
    await page.waitForURL((url) => url.origin === op.issuer);
    await page.getByRole("button", { name: /yes, sign me out/i }).click();
    await page.waitForURL((url) => url.origin === spieUrl && url.pathname === "/connexion");
    // Signed out: a professional's page asks to sign in again (the home page is the public directory).
    await page.goto("/personnes");
    await page.waitForURL(/\/connexion/);
  });

  it("comes back to the login page, with the reason, for an e-mail without account", async () => {
    const page = await e2e.newPage();
    await page.goto("/connexion?retour=%2Fannuaire");
    await page.getByRole("link", { name: /S’identifier avec\s*ProConnect/ }).click();
    await signInAtProvider(page, "inconnue");
    await page.waitForURL((url) => url.origin === spieUrl && url.pathname === "/connexion");
    expect(new URL(page.url()).searchParams.get("erreur")).toBe("proconnect_aucun_compte");
    await expect.poll(() => page.getByTestId("proconnect-error").textContent()).toContain("Aucun compte spie n'est associé à cette adresse : demandez une invitation à l'administrateur de votre structure.");
    await expectNoAxeViolations(page, "connexion refusée (ProConnect)");
    const me = await page.request.get("/api/v1/me");
    expect(me.status()).toBe(401);
  });
});
