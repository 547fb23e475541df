// Running a territory for real, from an empty database: the first admin (made as the CLI does)
// creates the territory "Aisne" (département 02) and a structure, invites a coordinator and a
// professional by e-mail (the test reads the mails from its SMTP server; they accept); the professional creates a file; the coordinator finds the person in the queue
// "waiting for an orientation" on their workspace and decides. Anonymous visitors land on the
// directory. Every page is checked with axe.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../common/domain/dates.ts";
import { todayInFrance } from "../common/schemas/common.ts";
import { addUser } from "../server/features/auth/admin.ts";
import { linkToken, startSmtp, type TestSmtp } from "../server/test/smtp.ts";
import { expectNoAxeViolations, login, startE2E, tick, type E2E } from "./harness.ts";

let e2e: E2E;
let smtp: TestSmtp;
const ADMIN = "premiere.admin@test.spie.example.org";
const ADMIN_PASSWORD = "mot-de-passe-solide-fictif";
const accounts: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtp();
  e2e = await startE2E({ seed: false, env: { SMTP_URL: smtp.url, SPIE_JOBS_POLL_SECONDS: "1", SPIE_PUBLIC_URL: "https://spie.e2e.example.org" } });
  await addUser(e2e.running.database.db, { email: ADMIN, name: "Première Admin", password: ADMIN_PASSWORD, role: "admin" });
}, 180_000);
afterAll(async () => {
  await e2e?.stop();
  await smtp?.close();
});

/** Invites by e-mail from the members page; the test reads the mail, accepts and sets a password. */
async function addMember(page: Page, name: string, email: string, role: RegExp): Promise<string> {
  await page.getByLabel(/^Adresse électronique/).fill(email);
  await page.getByLabel(/^Nom et prénom/).fill(name);
  const roleSelect = page.locator("#invitation-role");
  await roleSelect.selectOption({ label: (await roleSelect.locator("option").allTextContents()).find((l) => role.test(l))! });
  await page.getByRole("button", { name: "Envoyer l'invitation", exact: true }).click();
  await page.getByText(`Invitation envoyée à ${email}`).waitFor();
  await expect.poll(() => smtp.to(email).length, { timeout: 20_000, interval: 250 }).toBe(1);
  const token = linkToken(smtp.to(email).at(-1)!.text, "invitation");
  const password = `phrase de passe fictive de ${name}`;
  const invitee = await e2e.newPage();
  await invitee.goto(`/invitation/${token}`);
  await invitee.getByLabel(/^Mot de passe/).fill(password);
  await invitee.getByLabel(/^Confirmer le mot de passe/).fill(password);
  await invitee.getByRole("button", { name: "Accepter l'invitation et créer mon compte" }).click();
  await invitee.waitForURL((url) => url.pathname === "/");
  await invitee.close();
  return password;
}

describe("running a territory for real", () => {
  it("shows anonymous visitors the directory search, with « Se connecter »", async () => {
    const page = await e2e.newPage();
    await page.goto("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toMatch(/annuaire|services/i);
    await page.getByRole("link", { name: "Se connecter" }).first().waitFor();
    await expectNoAxeViolations(page, "accueil anonyme");
  });

  it("lets the first admin create the Aisne and a structure, and grant a coordinator", async () => {
    const page = await e2e.newPage();
    await login(page, ADMIN, ADMIN_PASSWORD);
    await page.getByRole("heading", { level: 1, name: "Administration de la plateforme" }).waitFor();
    await page.getByTestId("no-territory").waitFor();
    await expectNoAxeViolations(page, "administration vide");

    // The territory: its name, its perimeter picked as you type.
    await page.getByRole("link", { name: "Créer un territoire" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer un territoire" }).waitFor();
    await page.getByLabel("Nom du territoire").fill("Aisne");
    await page.getByLabel(/^Chercher/).fill("Aisne");
    const add = page.getByRole("button", { name: /Ajouter Aisne — Hauts-de-France/ });
    await add.waitFor();
    await expectNoAxeViolations(page, "création du territoire");
    await add.click();
    await expect.poll(() => page.getByTestId("perimeter-items").textContent()).toContain("Département : Aisne");
    await page.getByRole("button", { name: "Créer le territoire" }).click();
    await page.waitForURL(/\/territoires\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Aisne" }).waitFor();
    expect(await page.getByTestId("territory-calendar").textContent()).toMatch(/Europe\/Paris.*France métropolitaine/);
    expect(await page.getByTestId("communes-count").textContent()).toMatch(/\d{3} communes couvertes \(Aisne 02\), dont Saint-Quentin/);
    await page.getByRole("heading", { name: "Règles du parcours" }).waitFor();
    await expectNoAxeViolations(page, "page du territoire");

    // The access log's retention: bounded (6 to 60 months), the refusal shown under the field.
    const retention = page.getByLabel(/^Journal des accès : durée de conservation/);
    await retention.fill("3");
    await page.getByRole("button", { name: "Enregistrer les règles" }).click();
    await page.getByText("La valeur doit être supérieure ou égale à 6").waitFor();
    await expectNoAxeViolations(page, "règles : durée de conservation refusée");
    await retention.fill("24");
    await page.getByRole("button", { name: "Enregistrer les règles" }).click();
    await page.getByText("Règles enregistrées.").waitFor();
    await page.getByText(/En vigueur : 24 mois/).waitFor();

    // The structure: the SIRET checksum is checked in the form, before anything is sent.
    await page.goto("/");
    await page.getByRole("link", { name: "Créer une structure" }).click();
    await page.getByRole("heading", { level: 1, name: "Créer une structure" }).waitFor();
    await page.getByLabel("Nom de la structure").fill("Conseil départemental fictif de l'Aisne");
    await page.getByLabel(/^SIRET/).fill("12345678900016");
    await page.getByLabel(/^Territoire/).selectOption({ label: "Aisne" });
    await page.getByRole("button", { name: "Créer la structure" }).click();
    await page.getByText("SIRET invalide (14 chiffres et clé de contrôle)").first().waitFor();
    expect(new URL(page.url()).pathname).toBe("/structures/nouvelle");
    await expectNoAxeViolations(page, "structure : erreur de SIRET");
    await page.getByLabel(/^SIRET/).fill("123 456 789 00015");
    await page.getByRole("button", { name: "Créer la structure" }).click();
    await page.waitForURL(/\/structures\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { level: 1, name: "Conseil départemental fictif de l'Aisne" }).waitFor();
    await expectNoAxeViolations(page, "page de la structure");

    // The platform admin grants a coordinator and a professional.
    await page.getByRole("link", { name: "Gérer les membres" }).click();
    await page.waitForURL(/\/membres$/);
    accounts.coordinator = await addMember(page, "Claude Fictive", "claude.fictive@test.spie.example.org", /^Coordinateur/);
    accounts.professional = await addMember(page, "Dominique Exemple", "dominique.exemple@test.spie.example.org", /^Professionnel/);
  });

  it("lets a professional create a file whose orientation is due", async () => {
    const page = await e2e.newPage();
    await login(page, "dominique.exemple@test.spie.example.org", accounts.professional);
    await page.getByRole("heading", { level: 1, name: /Mes personnes accompagnées/ }).waitFor();
    await page.getByRole("link", { name: /Créer le dossier d'une personne/ }).click();
    const form = page.getByTestId("person-form");
    await form.waitFor();
    await form.getByLabel(/^Prénoms/).fill("Aurore");
    await form.getByLabel(/^Nom$|^Nom\b(?! de naissance)/).first().fill("Fictive-Attente");
    await form.getByLabel(/^Date de naissance/).fill("1985-02-03");
    // Fifty days ago in the territory's calendar (the queue counts days in Europe/Paris, also near midnight UTC).
    const opened = addDays(todayInFrance(), -50);
    await form.getByLabel(/^Date d'ouverture du droit/).fill(opened);
    await form.getByLabel(/^Territoire/).selectOption({ label: "Aisne" });
    await form.getByRole("button", { name: "Créer le dossier" }).click();
    await page.waitForURL(/\/personnes\/[0-9a-f-]{36}$/);
  });

  it("shows the coordinator the person waiting for an orientation, and the coordinator decides", async () => {
    const page = await e2e.newPage();
    await login(page, "claude.fictive@test.spie.example.org", accounts.coordinator);
    await page.getByRole("heading", { level: 1, name: "Coordination · Aisne" }).waitFor();
    const queue = page.getByTestId("queue-awaiting_orientation");
    await queue.getByRole("link", { name: /Fictive-Attente/i }).waitFor();
    expect(await queue.getByRole("heading").textContent()).toMatch(/En attente d'orientation\s*\(1\)/);
    expect(await queue.getByTestId("queue-row").first().textContent()).toMatch(/En retard de 8 jours/);
    expect(await page.getByTestId("queue-without_referent").getByRole("heading").textContent()).toMatch(/\(0\)/);
    await expectNoAxeViolations(page, "espace de coordination");

    // The territory-wide search finds the person too.
    await page.getByLabel("Rechercher une personne du territoire").fill("attente");
    await page.getByRole("button", { name: "Rechercher" }).click();
    await expect.poll(() => page.getByTestId("territory-search-results").textContent()).toMatch(/Fictive-Attente/i);

    await queue.getByRole("link", { name: /Fictive-Attente/i }).click();
    await page.waitForURL(/\/personnes\/[0-9a-f-]{36}\?onglet=orientation$/);
    const form = page.getByTestId("orientation-form");
    await form.waitFor();
    await tick(form.getByLabel(/^Sociale/));
    await form.getByLabel(/^Raison de la décision/).fill("Décision fictive du test : accompagnement social d'abord.");
    await form.getByLabel("Organisme référent").selectOption({ label: "Conseil départemental fictif de l'Aisne" });
    // A slow network: the file's orientations answer 400 ms late after the decision.
    await page.route("**/api/v1/people/*/orientations", async (route) => {
      if (route.request().method() === "GET") await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await form.getByRole("button", { name: "Enregistrer la décision d'orientation" }).click();
    await page.getByText(/Orientation sociale \(remobilisation\) enregistrée/).waitFor();
    // The message comes with the file it describes (the decision shown, its form gone), not before.
    expect(await page.getByTestId("current-orientation").isVisible()).toBe(true);
    expect(await page.getByTestId("orientation-form").count()).toBe(0);

    await page.goto("/");
    await page.getByRole("heading", { level: 1, name: "Coordination · Aisne" }).waitFor();
    await expect.poll(() => page.getByTestId("queue-awaiting_orientation").getByRole("heading").textContent()).toMatch(/\(0\)/);
    expect(await page.getByTestId("queue-awaiting_contract").getByRole("heading").textContent()).toMatch(/\(1\)/);
  });

  it("shows steering users the counts of their territory and no person", async () => {
    const admin = await e2e.newPage();
    await login(admin, ADMIN, ADMIN_PASSWORD);
    await admin.getByRole("link", { name: "Conseil départemental fictif de l'Aisne" }).click();
    await admin.getByRole("link", { name: "Gérer les membres" }).click();
    await admin.waitForURL(/\/membres$/);
    const password = await addMember(admin, "Camille Pilotage", "camille.pilotage@test.spie.example.org", /^Pilotage/);

    const page = await e2e.newPage();
    await login(page, "camille.pilotage@test.spie.example.org", password);
    await page.getByRole("heading", { level: 1, name: "Pilotage · Aisne" }).waitFor();
    const counts = page.getByTestId("steering-counts");
    await expect.poll(() => counts.textContent()).toMatch(/1Orientés, sans contrat d'engagement/);
    expect(await page.content()).not.toMatch(/Fictive-Attente/i);
    await expectNoAxeViolations(page, "pilotage");
  });
});
