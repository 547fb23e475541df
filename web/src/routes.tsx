// Routes. Every page is its own chunk, loaded when the route is first visited (route `lazy`: the
// router waits for the chunk before leaving the current page, so there is no blank fallback), so an
// anonymous visitor of the directory downloads the directory only (budget: web/bundle-budget.ts).
import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { RequireAuth } from "./features/auth/RequireAuth.tsx";
import { AppLayout } from "./features/layout/AppLayout.tsx";
import { ErrorPage, RootErrorPage } from "./features/layout/ErrorPage.tsx";
import { NotFoundPage } from "./features/layout/NotFoundPage.tsx";

/** A route's component from a lazily loaded module. */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return async () => ({ Component: pick(await load()) });
}

export const routes: RouteObject[] = [
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RootErrorPage />,
    children: [
      {
        // Errors of a page are shown inside the layout (header and footer stay usable).
        errorElement: <ErrorPage />,
        children: [
          { path: "connexion", lazy: page(() => import("./features/auth/LoginPage.tsx"), (m) => m.LoginPage) },
          { path: "mot-de-passe-oublie", lazy: page(() => import("./features/auth/PasswordPages.tsx"), (m) => m.ForgotPasswordPage) },
          { path: "mot-de-passe/:token", lazy: page(() => import("./features/auth/PasswordPages.tsx"), (m) => m.ResetPasswordPage) },
          { path: "invitation/:token", lazy: page(() => import("./features/auth/InvitationPage.tsx"), (m) => m.InvitationPage) },
          { path: "accessibilite", lazy: page(() => import("./features/layout/AccessibilityPage.tsx"), (m) => m.AccessibilityPage) },
          // Directory: public pages (no login).
          { path: "annuaire", lazy: page(() => import("./features/directory/DirectorySearchPage.tsx"), (m) => m.DirectorySearchPage) },
          { path: "annuaire/impression", lazy: page(() => import("./features/directory/PrintableResultsPage.tsx"), (m) => m.PrintableResultsPage) },
          { path: "annuaire/services/:id", lazy: page(() => import("./features/directory/ServicePage.tsx"), (m) => m.ServicePage) },
          { path: "annuaire/structures/:id", lazy: page(() => import("./features/directory/StructurePage.tsx"), (m) => m.StructurePage) },
          // The home page depends on who is calling: the directory for anonymous visitors.
          { index: true, lazy: page(() => import("./features/layout/HomePage.tsx"), (m) => m.HomePage) },
          {
            element: <RequireAuth />,
            children: [
              { path: "personnes", lazy: page(() => import("./features/people/PeopleListPage.tsx"), (m) => m.PeopleListPage) },
              { path: "personnes/nouvelle", lazy: page(() => import("./features/people/PersonCreatePage.tsx"), (m) => m.PersonCreatePage) },
              { path: "personnes/:id", lazy: page(() => import("./features/people/PersonPage.tsx"), (m) => m.PersonPage) },
              { path: "personnes/:id/portrait", lazy: page(() => import("./features/diagnostic/PortraitPage.tsx"), (m) => m.PortraitPage) },
              { path: "personnes/:id/contrats/:contractId/imprimer", lazy: page(() => import("./features/contracts/ContractPrintPage.tsx"), (m) => m.ContractPrintPage) },
              { path: "structures/nouvelle", lazy: page(() => import("./features/structures/StructureFormPage.tsx"), (m) => m.StructureCreatePage) },
              { path: "structures/:id", lazy: page(() => import("./features/structures/StructureFormPage.tsx"), (m) => m.StructureEditPage) },
              { path: "structures/:id/membres", lazy: page(() => import("./features/structures/MembersPage.tsx"), (m) => m.MembersPage) },
              { path: "territoires/nouveau", lazy: page(() => import("./features/territories/TerritoryPages.tsx"), (m) => m.TerritoryCreatePage) },
              { path: "territoires/:id", lazy: page(() => import("./features/territories/TerritoryPages.tsx"), (m) => m.TerritoryPage) },
              { path: "territoires/:id/modifier", lazy: page(() => import("./features/territories/TerritoryPages.tsx"), (m) => m.TerritoryEditPage) },
              { path: "compte", lazy: page(() => import("./features/auth/AccountPage.tsx"), (m) => m.AccountPage) },
              { path: "admin/messages", lazy: page(() => import("./features/messaging/MessagesPage.tsx"), (m) => m.MessagesPage) },
              { path: "annuaire/import", lazy: page(() => import("./features/directory/ImportPage.tsx"), (m) => m.ImportPage) },
              { path: "annuaire/services/:id/modifier", lazy: page(() => import("./features/directory/ServiceEditPages.tsx"), (m) => m.ServiceEditPage) },
              { path: "structures/:id/services", lazy: page(() => import("./features/directory/StructureServicesPage.tsx"), (m) => m.StructureServicesPage) },
              { path: "structures/:id/services/nouveau", lazy: page(() => import("./features/directory/ServiceEditPages.tsx"), (m) => m.ServiceCreatePage) },
            ],
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
