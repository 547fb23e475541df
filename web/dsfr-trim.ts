// Vite plugin: react-dsfr without what spie never runs, for the first load of every page
// (web/bundle-budget.ts). Each substitution is a module of react-dsfr replaced by spie's own, at
// one import only; should react-dsfr move things around, the substitution no longer applies, the
// first load grows back and the budget fails the build (nothing breaks silently).
// - react-dsfr's `fr` object (imported by every component for `fr.cx`) carries the DSFR's colour
//   tables: fr/colors.js is replaced by web/src/dsfr/colors.ts (the one colour react-dsfr reads).
// - react-dsfr's start imports the DSFR's script with every component's: dsfr/dsfr.module.js is
//   replaced by web/src/dsfr/script.ts (the core and the components the pages show).
import { fileURLToPath } from "node:url";
import type { Plugin } from "vite";

const REACT_DSFR = "/node_modules/@codegouvfr/react-dsfr/";

/** [importer inside react-dsfr, import specifier] → spie's module. */
export const DSFR_SUBSTITUTIONS: { importer: string; source: string; replacement: string }[] = [
  { importer: "fr/index.js", source: "./colors", replacement: fileURLToPath(new URL("./src/dsfr/colors.ts", import.meta.url)) },
  { importer: "start.js", source: "./dsfr/dsfr.module", replacement: fileURLToPath(new URL("./src/dsfr/script.ts", import.meta.url)) },
];

export function dsfrTrim(): Plugin {
  return {
    name: "spie-dsfr-trim",
    enforce: "pre",
    resolveId(source, importer) {
      if (!importer) return null;
      const path = importer.replace(/\\/g, "/");
      const at = path.lastIndexOf(REACT_DSFR);
      if (at < 0) return null;
      const inside = path.slice(at + REACT_DSFR.length);
      const hit = DSFR_SUBSTITUTIONS.find((s) => s.importer === inside && s.source === source);
      return hit ? hit.replacement : null;
    },
  };
}
