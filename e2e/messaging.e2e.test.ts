// Issue 8 "done when" (messaging): in the browser, a structure admin invites someone by e-mail; the
// test reads the mail from the SMTP server it started; the invited person accepts, sets a password
// and lands signed in. "Mot de passe oublié" end to end against the same real SMTP server. axe on
// every page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkToken, startSmtp, type TestSmtp } from "../server/test/smtp.ts";
import { expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

let e2e: E2E;
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  e2e = await startE2E({ env: { SMTP_URL: smtp.url, SPIE_JOBS_POLL_SECONDS: "1", SPIE_PUBLIC_URL: "https://spie.e2e.example.org" } });
});
afterAll(async () => {
  await e2e?.stop();
  await smtp?.close();
});

const STRUCTURE_ADMIN = "morgan.test@demo.spie.example.org";
const PRO = "camille.demo@demo.spie.example.org";
const INVITEE = "invitee.navigateur@test.spie.example.org";
const NEW_PASSWORD = "une phrase de passe du navigateur";

async function mailTo(address: string, count: number) {
  await expect.poll(() => smtp.to(address).length, { timeout: 20_000, interval: 250 }).toBe(count);
  return smtp.to(address).at(-1)!;
}

describe("messaging in a real browser", () => {
  it("a structure admin invites by e-mail; the invited person accepts, sets a password and lands signed in", async () => {
    const admin = await e2e.newPage();
    await login(admin, STRUCTURE_ADMIN);
    await admin.getByRole("link", { name: /^Membres · / }).first().click();
    await admin.getByRole("heading", { level: 2, name: "Inviter une personne" }).waitFor();
    await expectNoAxeViolations(admin, "membres");
    await admin.getByLabel(/^Adresse électronique/).fill(INVITEE);
    await admin.getByLabel(/^Nom et prénom/).fill("Invitée Navigateur");
    await admin.getByRole("button", { name: "Envoyer l'invitation" }).click();
    await admin.getByText(`Invitation envoyée à ${INVITEE}`).waitFor();
    await admin.getByTestId("invitation-row").filter({ hasText: INVITEE }).waitFor();
    expect(await admin.getByText(/mot de passe provisoire/i).count()).toBe(0);
    await expectNoAxeViolations(admin, "membres avec invitation");

    const mail = await mailTo(INVITEE, 1);
    expect(mail.subject).toMatch(/^Invitation à rejoindre /);
    const token = linkToken(mail.text, "invitation");
    expect(mail.text).toContain(`https://spie.e2e.example.org/invitation/${token}`);

    const invitee = await e2e.newPage();
    await invitee.goto(`/invitation/${token}`);
    await invitee.getByRole("heading", { level: 1, name: /^Invitation à rejoindre / }).waitFor();
    await expectNoAxeViolations(invitee, "invitation");
    expect(await invitee.getByLabel(/^Nom et prénom/).inputValue()).toBe("Invitée Navigateur");
    await invitee.getByLabel(/^Mot de passe/).fill(NEW_PASSWORD);
    await invitee.getByLabel(/^Confirmer le mot de passe/).fill("pas la même phrase de passe");
    await invitee.getByRole("button", { name: "Accepter l'invitation et créer mon compte" }).click();
    await invitee.getByText("Les deux mots de passe saisis sont différents.").first().waitFor();
    await invitee.getByLabel(/^Confirmer le mot de passe/).fill(NEW_PASSWORD);
    await invitee.getByRole("button", { name: "Accepter l'invitation et créer mon compte" }).click();
    await invitee.waitForURL((url) => url.pathname === "/");

    await invitee.goto("/compte");
    await expect.poll(() => invitee.getByTestId("account-name").textContent()).toBe("Invitée Navigateur");
    await invitee.getByTestId("session-row").first().waitFor();
    await expectNoAxeViolations(invitee, "mon compte et mes sessions");

    // The link served once; the admin's list no longer shows the invitation, the members list shows her.
    await invitee.goto(`/invitation/${token}`);
    await invitee.getByRole("alert").waitFor();
    await admin.reload();
    await admin.getByTestId("member-row").filter({ hasText: "Invitée Navigateur" }).waitFor();
    expect(await admin.getByTestId("invitation-row").filter({ hasText: INVITEE }).count()).toBe(0);
  });

  it("resets a forgotten password with the link of the e-mail", async () => {
    const page = await e2e.newPage();
    await page.goto("/connexion");
    await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
    await page.getByRole("heading", { level: 1, name: "Mot de passe oublié" }).waitFor();
    await expectNoAxeViolations(page, "mot de passe oublié");
    await page.getByLabel(/^Adresse électronique/).fill(PRO);
    await page.getByRole("button", { name: "Recevoir le lien" }).click();
    await page.getByRole("heading", { name: "Demande enregistrée" }).waitFor();
    await expectNoAxeViolations(page, "demande enregistrée");

    const token = linkToken((await mailTo(PRO, 1)).text, "mot-de-passe");
    await page.goto(`/mot-de-passe/${token}`);
    await page.getByRole("heading", { level: 1, name: "Choisir un nouveau mot de passe" }).waitFor();
    await expectNoAxeViolations(page, "nouveau mot de passe");
    await page.getByLabel(/^Nouveau mot de passe/).fill(NEW_PASSWORD);
    await page.getByLabel(/^Confirmer le mot de passe/).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Enregistrer le mot de passe" }).click();
    await page.getByRole("heading", { name: "Mot de passe modifié" }).waitFor();
    await expectNoAxeViolations(page, "mot de passe modifié");

    await login(page, PRO, NEW_PASSWORD);
    await page.getByRole("heading", { level: 1, name: /Mes personnes/ }).waitFor();
  });
});
