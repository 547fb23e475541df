// The "Diagnostic" tab of a file: the latest version (form for the team, read-only otherwise),
// the recommendation it leads to, the portrait to print, and the history of versions.
import { useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { THEMATICS, WEIGHT_LABELS } from "../../../../common/domain/thematics.ts";
import type { Diagnostic } from "../../../../common/schemas/diagnostic.ts";
import { API_BASE } from "../../api/client.ts";
import { formatDateTime } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { RecommendationPanel } from "../orientation/RecommendationPanel.tsx";
import { useDiagnostic } from "../pathway/api.ts";
import { DiagnosticForm } from "./DiagnosticForm.tsx";
import { DiagnosticHistory } from "./DiagnosticHistory.tsx";
import { ProfessionalSummary } from "./ProfessionalSummary.tsx";
import "../pathway/pathway.css";

function ReadOnlyDiagnostic({ d }: { d: Diagnostic }) {
  return (
    <>
      <h3 className={fr.cx("fr-h4")}>Les 10 thématiques</h3>
      <dl className="spie-dl" data-testid="diagnostic-readonly">
        {THEMATICS.map((t) => {
          const a = d.thematics[t.slug];
          return (
            <div key={t.slug}>
              <dt>
                {t.label} — poids : {WEIGHT_LABELS[a.weight].toLowerCase()}
              </dt>
              <dd>
                {a.situation && <span className="spie-line">Situation : {a.situation}</span>}
                {a.needs && <span className="spie-line">Besoins : {a.needs}</span>}
              </dd>
            </div>
          );
        })}
      </dl>
      <ProfessionalSummary professional={d.professional} headingLevel={3} />
    </>
  );
}

export function DiagnosticTab({ personId }: { personId: string }) {
  const query = useDiagnostic(personId);
  const [saved, setSaved] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);

  return (
    <section aria-labelledby="diagnostic-titre">
      <div className="spie-page-heading">
        <h2 id="diagnostic-titre" className={fr.cx("fr-h3")}>
          Diagnostic socio-professionnel
        </h2>
        <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
          <li>
            <Button priority="secondary" size="small" iconId="fr-icon-printer-line" linkProps={{ to: `/personnes/${personId}/portrait` }}>
              Portrait imprimable
            </Button>
          </li>
          <li>
            <a className={fr.cx("fr-btn", "fr-btn--tertiary", "fr-btn--sm")} href={`${API_BASE}/people/${personId}/diagnostic/portrait.pdf`} target="_blank" rel="noopener">
              Portrait en PDF<span className={fr.cx("fr-sr-only")}> (nouvelle fenêtre)</span>
            </a>
          </li>
        </ul>
      </div>
      {query.isPending ? (
        <Loading label="Chargement du diagnostic…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} />
      ) : (
        <>
          <p data-testid="diagnostic-version">
            {query.data.version === 0
              ? "Pas encore de diagnostic : remplissez la grille ci-dessous. Chaque enregistrement crée une version."
              : `Version ${query.data.version}, enregistrée le ${formatDateTime(query.data.created_at)} par ${query.data.author?.name ?? "?"}${query.data.author?.structure_name ? ` (${query.data.author.structure_name})` : ""}.`}
          </p>
          <div role="status" aria-live="polite">
            {saved !== null && <Alert severity="success" small description={`Diagnostic enregistré : version ${saved}.`} className={fr.cx("fr-mb-3w")} />}
          </div>
          {query.data.permissions.update ? (
            <DiagnosticForm
              key={formKey}
              personId={personId}
              current={query.data}
              onSaved={(d) => {
                setSaved(d.version);
                setFormKey((k) => k + 1);
              }}
            />
          ) : (
            <ReadOnlyDiagnostic d={query.data} />
          )}
          <section aria-labelledby="diagnostic-recommandation" className={fr.cx("fr-mt-6w")}>
            <h3 id="diagnostic-recommandation" className={fr.cx("fr-h4")}>
              Orientation recommandée
            </h3>
            <RecommendationPanel personId={personId} />
          </section>
          <section aria-labelledby="diagnostic-historique" className={fr.cx("fr-mt-6w")}>
            <h3 id="diagnostic-historique" className={fr.cx("fr-h4")}>
              Historique des versions
            </h3>
            <DiagnosticHistory personId={personId} />
          </section>
        </>
      )}
    </section>
  );
}
