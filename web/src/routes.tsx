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
          // The signed link of a directory-only structure: no account, the token is the capability.
          { path: "orientation-externe/:token", element: page(() => import("./features/referrals/ReferralPages.tsx"), (m) => m.ExternalReferralPage) },
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
              { path: "personnes/:id/fusion", element: page(() => import("./features/people/MergePage.tsx"), (m) => m.MergePage) },
              { path: "personnes/:id/saisir-comite", element: page(() => import("./features/committees/SubmitPage.tsx"), (m) => m.SubmitPage) },
              { path: "cohortes", element: page(() => import("./features/cohorts/CohortPages.tsx"), (m) => m.CohortsPage) },
              { path: "cohortes/nouvelle", element: page(() => import("./features/cohorts/CohortPages.tsx"), (m) => m.CohortCreatePage) },
              { path: "cohortes/:id", element: page(() => import("./features/cohorts/CohortPages.tsx"), (m) => m.CohortPage) },
              { path: "cohortes/:id/modifier", element: page(() => import("./features/cohorts/CohortPages.tsx"), (m) => m.CohortEditPage) },
              { path: "comites", element: page(() => import("./features/committees/CommitteesPage.tsx"), (m) => m.CommitteesPage) },
              { path: "comites/:id", element: page(() => import("./features/committees/CommitteePage.tsx"), (m) => m.CommitteePage) },
              { path: "comites/seances/:id", element: page(() => import("./features/committees/SessionPage.tsx"), (m) => m.SessionPage) },
              { path: "comites/seances/:id/compte-rendu", element: page(() => import("./features/committees/MinutesPage.tsx"), (m) => m.MinutesPage) },
              { path: "orientations", element: page(() => import("./features/referrals/ReferralPages.tsx"), (m) => () => <m.ReferralListPage direction="sent" />) },
              { path: "orientations/recues", element: page(() => import("./features/referrals/ReferralPages.tsx"), (m) => () => <m.ReferralListPage direction="received" />) },
              { path: "orientations/nouvelle", element: page(() => import("./features/referrals/ReferralPages.tsx"), (m) => m.ReferralCreatePage) },
              { path: "orientations/recues/:id", element: page(() => import("./features/referrals/ReferralPages.tsx"), (m) => m.ReferralPage) },
              { path: "orientations/:id", element: page(() => import("./features/referrals/ReferralPages.tsx"), (m) => m.ReferralPage) },
              { path: "besoins-sans-solution", element: page(() => import("./features/unmet-needs/UnmetNeedsPages.tsx"), (m) => m.UnmetNeedsPage) },
              { path: "besoins-sans-solution/mes-besoins", element: page(() => import("./features/unmet-needs/UnmetNeedsPages.tsx"), (m) => m.MyUnmetNeedsPage) },
              { path: "besoins-sans-solution/signaler", element: page(() => import("./features/unmet-needs/UnmetNeedCreatePage.tsx"), (m) => m.UnmetNeedCreatePage) },
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
