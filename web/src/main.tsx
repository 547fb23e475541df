import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Link } from "react-router";
import { RouterProvider } from "react-router/dom";
import { QueryClientProvider } from "@tanstack/react-query";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa.js";
import { setUnauthorizedHandler } from "./api/client.ts";
import { queryClient } from "./api/queryClient.ts";
import { meQueryKey } from "./features/auth/api.ts";
import { LOGIN_PATH, loginUrl, markSessionExpired } from "./features/auth/RequireAuth.tsx";
import { createRouter } from "./routes.tsx";
import { drafts } from "./shared/drafts.ts";
import { SKIP_GUARD_STATE } from "./shared/unsavedChanges.ts";
import "./app.css";

startReactDsfr({ defaultColorScheme: "system", Link });

declare module "@codegouvfr/react-dsfr/spa.js" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const router = createRouter();

// Drafts older than their bounded age are dropped at start-up (shared/drafts.ts).
drafts.purgeExpired();

// Session expired or missing: back to the login page ("Votre session a expiré" when the user was
// signed in), then to where the user was, whose drafts wait in the browser. The unsaved-changes
// guard lets this navigation through: nothing can be saved without a session anyway.
setUnauthorizedHandler(() => {
  const wasSignedIn = Boolean(queryClient.getQueryData(meQueryKey));
  // <RequireAuth> may get to the login page first (me is now null): it says "expirée" too.
  if (wasSignedIn) markSessionExpired(true);
  queryClient.setQueryData(meQueryKey, null);
  const { pathname, search } = router.state.location;
  if (pathname === LOGIN_PATH) return;
  void router.navigate(loginUrl(pathname + search, wasSignedIn), { replace: true, state: { [SKIP_GUARD_STATE]: true } });
});

const container = document.getElementById("root");
if (!container) throw new Error("#root introuvable dans index.html");

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
