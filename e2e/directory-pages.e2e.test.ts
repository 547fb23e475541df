// Directory pages (issue 9), end to end, each problem reproduced: a facet's count is what choosing
// it gives; a page past the last leads to the last; focus goes to the results' heading after
// "Page suivante"; a bad shared link names the parameter; a structure and a service show phone,
// e-mail and opening hours in plain French; "Aide matérielle" has its accent. Axe on each page.
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../server/features/directory/directory.tables.ts";
import { structures } from "../server/features/structures/structures.tables.ts";
import * as f from "../server/test/factories.ts";
import { expectNoAxeViolations, startE2E, type E2E } from "./harness.ts";

let e2e: E2E;
let mlId: string;
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 200 });
const LAON_SEARCH = "/annuaire?code_insee=02408&commune=Laon&cp=02000";
/** ARCEP's range kept for fiction: no real subscriber has this number. */
const FICTIONAL_PHONE = "01 99 00 12 34";

beforeAll(async () => {
  e2e = await startE2E();
  const db = e2e.running.database.db;
  const [ml] = await db.select({ id: structures.id }).from(structures).where(eq(structures.name, "Mission locale de Laon"));
  mlId = ml!.id;
  await db.update(structures).set({ phone: FICTIONAL_PHONE, horaires_accueil: "Mo-Fr 09:00-12:00,14:00-17:00; PH off" }).where(eq(structures.id, mlId));
  await db.update(services).set({ telephone: FICTIONAL_PHONE }).where(eq(services.nom, "Aide au permis de conduire pour les jeunes"));
  // Enough services in Laon for three pages of 10, some for everybody (they match any public).
  const extra = await f.structure(db, { name: "Association fictive des ateliers", commune_code: "02408" });
  for (let i = 1; i <= 20; i++) {
    await f.service(db, extra.id, {
      nom: `Atelier fictif ${String(i).padStart(2, "0")}`,
      thematiques: ["numerique--maitriser-les-fondamentaux-du-numerique"],
      publics: i % 3 === 0 ? ["jeunes"] : ["tous-publics"],
      type: i % 2 === 0 ? "atelier" : "aide-materielle",
      code_insee: "02408",
      zone_eligibilite: ["02408"],
      modes_accueil: ["en-presentiel"],
    });
  }
});

afterAll(async () => {
  await e2e?.stop();
});

const countText = (page: Page) => page.getByTestId("directory-count").innerText();
const totalShown = async (page: Page) => Number(/^(\d+) services? trouvés?$/.exec(await countText(page))?.[1] ?? NaN);
const cards = (page: Page) => page.getByTestId("service-card");

describe("directory pages", () => {
  it("shows, for a facet value, the count that choosing it gives", async () => {
    const page = await e2e.newPage();
    await page.goto(LAON_SEARCH);
    await poll(() => countText(page)).toMatch(/^\d+ services trouvés$/);
    for (const [select, value] of [["Public", "jeunes"], ["Public", "femmes"], ["Type de service", "aide-materielle"], ["Type de service", "atelier"]] as const) {
      await page.goto(LAON_SEARCH);
      await poll(() => countText(page)).toMatch(/^\d+ services trouvés$/);
      const option = await page.getByLabel(select).locator(`option[value="${value}"]`).innerText();
      const announced = Number(/\((\d+)\)$/.exec(option)?.[1]);
      expect(announced, `${select} ${option}`).toBeGreaterThan(0);
      await page.getByLabel(select).selectOption(value);
      await poll(() => page.url()).toContain(`=${value}`);
      await poll(() => totalShown(page)).toBe(announced);
    }
  });

  it("leads a page past the last to the last page, never a count with no service", async () => {
    const page = await e2e.newPage();
    await page.goto(`${LAON_SEARCH}&page=9`);
    await poll(() => page.url()).toMatch(/page=3$/);
    await poll(() => cards(page).count()).toBeGreaterThan(0);
    expect(await countText(page)).toMatch(/^2\d services trouvés$/);
    expect(await page.getByText("Aucun service ne correspond").count()).toBe(0);
    expect(await page.getByRole("link", { name: "Page précédente" }).isVisible()).toBe(true);
    await expectNoAxeViolations(page, "annuaire (dernière page)");
  });

  it("moves the focus to the results' heading after Page suivante", async () => {
    const page = await e2e.newPage();
    await page.goto(LAON_SEARCH);
    await poll(() => cards(page).count()).toBe(10);
    const first = await cards(page).first().locator("h3").innerText();
    await page.getByRole("link", { name: "Page suivante" }).click();
    await poll(() => page.url()).toContain("page=2");
    await poll(() => cards(page).first().locator("h3").innerText()).not.toBe(first);
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe("resultats-titre");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    // Changing a filter leaves the focus on the filter.
    await page.getByLabel("Public").focus();
    await page.getByLabel("Public").selectOption("jeunes");
    await poll(() => page.url()).toContain("publics=jeunes");
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe("filtre-public");
  });

  it("names the invalid parameter of a bad shared link, and offers the search without it", async () => {
    const page = await e2e.newPage();
    await page.goto(`${LAON_SEARCH}&page=abc`);
    await poll(() => page.getByTestId("directory-link-errors").innerText()).toContain("Le paramètre « page » : Nombre attendu");
    await expectNoAxeViolations(page, "annuaire (lien invalide)");
    await page.getByRole("link", { name: "Chercher sans ce paramètre" }).click();
    await poll(() => cards(page).count()).toBe(10);
    expect(page.url()).not.toContain("page=");

    // A value only the server knows to be wrong is named too, with the closest valid one.
    await page.goto(`${LAON_SEARCH}&publics=jeune`);
    await poll(() => page.getByTestId("directory-link-errors").innerText()).toContain("Le paramètre « publics » : La valeur « jeune » n'existe pas. Vouliez-vous dire « jeunes » ?");
  });

  it("shows phone, e-mail and opening hours in plain French on structure and service pages", async () => {
    const page = await e2e.newPage();
    await page.goto(`/annuaire/structures/${mlId}`);
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Mission locale de Laon");
    await poll(() => page.getByTestId("horaires").innerText()).toBe("Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h ; fermé les jours fériés");
    expect(await page.locator("main .spie-dl").first().getByRole("link", { name: FICTIONAL_PHONE }).getAttribute("href")).toBe("tel:0199001234");
    expect(await page.locator("main .spie-dl").first().getByRole("link", { name: "contact@mission-locale-laon.example.org" }).getAttribute("href")).toBe("mailto:contact@mission-locale-laon.example.org");
    await expectNoAxeViolations(page, "fiche structure");

    await page.getByRole("link", { name: "Aide au permis de conduire pour les jeunes" }).click();
    await poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Aide au permis de conduire pour les jeunes");
    await poll(() => page.getByTestId("horaires").innerText()).toBe("Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h");
    expect(await page.locator("main .spie-dl").first().getByRole("link", { name: FICTIONAL_PHONE }).getAttribute("href")).toBe("tel:0199001234");
    expect(await page.getByRole("link", { name: "permis.mission-locale-laon@demo.spie.example.org" }).getAttribute("href")).toBe("mailto:permis.mission-locale-laon@demo.spie.example.org");
    await expectNoAxeViolations(page, "fiche service");
  });

  it("writes Aide matérielle with its accent", async () => {
    const page = await e2e.newPage();
    await page.goto(`${LAON_SEARCH}&types=aide-materielle`);
    await poll(() => cards(page).count()).toBeGreaterThan(0);
    expect(await page.getByLabel("Type de service").locator('option[value="aide-materielle"]').innerText()).toMatch(/^Aide matérielle \(\d+\)$/);
    expect(await cards(page).first().textContent()).toContain("Aide matérielle"); // the badge (shown in capitals)
    expect(await page.getByText(/Aide materielle/).count()).toBe(0);
  });
});
