// Where the repository (and its reference/ data) is, whether the server runs from its TypeScript
// sources (server/…, vitest) or compiled (dist/server/…).
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cachedRoot: string | undefined;

function isRepoRoot(dir: string): boolean {
  const reference = join(dir, "reference");
  return existsSync(join(dir, "package.json")) && existsSync(reference) && statSync(reference).isDirectory();
}

/**
 * The repository root: the nearest directory, walking up from this module, that holds both a
 * `package.json` and a `reference/` directory. Set `SPIE_ROOT` to override (e.g. an unusual deployment).
 */
export function repoRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  const override = process.env["SPIE_ROOT"];
  if (override) {
    if (!isRepoRoot(override)) throw new Error(`SPIE_ROOT=${override} has no package.json and reference/ directory`);
    cachedRoot = override;
    return override;
  }
  const start = dirname(fileURLToPath(import.meta.url));
  let dir = start;
  for (;;) {
    if (isRepoRoot(dir)) {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No repository root (package.json and reference/) above ${start}`);
    dir = parent;
  }
}

/** Absolute path of a file under `reference/`, e.g. `referencePath("hsds", "LICENSE")`. */
export function referencePath(...segments: string[]): string {
  return join(repoRoot(), "reference", ...segments);
}
