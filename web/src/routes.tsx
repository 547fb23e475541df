// Routes. Every page is its own chunk (React.lazy), loaded when the route is first visited, so an
// anonymous visitor of the directory downloads the directory only (budget: web/bundle-budget.ts).
// The layout (header, skip links, footer) is in the first chunk and shows at once; a page still
// loading shows "Chargement de la page…" (navigations are transitions: the previous page stays
// until the next one is ready).
import { lazy, Suspense, type ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { RequireAuth } from "./features/auth/RequireAuth.tsx";
import { AppLayout } from "./features/layout/AppLayout.tsx";
import { ErrorPage, RootErrorPage } from "./features/layout/ErrorPage.tsx";
import { NotFoundPage } from "./features/layout/NotFoundPage.tsx";
import { Loading } from "./shared/Loading.tsx";

/** A route's element: its component from a lazily loaded module. */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  const Page = lazy(() => load().then((module) => ({ default: pick(module) })));
  return (
    <Suspense fallback={<Loading label="Chargement de la page…" />}>
      <Page />
    </Suspense>
  );
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
          { path: "connexion", element: page(() => import("./features/auth/LoginPage.tsx"), (m) => m.LoginPage) },
          { path: "mot-de-passe-oublie", element: page(() => import("./features/auth/PasswordPages.tsx"), (m) => m.ForgotPasswordPage) },
          { path: "mot-de-passe/:token", element: page(() => import("./features/auth/PasswordPages.tsx"), (m) => m.ResetPasswordPage) },
          { path: "invitation/:token", element: page(() => import("./features/auth/InvitationPage.tsx"), (m) => m.InvitationPage) },
          { path: "accessibilite", element: page(() => import("./features/layout/AccessibilityPage.tsx"), (m) => m.AccessibilityPage) },
          // Directory: public pages (no login).
          { path: "annuaire", element: page(() => import("./features/directory/DirectorySearchPage.tsx"), (m) => m.DirectorySearchPage) },
          { path: "annuaire/impression", element: page(() => import("./features/directory/PrintableResultsPage.tsx"), (m) => m.PrintableResultsPage) },
          { path: "annuaire/services/:id", element: page(() => import("./features/directory/ServicePage.tsx"), (m) => m.ServicePage) },
          { path: "annuaire/structures/:id", element: page(() => import("./features/directory/StructurePage.tsx"), (m) => m.StructurePage) },
          // The home page depends on who is calling: the directory for anonymous visitors.
          { index: true, element: page(() => import("./features/layout/HomePage.tsx"), (m) => m.HomePage) },
          {
            element: <RequireAuth />,
            children: [
              { path: "personnes", element: page(() => import("./features/people/PeopleListPage.tsx"), (m) => m.PeopleListPage) },
              { path: "personnes/nouvelle", element: page(() => import("./features/people/PersonCreatePage.tsx"), (m) => m.PersonCreatePage) },
              { path: "personnes/:id", element: page(() => import("./features/people/PersonPage.tsx"), (m) => m.PersonPage) },
              { path: "personnes/:id/portrait", element: page(() => import("./features/diagnostic/PortraitPage.tsx"), (m) => m.PortraitPage) },
              { path: "personnes/:id/contrats/:contractId/imprimer", element: page(() => import("./features/contracts/ContractPrintPage.tsx"), (m) => m.ContractPrintPage) },
              { path: "structures/nouvelle", element: page(() => import("./features/structures/StructureFormPage.tsx"), (m) => m.StructureCreatePage) },
              { path: "structures/:id", element: page(() => import("./features/structures/StructureFormPage.tsx"), (m) => m.StructureEditPage) },
              { path: "structures/:id/membres", element: page(() => import("./features/structures/MembersPage.tsx"), (m) => m.MembersPage) },
              { path: "territoires/nouveau", element: page(() => import("./features/territories/TerritoryPages.tsx"), (m) => m.TerritoryCreatePage) },
              { path: "territoires/:id", element: page(() => import("./features/territories/TerritoryPages.tsx"), (m) => m.TerritoryPage) },
              { path: "territoires/:id/modifier", element: page(() => import("./features/territories/TerritoryPages.tsx"), (m) => m.TerritoryEditPage) },
              { path: "compte", element: page(() => import("./features/auth/AccountPage.tsx"), (m) => m.AccountPage) },
              { path: "admin/messages", element: page(() => import("./features/messaging/MessagesPage.tsx"), (m) => m.MessagesPage) },
              { path: "annuaire/import", element: page(() => import("./features/directory/ImportPage.tsx"), (m) => m.ImportPage) },
              { path: "annuaire/services/:id/modifier", element: page(() => import("./features/directory/ServiceEditPages.tsx"), (m) => m.ServiceEditPage) },
              { path: "structures/:id/services", element: page(() => import("./features/directory/StructureServicesPage.tsx"), (m) => m.StructureServicesPage) },
              { path: "structures/:id/services/nouveau", element: page(() => import("./features/directory/ServiceEditPages.tsx"), (m) => m.ServiceCreatePage) },
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
