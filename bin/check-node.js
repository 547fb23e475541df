// `npm test` starts here (pretest): prints the Node that npm scripts run on, so that every log (CI
// included) shows it, and stops with a clear message when that Node cannot run the suite — e.g. the
// Node provisioned in node_modules is missing (`npm install` not run, or its install script blocked)
// and npm fell back to an older machine Node. See docs/adr/0003-node-from-the-npm-registry.md.
// Plain JavaScript on purpose: it must run, and explain, on any Node.
import { fileURLToPath } from "node:url";
import { relative } from "node:path";

const root = fileURLToPath(new URL("..", import.meta.url));
const inProject = relative(root, process.execPath);
console.log(
  inProject.startsWith("node_modules")
    ? `Node ${process.version}, fourni par le projet (${inProject})`
    : `Node ${process.version}, celui de la machine (${process.execPath})`,
);

const missing = [];
if (typeof Map.groupBy !== "function") missing.push("Map.groupBy (Vitest)");
if (!process.features.typescript) missing.push("l'exécution directe des fichiers .ts (node server/cli.ts, bancs d'essai)");
if (missing.length > 0) {
  console.error(
    `Ce Node ne peut pas lancer les tests : il lui manque ${missing.join(" et ")}.\n` +
      "Lancez « npm install » : il installe dans node_modules le Node 24 du projet, que tous les scripts npm utilisent.",
  );
  process.exit(1);
}
