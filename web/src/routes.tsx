import { createBrowserRouter, type RouteObject } from "react-router";
import { AccountPage } from "./features/auth/AccountPage.tsx";
import { LoginPage } from "./features/auth/LoginPage.tsx";
import { InvitationPage } from "./features/auth/InvitationPage.tsx";
import { ForgotPasswordPage, ResetPasswordPage } from "./features/auth/PasswordPages.tsx";
import { MessagesPage } from "./features/messaging/MessagesPage.tsx";
import { RequireAuth } from "./features/auth/RequireAuth.tsx";
import { AccessibilityPage } from "./features/layout/AccessibilityPage.tsx";
import { AppLayout } from "./features/layout/AppLayout.tsx";
import { ErrorPage, RootErrorPage } from "./features/layout/ErrorPage.tsx";
import { NotFoundPage } from "./features/layout/NotFoundPage.tsx";
import { PeopleListPage } from "./features/people/PeopleListPage.tsx";
import { PersonCreatePage } from "./features/people/PersonCreatePage.tsx";
import { PersonPage } from "./features/people/PersonPage.tsx";
import { MergePage } from "./features/people/MergePage.tsx";
import { PortraitPage } from "./features/diagnostic/PortraitPage.tsx";
import { ContractPrintPage } from "./features/contracts/ContractPrintPage.tsx";
import { MembersPage } from "./features/structures/MembersPage.tsx";
import { DirectorySearchPage } from "./features/directory/DirectorySearchPage.tsx";
import { ImportPage } from "./features/directory/ImportPage.tsx";
import { PrintableResultsPage } from "./features/directory/PrintableResultsPage.tsx";
import { ServiceCreatePage, ServiceEditPage } from "./features/directory/ServiceEditPages.tsx";
import { ServicePage } from "./features/directory/ServicePage.tsx";
import { StructurePage } from "./features/directory/StructurePage.tsx";
import { StructureServicesPage } from "./features/directory/StructureServicesPage.tsx";
import { HomePage } from "./features/layout/HomePage.tsx";
import { StructureCreatePage, StructureEditPage } from "./features/structures/StructureFormPage.tsx";
import { UnmetNeedCreatePage } from "./features/unmet-needs/UnmetNeedCreatePage.tsx";
import { MyUnmetNeedsPage, UnmetNeedsPage } from "./features/unmet-needs/UnmetNeedsPages.tsx";
import { CommitteesPage } from "./features/committees/CommitteesPage.tsx";
import { CommitteePage } from "./features/committees/CommitteePage.tsx";
import { SessionPage } from "./features/committees/SessionPage.tsx";
import { MinutesPage } from "./features/committees/MinutesPage.tsx";
import { SubmitPage } from "./features/committees/SubmitPage.tsx";
import { ExternalReferralPage, ReferralCreatePage, ReferralListPage, ReferralPage } from "./features/referrals/ReferralPages.tsx";
import { TerritoryCreatePage, TerritoryEditPage, TerritoryPage } from "./features/territories/TerritoryPages.tsx";
import { CohortCreatePage, CohortEditPage, CohortPage, CohortsPage } from "./features/cohorts/CohortPages.tsx";

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
          { path: "connexion", element: <LoginPage /> },
          { path: "mot-de-passe-oublie", element: <ForgotPasswordPage /> },
          { path: "mot-de-passe/:token", element: <ResetPasswordPage /> },
          { path: "invitation/:token", element: <InvitationPage /> },
          // The signed link of a directory-only structure: no account, the token is the capability.
          { path: "orientation-externe/:token", element: <ExternalReferralPage /> },
          { path: "accessibilite", element: <AccessibilityPage /> },
          // Directory: public pages (no login).
          { path: "annuaire", element: <DirectorySearchPage /> },
          { path: "annuaire/impression", element: <PrintableResultsPage /> },
          { path: "annuaire/services/:id", element: <ServicePage /> },
          { path: "annuaire/structures/:id", element: <StructurePage /> },
          // The home page depends on who is calling: the directory for anonymous visitors.
          { index: true, element: <HomePage /> },
          {
            element: <RequireAuth />,
            children: [
              { path: "personnes", element: <PeopleListPage /> },
              { path: "personnes/nouvelle", element: <PersonCreatePage /> },
              { path: "personnes/:id", element: <PersonPage /> },
              { path: "personnes/:id/fusion", element: <MergePage /> },
              { path: "personnes/:id/portrait", element: <PortraitPage /> },
              { path: "personnes/:id/contrats/:contractId/imprimer", element: <ContractPrintPage /> },
              { path: "structures/nouvelle", element: <StructureCreatePage /> },
              { path: "structures/:id", element: <StructureEditPage /> },
              { path: "structures/:id/membres", element: <MembersPage /> },
              { path: "territoires/nouveau", element: <TerritoryCreatePage /> },
              { path: "territoires/:id", element: <TerritoryPage /> },
              { path: "territoires/:id/modifier", element: <TerritoryEditPage /> },
              { path: "cohortes", element: <CohortsPage /> },
              { path: "cohortes/nouvelle", element: <CohortCreatePage /> },
              { path: "cohortes/:id", element: <CohortPage /> },
              { path: "cohortes/:id/modifier", element: <CohortEditPage /> },
              { path: "compte", element: <AccountPage /> },
              { path: "comites", element: <CommitteesPage /> },
              { path: "comites/:id", element: <CommitteePage /> },
              { path: "comites/seances/:id", element: <SessionPage /> },
              { path: "comites/seances/:id/compte-rendu", element: <MinutesPage /> },
              { path: "personnes/:id/saisir-comite", element: <SubmitPage /> },
              { path: "orientations", element: <ReferralListPage direction="sent" /> },
              { path: "orientations/recues", element: <ReferralListPage direction="received" /> },
              { path: "orientations/nouvelle", element: <ReferralCreatePage /> },
              { path: "orientations/recues/:id", element: <ReferralPage /> },
              { path: "orientations/:id", element: <ReferralPage /> },
              { path: "admin/messages", element: <MessagesPage /> },
              { path: "annuaire/import", element: <ImportPage /> },
              { path: "annuaire/services/:id/modifier", element: <ServiceEditPage /> },
              { path: "structures/:id/services", element: <StructureServicesPage /> },
              { path: "structures/:id/services/nouveau", element: <ServiceCreatePage /> },
              { path: "besoins-sans-solution", element: <UnmetNeedsPage /> },
              { path: "besoins-sans-solution/mes-besoins", element: <MyUnmetNeedsPage /> },
              { path: "besoins-sans-solution/signaler", element: <UnmetNeedCreatePage /> },
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
