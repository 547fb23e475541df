// Directory (issue 3), end to end: an anonymous visitor searches "Laon" + "Mobilité", filters by
// public and opens a service; a structure admin creates a service and finds it in the search; axe
// finds no violation; the search page fits a 320 px wide screen.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, hasHorizontalScroll, login, startE2E, tick, type E2E } from "./harness.ts";

let e2e: E2E;
/** expect.poll with room for a loaded machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 200 });

beforeAll(async () => {
  e2e = await startE2E();
});

afterAll(async () => {
  await e2e?.stop();
});

async function pickCommune(page: Page, text: string, option: RegExp): Promise<void> {
  const input = page.getByRole("combobox", { name: /commune/i });
  await input.fill(text);
  await page.getByRole("option", { name: option }).first().click();
}

async function cardTitles(page: Page): Promise<string[]> {
  return page.getByTestId("service-card").locator("h2, h3").allInnerTexts();
}

describe("directory", () => {
  it("lets an anonymous visitor search Laon + Mobilité, filter by public and open a service", async () => {
    const page = await e2e.newPage();
    await page.goto("/annuaire");
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Annuaire de l'offre d'insertion");
    await expectNoAxeViolations(page, "annuaire (vide)");

    await pickCommune(page, "Laon", /^Laon \(02000\)/);
    await page.getByLabel("Thématique").selectOption({ label: "Mobilité" });
    await page.getByRole("button", { name: "Rechercher" }).click();
    await poll(() => page.getByTestId("directory-count").innerText()).toMatch(/\d+ services? trouvés?/);
    expect(page.url()).toContain("code_insee=02408");
    expect(page.url()).toContain("thematiques=mobilite");
    const all = await cardTitles(page);
    expect(all).toEqual(expect.arrayContaining(["Aide au permis de conduire pour les jeunes", "Location de scooters à petit prix", "Conseil en mobilité à distance"]));
    // In-person services of Laon come before the remote one.
    expect(all.indexOf("Aide au permis de conduire pour les jeunes")).toBeLessThan(all.indexOf("Conseil en mobilité à distance"));
    await expectNoAxeViolations(page, "annuaire (résultats)");

    await page.getByLabel("Public").selectOption("femmes");
    await poll(() => page.url()).toContain("publics=femmes");
    await poll(() => cardTitles(page)).not.toContain("Aide au permis de conduire pour les jeunes");
    const forWomen = await cardTitles(page);
    expect(forWomen).toContain("Conseil en mobilité à distance"); // tous-publics always matches
    await page.getByLabel("Public").selectOption("jeunes");
    await poll(() => cardTitles(page)).toContain("Aide au permis de conduire pour les jeunes");

    await page.getByRole("link", { name: "Aide au permis de conduire pour les jeunes" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Aide au permis de conduire pour les jeunes");
    await poll(() => page.getByText("Mission locale de Laon").first().isVisible()).toBe(true);
    await poll(() => page.getByText("Comment mobiliser ce service").isVisible()).toBe(true);
    await expectNoAxeViolations(page, "fiche service");

    await page.goBack();
    await poll(() => page.url()).toContain("publics=jeunes");
    await poll(() => cardTitles(page)).toContain("Location de scooters à petit prix");
  });

  it("fits a 320 px wide screen", async () => {
    const page = await e2e.newPage({ width: 320, height: 800 });
    await page.goto("/annuaire?code_insee=02408&commune=Laon&cp=02000&thematiques=mobilite");
    await poll(() => page.getByTestId("service-card").count()).toBeGreaterThan(0);
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it("lets a structure admin create a service and find it in the search", async () => {
    const page = await e2e.newPage();
    await login(page, "morgan.test@demo.spie.example.org");
    await page.getByRole("link", { name: /Services · Mission locale de Laon/ }).first().click();
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Services de Mission locale de Laon");
    // The service left without update for 8 months is flagged.
    await poll(() => page.getByText(/pas été mis à jour depuis 6 mois/).isVisible()).toBe(true);
    await page.getByRole("link", { name: "Créer un service" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Nouveau service");
    await expectNoAxeViolations(page, "formulaire de service");

    const name = "Garage école de Laon";
    await page.getByLabel("Nom du service").fill(name);
    await page.getByLabel("Description").fill("Apprendre à entretenir sa voiture ou son scooter avec un mécanicien, deux après-midi par semaine.");
    await page.locator("summary", { hasText: "Mobilité" }).click();
    // DSFR checkboxes: the styled label covers the native input.
    await tick(page.getByRole("checkbox", { name: /^Entretenir et réparer son véhicule/ }));
    await tick(page.getByRole("checkbox", { name: /^Jeunes/ }));
    await tick(page.getByRole("checkbox", { name: /^En présentiel/ }));
    await pickCommune(page, "02000", /^Laon \(02000\)/);
    await page.getByLabel("État").selectOption("published");
    await poll(() => page.locator(".spie-preview").innerText()).toContain(name);
    await page.getByRole("button", { name: "Créer le service" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe(name);

    await page.goto("/annuaire");
    await pickCommune(page, "Laon", /^Laon \(02000\)/);
    await page.getByLabel("Thématique").selectOption({ label: "Mobilité" });
    await page.getByLabel("Mots-clés (facultatif)").fill("garage ecole");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await poll(() => cardTitles(page)).toEqual([name]);
  });
});
