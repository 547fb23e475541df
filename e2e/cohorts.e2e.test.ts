// Issue 11, cohorts, in a real browser on the demo data: the Aisne's coordinator creates the cohort
// "Parents isolés — Laon" (single parents with an open RSA right), previews who matches, adds them
// all, lets one member leave with a reason, and reads the outcomes month by month; steering sees the
// counts only; a référent sees the cohort on her person's file and adds her to another one. axe finds no violation on any of these screens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { todayInFrance } from "../common/schemas/common.ts";
import { cohorts } from "../server/features/cohorts/cohorts.tables.ts";
import { territories } from "../server/features/territories/territories.tables.ts";
import { expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const COORDINATOR = "claude.essai@demo.spie.example.org";
const STEERING = "maxime.pilotage@demo.spie.example.org";
const REFERENT = "sam.double@demo.spie.example.org";
const NAME = "Parents isolés — Laon";

let e2e: E2E;
let cohortPath = "";

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

describe("cohorts in a real browser", () => {
  it("the coordinator creates a cohort, previews, adds the people, lets one leave and sees the outcomes", async () => {
    const page = await e2e.newPage();
    await login(page, COORDINATOR);
    await page.getByRole("link", { name: "Cohortes", exact: true }).first().click();
    await page.getByRole("heading", { level: 1, name: "Cohortes" }).waitFor();
    await expectNoAxeViolations(page, "cohortes (vide)");

    await page.getByRole("link", { name: "Créer une cohorte" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer une cohorte" }).waitFor();
    // The shared schema refuses an inverted age range before anything is sent.
    await page.getByLabel(/^Nom de la cohorte/).fill(NAME);
    await page.getByLabel(/^Début de la période/).fill(todayInFrance());
    await page.getByLabel(/^Âge minimum/).fill("40");
    await page.getByLabel(/^Âge maximum/).fill("20");
    await page.getByRole("button", { name: "Créer la cohorte" }).click();
    await page.getByText("L'âge maximum est inférieur à l'âge minimum").first().waitFor();
    await expectNoAxeViolations(page, "création de cohorte : erreur");
    await page.getByLabel(/^Âge minimum/).fill("");
    await page.getByLabel(/^Âge maximum/).fill("");
    await page.getByLabel(/^Parent isolé/).selectOption("oui");
    await page.getByLabel(/^Bénéficiaire du RSA/).selectOption("oui");
    // A place picked as you type, then taken away again (Laon has no single parent in the demo).
    await page.getByLabel(/^Chercher une commune/).fill("Laon");
    await page.getByRole("button", { name: /^Ajouter Laon/ }).first().click();
    await expect.poll(() => page.getByTestId("cohort-places").textContent()).toContain("Laon");
    await expectNoAxeViolations(page, "création de cohorte");
    await page.getByRole("button", { name: /^Retirer Laon/ }).click();
    await page.getByLabel(/^Résultats attendus/).fill("La moitié des personnes en emploi ou en formation dans l'année (objectif fictif).");
    await page.getByRole("button", { name: "Créer la cohorte" }).click();
    await page.waitForURL(/\/cohortes\/[0-9a-f-]{36}$/);
    cohortPath = new URL(page.url()).pathname;
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    expect(await page.getByTestId("cohort-criteria").textContent()).toMatch(/Bénéficiaire du RSA.*Parent isolé/s);

    // Preview, then add them all.
    await page.getByRole("button", { name: "Voir les personnes concernées" }).click();
    await page.getByTestId("preview-table").waitFor();
    expect(await page.getByTestId("preview-count").textContent()).toMatch(/4 personnes répondent/);
    expect(await page.getByTestId("preview-row").count()).toBe(4);
    await expectNoAxeViolations(page, "aperçu de la cohorte");
    await page.getByRole("button", { name: "Ajouter les 4 personnes" }).click();
    await page.getByText("4 personnes ajoutées à la cohorte.").waitFor();
    await expect.poll(() => page.getByTestId("member-row").count()).toBe(4);
    expect(await page.getByTestId("cohort-members-count").textContent()).toBe("4 membres");

    // One member leaves, with a reason.
    await page.getByRole("button", { name: /^Faire sortir Fatou EXEMPLE/ }).click();
    await page.getByTestId("exit-form").waitFor();
    await page.getByLabel(/^Motif de sortie/).selectOption("emploi");
    await page.getByLabel(/^Précisions/).fill("CDD de six mois (fictif)");
    await expectNoAxeViolations(page, "sortie d'un membre");
    await page.getByRole("button", { name: "Confirmer la sortie" }).click();
    await page.getByText("Fatou EXEMPLE est sorti·e de la cohorte.").waitFor();
    await expect.poll(() => page.getByTestId("member-row").count()).toBe(3);
    await page.getByLabel("Afficher").selectOption("left");
    await expect.poll(() => page.getByTestId("members-table").textContent()).toMatch(/Accès à l'emploi : CDD de six mois/);

    // Outcomes, this month: 3 members, 4 entries, 1 exit.
    const row = page.getByTestId("outcome-row").last();
    await row.waitFor();
    const cells = await row.locator("td, th").allTextContents();
    expect(cells.slice(1, 4)).toEqual(["3", "4", "1"]);
    await expectNoAxeViolations(page, "page de la cohorte");

    // Edit: the form comes back filled in; the period gets an end.
    await page.getByRole("link", { name: "Modifier" }).click();
    await page.getByRole("heading", { level: 1, name: "Modifier la cohorte" }).waitFor();
    expect(await page.getByLabel(/^Nom de la cohorte/).inputValue()).toBe(NAME);
    expect(await page.getByLabel(/^Parent isolé/).inputValue()).toBe("oui");
    await expectNoAxeViolations(page, "modification de la cohorte");
    await page.getByLabel(/^Fin de la période/).fill(`${Number(todayInFrance().slice(0, 4)) + 1}-12-31`);
    await page.getByRole("button", { name: "Enregistrer la cohorte" }).click();
    await page.getByText("Cohorte enregistrée.").waitFor();
    await page.getByText(/au 31\/12\/\d{4}/).first().waitFor();
  });

  it("steering sees the cohort and its outcomes, no person", async () => {
    const page = await e2e.newPage();
    await login(page, STEERING);
    await page.goto(cohortPath);
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    await page.getByTestId("outcomes-table").waitFor();
    expect(await page.getByTestId("members-table").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Voir les personnes concernées" }).count()).toBe(0);
    await expectNoAxeViolations(page, "cohorte vue par le pilotage");
  });

  it("the person's file shows their cohorts, and their référent adds them to another one", async () => {
    const [aisne] = await e2e.running.database.db.select({ id: territories.id }).from(territories).where(eq(territories.name, "Aisne"));
    await e2e.running.database.db.insert(cohorts).values({ territory_id: aisne!.id, name: "Accompagnement renforcé — Chauny", criteria: {}, starts_on: todayInFrance() });
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.goto("/personnes");
    await page.getByRole("link", { name: /Aurélie DÉMO/ }).first().click();
    await page.getByTestId("person-title").waitFor();
    await page.getByRole("tab", { name: "Cohortes" }).click();
    await expect.poll(() => page.getByTestId("person-cohorts").textContent()).toContain(NAME);
    await expectNoAxeViolations(page, "cohortes du dossier");
    await page.getByLabel("Ajouter à une cohorte du territoire").selectOption({ label: "Accompagnement renforcé — Chauny" });
    await page.getByRole("button", { name: "Ajouter", exact: true }).click();
    await page.getByText("Ajouté·e à la cohorte « Accompagnement renforcé — Chauny ».").waitFor();
    await expect.poll(() => page.getByTestId("person-cohorts").textContent()).toContain("Accompagnement renforcé — Chauny");
  });
});
