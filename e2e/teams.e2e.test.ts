// Issue 9 §6 (consistent states), for the teams: the message that says a change is done and the
// list it changed show together, even when the list answers late (its GET is delayed 1.2 s here, as on
// a loaded machine). A référent accepts a professional's request to join a person's team (sent from
// the duplicate warning); then a structure admin changes that référent's role and removes her.
//
// People and accounts are the demo's: Morgan Test administers the Mission locale de Laon, where
// Dominique Exemple is référent·e of Kevin DÉMO (demo p03); Camille Démo (département) is not in his team.
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const STRUCTURE_ADMIN = "morgan.test@demo.spie.example.org";
const REFERENT = "dominique.exemple@demo.spie.example.org";
const PRO = "camille.demo@demo.spie.example.org";

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

/** Delays the page's GETs whose path matches, once `slow.on` is set (the first load stays quick). */
async function slowList(page: Page, path: RegExp): Promise<{ on: boolean }> {
  const slow = { on: false };
  await page.route(
    (url) => path.test(url.pathname),
    async (route) => {
      if (slow.on && route.request().method() === "GET") await new Promise((resolve) => setTimeout(resolve, 1200));
      await route.continue();
    },
  );
  return slow;
}

/** Waits for the success message, then reads the list at that very moment. */
async function atMessage<T>(message: Locator, read: () => Promise<T>): Promise<T> {
  await message.waitFor();
  return read();
}

describe("a change and its message show together", () => {
  it("a référent accepts a request to join a team: the request is gone when the message shows, and the requester is in the team", async () => {
    // Camille Démo meets Kevin DÉMO's existing file while creating it again, and asks to join.
    const pro = await e2e.newPage();
    await login(pro, PRO);
    await pro.goto("/personnes/nouvelle");
    const form = pro.getByTestId("person-form");
    await form.getByLabel(/^Prénoms/).fill("Kevin");
    await form.getByLabel(/^Nom$|^Nom\b(?! de naissance)/).first().fill("DÉMO");
    await form.getByLabel(/^Date de naissance/).fill("2000-01-05");
    await form.getByRole("button", { name: "Créer le dossier" }).click();
    const candidate = pro.getByTestId("duplicate-candidate").first();
    await candidate.waitFor();
    await candidate.getByLabel(/^Message pour l'équipe/).fill("Suivi logement au département (message fictif).");
    await candidate.getByRole("button", { name: /^Demander à rejoindre l'équipe/ }).click();
    await candidate.getByText("Votre demande a été envoyée.").waitFor();

    // Dominique Exemple, his référente, decides from « Mes personnes ».
    const referent = await e2e.newPage();
    await login(referent, REFERENT);
    const slow = await slowList(referent, /^\/api\/v1\/join-requests$/);
    await referent.goto("/personnes");
    const requests = referent.getByTestId("join-requests");
    const request = requests.getByTestId("join-request").filter({ hasText: "Kevin DÉMO" });
    await request.waitFor();
    expect(await request.textContent()).toContain("Suivi logement au département (message fictif).");
    slow.on = true;
    await request.getByRole("button", { name: /^Accepter/ }).click();
    const accepted = requests.getByText(/^Demande acceptée : Camille Démo \(.+\) rejoint l'équipe d'accompagnement de Kevin DÉMO\.$/);
    const left = await atMessage(accepted, () => requests.getByTestId("join-request").count());
    expect(left).toBe(0);
    await expectNoAxeViolations(referent, "demande acceptée");

    // The requester now opens the file from her own list.
    await pro.goto("/personnes");
    await pro.getByRole("link", { name: /Kevin DÉMO/ }).first().click();
    await pro.getByTestId("person-title").waitFor();
    expect(await pro.getByTestId("person-title").textContent()).toContain("Kevin DÉMO");
  });

  it("a structure admin changes a role, then removes a member: the table already says so when the message shows", async () => {
    const page = await e2e.newPage();
    await login(page, STRUCTURE_ADMIN);
    const slow = await slowList(page, /^\/api\/v1\/structures\/[0-9a-f-]{36}\/members$/);
    await page.getByRole("link", { name: /^Membres · / }).first().click();
    const row = page.getByTestId("member-row").filter({ hasText: REFERENT });
    await row.waitFor();
    slow.on = true;

    await row.getByLabel("Rôle de Dominique Exemple").selectOption("structure_admin");
    await row.getByRole("button", { name: /Enregistrer le rôle/ }).click();
    const roleMessage = page.getByText("Le rôle de Dominique Exemple est désormais : Administrateur·rice de la structure.");
    // The row's save button goes once the refetched member holds the new role.
    const saveButtons = await atMessage(roleMessage, () => row.getByRole("button", { name: /Enregistrer le rôle/ }).count());
    expect(saveButtons).toBe(0);
    expect(await row.getByLabel("Rôle de Dominique Exemple").inputValue()).toBe("structure_admin");

    await row.getByRole("button", { name: /^Retirer/ }).click();
    await row.getByRole("button", { name: /^Confirmer le retrait/ }).click();
    const removed = page.getByText("Dominique Exemple a été retiré·e de la structure.");
    const rowsLeft = await atMessage(removed, () => page.getByTestId("member-row").filter({ hasText: REFERENT }).count());
    expect(rowsLeft).toBe(0);
    await expectNoAxeViolations(page, "membres après un retrait");
  });
});
