// Issue 9, problem 6, in a real browser on the demo data: after a réorientation towards another
// structure without a named référent, the file's header, the orientation and the team agree (no
// référent any more, "À désigner"); the coordinator's "Demandes à traiter" counts the waiting
// réorientation; every notification names the person and says what happened. axe on each screen.
//
// The person: Karim EXEMPLE (demo p07), oriented to the CD de l'Aisne with Camille Démo as référente.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, login, startE2E, tick, type E2E } from "./harness.ts";

const REFERENT = "camille.demo@demo.spie.example.org";
const COORDINATOR = "claude.essai@demo.spie.example.org";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

describe("a réorientation leaves consistent states", () => {
  it("is requested, counted for the coordinator, accepted without a référent, and told by name", async () => {
    const camille = await e2e.newPage();
    await login(camille, REFERENT);
    await camille.getByRole("link", { name: /Karim EXEMPLE/ }).click();
    await camille.getByTestId("person-title").waitFor();
    const personUrl = new URL(camille.url()).pathname;
    expect(await camille.getByText(/Référent·e unique : Camille Démo/).count()).toBe(1);

    await camille.goto(`${personUrl}?onglet=orientation`);
    await camille.getByRole("button", { name: "Demander une réorientation" }).click();
    const request = camille.getByTestId("reorientation-request-form");
    await request.getByLabel("Pourquoi demander une réorientation ?").fill("Projet de formation en alternance : la Mission locale l'accompagnera mieux");
    await request.getByLabel("Organisme proposé (facultatif)").selectOption({ label: "Mission locale de Laon" });
    await expectNoAxeViolations(camille, "demande de réorientation");
    await request.getByRole("button", { name: "Demander la réorientation" }).click();
    await camille.getByTestId("pending-reorientation").waitFor();

    // The coordinator: the request is counted among the requests to handle, and the notification names Karim.
    const claude = await e2e.newPage();
    await login(claude, COORDINATOR);
    await claude.goto("/personnes");
    await claude.getByTestId("join-requests").waitFor();
    await expect.poll(() => claude.getByTestId("pending-reorientations").textContent()).toMatch(/1 demande de réorientation attend votre décision/);
    const asked = claude.getByTestId("notification").filter({ hasText: "Karim EXEMPLE" });
    expect(await asked.textContent()).toMatch(/Karim EXEMPLE — Camille Démo demande sa réorientation/);
    await expectNoAxeViolations(claude, "demandes à traiter du coordinateur");

    // Accepted towards the Mission locale, the référent to be designated later.
    await claude.goto(`${personUrl}?onglet=orientation`);
    await claude.getByRole("button", { name: "Accepter la réorientation" }).click();
    const decision = claude.getByTestId("reorientation-form");
    await tick(decision.getByLabel(/^Socio-professionnelle/));
    await decision.getByLabel("Organisme référent").selectOption({ label: "Mission locale de Laon" });
    await decision.getByLabel("Référent·e unique").selectOption({ label: "À désigner plus tard" });
    const reason = decision.getByLabel(/Raison de la décision/);
    if (await reason.count()) await reason.fill("Projet d'alternance");
    await decision.getByRole("button", { name: "Accepter et enregistrer la nouvelle orientation" }).click();
    await claude.getByText(/Réorientation acceptée/).first().waitFor();

    // Header, orientation and team agree: no référent any more.
    await claude.reload();
    await expect.poll(() => claude.getByTestId("current-orientation").textContent()).toMatch(/Mission locale de Laon.*À désigner/s);
    expect(await claude.getByText("Pas de référent·e unique désigné·e", { exact: false }).count()).toBe(1);
    expect(await claude.getByText(/Référent·e unique : Camille Démo/).count()).toBe(0);
    await expectNoAxeViolations(claude, "après la réorientation");

    // Camille is told, by name, that she is no longer the référente and stays in the team.
    await camille.goto("/personnes");
    const told = camille.getByTestId("notification").filter({ hasText: "Vous n'êtes plus référent" });
    await told.first().waitFor();
    expect(await told.first().textContent()).toMatch(/Karim EXEMPLE — Réorientation décidée vers Mission locale de Laon/);
    const accepted = camille.getByTestId("notification").filter({ hasText: "votre demande de réorientation a été acceptée" });
    expect(await accepted.first().textContent()).toMatch(/Karim EXEMPLE/);
    await expectNoAxeViolations(camille, "notifications de la référente");
  });
});
