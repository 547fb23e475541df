// The "Orientation" tab: the recommendation and its reasons, the decision (coordinators, or the
// structure when the territory allows it), the history, and réorientation requests.
import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { TRACK_LABELS } from "../../../../common/domain/orientation.ts";
import type { Orientation } from "../../../../common/schemas/orientation.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDecideOrientation, useOrientations, usePathway } from "../pathway/api.ts";
import { OrientationDecisionForm } from "./OrientationDecisionForm.tsx";
import { RecommendationPanel } from "./RecommendationPanel.tsx";
import { ReorientationSection } from "./ReorientationSection.tsx";
import "../pathway/pathway.css";

function CurrentOrientation({ o }: { o: Orientation }) {
  return (
    <dl className="spie-dl" data-testid="current-orientation">
      <dt>Parcours</dt>
      <dd>
        {TRACK_LABELS[o.track]}{" "}
        {o.is_reorientation && (
          <Badge small severity="info" noIcon as="span">
            Réorientation
          </Badge>
        )}
      </dd>
      <dt>Organisme référent</dt>
      <dd>{o.structure.name}</dd>
      <dt>Référent·e unique</dt>
      <dd>{o.referent ? `${o.referent.name} (${o.referent.structure_name})` : <span className="spie-muted">À désigner</span>}</dd>
      <dt>Décidée le</dt>
      <dd>
        {formatDate(o.decided_on)} par {o.decided_by.name}
        {o.decided_by.structure_name ? ` (${o.decided_by.structure_name})` : ""} — notifiée le {formatDate(o.notified_on)}
      </dd>
      <dt>Recommandation</dt>
      <dd>
        {o.recommended_track === null
          ? "Aucune (pas assez d'éléments dans le dossier)"
          : `${TRACK_LABELS[o.recommended_track]}${o.differs_from_recommendation ? " — la décision en diffère" : " — la décision la suit"}`}
      </dd>
      {o.reason && (
        <>
          <dt>Raison</dt>
          <dd>{o.reason}</dd>
        </>
      )}
    </dl>
  );
}

export function OrientationTab({ personId }: { personId: string }) {
  const pathway = usePathway(personId);
  const orientations = useOrientations(personId);
  const decide = useDecideOrientation(personId);
  const [done, setDone] = useState<string | null>(null);
  const permissions = pathway.data?.permissions;

  return (
    <section aria-labelledby="orientation-titre">
      <h2 id="orientation-titre" className={fr.cx("fr-h3")}>
        Orientation
      </h2>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} />}
      </div>
      {orientations.isPending || pathway.isPending ? (
        <Loading label="Chargement de l'orientation…" />
      ) : orientations.isError ? (
        <ProblemAlert error={orientations.error} />
      ) : (
        <>
          {orientations.data.current ? (
            <>
              <h3 className={fr.cx("fr-h4")}>Orientation en cours</h3>
              <CurrentOrientation o={orientations.data.current} />
            </>
          ) : (
            <p data-testid="no-orientation">L'orientation de la personne n'a pas encore été décidée.</p>
          )}

          <h3 className={fr.cx("fr-h4", "fr-mt-4w")}>Recommandation</h3>
          <RecommendationPanel personId={personId} />

          {!orientations.data.current && permissions?.decide_orientation && (
            <section aria-labelledby="orientation-decision" className={fr.cx("fr-mt-4w")}>
              <h3 id="orientation-decision" className={fr.cx("fr-h4")}>
                Décider l'orientation
              </h3>
              <OrientationDecisionForm
                personId={personId}
                idPrefix="orientation"
                submitLabel="Enregistrer la décision d'orientation"
                onSubmit={async (body) => {
                  const o = await decide.mutateAsync(body);
                  setDone(`Orientation ${TRACK_LABELS[o.track].toLowerCase()} enregistrée, organisme référent : ${o.structure.name}.`);
                }}
              />
            </section>
          )}
          {!orientations.data.current && permissions && !permissions.decide_orientation && (
            <p className={fr.cx("fr-mt-2w")}>L'équipe de coordination du territoire décide de l'orientation, au vu de la recommandation et du diagnostic.</p>
          )}

          {orientations.data.current && permissions && <ReorientationSection personId={personId} permissions={permissions} onDone={setDone} />}

          {orientations.data.items.length > 1 && (
            <section aria-labelledby="orientation-historique" className={fr.cx("fr-mt-4w")}>
              <h3 id="orientation-historique" className={fr.cx("fr-h4")}>
                Historique des orientations
              </h3>
              <DataTable
                caption="Orientations, de la plus récente à la plus ancienne"
                hideCaption
                stacked
                rowHeaders
                headers={["Décidée le", "Parcours", "Organisme référent", "Décidée par", "Raison"]}
                rows={orientations.data.items.map((o) => ({
                  key: o.id,
                  cells: [formatDate(o.decided_on), `${TRACK_LABELS[o.track]}${o.is_reorientation ? " (réorientation)" : ""}`, o.structure.name, o.decided_by.name, o.reason ?? "—"],
                }))}
              />
            </section>
          )}
        </>
      )}
    </section>
  );
}
