// Issue 2 "done when": a demo professional logs in, creates a person, sees the duplicate warning
// when creating them again, opens the file, logs out; axe finds no violation on these pages; the
// pages work 320 px wide; another structure's professional cannot open the file.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, hasHorizontalScroll, login, startE2E, type E2E } from "./harness.ts";

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

const PRO = "camille.demo@demo.spie.example.org";
const OTHER_PRO = "dominique.exemple@demo.spie.example.org";

describe("the person's file in a real browser", () => {
  let personUrl = "";

  it("logs in, creates a person, warns on the duplicate, opens the file and logs out", async () => {
    const page = await e2e.newPage();
    await page.goto("/connexion");
    await expectNoAxeViolations(page, "connexion");
    await login(page, PRO);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toContain("Mes personnes accompagnées");
    await expectNoAxeViolations(page, "mes personnes");

    await page.getByRole("link", { name: /Créer le dossier d'une personne/ }).click();
    await page.getByRole("heading", { level: 1, name: /Créer le dossier/ }).waitFor();
    await expectNoAxeViolations(page, "création");
    const form = page.getByTestId("person-form");
    await form.getByLabel(/^Prénoms/).fill("Aurore");
    await form.getByLabel(/^Nom$|^Nom\b(?! de naissance)/).first().fill("Essai-Navigateur");
    await form.getByLabel(/^Date de naissance/).fill("1991-05-17");
    await form.getByRole("button", { name: "Créer le dossier" }).click();
    await page.waitForURL(/\/personnes\/[0-9a-f-]{36}$/);
    personUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId("person-title").textContent()).toMatch(/Aurore/);
    await expectNoAxeViolations(page, "dossier");

    // Same person again, accents and case aside: the duplicate warning, nothing created.
    await page.goto("/personnes/nouvelle");
    await form.getByLabel(/^Prénoms/).fill("AURORE");
    await form.getByLabel(/^Nom$|^Nom\b(?! de naissance)/).first().fill("essai navigateur");
    await form.getByLabel(/^Date de naissance/).fill("1991-05-17");
    await form.getByRole("button", { name: "Créer le dossier" }).click();
    const warning = page.getByRole("heading", { name: /déjà un dossier|doublon|existe/i });
    await warning.waitFor();
    expect(await page.getByText(/Conseil départemental de l'Aisne/).count()).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe("/personnes/nouvelle");
    await expectNoAxeViolations(page, "doublon");

    await page.goto(personUrl);
    await page.getByTestId("person-title").waitFor();
    await page.getByRole("button", { name: "Se déconnecter" }).or(page.getByRole("link", { name: "Se déconnecter" })).first().click();
    await page.waitForURL(/\/connexion/);
    await page.goto(personUrl);
    await page.waitForURL(/\/connexion/);
  });

  it("does not show the file to a professional of another structure", async () => {
    const page = await e2e.newPage();
    await login(page, OTHER_PRO);
    await page.goto(personUrl);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByTestId("person-title").count()).toBe(0);
    expect(await page.getByText("Essai-Navigateur").count()).toBe(0);
    await expectNoAxeViolations(page, "dossier introuvable");
  });

  it("works 320 px wide with no horizontal scroll", async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await page.goto("/connexion");
    expect(await hasHorizontalScroll(page)).toBe(false);
    await login(page, PRO);
    await page.getByRole("heading", { level: 1, name: /Mes personnes/ }).waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.goto(personUrl);
    await page.getByTestId("person-title").waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it("can be used with the keyboard only: skip link then login form", async () => {
    const page = await e2e.newPage();
    await page.goto("/connexion");
    // The page is drawn once its chunk has loaded (route-level code splitting): wait for the form.
    await page.getByLabel(/adresse (électronique|e-mail)/i).waitFor();
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => document.activeElement?.textContent ?? "");
    expect(first).toMatch(/contenu/i);
    await page.keyboard.press("Enter");
    await page.getByLabel(/adresse (électronique|e-mail)/i).focus();
    await page.keyboard.type(PRO);
    await page.keyboard.press("Tab");
    await page.keyboard.type("spie-demo-2026");
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
  });
});
