import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Link } from "react-router";
import { RouterProvider } from "react-router/dom";
import { QueryClientProvider } from "@tanstack/react-query";
import { startReactDsfr } from "@codegouvfr/react-dsfr/spa.js";
import { setUnauthorizedHandler } from "./api/client.ts";
import { queryClient } from "./api/queryClient.ts";
import { meQueryKey } from "./features/auth/api.ts";
import { LOGIN_PATH, loginUrl } from "./features/auth/RequireAuth.tsx";
import { createRouter } from "./routes.tsx";
import "./app.css";

startReactDsfr({ defaultColorScheme: "system", Link });

declare module "@codegouvfr/react-dsfr/spa.js" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

const router = createRouter();

// Session expired or missing: back to the login page, then to where the user was.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(meQueryKey, null);
  const { pathname, search } = router.state.location;
  if (pathname === LOGIN_PATH) return;
  void router.navigate(loginUrl(pathname + search), { replace: true });
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
