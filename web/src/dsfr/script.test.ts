// The DSFR component scripts left out of web/src/dsfr/script.ts are those no page needs: a page that
// starts using one (its react-dsfr component or its CSS class) fails here until the script is added.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const webSrc = fileURLToPath(new URL("..", import.meta.url));
const componentDir = fileURLToPath(new URL("../../../node_modules/@codegouvfr/react-dsfr/dsfr/component/", import.meta.url));

/** What makes a page need a DSFR component's script: react-dsfr modules, DSFR classes. */
const NEEDED_BY: Record<string, { components: string[]; classes: string[] }> = {
  accordion: { components: ["Accordion"], classes: ["fr-accordion"] },
  password: { components: ["blocks/PasswordInput"], classes: ["fr-password"] },
  range: { components: ["Range"], classes: ["fr-range"] },
  segmented: { components: ["SegmentedControl"], classes: ["fr-segmented"] },
  sidemenu: { components: ["SideMenu"], classes: ["fr-sidemenu"] },
  tile: { components: ["Tile"], classes: ["fr-tile"] },
  toggle: { components: ["ToggleSwitch", "ToggleSwitchGroup"], classes: ["fr-toggle"] },
  tooltip: { components: ["Tooltip"], classes: ["fr-tooltip"] },
  transcription: { components: [], classes: ["fr-transcription"] },
};

function sources(dir: string): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dsfr" ? [] : sources(path);
    return /\.(ts|tsx|css)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [{ path, text: readFileSync(path, "utf8") }] : [];
  });
}

describe("the DSFR's script without the components no page shows", () => {
  const script = readFileSync(join(webSrc, "dsfr", "script.ts"), "utf8");
  const included = [...script.matchAll(/^import "@codegouvfr\/react-dsfr\/dsfr\/component\/([a-z]+)\/\1\.module\.js";$/gm)].map((m) => m[1]!);
  const all = readdirSync(componentDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && readdirSync(join(componentDir, entry.name)).includes(`${entry.name}.module.js`))
    .map((entry) => entry.name);
  const left = all.filter((name) => !included.includes(name));

  it("loads the core first, then the scripts of the components the pages use", () => {
    const core = script.indexOf('import "@codegouvfr/react-dsfr/dsfr/core/core.module.js";');
    expect(core).toBeGreaterThan(0);
    expect(core).toBeLessThan(script.indexOf('import "@codegouvfr/react-dsfr/dsfr/component/'));
    expect(included).toEqual(expect.arrayContaining(["header", "navigation", "modal", "display"]));
    for (const name of included) expect(all).toContain(name);
  });

  it("knows what needs each script it leaves out", () => {
    // A new DSFR version with a new component script: say here what needs it.
    expect(left.filter((name) => !NEEDED_BY[name])).toEqual([]);
  });

  it("leaves out only scripts no page needs", () => {
    const files = sources(webSrc);
    expect(files.length).toBeGreaterThan(50);
    const uses = left.flatMap((name) => {
      const { components, classes } = NEEDED_BY[name]!;
      return files
        .filter(({ text }) => components.some((c) => text.includes(`@codegouvfr/react-dsfr/${c}`)) || classes.some((c) => new RegExp(`\\b${c}\\b`).test(text)))
        .map(({ path }) => `${name} : ${path}`);
    });
    expect(uses).toEqual([]);
  });
});
