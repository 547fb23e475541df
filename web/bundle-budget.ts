// The JavaScript a first visit downloads, gzipped, against a budget: the build prints it and fails
// above it (Vite plugin below, used by vite.config.ts). A first load = the entry chunk, the chunks
// it imports statically, and the page's lazily loaded route chunks with their own static imports.
import { gzipSync } from "node:zlib";
import type { Plugin } from "vite";

export interface ChunkInfo {
  fileName: string;
  code: string;
  isEntry: boolean;
  /** Chunks imported statically (loaded together). */
  imports: string[];
  /** The module a lazy chunk stands for (e.g. …/DirectorySearchPage.tsx). */
  facadeModuleId: string | null;
}

/** The DSFR's own script, imported at start-up by react-dsfr's startReactDsfr (a lazy chunk, always loaded; web/dsfr-trim.ts). */
const DSFR_SCRIPT = "web/src/dsfr/script.ts";

/** The first loads measured: a name, and the modules (ends of paths) its lazy chunks stand for. */
export const FIRST_LOADS: Record<string, string[]> = {
  // An anonymous visitor of "/" gets the home page, which shows the directory search.
  "accueil anonyme (/)": [DSFR_SCRIPT, "web/src/features/layout/HomePage.tsx", "web/src/features/directory/DirectorySearchPage.tsx"],
  "annuaire (/annuaire)": [DSFR_SCRIPT, "web/src/features/directory/DirectorySearchPage.tsx"],
};

/**
 * Issue 9 asks ≤ 120 kB for the directory's first load, and the build fails above it. It was 219 kB;
 * it is ~116 kB (2026-11-29), gzipped: react-router's data router (~30 kB, the unsaved-changes
 * blocker needs it), the DSFR's script (~23 kB: its core and the components the pages show,
 * web/src/dsfr/script.ts), react-dsfr's components (~18 kB, without the colour tables:
 * web/dsfr-trim.ts), Preact running React's API (~10 kB instead of react-dom's ~67:
 * docs/adr/0005-preact-for-the-first-load.md), react-query (~10 kB), spie's shell and directory
 * page (~22 kB). No zod: the calls of the first load are not parsed again in the browser
 * (web/src/api/client.ts). Adding to the shell or to the directory page counts here.
 */
export const FIRST_LOAD_TARGET_BYTES = 120 * 1024;
export const FIRST_LOAD_BUDGET_BYTES = FIRST_LOAD_TARGET_BYTES;

export interface FirstLoad {
  name: string;
  chunks: { fileName: string; gzip: number }[];
  gzip: number;
}

function closure(start: ChunkInfo[], byName: Map<string, ChunkInfo>): ChunkInfo[] {
  const seen = new Map<string, ChunkInfo>();
  const visit = (c: ChunkInfo) => {
    if (seen.has(c.fileName)) return;
    seen.set(c.fileName, c);
    for (const name of c.imports) {
      const next = byName.get(name);
      if (next) visit(next);
    }
  };
  start.forEach(visit);
  return [...seen.values()];
}

/** Measures each first load of `loads` over the build's JavaScript chunks. */
export function measureFirstLoads(chunks: ChunkInfo[], loads: Record<string, string[]> = FIRST_LOADS): FirstLoad[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entries = chunks.filter((c) => c.isEntry);
  const sizes = new Map<string, number>();
  const gz = (c: ChunkInfo) => {
    let size = sizes.get(c.fileName);
    if (size === undefined) sizes.set(c.fileName, (size = gzipSync(c.code).length));
    return size;
  };
  return Object.entries(loads).map(([name, modules]) => {
    const routes = modules.map((m) => {
      const chunk = chunks.find((c) => c.facadeModuleId?.replace(/\\/g, "/").endsWith(m));
      if (!chunk) throw new Error(`Aucun chunk pour ${m} : la route n'est plus chargée à part ?`);
      return chunk;
    });
    const loaded = closure([...entries, ...routes], byName).map((c) => ({ fileName: c.fileName, gzip: gz(c) }));
    return { name, chunks: loaded, gzip: loaded.reduce((sum, c) => sum + c.gzip, 0) };
  });
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

export function formatFirstLoads(loads: FirstLoad[], budget = FIRST_LOAD_BUDGET_BYTES): string {
  const lines = [`Premier chargement (JavaScript gzip ; plafond ${kB(budget)}, objectif ${kB(FIRST_LOAD_TARGET_BYTES)}) :`];
  for (const load of loads) {
    lines.push(`  ${load.name} : ${kB(load.gzip)}${load.gzip > budget ? "  ← AU-DESSUS DU BUDGET" : ""}`);
    for (const c of [...load.chunks].sort((a, b) => b.gzip - a.gzip)) lines.push(`    ${kB(c.gzip).padStart(9)}  ${c.fileName}`);
  }
  return lines.join("\n");
}

/** Vite plugin: prints the first loads after a build and fails it above the budget. */
export function firstLoadBudget(budget = FIRST_LOAD_BUDGET_BYTES): Plugin {
  return {
    name: "spie-first-load-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks: ChunkInfo[] = [];
      for (const item of Object.values(bundle)) {
        if (item.type !== "chunk") continue;
        chunks.push({ fileName: item.fileName, code: item.code, isEntry: item.isEntry, imports: item.imports, facadeModuleId: item.facadeModuleId });
      }
      const loads = measureFirstLoads(chunks);
      // A build under NODE_ENV=test (the e2e harness run by vitest) bundles the libraries'
      // development builds (react-router's): printed, not checked.
      if (process.env.NODE_ENV !== "production") {
        console.log(`\n(NODE_ENV=${process.env.NODE_ENV ?? ""} : bibliothèques en mode développement, budget non vérifié)\n${formatFirstLoads(loads, budget)}\n`);
        return;
      }
      console.log(`\n${formatFirstLoads(loads, budget)}\n`);
      const over = loads.filter((l) => l.gzip > budget);
      if (over.length > 0) this.error(`Budget du premier chargement dépassé : ${over.map((l) => `${l.name} ${kB(l.gzip)}`).join(", ")} > ${kB(budget)}.`);
    },
  };
}
