// The printable "portrait": the latest diagnostic as a document the person can keep (print
// stylesheet), with a link to the PDF.
import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { THEMATICS, WEIGHT_LABELS } from "../../../../common/domain/thematics.ts";
import { API_BASE } from "../../api/client.ts";
import { formatDate, formatLongDate, personDisplayName } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { usePerson } from "../people/api.ts";
import { useDiagnostic, usePathway } from "../pathway/api.ts";
import { TRACK_LABELS } from "../../../../common/domain/orientation.ts";
import { ProfessionalSummary } from "./ProfessionalSummary.tsx";
import { DocumentBreadcrumb, PrintActions } from "../pathway/DocumentParts.tsx";
import "../pathway/pathway.css";

export function PortraitPage() {
  const { id = "" } = useParams();
  const person = usePerson(id);
  const diagnostic = useDiagnostic(id);
  const pathway = usePathway(id);
  const name = person.data ? personDisplayName(person.data) : null;
  useDocumentTitle(name ? `Portrait de ${name}` : "Portrait socio-professionnel");

  return (
    <div className="spie-document">
      <DocumentBreadcrumb personId={id} personName={name} tab="diagnostic" current="Portrait" />
      {person.isError || diagnostic.isError ? (
        <ProblemAlert error={person.error ?? diagnostic.error} />
      ) : !person.data || !diagnostic.data ? (
        <Loading label="Chargement du portrait…" />
      ) : (
        <>
          <h1>Portrait socio-professionnel de {name}</h1>
          <p>
            Né·e le {formatLongDate(person.data.birth_date)} · Diagnostic version {diagnostic.data.version}
            {diagnostic.data.created_at ? ` du ${formatDate(diagnostic.data.created_at)}` : ""}
            {diagnostic.data.author ? ` par ${diagnostic.data.author.name}` : ""} · Édité le {formatLongDate(new Date().toISOString())}
          </p>
          <PrintActions pdfHref={`${API_BASE}/people/${id}/diagnostic/portrait.pdf`} />
          <dl className="spie-dl">
            <dt>Référent·e unique</dt>
            <dd>{person.data.referent ? `${person.data.referent.name} (${person.data.referent.structure_name})` : "Non désigné·e"}</dd>
            <dt>Orientation</dt>
            <dd>{pathway.data?.current_orientation ? `${TRACK_LABELS[pathway.data.current_orientation.track]} — ${pathway.data.current_orientation.structure.name}` : "Pas encore décidée"}</dd>
          </dl>
          <section aria-labelledby="portrait-pro">
            <ProfessionalSummary professional={diagnostic.data.professional} headingLevel={2} />
          </section>
          <section aria-labelledby="portrait-thematiques">
            <h2 id="portrait-thematiques" className={fr.cx("fr-h3")}>
              Les 10 thématiques
            </h2>
            {THEMATICS.map((t) => {
              const a = diagnostic.data.thematics[t.slug];
              return (
                <div key={t.slug} className="spie-thematic-print">
                  <h3 className={fr.cx("fr-h6", "fr-mb-1v")}>
                    {t.label} — poids sur le retour à l'emploi : {WEIGHT_LABELS[a.weight].toLowerCase()}
                  </h3>
                  {(a.situation || a.needs) && (
                    <p>
                      {a.situation && <span className="spie-line">Situation : {a.situation}</span>}
                      {a.needs && <span className="spie-line">Besoins : {a.needs}</span>}
                    </p>
                  )}
                </div>
              );
            })}
          </section>
          <section aria-labelledby="portrait-droits">
            <h2 id="portrait-droits" className={fr.cx("fr-h3")}>
              Vos droits
            </h2>
            <p>
              Ce portrait est partagé avec les professionnel·les qui vous accompagnent dans le cadre du Service public de l'insertion et de l'emploi. Vous pouvez demander à le consulter, à le faire corriger, et savoir qui a consulté votre dossier.
            </p>
          </section>
        </>
      )}
    </div>
  );
}
