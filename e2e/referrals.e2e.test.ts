// Issue 10 "done when" (referrals): in the browser, a référent refers a person from the action plan;
// a member of the receiving structure finds it in the inbox, puts it "à l'étude", accepts it, later
// completes it; the référent sees each step in the timeline and in "Mes orientations". A
// directory-only structure answers through the e-mailed link (read from the test's SMTP server).
// axe on every screen.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loginAs } from "../server/test/app.ts";
import * as f from "../server/test/factories.ts";
import { linkToken, startSmtp, type TestSmtp } from "../server/test/smtp.ts";
import { DEMO_PASSWORD, expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const REFERENT = "dominique.exemple@demo.spie.example.org";
const DIRECTORY_EMAIL = "accueil.annuaire@test.spie.example.org";

let e2e: E2E;
let smtp: TestSmtp;
let person: string;
let receiverEmail: string;
let directoryService: string;
let unreachableService: string;

beforeAll(async () => {
  smtp = await startSmtp();
  e2e = await startE2E({ env: { SMTP_URL: smtp.url, SPIE_JOBS_POLL_SECONDS: "1", SPIE_PUBLIC_URL: "https://spie.e2e.example.org" } });
  const db = e2e.running.database.db;
  const app = e2e.running.app;
  // A receiving structure on the platform with one member; a directory-only one (an e-mail, no member).
  const receiving = await f.structure(db, { name: "Atelier fictif de la remobilisation", commune_code: "02408" });
  const receiver = await f.user(db, [{ structure_id: receiving.id, role: "professional" }], { name: "Rece Veuse" });
  receiverEmail = receiver.email;
  const service = await f.service(db, receiving.id, { nom: "Atelier remobilisation fictif", conditions_acces: "Être disponible le matin", thematiques: ["remobilisation"], code_insee: "02408" });
  const directoryOnly = await f.structure(db, { name: "Association de l'annuaire fictive", commune_code: "02408" });
  directoryService = (await f.service(db, directoryOnly.id, { nom: "Permanence fictive de l'annuaire", courriel: DIRECTORY_EMAIL })).id;
  const silent = await f.structure(db, { name: "Structure injoignable fictive", commune_code: "02408" });
  unreachableService = (await f.service(db, silent.id, { nom: "Service sans contact fictif", telephone: "03 23 00 00 09", adresse: "9 rue Fictive", code_postal: "02000", commune: "Laon" })).id;
  // The référent's person, with an action of the plan linked to the service.
  const ref = await loginAs(app, REFERENT, DEMO_PASSWORD);
  const me = (await ref.get("/api/v1/me")).json() as { permissions: { acting_memberships: { id: string; territory_id: string | null }[] } };
  const territory = me.permissions.acting_memberships[0]!.territory_id;
  const created = await ref.post("/api/v1/people", { first_names: "Fictive", last_name: "DÉMO-ORIENTATION", birth_date: "1987-04-05", phone: "06 00 00 00 02", territory_id: territory });
  expect(created.statusCode, created.body).toBe(201);
  person = created.json().id;
  const objective = (await ref.post(`/api/v1/people/${person}/objectives`, { thematic: "remobilisation", title: "Reprendre un rythme (fictif)" })).json().id as string;
  const action = await ref.post(`/api/v1/objectives/${objective}/actions`, { title: "Participer à l'atelier", service_id: service.id, service_label: service.nom });
  expect(action.statusCode, action.body).toBe(201);
});
afterAll(async () => {
  await e2e?.stop();
  await smtp?.close();
});

async function mailTo(address: string, count: number) {
  await expect.poll(() => smtp.to(address).length, { timeout: 20_000, interval: 250 }).toBeGreaterThanOrEqual(count);
  return smtp.to(address).at(-1)!;
}

async function answer(page: Page, choice: string, fill?: (page: Page) => Promise<void>) {
  const form = page.getByTestId("answer-form");
  // The form follows the referral's state, refetched after the previous answer: on a loaded machine
  // a click may land on the form before that refetch re-renders it. Choose until the choice holds.
  const radio = form.getByRole("radio", { name: choice, exact: true });
  await expect
    .poll(
      async () => {
        if (!(await radio.isChecked())) await form.getByText(choice, { exact: true }).click();
        return radio.isChecked();
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(true);
  if (fill) await fill(page);
  await form.getByRole("button", { name: "Enregistrer la réponse" }).click();
}

describe("referrals in a real browser", () => {
  it("a référent refers from the action plan; the receiving structure answers from its inbox; the référent follows each step", async () => {
    const referent = await e2e.newPage();
    await login(referent, REFERENT);
    await referent.goto(`/personnes/${person}?onglet=plan`);
    await referent.getByTestId("refer-from-action").first().click();
    await referent.getByTestId("referral-form").waitFor();
    await expectNoAxeViolations(referent, "formulaire d'orientation");
    const form = referent.getByTestId("referral-form");
    await form.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await form.getByText("Le consentement de la personne est nécessaire.").waitFor();
    await form.getByLabel(/^Motif de l'orientation/).fill("Reprendre confiance avant une formation (fictif).");
    await form.getByText("Être disponible le matin").click();
    await form.getByText("Par téléphone").click();
    await form.getByText(/^La personne accepte/).click();
    await form.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await referent.getByRole("heading", { level: 1, name: "Orientation de Fictive DÉMO-ORIENTATION" }).waitFor();
    await referent.getByTestId("referral-steps").getByText(/Envoyée par Dominique/).waitFor();
    await expectNoAxeViolations(referent, "orientation envoyée");

    // The receiving structure: the inbox, à l'étude, accepted, started, completed.
    await mailTo(receiverEmail, 1);
    const receiver = await e2e.newPage();
    await login(receiver, receiverEmail, f.TEST_PASSWORD);
    await receiver.getByRole("link", { name: "Orientations reçues" }).click();
    await receiver.getByTestId("inbox-counts").getByText(/^1 orientation à répondre, dont 0 en retard/).waitFor();
    await expectNoAxeViolations(receiver, "orientations reçues");
    await receiver.getByTestId("referral-row").getByRole("link", { name: "Fictive DÉMO-ORIENTATION" }).click();
    await receiver.getByTestId("referral-details").getByText("06 00 00 00 02", { exact: false }).waitFor();
    expect(await receiver.getByRole("link", { name: "Ouvrir le dossier de la personne" }).count()).toBe(0);
    await expectNoAxeViolations(receiver, "orientation reçue");
    await answer(receiver, "Mettre à l'étude");
    await receiver.getByText("Orientation : à l'étude.").waitFor();
    await answer(receiver, "Accepter", async (p) => p.getByLabel("Date de début prévue").fill("2027-01-11"));
    await receiver.getByText("Orientation : acceptée.").waitFor();
    await expectNoAxeViolations(receiver, "orientation acceptée");
    await answer(receiver, "Indiquer que l'accompagnement a commencé");
    await receiver.getByText("Orientation : accompagnement commencé.").waitFor();
    await answer(receiver, "Terminer (indiquer l'issue)", async (p) => p.getByTestId("answer-form").getByText("Réussite", { exact: true }).click());
    await receiver.getByText("Orientation : terminée.").waitFor();
    expect(await receiver.getByTestId("answer-form").count()).toBe(0);

    // The référent: "Mes orientations" and the timeline.
    await referent.getByRole("link", { name: "Mes orientations" }).click();
    const row = referent.getByTestId("referral-row").filter({ hasText: "Atelier remobilisation fictif" });
    await row.getByText("Terminée").waitFor();
    await expectNoAxeViolations(referent, "mes orientations");
    await referent.goto(`/personnes/${person}?onglet=historique`);
    for (const step of [
      "Orientation envoyée vers « Atelier remobilisation fictif »",
      "Orientation vers « Atelier remobilisation fictif » mise à l'étude",
      "Orientation vers « Atelier remobilisation fictif » acceptée (début prévu le 11/01/2027)",
      "Accompagnement commencé par « Atelier remobilisation fictif »",
      "Orientation vers « Atelier remobilisation fictif » terminée : réussite",
    ]) {
      await referent.getByText(step, { exact: false }).first().waitFor();
    }
    await expectNoAxeViolations(referent, "historique avec les orientations");
  });

  it("a directory-only structure answers through the e-mailed link, after a click (opening the link changes nothing)", async () => {
    const referent = await e2e.newPage();
    await login(referent, REFERENT);
    // A service that can receive nothing: its phone and address instead of the form.
    await referent.goto(`/orientations/nouvelle?person_id=${person}&service_id=${unreachableService}`);
    await referent.getByTestId("referral-unreachable").getByText(/au 03 23 00 00 09 ou à l'adresse 9 rue Fictive, 02000 Laon/).waitFor();
    expect(await referent.getByTestId("referral-form").count()).toBe(0);
    await expectNoAxeViolations(referent, "service injoignable");
    // From the directory's page of the service: the form asks which person.
    await referent.goto(`/annuaire/services/${directoryService}`);
    await referent.getByRole("link", { name: "Orienter vers ce service" }).click();
    const form = referent.getByTestId("referral-form");
    await form.getByText(/elle recevra un lien par courriel/).waitFor();
    await form.getByLabel("Personne orientée").selectOption(person);
    await form.getByLabel(/^Motif de l'orientation/).fill("Une permanence proche du domicile (fictif).");
    await form.getByText("Par l'intermédiaire du ou de la référent·e").click();
    await form.getByText(/^La personne accepte/).click();
    await form.getByRole("button", { name: "Envoyer l'orientation" }).click();
    await referent.getByRole("heading", { level: 1, name: "Orientation de Fictive DÉMO-ORIENTATION" }).waitFor();

    const mail = await mailTo(DIRECTORY_EMAIL, 1);
    expect(mail.text).not.toContain("DÉMO-ORIENTATION");
    const token = linkToken(mail.text, "orientation-externe");
    const outside = await e2e.newPage();
    await outside.goto(`/orientation-externe/${token}`);
    await outside.getByRole("heading", { level: 1, name: "Orientation reçue" }).waitFor();
    await outside.getByTestId("referral-details").getByText("Fictive DÉMO-ORIENTATION").waitFor();
    await expectNoAxeViolations(outside, "page du lien signé");
    await outside.reload();
    await outside.getByTestId("referral-details").waitFor();
    await referent.reload();
    await referent.getByTestId("referral-steps").waitFor();
    expect(await referent.getByTestId("referral-steps").locator("li").count()).toBe(1);
    await answer(outside, "Accepter", async (p) => p.getByLabel("Date de début prévue").fill("2027-02-01"));
    await outside.getByText("Réponse enregistrée : acceptée.").waitFor();
    await expectNoAxeViolations(outside, "réponse par le lien signé");
    await referent.reload();
    await referent.getByTestId("referral-steps").getByText(/Acceptée \(par le lien envoyé à la structure\)/).waitFor();
  });
});
