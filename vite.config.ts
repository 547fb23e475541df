// Web app build (web/ → dist/web). The DSFR assets are copied to web/public/dsfr by
// `copy-dsfr-to-public --projectDir web` (npm scripts predev:web / prebuild:web).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { firstLoadBudget } from "./web/bundle-budget.ts";
import { dsfrTrim } from "./web/dsfr-trim.ts";

const repoRoot = fileURLToPath(new URL(".", import.meta.url));
const apiTarget = process.env.SPIE_API_URL ?? "http://localhost:3000";
const proxy = { "/api": { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  root: "web",
  // dsfrTrim: react-dsfr without the DSFR's colour tables and unused component scripts.
  // firstLoadBudget: prints the first load of the public directory (JS gzipped), fails above 120 kB.
  plugins: [dsfrTrim(), firstLoadBudget()],
  resolve: {
    // React's API, run by Preact (docs/adr/0005-preact-for-the-first-load.md): the code, its types
    // and the libraries (react-router, react-query, react-dsfr) import react and react-dom as usual.
    alias: [
      { find: /^react$/, replacement: fileURLToPath(new URL("./web/src/preact/react.js", import.meta.url)) },
      { find: /^react\/jsx-runtime$/, replacement: "preact/compat/jsx-runtime" },
      { find: /^react\/jsx-dev-runtime$/, replacement: "preact/compat/jsx-dev-runtime" },
      { find: /^react-dom$/, replacement: "preact/compat" },
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
    ],
  },
  // JSX → react/jsx-runtime (aliased above), as tsconfig's "jsx": "react-jsx" types it.
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      // The "use client" of react-router and react-query means nothing to a browser-only bundle.
      onwarn(warning, warn) {
        if (warning.code === "MODULE_LEVEL_DIRECTIVE" && /use (client|server)/.test(warning.message)) return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy,
    // web/src imports the shared contract from common/ (outside the Vite root).
    fs: { allow: [repoRoot] },
  },
  preview: { port: 4173, proxy },
});
