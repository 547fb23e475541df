import { useLocation, useParams, useSearchParams } from "react-router";
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

type TabId = "identite" | "equipe" | "historique" | "acces" | PathwayTabId;

export function PersonPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const flash = (location.state as PersonPageState | null)?.flash;
  const [searchParams, setSearchParams] = useSearchParams();
  const query = usePerson(id);
  const person = query.data;
  const name = person ? personDisplayName(person) : null;
  const notFound = isApiError(query.error, 404) || isApiError(query.error, 403);
  useDocumentTitle(name ?? (notFound ? "Dossier introuvable" : "Dossier d'une personne"));

  const tabs: { tabId: TabId; label: string }[] = [
    { tabId: "identite", label: "Identité" },
    ...PATHWAY_TABS,
    { tabId: "equipe", label: "Équipe" },
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
          {person && <PathwaySummary personId={person.id} />}
          {person && (
            <Tabs className="spie-file-tabs" label={`Dossier de ${name ?? ""}`} tabs={tabs} selectedTabId={selected} onTabChange={selectTab}>
              {selected === "identite" && <IdentityTab person={person} />}
              {selected === "equipe" && <TeamTab personId={person.id} />}
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
