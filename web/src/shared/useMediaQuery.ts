import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches now (and on every change). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

/** Below DSFR's md breakpoint (48em): phones. */
export const SMALL_SCREEN = "(max-width: 47.99em)";
