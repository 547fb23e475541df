import { useLocation, useNavigate } from "react-router";
import { Header, type HeaderProps } from "@codegouvfr/react-dsfr/Header/index.js";
import type { MainNavigationProps } from "@codegouvfr/react-dsfr/MainNavigation/index.js";
import type { Me } from "../../../../common/schemas/auth.ts";
import { useLogout } from "../auth/api.ts";

export const HEADER_ID = "fr-header";
export const MAIN_NAVIGATION_ID = `${HEADER_ID}-main-navigation`;

export function AppHeader({ me }: { me: Me | null }) {
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  const quickAccessItems: HeaderProps.QuickAccessItem[] = me
    ? [
        {
          iconId: "fr-icon-account-circle-line",
          text: me.user.name,
          linkProps: { to: "/compte", "data-testid": "header-account-link" } as HeaderProps.QuickAccessItem.Link["linkProps"],
        },
        {
          iconId: "fr-icon-logout-box-r-line",
          text: "Se déconnecter",
          buttonProps: {
            type: "button",
            disabled: logout.isPending,
            onClick: () => logout.mutate(undefined, { onSettled: () => navigate("/connexion", { replace: true }) }),
          },
        },
      ]
    : [
        {
          iconId: "fr-icon-account-circle-line",
          text: "Se connecter",
          linkProps: { to: "/connexion", "data-testid": "header-login-link" } as HeaderProps.QuickAccessItem.Link["linkProps"],
        },
      ];

  const directory: MainNavigationProps.Item = { text: "Annuaire", linkProps: { to: "/annuaire" }, isActive: location.pathname.startsWith("/annuaire") };
  // The home page's entry is named after what the server made it (me.permissions.home).
  const home = me?.permissions.home;
  const homeLabel = home === "workspace" ? "Coordination" : home === "steering" ? "Pilotage" : home === "admin" ? "Administration" : "Mes personnes";
  const navigation: MainNavigationProps.Item[] | undefined = me
    ? [
        { text: homeLabel, linkProps: { to: "/" }, isActive: location.pathname === "/" || (home === "people" && location.pathname.startsWith("/personnes")) },
        ...(home !== "people" && me.permissions.acting_memberships.length > 0
          ? [{ text: "Mes personnes", linkProps: { to: "/personnes" }, isActive: location.pathname.startsWith("/personnes") }]
          : []),
        ...(me.permissions.coordinated_territories.length > 0 || me.permissions.administer_territories
          ? me.permissions.coordinated_territories.map((t) => ({ text: `Territoire · ${t.name}`, linkProps: { to: `/territoires/${t.id}` }, isActive: location.pathname === `/territoires/${t.id}` }))
          : []),
        ...(me.permissions.read_cohorts ? [{ text: "Cohortes", linkProps: { to: "/cohortes" }, isActive: location.pathname.startsWith("/cohortes") }] : []),
        ...(me.permissions.acting_memberships.length > 0 || me.permissions.administered_structures.length > 0
          ? [
              { text: "Mes orientations", linkProps: { to: "/orientations" }, isActive: location.pathname === "/orientations" || /^\/orientations\/(?!recues)/.test(location.pathname) },
              { text: "Orientations reçues", linkProps: { to: "/orientations/recues" }, isActive: location.pathname.startsWith("/orientations/recues") },
            ]
          : []),
        directory,
        ...(me.permissions.unmet_needs_territories.length > 0
          ? [{ text: "Besoins sans solution", linkProps: { to: "/besoins-sans-solution" }, isActive: location.pathname.startsWith("/besoins-sans-solution") }]
          : me.permissions.record_unmet_needs
            ? [{ text: "Mes besoins signalés", linkProps: { to: "/besoins-sans-solution/mes-besoins" }, isActive: location.pathname.startsWith("/besoins-sans-solution") }]
            : []),
        ...(me.permissions.acting_memberships.length > 0 || me.permissions.administer_territories
          ? [{ text: "Comités", linkProps: { to: "/comites" }, isActive: location.pathname.startsWith("/comites") }]
          : []),
        ...me.permissions.administered_structures.flatMap((structure) => {
          const path = `/structures/${structure.id}/membres`;
          const services = `/structures/${structure.id}/services`;
          return [
            {
              text: `Membres · ${structure.name}`,
              linkProps: { to: path },
              isActive: location.pathname === path,
            },
            { text: `Services · ${structure.name}`, linkProps: { to: services }, isActive: location.pathname.startsWith(services) },
          ];
        }),
        ...(me.permissions.read_outbox ? [{ text: "Messages", linkProps: { to: "/admin/messages" }, isActive: location.pathname === "/admin/messages" }] : []),
      ]
    : [directory];

  return (
    <Header
      id={HEADER_ID}
      brandTop={
        <>
          République
          <br />
          Française
        </>
      }
      serviceTitle="spie"
      serviceTagline="Service public de l'insertion et de l'emploi"
      homeLinkProps={{ to: "/", title: "Accueil — spie, Service public de l'insertion et de l'emploi" }}
      quickAccessItems={quickAccessItems}
      navigation={navigation}
    />
  );
}
