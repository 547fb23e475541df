// Web app build (web/ → dist/web). The DSFR assets are copied to web/public/dsfr by
// `copy-dsfr-to-public --projectDir web` (npm scripts predev:web / prebuild:web).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { firstLoadBudget } from "./web/bundle-budget.ts";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.SPIE_API_URL ?? "http://localhost:3000";
const proxy = { "/api": { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root: "web",
  // firstLoadBudget: prints the first load of the public directory (JS gzipped), fails above 120 kB.
  plugins: [react(), firstLoadBudget()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy,
    // web/src imports the shared contract from common/ (outside the Vite root).
    fs: { allow: [repoRoot] },
  },
  preview: { port: 4173, proxy },
});
