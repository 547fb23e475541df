// End-to-end harness: the real application (built web app + API) on an in-memory PGlite seeded
// with the demo data, driven by Debian's Chromium through playwright-core, with axe checks.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/client.ts";
import { DEMO_PASSWORD } from "../server/features/demo/demo-data.ts";
import { seedDemo } from "../server/features/demo/seed.ts";
import { repoRoot } from "../server/paths.ts";
import { serve, type Running } from "../server/server.ts";

export { DEMO_PASSWORD };

/**
 * Builds the web app once if dist/web is missing or SPIE_E2E_REBUILD=1. npm runs on this very Node
 * (process.execPath, the one provisioned in node_modules) when the tests were started by npm, never
 * on whatever `node` comes first on the machine's PATH.
 */
function ensureWebBuilt(): void {
  const root = repoRoot();
  if (existsSync(join(root, "dist", "web", "index.html")) && process.env.SPIE_E2E_REBUILD !== "1") return;
  const args = ["run", "build:web", "--silent"];
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.[cm]?js$/.test(npmCli)) execFileSync(process.execPath, [npmCli, ...args], { cwd: root, stdio: "inherit" });
  else execFileSync("npm", args, { cwd: root, stdio: "inherit" });
}

export interface E2E {
  url: string;
  running: Running;
  browser: Browser;
  /** A fresh browser context (own cookies) and page; viewport 1280×900 unless given. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  stop(): Promise<void>;
}

/**
 * `seed: false` starts from an empty database (the first run of a new platform); `env`: more
 * configuration, e.g. SMTP_URL of an SMTP server started by the test.
 */
export async function startE2E(options: { seed?: boolean; env?: Record<string, string> } = {}): Promise<E2E> {
  const env = options.env ?? {};
  ensureWebBuilt();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "warn", PORT: "0", HOST: "127.0.0.1", ...env });
  const database = await openDatabase({});
  const running = await serve(config, { database, beforeListen: async (d) => void (options.seed === false ? undefined : await seedDemo(d.db)) });
  const browser = await chromium.launch({
    executablePath: process.env.SPIE_CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  const contexts: BrowserContext[] = [];
  return {
    url: running.url.replace("localhost", "127.0.0.1"),
    running,
    browser,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ viewport, locale: "fr-FR", baseURL: running.url.replace("localhost", "127.0.0.1") });
      contexts.push(context);
      return context.newPage();
    },
    async stop() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await running.stop();
    },
  };
}

/** Logs in through the login page and waits for the home page. */
export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/connexion");
  await page.getByLabel(/adresse (électronique|e-mail)/i).fill(email);
  await page.getByLabel(/^mot de passe/i).fill(password);
  await page.getByRole("button", { name: /se connecter/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

/**
 * Ticks a DSFR checkbox or radio as a user does: the styled label covers the native input, so the
 * click goes to the label, with Playwright's checks that it is visible and still (a forced click on
 * the input lands wherever the input was before a layout shift). Then waits until the box holds.
 */
export async function tick(input: Locator): Promise<void> {
  const id = await input.getAttribute("id");
  expect(id, "a DSFR input has an id its label points to").toBeTruthy();
  await input.page().locator(`label[for="${id}"]`).click();
  await expect.poll(() => input.isChecked()).toBe(true);
}

/**
 * Counts the page's API requests in flight, from now on. `quiet()` resolves once none has been in
 * flight for `quietMs`: a test that moves the browser's clock must not let an answer sent before the
 * move arrive after it (its Date header would read as a clock skew of the whole jump).
 */
export function apiInFlight(page: Page): { count(): number; quiet(quietMs?: number): Promise<void> } {
  const pending = new Set<unknown>();
  const isApi = (url: string) => new URL(url).pathname.startsWith("/api/");
  page.on("request", (r) => void (isApi(r.url()) && pending.add(r)));
  page.on("requestfinished", (r) => void pending.delete(r));
  page.on("requestfailed", (r) => void pending.delete(r));
  return {
    count: () => pending.size,
    async quiet(quietMs = 500) {
      let since = Date.now();
      const deadline = Date.now() + 30_000;
      while (Date.now() - since < quietMs) {
        if (Date.now() > deadline) throw new Error(`${pending.size} API request(s) still in flight after 30 s`);
        await new Promise((r) => setTimeout(r, 50));
        if (pending.size > 0) since = Date.now();
      }
    },
  };
}

/** Runs axe (WCAG 2.1 A/AA rules, as RGAA) on the current page and fails on any violation. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

/** True when the page scrolls horizontally (content wider than the viewport). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}
