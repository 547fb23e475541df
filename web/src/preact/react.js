// `react` as the web app's bundle has it (vite.config.ts aliases react and react-dom to Preact's
// compatibility layer: docs/adr/0005-preact-for-the-first-load.md): preact/compat, plus what a
// dependency imports that preact/compat does not have. Plain JavaScript: preact/compat's types
// (`export =`) cannot be re-exported from TypeScript, and the app's code is typed against React's.
export * from "preact/compat";
export { default } from "preact/compat";

/**
 * React 19's useOptimistic, imported by react-router's RouterProvider. React shows the optimistic
 * state while a transition is pending; Preact has no concurrent rendering (startTransition runs its
 * callback at once), so no transition is ever pending: the passed state is always the one shown.
 * react-router only sets an optimistic state with `useTransitions`, which spie does not use.
 */
export function useOptimistic(passthrough) {
  return [passthrough, () => undefined];
}
