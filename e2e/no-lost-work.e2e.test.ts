// Issue 9 "no lost work", in a real browser on the demo data: a diagnostic being typed survives a
// tab switch (the unsaved-changes guard asks first), a page reload (the draft kept in the browser)
// and an expired session (the login page says so, and brings the user back to the draft); the
// session warning offers to stay signed in. Axe checks each screen (1280 px; 375 px where relevant).
//
// The person: Inès Marie FICTIF (demo p02), référent Dominique Exemple.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "../server/features/auth/auth.tables.ts";
import { DEMO_PASSWORD, expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const REFERENT = "dominique.exemple@demo.spie.example.org";
const SITUATION = "Hébergée chez une amie — texte de brouillon fictif";
const NEEDS = "Logement autonome, FJT — brouillon";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

async function openFile(page: Page): Promise<string> {
  await page.goto("/personnes");
  await page.getByRole("link", { name: /Inès Marie FICTIF/ }).first().click();
  await page.getByTestId("person-title").waitFor();
  return new URL(page.url()).pathname;
}

const logement = (page: Page) => page.getByTestId("thematic-logement");
const situation = (page: Page) => logement(page).getByLabel("Situation, en quelques mots");

describe("no lost work", () => {
  it("a typed diagnostic survives a tab switch (guard), a reload (draft) and an expired session (login, then back to the draft)", async () => {
    const page = await e2e.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await login(page, REFERENT);
    const fileUrl = await openFile(page);
    await page.getByRole("tab", { name: /^Diagnostic$/ }).click();
    await page.getByTestId("diagnostic-form").waitFor();
    await situation(page).fill(SITUATION);

    // 1. Another tab: the guard asks first; "Rester" keeps the text where it is.
    await page.getByRole("tab", { name: /^Notes$/ }).click();
    const guard = page.getByRole("dialog", { name: "Quitter sans enregistrer ?" });
    await guard.waitFor();
    await expectNoAxeViolations(page, "garde des modifications non enregistrées");
    await guard.getByRole("button", { name: "Rester et enregistrer" }).click();
    await guard.waitFor({ state: "hidden" });
    expect(page.url()).toContain("onglet=diagnostic");
    expect(await situation(page).inputValue()).toBe(SITUATION);
    // Leaving anyway: the draft waits in the browser and comes back with the tab.
    await page.getByRole("tab", { name: /^Notes$/ }).click();
    await guard.getByRole("button", { name: "Quitter sans enregistrer" }).click();
    await page.waitForURL(/onglet=notes/);
    await page.getByTestId("note-form").waitFor();
    await page.getByRole("tab", { name: /^Diagnostic$/ }).click();
    await page.getByTestId("diagnostic-form").waitFor();
    expect(await situation(page).inputValue()).toBe(SITUATION);
    await page.getByTestId("draft-restored").waitFor();
    await expectNoAxeViolations(page, "diagnostic avec brouillon repris");

    // A link elsewhere is guarded too (the restored draft counts before any keystroke).
    await page.getByRole("link", { name: "Mes personnes" }).first().click();
    await guard.waitFor();
    await guard.getByRole("button", { name: "Rester et enregistrer" }).click();
    await guard.waitFor({ state: "hidden" });
    expect(new URL(page.url()).pathname).toBe(fileUrl);

    // 2. A reload: the browser asks (beforeunload), then the draft is back.
    await logement(page).getByLabel("Besoins").fill(NEEDS);
    await page.reload();
    expect(dialogs).toContain("beforeunload");
    await page.getByTestId("diagnostic-form").waitFor();
    expect(await situation(page).inputValue()).toBe(SITUATION);
    expect(await logement(page).getByLabel("Besoins").inputValue()).toBe(NEEDS);

    // 3. The session ends server-side (as after 30 idle minutes); "Enregistrer" meets the 401.
    await e2e.running.database.db.delete(sessions);
    await page.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    await page.waitForURL(/\/connexion\?/);
    const expired = page.getByTestId("session-expired");
    await expired.waitFor();
    expect(await expired.textContent()).toContain("Votre session a expiré");
    await expectNoAxeViolations(page, "connexion après expiration");
    await page.getByLabel(/adresse (électronique|e-mail)/i).fill(REFERENT);
    await page.getByLabel(/^mot de passe/i).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: /se connecter/i }).click();
    await page.waitForURL((url) => url.pathname === fileUrl && url.search.includes("onglet=diagnostic"));
    await page.getByTestId("diagnostic-form").waitFor();
    expect(await situation(page).inputValue()).toBe(SITUATION);
    expect(await logement(page).getByLabel("Besoins").inputValue()).toBe(NEEDS);

    // Saved at last: the draft is gone from the browser, and leaving asks nothing.
    await page.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    await page.getByText("Diagnostic enregistré : version 1.").waitFor();
    const keys = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("spie:brouillon:")));
    expect(keys).toEqual([]);
    await page.getByRole("tab", { name: /^Notes$/ }).click();
    await page.waitForURL(/onglet=notes/);
  });

  it("warns five minutes before the idle end, and 'Rester connecté' extends the session (375 px)", async () => {
    const page = await e2e.newPage({ width: 375, height: 800 });
    await page.clock.install();
    await login(page, REFERENT);
    await openFile(page);
    // 26 minutes without any request, in the browser's clock (the server's session really idles too).
    await e2e.running.database.db.update(sessions).set({ last_seen_at: new Date(Date.now() - 26 * 60_000) });
    await page.clock.fastForward("26:00");
    const warning = page.getByRole("dialog", { name: "Votre session va expirer" });
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/Sans activité, votre session se termine à \d{2}:\d{2}/);
    await expectNoAxeViolations(page, "avertissement de fin de session");
    await warning.getByRole("button", { name: "Rester connecté" }).click();
    await warning.waitFor({ state: "hidden" });
    // Every session was set 26 minutes idle: the one kept alive is seen again now.
    const rows = await e2e.running.database.db.select().from(sessions);
    const lastSeen = Math.max(...rows.map((r) => r.last_seen_at.getTime()));
    expect(Date.now() - lastSeen).toBeLessThan(60_000);
  });
});
