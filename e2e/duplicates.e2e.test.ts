// Issue 9 "done when", duplicates and merge, in a real browser on the demo data: the demo's Fatou
// EXEMPLE (p14, born 19 November 1987, followed by Camille Démo) gets three near-duplicates — one day
// off, first and last names swapped, one letter missing — created knowingly; creating a fifth
// proposes the four with their reasons and score; the coordinator of the Aisne merges two of them
// after the side-by-side preview, lands on the kept file, and the merged file's URL leads there.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoAxeViolations, login, startE2E, type E2E } from "./harness.ts";

const PRO = "camille.demo@demo.spie.example.org";
const COORDINATOR = "claude.essai@demo.spie.example.org";

let e2e: E2E;
const urls: Record<string, string> = {};

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.stop();
});

async function fillPerson(page: Page, first: string, last: string, birth: string) {
  await page.goto("/personnes/nouvelle");
  const form = page.getByTestId("person-form");
  await form.getByLabel(/^Prénoms/).fill(first);
  await form.getByLabel(/^Nom$|^Nom\b(?! de naissance)/).first().fill(last);
  await form.getByLabel(/^Date de naissance/).fill(birth);
  await form.getByRole("button", { name: "Créer le dossier" }).click();
}

/** Creates a near-duplicate knowingly: the warning, "it is someone else", created. */
async function createAnyway(page: Page, key: string, first: string, last: string, birth: string) {
  await fillPerson(page, first, last, birth);
  await page.getByTestId("duplicate-candidates").waitFor();
  await page.getByText("Je confirme qu'il s'agit d'une autre personne").click();
  await page.getByTestId("person-form").getByRole("button", { name: "Créer le dossier" }).click();
  await page.waitForURL(/\/personnes\/[0-9a-f-]{36}$/);
  urls[key] = new URL(page.url()).pathname;
}

describe("duplicates and merge in a real browser", () => {
  it("proposes the four near-duplicate Fatou with their reasons when creating a fifth", async () => {
    const page = await e2e.newPage();
    await login(page, PRO);
    await createAnyway(page, "dayOff", "Fatou", "EXEMPLE", "1987-11-20");
    await createAnyway(page, "swapped", "Exemple", "Fatou", "1987-11-19");
    await createAnyway(page, "typo", "Fatou", "EXEMLE", "1987-11-19");

    await fillPerson(page, "Fâtou", "Exemple", "1987-11-19");
    const panel = page.getByTestId("duplicate-candidates");
    await panel.waitFor();
    await expect.poll(() => panel.getByTestId("duplicate-candidate").count()).toBe(4);
    const text = (await panel.textContent()) ?? "";
    for (const reason of ["Mêmes nom et prénom", "Date de naissance à un jour près", "Nom et prénom inversés", "Nom proche (une faute de frappe ?)", "Écriture différente"]) {
      expect(text, reason).toContain(reason);
    }
    // Best first: the identical one (100 %), then the others.
    const scores = (await panel.getByTestId("duplicate-candidate").allTextContents()).map((t) => Number(/ressemblance (\d+) %/.exec(t)?.[1]));
    expect(scores[0]).toBe(100);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new URL(page.url()).pathname).toBe("/personnes/nouvelle");
    await expectNoAxeViolations(page, "doublons proposés");

    // The search understands "first last" as well as "last first".
    await page.goto(`/personnes?q=${encodeURIComponent("fatou exemple")}`);
    await page.getByRole("link", { name: /Fatou EXEMPLE/ }).first().waitFor();
  });

  it("lets the coordinator merge two files after the side-by-side preview; the merged file's URL leads to the kept one", async () => {
    const page = await e2e.newPage();
    await login(page, COORDINATOR);
    await page.goto(urls.dayOff!);
    await page.getByTestId("person-title").waitFor();
    await page.getByRole("link", { name: "Fusionner avec un autre dossier…" }).click();
    await page.getByRole("heading", { level: 1, name: "Fusionner avec un autre dossier" }).waitFor();
    await expectNoAxeViolations(page, "fusion : choix");
    await page.getByLabel("Rechercher l'autre dossier dans le territoire").fill("exemle fatou");
    await page.getByText("Fatou EXEMLE").click();
    const comparison = page.getByTestId("merge-comparison");
    await comparison.waitFor();
    expect(await comparison.textContent()).toContain("Versions du diagnostic");
    expect(await page.getByTestId("merge-conflicts").textContent()).toContain("Nom différent");
    expect(await page.getByText("La fusion est définitive").count()).toBe(1);
    await expectNoAxeViolations(page, "fusion : aperçu");
    const merge = page.getByRole("button", { name: "Fusionner les deux dossiers" });
    expect(await merge.isDisabled()).toBe(true);
    await page.getByText("J'ai vérifié qu'il s'agit de la même personne").click();
    await merge.click();
    await page.waitForURL((url) => url.pathname === urls.dayOff);
    await page.getByText(/Les deux dossiers ont été fusionnés/).waitFor();
    await expectNoAxeViolations(page, "dossier conservé");

    // The merged file's address opens the kept file, with a notice.
    await page.goto(urls.typo!);
    await page.waitForURL((url) => url.pathname === urls.dayOff);
    await page.getByText(/a été fusionné dans celui-ci/).waitFor();
    await page.getByRole("tab", { name: "Historique" }).click();
    await page.getByText(/Fusion : le dossier en double de Fatou EXEMLE a été fusionné dans ce dossier/).waitFor();
  });
});
