#!/usr/bin/env node
// Package binary: runs the compiled CLI (npm run build:server builds it).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../dist/server/cli.js", import.meta.url));
if (!existsSync(cli)) {
  console.error("spie n'est pas compilé : lancez d'abord « npm run build:server » (ou « npm start »).");
  process.exit(1);
}
await import(cli);
