// Unmet needs in a real browser, on the demo data: a référent's directory search finds nothing, they
// report the need from the search (thematic and commune prefilled); the territory's coordinator sees
// it in the counts (per thematic, commune, month; CSV) and closes it as solved by a directory
// service; the référent sees it solved. Every screen is checked with axe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, hasHorizontalScroll, login, startE2E, type E2E } from "./harness.ts";

const REFERENT = "dominique.exemple@demo.spie.example.org";
const COORDINATOR = "claude.essai@demo.spie.example.org";
const DESCRIPTION = "Un garage solidaire ouvert le samedi pour réparer une voiture (besoin fictif)";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);
afterAll(async () => {
  await e2e?.stop();
});

describe("unmet needs, from the directory search to the coordinator's counts", () => {
  it("a référent's search finds nothing: they report the need, prefilled", async () => {
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.goto("/annuaire?code_insee=02408&commune=Laon&cp=02000&thematiques=mobilite&q=zzintrouvable");
    await expect.poll(() => page.getByTestId("directory-count").textContent()).toMatch(/0 service/);
    const action = page.getByTestId("unmet-need-action");
    await action.waitFor();
    await expectNoAxeViolations(page, "recherche sans résultat");
    await action.getByRole("link", { name: "Signaler un besoin sans solution" }).click();

    await page.getByRole("heading", { level: 1, name: "Signaler un besoin sans solution" }).waitFor();
    expect(await page.locator("#besoin-thematique").inputValue()).toBe("mobilite");
    expect(await page.locator("#besoin-commune").inputValue()).toContain("Laon");
    expect(await page.locator("#besoin-description").inputValue()).toContain("zzintrouvable");
    // The description is required: emptied, the error names the field.
    await page.locator("#besoin-description").fill("");
    await page.getByRole("button", { name: "Signaler le besoin" }).click();
    await page.locator("#besoin-erreurs").getByRole("link", { name: /Ce qui était cherché/ }).waitFor();
    await expectNoAxeViolations(page, "formulaire du besoin, en erreur");
    await page.locator("#besoin-description").fill(DESCRIPTION);
    await page.getByText("Urgente", { exact: true }).click();
    await page.getByRole("button", { name: "Signaler le besoin" }).click();

    await page.waitForURL(/\/besoins-sans-solution\/mes-besoins$/);
    await page.getByRole("heading", { level: 1, name: "Mes besoins signalés" }).waitFor();
    await page.getByText(/Le besoin sans solution est signalé/).waitFor();
    const need = page.getByTestId("unmet-need").filter({ hasText: DESCRIPTION });
    await need.waitFor();
    expect(await need.textContent()).toMatch(/Mobilité · Laon.*Sans solution.*Urgente/s);
    await expectNoAxeViolations(page, "mes besoins signalés");
  });

  it("the coordinator sees it in the territory's counts and CSV, and closes it as solved", async () => {
    const page = await e2e.newPage();
    await login(page, COORDINATOR);
    await page.getByRole("link", { name: "Besoins sans solution" }).first().click();
    await page.getByRole("heading", { level: 1, name: /^Besoins sans solution · / }).waitFor();
    const summary = page.getByTestId("unmet-summary");
    await summary.waitFor();
    const mobility = page.getByTestId("unmet-by-thematic").getByRole("row", { name: /Mobilité/ });
    expect((await mobility.textContent())?.replace(/\s+/g, " ")).toMatch(/Mobilité\s*1\s*1\s*0\s*0\s*1/);
    expect(await page.getByTestId("unmet-by-commune").textContent()).toContain("Laon (02408)");
    expect(await page.getByTestId("unmet-by-month").getByRole("row").count()).toBeGreaterThanOrEqual(2);
    await expectNoAxeViolations(page, "besoins sans solution du territoire");

    // The CSV of the same filters, with the coordinator's session.
    const href = await page.getByTestId("unmet-csv").getAttribute("href");
    expect(href).toMatch(/^\/api\/v1\/unmet-needs\/export\.csv\?territory_id=/);
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain(DESCRIPTION);
    expect(text).toContain("Mobilité,02408,Laon");

    // Close it as solved by a mobility service of the directory open to Laon.
    const need = page.getByTestId("unmet-need").filter({ hasText: DESCRIPTION });
    await need.getByRole("button", { name: "Clore ce besoin" }).click();
    const form = need.getByTestId("unmet-close-form");
    await form.waitFor();
    const select = form.getByLabel("Service qui a répondu");
    await expect.poll(async () => (await select.locator("option").count()) > 1, { timeout: 10_000 }).toBe(true);
    await expectNoAxeViolations(page, "clôture d'un besoin");
    const service = (await select.locator("option").nth(1).textContent())!.split(" — ")[0]!;
    await select.selectOption({ index: 1 });
    await form.getByRole("button", { name: "Clore le besoin" }).click();
    await page.getByText(/Besoin « Mobilité · Laon » clos : résolu/).waitFor();
    await expect.poll(() => need.textContent()).toContain(`résolu par ${service}`);
    expect((await page.getByTestId("unmet-by-thematic").getByRole("row", { name: /Mobilité/ }).textContent())?.replace(/\s+/g, " ")).toMatch(/Mobilité\s*1\s*0\s*1\s*0\s*1/);
    await expectNoAxeViolations(page, "besoin clos");
  });

  it("from a person's file, 320 px wide: the form names the person (no horizontal scroll)", async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await login(page, REFERENT);
    await page.goto("/personnes");
    await page.getByRole("link", { name: /FICTIF/ }).first().click();
    await page.getByTestId("person-title").waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.getByRole("link", { name: "Signaler un besoin sans solution" }).click();
    await page.getByRole("heading", { level: 1, name: "Signaler un besoin sans solution" }).waitFor();
    await page.getByTestId("besoin-personne").waitFor();
    expect(await page.getByTestId("besoin-personne").textContent()).toContain("la personne de ce dossier");
    expect(await hasHorizontalScroll(page)).toBe(false);
    await expectNoAxeViolations(page, "besoin depuis le dossier, 320 px");
    await page.goto("/besoins-sans-solution/mes-besoins?statut=tous");
    await page.getByTestId("unmet-need").first().waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it("the référent sees their need solved", async () => {
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.goto("/besoins-sans-solution/mes-besoins?statut=solved");
    const need = page.getByTestId("unmet-need").filter({ hasText: DESCRIPTION });
    await need.waitFor();
    expect(await need.textContent()).toMatch(/Résolu.*résolu par/s);
    await expectNoAxeViolations(page, "mes besoins résolus");
  });
});
