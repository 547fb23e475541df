// Issue 4 "done when", in a real browser on the demo data: the référent fills in the diagnostic and
// sees the recommendation and its reasons; the coordinator decides the orientation; the référent
// writes a contract and a plan with an action pointing to a directory service; a second
// professional of the team sees all of it; a professional outside the team sees nothing; axe finds
// no violation on any of these screens.
//
// The person: Inès Marie FICTIF (demo p02), followed by Dominique Exemple (Mission locale de Laon,
// référent) and Camille Démo (CD de l'Aisne, team member); RSA right opened 58 days ago, so her
// orientation is overdue.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, hasHorizontalScroll, login, startE2E, type E2E } from "./harness.ts";

const REFERENT = "dominique.exemple@demo.spie.example.org";
const TEAM_MEMBER = "camille.demo@demo.spie.example.org";
const COORDINATOR = "claude.essai@demo.spie.example.org";
const OUTSIDER = "yann.demo@demo.spie.example.org";
const SERVICE = "Aide au permis de conduire pour les jeunes";

let e2e: E2E;
let personUrl = "";

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

async function openTab(page: Page, name: RegExp) {
  await page.getByRole("tab", { name }).click();
}

describe("the shared pathway in a real browser", () => {
  it("the référent finds the overdue person, fills in the diagnostic and sees the recommendation and its reasons", async () => {
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.getByText("Échéance dépassée (orientation ou contrat)", { exact: true }).click();
    await page.waitForURL(/en_retard=1/);
    await page.getByRole("link", { name: /Inès Marie FICTIF/ }).waitFor();
    expect(await page.getByTestId("list-deadline-orientation").first().textContent()).toMatch(/En retard/);
    await expectNoAxeViolations(page, "mes personnes filtrées");
    await page.getByRole("link", { name: /Inès Marie FICTIF/ }).click();
    await page.getByTestId("person-title").waitFor();
    personUrl = new URL(page.url()).pathname;
    const orientationDeadline = page.getByTestId("deadline-orientation");
    await orientationDeadline.waitFor();
    expect(await orientationDeadline.textContent()).toMatch(/En retard.*en retard de \d+ jours/s);

    await openTab(page, /^Diagnostic$/);
    const form = page.getByTestId("diagnostic-form");
    await form.waitFor();
    await expectNoAxeViolations(page, "diagnostic vide");
    // Before any diagnostic the rule does not pretend: no track, and what is missing.
    await expect.poll(() => page.getByTestId("recommendation-track").textContent()).toMatch(/Pas assez d'éléments pour recommander une orientation/);
    expect(await page.getByTestId("recommendation").textContent()).toContain("À compléter pour obtenir une recommandation");
    const logement = page.getByTestId("thematic-logement");
    await logement.getByText("Fort", { exact: true }).click();
    await logement.getByLabel("Situation, en quelques mots").fill("Hébergée chez une amie depuis sa sortie de l'ASE");
    await logement.getByLabel("Besoins").fill("Logement autonome, FJT");
    const sante = page.getByTestId("thematic-sante");
    await sante.getByText("Fort", { exact: true }).click();
    await sante.getByLabel("Besoins").fill("Reprendre un suivi régulier");
    await page.getByTestId("thematic-mobilite").getByText("Moyen", { exact: true }).click();
    await page.getByTestId("thematic-emploi-formation").getByText("Moyen", { exact: true }).click();
    await form.getByLabel("Situation de travail actuelle").selectOption("en_recherche_emploi");
    await form.getByLabel("Niveau de qualification").selectOption("infra-3");
    await form.getByLabel("Souhait de la personne").selectOption("lever_difficultes");
    await form.getByRole("button", { name: "Ajouter un projet professionnel" }).click();
    await form.getByLabel("Métier recherché").fill("Agent·e de restauration");
    await form.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    await page.getByText("Diagnostic enregistré : version 1.").waitFor();

    const recommendation = page.getByTestId("recommendation");
    await expect.poll(() => recommendation.getByTestId("recommendation-track").textContent()).toMatch(/Orientation recommandée : Sociale/);
    const reasons = await recommendation.getByTestId("recommendation-reasons").textContent();
    expect(reasons).toContain("2 difficultés pèsent fortement sur le retour à l'emploi : Logement, Santé (+8).");
    expect(reasons).toMatch(/orientation sociale recommandée/);

    // A second save, then the readable difference between the two versions.
    await page.getByTestId("thematic-mobilite").getByText("Fort", { exact: true }).click();
    await page.getByTestId("thematic-mobilite").getByLabel("Besoins").fill("Passer le permis B");
    await page.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    await page.getByText("Diagnostic enregistré : version 2.").waitFor();
    const changes = page.getByTestId("diagnostic-changes");
    await expect.poll(async () => (await changes.count()) > 0 && (await changes.textContent())).toMatch(/Mobilité.*Poids sur le retour à l'emploi.*Moyen.*Fort/s);
    expect(await changes.textContent()).toContain("Passer le permis B");
    await expectNoAxeViolations(page, "diagnostic enregistré, recommandation et historique");

    await page.goto(`${personUrl}/portrait`);
    await page.getByRole("heading", { level: 1, name: /Portrait socio-professionnel/ }).waitFor();
    expect(await page.getByText("Hébergée chez une amie depuis sa sortie de l'ASE").count()).toBe(1);
    await expectNoAxeViolations(page, "portrait imprimable");
    const pdf = await page.request.get(`/api/v1${personUrl.replace("/personnes", "/people")}/diagnostic/portrait.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
  });

  it("the coordinator decides the orientation, with the recommendation and its reasons in view", async () => {
    const page = await e2e.newPage();
    await login(page, COORDINATOR);
    await page.goto(`${personUrl}?onglet=orientation`);
    await page.getByTestId("recommendation").waitFor();
    expect(await page.getByTestId("no-orientation").textContent()).toMatch(/pas encore été décidée/);
    const form = page.getByTestId("orientation-form");
    await form.waitFor();
    await expectNoAxeViolations(page, "orientation à décider");
    expect(await form.getByLabel(/Sociale \(remobilisation\) — recommandé/).isChecked()).toBe(true);
    await form.getByLabel("Organisme référent").selectOption({ label: "Mission locale de Laon" });
    await form.getByLabel("Référent·e unique").selectOption({ label: "Dominique Exemple" });
    await form.getByRole("button", { name: "Enregistrer la décision d'orientation" }).click();
    await page.getByText(/Orientation sociale \(remobilisation\) enregistrée, organisme référent : Mission locale de Laon/).waitFor();
    const current = page.getByTestId("current-orientation");
    await current.waitFor();
    await expect.poll(() => current.textContent()).toMatch(/Mission locale de Laon.*Dominique Exemple/s);
    await expect.poll(() => page.getByTestId("deadline-orientation").getAttribute("data-status")).toBe("done");
    expect(await page.getByTestId("deadline-contract").textContent()).toMatch(/Contrat à faire avant le/);
    await expectNoAxeViolations(page, "orientation décidée");
  });

  it("the référent writes the contract and the action plan, with an action pointing to a directory service", async () => {
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.goto(`${personUrl}?onglet=contrat`);
    await page.getByRole("button", { name: "Écrire un contrat" }).click();
    const contract = page.getByTestId("contract-form");
    await contract.getByLabel("Objectifs").fill("Trouver un logement autonome, reprendre un suivi de santé, préparer le permis");
    await contract.getByLabel("Engagements de la personne").fill("Venir aux rendez-vous, déposer une demande en FJT");
    await contract.getByLabel("Engagements de la structure").fill("Accompagner la demande de logement, financer une partie du permis");
    await contract.getByLabel("Heures d'activité par semaine").fill("10");
    await contract.getByRole("button", { name: "Enregistrer le contrat" }).click();
    await contract.getByTestId("error-summary").waitFor();
    expect(await contract.getByTestId("error-summary").textContent()).toMatch(/Motif de la réduction ou de la dispense/);
    await contract.getByLabel("Motif de la réduction ou de la dispense").fill("Suivi de santé à reprendre d'abord");
    await contract.getByLabel("Date de signature").fill(new Date().toISOString().slice(0, 10));
    await contract.getByLabel("Mode de signature").selectOption("manuscrite");
    await contract.getByRole("button", { name: "Enregistrer le contrat" }).click();
    await page.getByText("Contrat enregistré.").waitFor();
    const card = page.getByTestId("contract").first();
    await expect.poll(() => card.textContent()).toMatch(/Contrat d'engagement.*Signé — en cours.*10 heures par semaine/s);
    await expect.poll(() => page.getByTestId("deadline-contract").getAttribute("data-status")).toBe("done");
    await expectNoAxeViolations(page, "contrat");

    await openTab(page, /^Plan d'action$/);
    const objective = page.getByTestId("objective-form");
    await objective.getByLabel("Thématique").selectOption({ label: "Mobilité" });
    await objective.getByLabel("Objectif").fill("Obtenir le permis B");
    await objective.getByRole("button", { name: "Ajouter l'objectif" }).click();
    await page.getByText("Objectif « Obtenir le permis B » ajouté.").waitFor();
    await page.getByRole("button", { name: /Ajouter une action à l'objectif Obtenir le permis B/ }).click();
    const action = page.getByTestId("action-form");
    await action.getByRole("textbox", { name: /^Action/ }).fill("S'inscrire à l'aide au permis");
    await action.getByLabel("Chercher un service").fill("permis");
    await action.getByRole("button", { name: "Chercher dans l'annuaire" }).click();
    const found = action.locator("label", { hasText: SERVICE });
    await found.waitFor({ timeout: 10_000 }).catch(async (error: unknown) => {
      throw new Error(`${String(error)}\n${await action.textContent()}`);
    });
    await found.click();
    expect(await action.getByTestId("chosen-service").textContent()).toContain(SERVICE);
    await expectNoAxeViolations(page, "action avec service de l'annuaire");
    await action.getByRole("button", { name: "Ajouter l'action" }).click();
    await page.getByText(/Action « S'inscrire à l'aide au permis » ajoutée/).waitFor();
    const row = page.getByTestId("action-row").filter({ hasText: "S'inscrire à l'aide au permis" });
    await row.waitFor();
    expect(await row.textContent()).toContain(`${SERVICE} (annuaire)`);
    await row.getByLabel(/Statut de l'action/).selectOption("in_progress");
    await expect.poll(async () => row.textContent()).toMatch(/commencée le/);

    await page.getByLabel("Statut", { exact: true }).selectOption("done");
    await page.getByText("Aucune action ne correspond.").waitFor();
    await page.getByLabel("Statut", { exact: true }).selectOption("in_progress");
    await page.getByLabel("Thématique", { exact: true }).first().selectOption("mobilite");
    await expect.poll(() => page.getByTestId("action-row").count()).toBe(1);
    await expectNoAxeViolations(page, "plan d'action filtré");
  });

  it("a second professional of the team sees all of it", async () => {
    const page = await e2e.newPage();
    await login(page, TEAM_MEMBER);
    await page.goto(`${personUrl}?onglet=diagnostic`);
    await page.getByTestId("diagnostic-version").waitFor();
    expect(await page.getByTestId("diagnostic-version").textContent()).toMatch(/Version 2.*Dominique Exemple/);
    expect(await page.getByTestId("thematic-logement").getByLabel("Situation, en quelques mots").inputValue()).toBe("Hébergée chez une amie depuis sa sortie de l'ASE");
    await openTab(page, /^Orientation$/);
    await page.getByTestId("current-orientation").waitFor();
    expect(await page.getByTestId("current-orientation").textContent()).toMatch(/Sociale.*Mission locale de Laon/s);
    await openTab(page, /^Contrat$/);
    await page.getByTestId("contract").first().waitFor();
    expect(await page.getByTestId("contract").first().textContent()).toMatch(/Suivi de santé à reprendre d'abord/);
    await openTab(page, /^Plan d'action$/);
    const row = page.getByTestId("action-row").filter({ hasText: "S'inscrire à l'aide au permis" });
    await row.waitFor();
    expect(await row.textContent()).toContain(SERVICE);
    await openTab(page, /^Historique$/);
    await page.getByTestId("timeline").waitFor();
    const timeline = await page.getByTestId("timeline").textContent();
    for (const fragment of ["Diagnostic enregistré (version 2", "Orientation sociale (remobilisation) décidée", "Contrat d'engagement signé", "Action ajoutée (Mobilité) : S'inscrire à l'aide au permis"]) {
      expect(timeline).toContain(fragment);
    }
    await expectNoAxeViolations(page, "historique vu par un second professionnel");

    // The access log: one line per visit, in words — this visit of several tabs is one line.
    await page.goto(`${personUrl}?onglet=acces`);
    const table = page.getByTestId("access-log-table");
    await table.waitFor();
    const lines = table.locator("tbody tr");
    const mine = lines.filter({ hasText: "Camille Démo" }).first();
    await mine.waitFor();
    const text = (await mine.textContent()) ?? "";
    expect(text).toMatch(/A consulté .*le diagnostic.*l'orientation.*les contrats.*le plan d'action.*l'historique du parcours/);
    expect(text).toContain("Membre de l'équipe d'accompagnement");
    expect(text).not.toMatch(/action_plan|orientation_recommendation|\bteam\b/);
    expect(await lines.filter({ hasText: "Camille Démo" }).count()).toBeLessThanOrEqual(2);
    await expectNoAxeViolations(page, "journal des accès par visite");
  });

  it("two professionals editing the diagnostic at once: the second save shows the conflict instead of overwriting", async () => {
    const camille = await e2e.newPage();
    await login(camille, TEAM_MEMBER);
    await camille.goto(`${personUrl}?onglet=diagnostic`);
    await camille.getByTestId("diagnostic-form").waitFor();
    const dominique = await e2e.newPage();
    await login(dominique, REFERENT);
    await dominique.goto(`${personUrl}?onglet=diagnostic`);
    await dominique.getByTestId("diagnostic-form").waitFor();

    await dominique.getByTestId("thematic-garde-enfant").getByText("Sans impact", { exact: true }).click();
    await dominique.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    await dominique.getByText("Diagnostic enregistré : version 3.").waitFor();

    await camille.getByTestId("thematic-acces-aux-droits").getByText("Moyen", { exact: true }).click();
    await camille.getByTestId("thematic-acces-aux-droits").getByLabel("Besoins").fill("Renouveler la carte d'identité");
    await camille.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    const conflict = camille.getByTestId("diagnostic-conflict");
    await conflict.waitFor();
    const text = await conflict.textContent();
    expect(text).toMatch(/Dominique Exemple/);
    expect(text).toMatch(/Accès aux droits.*Renouveler la carte d'identité/s);
    expect(text).toMatch(/Garde d'enfant.*Sans impact.*Non abordé/s);
    await expectNoAxeViolations(camille, "conflit d'enregistrement du diagnostic");
    await conflict.getByRole("button", { name: /Garder mes saisies/ }).click();
    await camille.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
    await camille.getByText("Diagnostic enregistré : version 4.").waitFor();
  });

  it("a professional outside the team sees nothing", async () => {
    const page = await e2e.newPage();
    await login(page, OUTSIDER);
    await page.goto(`${personUrl}?onglet=diagnostic`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toMatch(/Dossier introuvable/);
    expect(await page.getByText("Hébergée chez une amie").count()).toBe(0);
    expect(await page.getByTestId("pathway-summary").count()).toBe(0);
    const apiId = personUrl.split("/").pop();
    for (const path of ["diagnostic", "orientations", "contracts", "objectives", "actions", "notes", "timeline", "pathway"]) {
      expect((await page.request.get(`/api/v1/people/${apiId}/${path}`)).status(), path).toBe(404);
    }
    await page.goto(`${personUrl}/portrait`);
    await page.getByText(/Ressource introuvable|Dossier introuvable|introuvable/).first().waitFor();
    expect(await page.getByText("Hébergée chez une amie").count()).toBe(0);
    await expectNoAxeViolations(page, "dossier introuvable");
  });

  it("works 320 px wide on the diagnostic and the plan", async () => {
    const page = await e2e.newPage({ width: 320, height: 640 });
    await login(page, REFERENT);
    await page.goto(`${personUrl}?onglet=diagnostic`);
    await page.getByTestId("diagnostic-form").waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
    await page.goto(`${personUrl}?onglet=plan`);
    await page.getByTestId("actions-table").waitFor();
    expect(await hasHorizontalScroll(page)).toBe(false);
  });

  it("the référent hands the file over to a colleague of the team: the message and the file's header change together", async () => {
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.goto(`${personUrl}?onglet=equipe`);
    const header = page.getByText(/Référent·e unique : /);
    await expect.poll(() => header.textContent()).toMatch(/Dominique Exemple/);
    // A slow network: the file answers 400 ms late once the référent is changed.
    await page.route(/\/api\/v1\/people\/[0-9a-f-]{36}$/, async (route) => {
      if (route.request().method() === "GET") await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByRole("button", { name: /Désigner comme référent·e : Camille Démo/ }).click();
    await page.getByText("Camille Démo est désormais référent·e unique de la personne.").waitFor();
    expect(await header.textContent()).toMatch(/Référent·e unique : Camille Démo/);
  });
});
