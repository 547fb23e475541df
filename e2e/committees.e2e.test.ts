// Issue 11 "done when", in a real browser on the demo data: the Aisne's coordinator creates a
// fortnightly CTO on Thursdays at 08:30 with a Monday 14:00 deadline and writes the charter; three
// référents submit situations from their people's files; the member who signed the charter sees the
// agenda, the member who has not sees only the count; the coordinator records attendance and a
// decision, whose action appears in the person's plan and timeline; the minutes and their PDF open.
// The first référent joins a small PDF to her submission (a fake one is refused by its bytes); the
// member who signed sees it on the agenda and downloads it. The coordinator subscribes to the
// calendar: the private address answers without any cookie. axe finds no violation on any of these screens.
//
// People: Karim EXEMPLE (p07, Camille Démo), Lucas EXEMPLE (p01, Dominique Exemple), Jessica
// MAQUETTE (p13, Sam Double-Exemple). Members: Dominique Exemple (titular, signs) and Morgan Test (substitute, does not),
// both of the Mission locale de Laon.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, todayIso } from "../common/domain/dates.ts";
import { isoWeekday } from "../common/domain/working-time.ts";
import { tinyPdf } from "../server/test/documents.ts";
import { expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const DOMAIN = "demo.spie.example.org";
const COORDINATOR = `claude.essai@${DOMAIN}`;
const CAMILLE = `camille.demo@${DOMAIN}`;
const DOMINIQUE = `dominique.exemple@${DOMAIN}`;
const SAM = `sam.double@${DOMAIN}`;
const MORGAN = `morgan.test@${DOMAIN}`;
const NAME = "CTO de Laon (démo)";
const PDF_NAME = "attestation-hebergement-fictive.pdf";

let e2e: E2E;
let sessionUrl = "";

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

/** A Thursday at least 10 days ahead: its Monday deadline is still to come. */
function firstThursday(): string {
  let d = addDays(todayIso(), 10);
  while (isoWeekday(d) !== 4) d = addDays(d, 1);
  return d;
}

async function submitFor(email: string, person: RegExp, question: string) {
  const page = await e2e.newPage();
  await login(page, email);
  await page.goto("/personnes");
  await page.getByRole("link", { name: person }).click();
  await page.getByTestId("person-title").waitFor();
  await page.getByRole("link", { name: "Saisir le comité" }).click();
  const form = page.getByTestId("submission-form");
  await form.waitFor();
  // Without the person's consent, refused with the field named.
  await form.getByLabel("Ce qui bloque").fill("Hébergement d'urgence fictif qui prend fin, pas de solution de garde");
  await form.getByLabel("Ce qui a été tenté").fill("Demande SIAO fictive, deux relances");
  await form.getByLabel("Question posée au comité").fill(question);
  return { page, form };
}

describe("committees in a real browser", () => {
  it("a coordinator creates a fortnightly CTO (Thursdays 08:30, Monday 14:00) and writes the charter", async () => {
    const page = await e2e.newPage();
    await login(page, COORDINATOR);
    await page.getByRole("link", { name: "Comités" }).first().click();
    const form = page.getByTestId("committee-form");
    await form.waitFor();
    await expectNoAxeViolations(page, "comités");
    // An empty name is refused, naming the field.
    await form.getByRole("button", { name: "Créer le comité" }).click();
    await form.getByTestId("error-summary").waitFor();
    expect(await form.getByTestId("error-summary").textContent()).toMatch(/Nom du comité/);
    await expectNoAxeViolations(page, "comité refusé");

    await form.getByLabel("Nom du comité").fill(NAME);
    await form.getByLabel("Type").selectOption("cto");
    await form.getByLabel("Lieu").fill("Laon, salle du conseil (fictive)");
    await form.getByLabel("Première séance").fill(firstThursday());
    await form.getByLabel("Heure des séances").fill("08:30");
    await form.getByLabel("Toutes les … semaines").fill("2");
    await form.getByLabel("Jour limite de saisine").selectOption("monday");
    await form.getByLabel("Heure limite de saisine").fill("14:00");
    await form.getByRole("button", { name: "Créer le comité" }).click();
    await page.getByRole("link", { name: NAME }).last().click();
    await page.getByTestId("sessions").waitFor();
    const rows = page.getByTestId("session-row");
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    expect(await rows.first().textContent()).toMatch(/08:30.*14:00/);
    await expectNoAxeViolations(page, "comité et ses séances");

    // Members appointed from the committee's page (Mission locale de Laon): Dominique Exemple and Morgan Test.
    const appointed = page.getByTestId("committee-members");
    const appoint = page.getByTestId("member-add-form");
    for (const [name, role] of [["Dominique Exemple", "Titulaire"], ["Morgan Test", "Suppléant·e"]] as const) {
      await appoint.getByLabel("Structure", { exact: true }).selectOption({ label: "Mission locale de Laon" });
      await appoint.getByLabel("Personne", { exact: true }).selectOption({ label: name });
      await appoint.getByLabel("Rôle", { exact: true }).selectOption({ label: role });
      await appoint.getByRole("button", { name: "Désigner" }).click();
      await appointed.getByText(`${name} (Mission locale de Laon) est désigné·e.`).waitFor();
    }
    await expect.poll(() => appointed.getByTestId("committee-member").count()).toBe(2);
    await expectNoAxeViolations(page, "membres du comité");

    // The charter.
    await page.reload();
    const charter = page.getByTestId("charter-form");
    await charter.getByLabel("Texte de la nouvelle version").fill("Je m'engage à ne rien divulguer des situations présentées (charte fictive de démonstration).");
    await charter.getByRole("button", { name: "Publier une nouvelle version" }).click();
    await page.getByText("Version 1 publiée.").waitFor();
    await expectNoAxeViolations(page, "charte");

    // The private calendar address: shown once, it answers without any cookie (a calendar app has none).
    const calendar = page.getByTestId("calendar-subscription");
    await calendar.getByRole("button", { name: "S'abonner au calendrier" }).click();
    const address = calendar.getByLabel("Votre adresse d'abonnement");
    await address.waitFor();
    const url = new URL(await address.inputValue());
    expect(url.pathname).toMatch(/^\/api\/v1\/committee-calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    const feed = await fetch(`${e2e.url}${url.pathname}`);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toMatch(/BEGIN:VCALENDAR[\s\S]*CTO de Laon \(démo\) — séance/);
    await expectNoAxeViolations(page, "abonnement au calendrier");
    sessionUrl = (await rows.first().getByRole("link").getAttribute("href"))!;

    // The second session moved to the Friday, with its reason.
    const change = page.getByTestId("session-change-form");
    await change.getByLabel("Action").selectOption("move");
    const second = change.getByLabel("Séance").locator("option").nth(1);
    await change.getByLabel("Séance").selectOption((await second.getAttribute("value"))!);
    await change.getByLabel("Nouvelle date").fill(addDays(firstThursday(), 15));
    await change.getByLabel("Motif").fill("Salle indisponible (fictif)");
    await change.getByRole("button", { name: "Enregistrer" }).click();
    await page.getByText("Séance déplacée.").waitFor();
    await expect.poll(() => rows.nth(1).textContent()).toMatch(/au lieu du .*Salle indisponible/);
    await expectNoAxeViolations(page, "séance déplacée");
  });

  it("three référents submit situations from their people's files", async () => {
    const first = await submitFor(CAMILLE, /Karim EXEMPLE/, "Quelle solution d'hébergement et de garde ?");
    await first.form.getByRole("button", { name: "Saisir le comité" }).click();
    await first.form.getByTestId("error-summary").waitFor();
    expect(await first.form.getByTestId("error-summary").textContent()).toMatch(/Consentement/);
    await expectNoAxeViolations(first.page, "saisine refusée");
    await first.form.getByText(/La personne a donné son accord/).click();
    // A small PDF joined with the fiche de saisine (the limits are stated on the form).
    expect(await first.form.textContent()).toMatch(/PDF, JPEG, PNG, ODT ou DOCX ; 5 Mo au plus par document ; 10 documents au plus par saisine/);
    await first.form.getByLabel(/Documents \(facultatif\)/).setInputFiles({ name: PDF_NAME, mimeType: "application/pdf", buffer: tinyPdf("Attestation d'hebergement fictive") });
    await first.form.getByRole("button", { name: "Saisir le comité" }).click();
    await first.page.getByText("Saisine enregistrée").waitFor();
    const joined = first.page.getByTestId("submission-documents");
    await expect.poll(() => joined.getByTestId("document").count()).toBe(1);
    expect(await joined.getByTestId("document").textContent()).toMatch(new RegExp(`${PDF_NAME.replace(/\./g, "\\.")}PDF – \\d+ octets`));
    await expectNoAxeViolations(first.page, "saisine enregistrée");
    // A "PDF" that is not one is refused by its bytes, naming the file; nothing is added.
    await joined.getByLabel(/Joindre des documents/).setInputFiles({ name: "faux.pdf", mimeType: "application/pdf", buffer: Buffer.from("Ceci n'est pas un PDF (fictif).") });
    await joined.getByTestId("documents-refused").waitFor();
    expect(await joined.getByTestId("documents-refused").textContent()).toMatch(/« faux\.pdf » : Type de document non accepté/);
    await expectNoAxeViolations(first.page, "document refusé");
    expect(await joined.getByTestId("document").count()).toBe(1);
    for (const [email, person] of [
      [DOMINIQUE, /Lucas EXEMPLE/],
      [SAM, /Jessica MAQUETTE/],
    ] as const) {
      const { page, form } = await submitFor(email, person, "Quel accompagnement proposer ?");
      await form.getByText(/La personne a donné son accord/).click();
      await form.getByRole("button", { name: "Saisir le comité" }).click();
      await page.getByText("Saisine enregistrée").waitFor();
    }
  });

  it("the member who signed the charter sees the agenda; the other one only the count", async () => {
    const member = await e2e.newPage();
    await login(member, DOMINIQUE);
    await member.goto(sessionUrl);
    await member.getByTestId("situations-hidden").waitFor();
    // A référent herself (Lucas EXEMPLE): she sees that one situation, the people she accompanies.
    await member.getByTestId("own-situations").getByTestId("situation").filter({ hasText: "Lucas EXEMPLE" }).waitFor();
    expect(await member.getByTestId("situations-count").textContent()).toBe("3 situations");
    await expectNoAxeViolations(member, "ordre du jour avant la charte");
    await member.getByTestId("charter-to-sign").getByRole("button", { name: "Signer la charte" }).click();
    // Before signing she saw only the situation of the person she accompanies (Lucas): wait for the agenda.
    await member.getByTestId("situations-hidden").waitFor({ state: "detached" });
    await expect.poll(() => member.getByTestId("situation").count()).toBe(3);
    expect(await member.getByTestId("situation").first().textContent()).toMatch(/Karim EXEMPLE.*Hébergement d'urgence fictif/s);
    // The document joined by the référent: a download link with its type and size in French.
    const karim = member.getByTestId("situation").filter({ hasText: "Karim EXEMPLE" });
    const link = karim.getByRole("link", { name: new RegExp(PDF_NAME.replace(/\./g, "\\.")) });
    await link.waitFor();
    expect(await link.textContent()).toMatch(/PDF – \d+ octets/);
    expect(await karim.getByRole("button", { name: /Retirer/ }).count()).toBe(0);
    const download = await member.request.get((await link.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("application/pdf");
    expect(download.headers()["content-disposition"]).toContain(`attachment; filename="${PDF_NAME}"`);
    expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expectNoAxeViolations(member, "ordre du jour après la charte");

    const other = await e2e.newPage();
    await login(other, MORGAN);
    await other.goto(sessionUrl);
    await other.getByTestId("situations-hidden").waitFor();
    expect(await other.getByTestId("situations-count").textContent()).toBe("3 situations");
    expect(await other.getByTestId("situation").count()).toBe(0);
    expect(await other.getByRole("link", { name: new RegExp(PDF_NAME.replace(/\./g, "\\.")) }).count()).toBe(0);
    await expectNoAxeViolations(other, "ordre du jour sans la charte");

    // The référent, who does not see the agenda, sees the situation of the person she accompanies, with
    // its document and what she may still do before the freeze.
    const referent = await e2e.newPage();
    await login(referent, CAMILLE);
    await referent.goto(sessionUrl);
    const own = referent.getByTestId("own-situations").getByTestId("situation").filter({ hasText: "Karim EXEMPLE" });
    await own.getByRole("link", { name: new RegExp(PDF_NAME.replace(/\./g, "\\.")) }).waitFor();
    expect(await own.getByRole("button", { name: `Retirer ${PDF_NAME}` }).count()).toBe(1);
    expect(await own.getByLabel(/Joindre des documents/).count()).toBe(1);
    await expectNoAxeViolations(referent, "ordre du jour de la référente");
  });

  it("attendance and a decision: the action lands in the person's plan and timeline; the minutes and their PDF open", async () => {
    const page = await e2e.newPage();
    await login(page, COORDINATOR);
    await page.goto(sessionUrl);
    await page.getByTestId("attendance-form").waitFor();
    // Dominique Exemple (titular) is replaced by her substitute, Morgan Test.
    await page.getByLabel(/^Dominique Exemple/).selectOption("substitute");
    await page.getByLabel("Suppléant·e de Dominique Exemple").selectOption({ label: "Morgan Test (Mission locale de Laon)" });
    await expectNoAxeViolations(page, "présences avec suppléance");
    await page.getByRole("button", { name: "Enregistrer les présences" }).click();
    await page.getByText("Présences enregistrées.").waitFor();

    const karim = page.getByTestId("situation").filter({ hasText: "Karim EXEMPLE" });
    const form = karim.getByTestId("decision-form");
    await form.getByLabel("Motifs et précisions").fill("Le comité propose une place en résidence sociale et une solution de garde (fictif).");
    await form.getByLabel("Action décidée").fill("Rendez-vous résidence sociale fictive");
    await form.getByLabel("Thématique").selectOption("logement");
    await form.getByLabel("Qui la porte").fill("Camille Démo");
    await form.getByRole("button", { name: "Enregistrer la décision" }).click();
    await karim.getByTestId("decision").waitFor();
    expect(await karim.getByTestId("decision").textContent()).toMatch(/Actions décidées.*point de suivi/s);
    await expectNoAxeViolations(page, "séance avec décision");

    await page.getByRole("link", { name: "Lire le compte rendu" }).click();
    await page.getByRole("heading", { level: 1, name: /Compte rendu/ }).waitFor();
    expect(await page.locator("main").textContent()).toMatch(/Rendez-vous résidence sociale fictive/);
    await expectNoAxeViolations(page, "compte rendu");
    const pdf = await page.request.get(`/api/v1/committee-sessions/${sessionUrl.split("/").at(-1)}/minutes.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // The référent sees the action in the plan and the decision in the timeline.
    const referent = await e2e.newPage();
    await login(referent, CAMILLE);
    await referent.goto("/personnes");
    await referent.getByRole("link", { name: /Karim EXEMPLE/ }).click();
    await referent.getByTestId("person-title").waitFor();
    const personUrl = new URL(referent.url()).pathname;
    await referent.goto(`${personUrl}?onglet=plan`);
    await referent.getByText("Rendez-vous résidence sociale fictive").first().waitFor();
    await referent.goto(`${personUrl}?onglet=historique`);
    await referent.getByText(/Décision du comité « CTO de Laon \(démo\) »/).first().waitFor();
    await expectNoAxeViolations(referent, "historique avec la décision");
  });
});
