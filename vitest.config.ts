// One `npm test`, four projects:
//   unit         pure functions (common/, domain rules) — *.test.ts
//   int-pglite   integration on embedded PGlite — *.int.test.ts
//   int-postgres the same files on a real PostgreSQL (TEST_DATABASE_URL or the local server)
//   e2e          a real browser (Debian's chromium) against the real app — e2e/*.e2e.test.ts
// Outside CI a missing PostgreSQL or Chromium skips its project with a loud warning; with CI=true
// it is a failure.
import { existsSync } from "node:fs";
import pg from "pg";
import { defineConfig } from "vitest/config";
import { SpieSummaryReporter } from "./test/summary-reporter.ts";

const CI = Boolean(process.env.CI);
const pgUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const chromiumPath = process.env.SPIE_CHROMIUM ?? "/usr/bin/chromium";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function loud(message: string): void {
  const bar = "!".repeat(78);
  process.stderr.write(`\n${bar}\n!! ${message}\n${bar}\n\n`);
}

export default defineConfig(async () => {
  const only = process.env.SPIE_TEST_PROJECTS?.split(",");
  const wanted = (name: string) => !only || only.includes(name);
  const projects = [];
  const integration = ["server/**/*.int.test.ts"];

  if (wanted("unit")) {
    projects.push({ test: { name: "unit", include: ["common/**/*.test.ts", "server/**/*.test.ts", "web/**/*.test.ts", "test/**/*.test.ts"], exclude: integration } });
  }
  if (wanted("int-pglite")) {
    projects.push({ test: { name: "int-pglite", include: integration, env: { SPIE_TEST_DB: "pglite" }, testTimeout: 30_000, hookTimeout: 60_000 } });
  }
  if (wanted("int-postgres")) {
    if (await postgresReachable()) {
      projects.push({
        test: {
          name: "int-postgres",
          include: integration,
          env: { SPIE_TEST_DB: "postgres", TEST_DATABASE_URL: pgUrl },
          globalSetup: ["server/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      });
    } else if (CI) {
      throw new Error(`CI: PostgreSQL is not reachable at ${pgUrl}; the integration suite must run on it.`);
    } else {
      loud(`PostgreSQL not reachable at ${pgUrl}: the int-postgres project is SKIPPED (set TEST_DATABASE_URL).`);
    }
  }
  if (wanted("e2e")) {
    if (existsSync(chromiumPath)) {
      projects.push({
        test: {
          name: "e2e",
          include: ["e2e/**/*.e2e.test.ts"],
          env: { SPIE_CHROMIUM: chromiumPath },
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // expect.poll's own default (1 s) is shorter than a page's first load on a loaded CI
          // machine: two "the header never showed" failures were this. A real failure still fails.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          fileParallelism: false,
        },
      });
    } else if (CI) {
      throw new Error(`CI: no Chromium at ${chromiumPath}; the end-to-end tests must run.`);
    } else {
      loud(`No Chromium at ${chromiumPath}: the END-TO-END tests are SKIPPED (apt-get install chromium, or set SPIE_CHROMIUM).`);
    }
  }
  return { test: { projects, reporters: ["default", new SpieSummaryReporter()] } };
});
