// Steering users' home: how many people wait in each queue of their territory, and nothing
// personal. The page the dashboards will grow on.
import { fr } from "@codegouvfr/react-dsfr";
import { QUEUE_KINDS, QUEUE_LABELS } from "../../../../common/schemas/territories.ts";
import { formatDate } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useTerritoryCounts } from "./api.ts";
import { TerritoryChooser, useChosenTerritory } from "./WorkspacePage.tsx";

export function SteeringPage() {
  const me = useCurrentUser();
  const territories = me.permissions.steered_territories;
  const { chosen, choose } = useChosenTerritory(territories);
  useDocumentTitle(chosen ? `Pilotage · ${chosen.name}` : "Pilotage");
  const counts = useTerritoryCounts(chosen?.id);
  return (
    <>
      <h1>Pilotage{chosen ? ` · ${chosen.name}` : ""}</h1>
      <TerritoryChooser territories={territories} chosen={chosen?.id} onChoose={choose} />
      {!chosen ? (
        <p>Votre compte n'a de rôle de pilotage dans aucun territoire.</p>
      ) : counts.isPending ? (
        <Loading label="Chargement des indicateurs…" />
      ) : counts.isError ? (
        <ProblemAlert error={counts.error} />
      ) : (
        <>
          <p>Personnes du territoire en attente, au {formatDate(counts.data.today)}. Aucune donnée personnelle n'est affichée ici.</p>
          <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")} data-testid="steering-counts">
            {QUEUE_KINDS.map((kind) => (
              <div key={kind} className={fr.cx("fr-col-12", "fr-col-md-4")}>
                <div className="spie-count-tile">
                  <p className={fr.cx("fr-h2", "fr-mb-0")}>{counts.data[kind].count}</p>
                  <p className={fr.cx("fr-mb-0")}>{QUEUE_LABELS[kind]}</p>
                </div>
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}
