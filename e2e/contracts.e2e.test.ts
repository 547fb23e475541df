// Issue 9, contracts, in a real browser on the demo data: the référent drafts a contract (an empty
// one is refused), corrects the draft, records the signature, writes an avenant, prints it, ends it
// and renews it; each step is in the history, and axe finds no violation on any of these screens.
//
// The person: Karim EXEMPLE (demo p07), followed by Camille Démo (CD de l'Aisne, référente), who
// already has a signed contract from last year.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const REFERENT = "camille.demo@demo.spie.example.org";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

/** The newest contract's card (the list is newest first). */
const newest = (page: Page) => page.getByTestId("contract").first();

async function act(card: Locator, action: RegExp) {
  await card.getByRole("button", { name: action }).click();
}

describe("the contract's life in a real browser", () => {
  it("drafts, corrects, signs, amends, prints, ends and renews a contract", async () => {
    const page = await e2e.newPage();
    await login(page, REFERENT);
    await page.getByRole("link", { name: /Karim EXEMPLE/ }).click();
    await page.getByTestId("person-title").waitFor();
    const personUrl = new URL(page.url()).pathname;
    await page.goto(`${personUrl}?onglet=contrat`);
    await page.getByTestId("contract").first().waitFor();
    await expectNoAxeViolations(page, "contrats");

    // An empty contract is refused, naming the field.
    await page.getByRole("button", { name: "Écrire un contrat" }).click();
    const form = page.getByTestId("contract-form");
    await form.getByRole("button", { name: "Enregistrer le contrat" }).click();
    await form.getByTestId("error-summary").waitFor();
    expect(await form.getByTestId("error-summary").textContent()).toMatch(/Objectifs/);
    await expectNoAxeViolations(page, "contrat vide refusé");

    // The draft.
    await form.getByLabel("Objectifs").fill("Obtenir le CACES 3, reprendre un emploi de cariste");
    await form.getByLabel("Engagements de la personne").fill("Suivre la formation CACES, venir aux rendez-vous mensuels");
    await form.getByLabel("Engagements de la structure").fill("Financer la formation, présenter des offres de la plateforme logistique");
    await form.getByRole("button", { name: "Enregistrer le contrat" }).click();
    await page.getByText("Contrat enregistré.").waitFor();
    let card = newest(page);
    // The message shows as soon as the save answers; the list refreshes just after.
    await expect.poll(() => card.getAttribute("data-status")).toBe("draft");
    expect(await card.textContent()).toMatch(/Brouillon à signer/);
    expect(await card.getByRole("button", { name: /^Faire un avenant/ }).count()).toBe(0);
    await expectNoAxeViolations(page, "brouillon de contrat");

    // Corrected while a draft.
    await act(card, /^Corriger le brouillon/);
    const edit = card.getByTestId("contract-edit-form");
    await edit.getByLabel("Objectifs").fill("Obtenir les CACES 3 et 5, reprendre un emploi de cariste");
    await expectNoAxeViolations(page, "correction du brouillon");
    await edit.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.getByText("Brouillon corrigé.").waitFor();
    card = newest(page);
    await expect.poll(() => card.textContent()).toMatch(/CACES 3 et 5/);

    // Signed.
    await act(card, /^Enregistrer la signature/);
    const sign = card.getByTestId("contract-sign-form");
    await sign.getByLabel("Mode de signature").selectOption("manuscrite");
    await expectNoAxeViolations(page, "signature");
    await sign.getByRole("button", { name: "Enregistrer la signature" }).click();
    await page.getByText("Signature enregistrée.").waitFor();
    card = newest(page);
    await expect.poll(() => card.getAttribute("data-status")).toBe("signed");
    expect(await card.textContent()).toMatch(/Signé — en cours/);
    expect(await card.getByRole("button", { name: /^Corriger le brouillon/ }).count()).toBe(0);

    // An avenant: a reason, and the weekly target reduced with its own reason.
    await act(card, /^Faire un avenant/);
    const amend = card.getByTestId("contract-amend-form");
    await amend.getByRole("button", { name: "Enregistrer l'avenant" }).click();
    await amend.getByTestId("error-summary").waitFor();
    expect(await amend.getByTestId("error-summary").textContent()).toMatch(/Motif de l'avenant/);
    await amend.getByLabel("Motif de l'avenant").fill("Reprise d'un suivi médical après un accident");
    await amend.getByLabel("Heures d'activité par semaine").fill("8");
    await amend.getByLabel("Motif de la réduction ou de la dispense").fill("Soins de rééducation trois matinées par semaine");
    await expectNoAxeViolations(page, "avenant");
    await amend.getByRole("button", { name: "Enregistrer l'avenant" }).click();
    await page.getByText("Avenant enregistré.").waitFor();
    card = newest(page);
    await expect.poll(() => card.getAttribute("data-status")).toBe("amended");
    const amended = await card.textContent();
    expect(amended).toMatch(/Signé, modifié par avenant/);
    expect(amended).toMatch(/8 heures par semaine — motif : Soins de rééducation/);
    expect(amended).toMatch(/Avenant, .* — motif : Reprise d'un suivi médical après un accident/);

    // The printable document: parties, commitments, target and its reason, avenant, signatures, rights.
    await card.getByRole("link", { name: /^Version imprimable/ }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    const doc = await page.locator(".spie-document").textContent();
    for (const fragment of ["Les parties", "Camille Démo", "Vos engagements", "8 heures par semaine", "Soins de rééducation", "Avenant n° 1", "Reprise d'un suivi médical", "Signatures", "Vos droits", "droit de rectification", "tribunal administratif"]) {
      expect(doc, fragment).toContain(fragment);
    }
    await expectNoAxeViolations(page, "contrat imprimable");
    await page.goBack();

    // Ended.
    card = newest(page);
    await card.waitFor();
    await act(card, /^Mettre fin au contrat/);
    const end = card.getByTestId("contract-end-form");
    await end.getByLabel("Motif de la fin").fill("Embauche en CDI comme cariste");
    await expectNoAxeViolations(page, "fin du contrat");
    await end.getByRole("button", { name: "Mettre fin au contrat" }).click();
    await page.getByText("Fin du contrat enregistrée.").waitFor();
    card = newest(page);
    await expect.poll(() => card.getAttribute("data-status")).toBe("ended");
    expect(await card.textContent()).toMatch(/Terminé le .* — Embauche en CDI comme cariste/);
    expect(await card.getByRole("button", { name: /^Faire un avenant/ }).count()).toBe(0);

    // Renewed: the next contract, a draft with the amended content.
    await act(card, /^Renouveler/);
    await expectNoAxeViolations(page, "renouvellement");
    await card.getByTestId("contract-renew-form").getByRole("button", { name: "Renouveler" }).click();
    await page.getByText(/Contrat renouvelé : un brouillon du/).waitFor();
    card = newest(page);
    await expect.poll(() => card.getAttribute("data-status")).toBe("draft");
    const renewed = await card.textContent();
    expect(renewed).toMatch(/CACES 3 et 5/);
    expect(renewed).toMatch(/Renouvelle le contrat précédent/);
    await expectNoAxeViolations(page, "contrat renouvelé");

    // The history tells each step.
    await page.getByRole("tab", { name: /^Historique$/ }).click();
    await page.getByTestId("timeline").waitFor();
    const timeline = await page.getByTestId("timeline").textContent();
    for (const fragment of ["brouillon corrigé", "Contrat d'engagement signé", "avenant n° 1", "Reprise d'un suivi médical", "terminé le", "Embauche en CDI", "renouvelé"]) {
      expect(timeline, fragment).toContain(fragment);
    }
    await expectNoAxeViolations(page, "historique");
  });
});
