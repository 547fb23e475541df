import { useEffect, useRef } from "react";
import { Outlet, useLocation } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { SkipLinks } from "@codegouvfr/react-dsfr/SkipLinks.js";
import { useMe } from "../auth/api.ts";
import { SessionWatch } from "../auth/SessionWatch.tsx";
import { UnsavedChangesGuard } from "../../shared/UnsavedChangesGuard.tsx";
import { AppFooter, FOOTER_ID } from "./AppFooter.tsx";
import { AppHeader, MAIN_NAVIGATION_ID } from "./AppHeader.tsx";

export const MAIN_ID = "contenu";

/** After a client-side navigation, move the focus to the page's h1 (or <main>), as a page load would. */
function useFocusOnNavigation() {
  const { pathname } = useLocation();
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const frame = requestAnimationFrame(() => {
      const main = document.getElementById(MAIN_ID);
      const heading = main?.querySelector<HTMLElement>("h1");
      if (heading) {
        if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
        heading.focus();
      } else {
        main?.focus();
      }
      window.scrollTo(0, 0);
    });
    return () => cancelAnimationFrame(frame);
  }, [pathname]);
}

export function AppLayout() {
  const me = useMe();
  useFocusOnNavigation();
  const user = me.data ?? null;

  return (
    <>
      <SkipLinks
        links={[
          { label: "Contenu", anchor: `#${MAIN_ID}` },
          // The header always has a main navigation (the public directory at least).
          { label: "Menu", anchor: `#${MAIN_NAVIGATION_ID}` },
          { label: "Pied de page", anchor: `#${FOOTER_ID}` },
        ]}
      />
      <AppHeader me={user} />
      <main id={MAIN_ID} tabIndex={-1} role="main" className={fr.cx("fr-container", "fr-pt-2w", "fr-pb-8w")}>
        <Outlet />
      </main>
      <AppFooter />
      <UnsavedChangesGuard />
      {user && <SessionWatch />}
    </>
  );
}
