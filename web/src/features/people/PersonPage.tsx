import { useEffect } from "react";
import { useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs.js";
import { isApiError } from "../../api/client.ts";
import { formatLongDate, personDisplayName } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { AccessLogTab } from "./AccessLogTab.tsx";
import { usePerson } from "./api.ts";
import { IdentityTab } from "./IdentityTab.tsx";
import type { PersonPageState } from "./PersonCreatePage.tsx";
import { TeamTab } from "./TeamTab.tsx";
import { TimelineTab } from "./TimelineTab.tsx";
import { PATHWAY_TABS, PathwayTabContent, type PathwayTabId } from "../pathway/PathwayTabs.tsx";
import { PathwaySummary } from "../pathway/PathwaySummary.tsx";
import { PersonCohortsTab } from "../cohorts/PersonCohortsTab.tsx";

type TabId = "identite" | "equipe" | "cohortes" | "historique" | "acces" | PathwayTabId;

export function PersonPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const flash = (location.state as PersonPageState | null)?.flash;
  const [searchParams, setSearchParams] = useSearchParams();
  const query = usePerson(id);
  const person = query.data;
  const name = person ? personDisplayName(person) : null;
  const notFound = isApiError(query.error, 404) || isApiError(query.error, 403);
  // A merged file: the server answers the kept file's id (problem `merged`, 410), opened instead.
  const navigate = useNavigate();
  const mergedInto = isApiError(query.error, 410) && query.error.code === "merged" ? query.error.problem.merged_into : undefined;
  useEffect(() => {
    if (typeof mergedInto === "string") {
      navigate(`/personnes/${mergedInto}`, {
        replace: true,
        state: { flash: "Le dossier demandé a été fusionné dans celui-ci (doublon) : vous êtes sur le dossier conservé." } satisfies PersonPageState,
      });
    }
  }, [mergedInto, navigate]);
  useDocumentTitle(name ?? (notFound ? "Dossier introuvable" : "Dossier d'une personne"));

  const tabs: { tabId: TabId; label: string }[] = [
    { tabId: "identite", label: "Identité" },
    ...PATHWAY_TABS,
    { tabId: "equipe", label: "Équipe" },
    { tabId: "cohortes", label: "Cohortes" },
    { tabId: "historique", label: "Historique" },
    ...(person?.permissions.read_access_log ? [{ tabId: "acces" as const, label: "Journal des accès" }] : []),
  ];
  const requested = searchParams.get("onglet");
  const selected: TabId = tabs.find((tab) => tab.tabId === requested)?.tabId ?? "identite";

  const selectTab = (tabId: string) => {
    const next = new URLSearchParams();
    if (tabId !== "identite") next.set("onglet", tabId);
    setSearchParams(next, { replace: true, state: null });
  };

  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Mes personnes", linkProps: { to: "/personnes" } }]}
        currentPageLabel={name ?? "Dossier"}
      />
      <h1 className={fr.cx("fr-mb-1w")} data-testid={person ? "person-title" : undefined}>
        {name ?? (notFound ? "Dossier introuvable" : "Dossier d'une personne")}
      </h1>

      {query.isPending ? (
        <Loading label="Chargement du dossier…" />
      ) : query.isError ? (
        notFound ? (
          <div>
            <p className={fr.cx("fr-text--lead")}>Ce dossier n'existe pas ou vous n'y avez pas accès.</p>
            <p>
              Seuls les membres de l'équipe d'accompagnement d'une personne peuvent consulter son dossier. Si vous
              l'accompagnez, demandez à rejoindre son équipe.
            </p>
            <Button linkProps={{ to: "/personnes" }}>Retour à mes personnes</Button>
          </div>
        ) : (
          <ProblemAlert error={query.error} />
        )
      ) : (
        <>
          <p className={fr.cx("fr-mb-3w")}>
            Né·e le {formatLongDate(person?.birth_date)}
            {person?.referent ? (
              <>
                {" "}
                · Référent·e unique : {person.referent.name} ({person.referent.structure_name})
              </>
            ) : (
              " · Pas de référent·e unique désigné·e"
            )}
          </p>
          {flash && <Alert severity="success" small description={flash} className={fr.cx("fr-mb-3w")} role="status" />}
          {person && (person.permissions.update || person.permissions.merge) && (
            <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-mb-1w")} aria-label="Actions sur le dossier">
              {person.permissions.update && (
                <li>
                  <Button priority="secondary" size="small" iconId="fr-icon-send-plane-line" iconPosition="left" linkProps={{ to: `/orientations/nouvelle?person_id=${person.id}` }}>
                    Orienter vers un service
                  </Button>
                </li>
              )}
              {person.permissions.update && (
                <li>
                  <Button priority="secondary" size="small" iconId="fr-icon-team-line" iconPosition="left" linkProps={{ to: `/personnes/${person.id}/saisir-comite` }}>
                    Saisir le comité
                  </Button>
                </li>
              )}
              {person.permissions.update && (
                <li>
                  <Button
                    size="small"
                    priority="tertiary"
                    iconId="fr-icon-flag-line"
                    iconPosition="left"
                    linkProps={{ to: `/besoins-sans-solution/signaler?${new URLSearchParams({ person_id: person.id, ...(person.address.commune_code ? { commune_code: person.address.commune_code, commune: person.address.commune_name ?? person.address.commune_code, cp: person.address.postal_code ?? "" } : {}) }).toString()}` }}
                  >
                    Signaler un besoin sans solution
                  </Button>
                </li>
              )}
              {person.permissions.merge && (
                <li>
                  <Button priority="tertiary" size="small" iconId="fr-icon-git-merge-line" iconPosition="left" linkProps={{ to: `/personnes/${person.id}/fusion` }}>
                    Fusionner avec un autre dossier…
                  </Button>
                </li>
              )}
            </ul>
          )}
          {person && <PathwaySummary personId={person.id} />}
          {person && (
            <Tabs className="spie-file-tabs" label={`Dossier de ${name ?? ""}`} tabs={tabs} selectedTabId={selected} onTabChange={selectTab}>
              {selected === "identite" && <IdentityTab person={person} />}
              {selected === "equipe" && <TeamTab personId={person.id} />}
              {selected === "cohortes" && <PersonCohortsTab personId={person.id} />}
              {selected === "historique" && <TimelineTab personId={person.id} />}
              {selected === "acces" && <AccessLogTab personId={person.id} />}
              <PathwayTabContent selected={selected} personId={person.id} />
            </Tabs>
          )}
        </>
      )}
    </>
  );
}
