// The recommendation of the shared rule and its reasons, in plain French.
import { fr } from "@codegouvfr/react-dsfr";
import { TRACK_LABELS } from "../../../../common/domain/orientation.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useRecommendation } from "../pathway/api.ts";

export function RecommendationPanel({ personId }: { personId: string }) {
  const query = useRecommendation(personId);
  if (query.isPending) return <Loading label="Calcul de la recommandation…" />;
  if (query.isError) return <ProblemAlert error={query.error} />;
  const r = query.data;
  return (
    <div className={fr.cx("fr-callout")} data-testid="recommendation">
      <p className={fr.cx("fr-callout__title")} data-testid="recommendation-track">
        {r.track ? `Orientation recommandée : ${TRACK_LABELS[r.track]}` : "Pas assez d'éléments pour recommander une orientation"}
      </p>
      <p className={fr.cx("fr-text--sm")}>
        Calculée par la règle partagée du territoire à partir {r.diagnostic_version > 0 ? `du diagnostic (version ${r.diagnostic_version})` : "du dossier seul (pas encore de diagnostic)"} et du dossier. C'est une
        recommandation : l'équipe de coordination décide, et peut décider autrement en donnant la raison.
      </p>
      <p className={fr.cx("fr-text--bold", "fr-mb-1v")} id={`raisons-${personId}`}>
        Raisons
      </p>
      <ul className="spie-reasons" aria-labelledby={`raisons-${personId}`} data-testid="recommendation-reasons">
        {r.reasons.map((reason, i) => (
          <li key={i}>{reason}</li>
        ))}
      </ul>
      {r.missing.length > 0 && (
        <>
          <p className={fr.cx("fr-text--bold", "fr-mb-1v")} id={`manques-${personId}`}>
            {r.track ? "À compléter (la recommandation pourra changer)" : "À compléter pour obtenir une recommandation"}
          </p>
          <ul aria-labelledby={`manques-${personId}`}>
            {r.missing.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
