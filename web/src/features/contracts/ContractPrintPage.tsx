// A contract as a printable document (print stylesheet), with signature blocks when unsigned.
import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { CONTRACT_STATUS_LABELS, CONTRACT_TYPE_LABELS, DEFAULT_WEEKLY_HOURS, SIGNATURE_METHOD_LABELS } from "../../../../common/domain/contracts.ts";
import { API_BASE } from "../../api/client.ts";
import { formatDate, formatLongDate, personDisplayName } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { usePerson } from "../people/api.ts";
import { useContracts } from "../pathway/api.ts";
import { DocumentBreadcrumb, PrintActions } from "../pathway/DocumentParts.tsx";
import "../pathway/pathway.css";

export function ContractPrintPage() {
  const { id = "", contractId = "" } = useParams();
  const person = usePerson(id);
  const contracts = useContracts(id);
  const c = contracts.data?.items.find((x) => x.id === contractId);
  const name = person.data ? personDisplayName(person.data) : null;
  useDocumentTitle(c && name ? `${CONTRACT_TYPE_LABELS[c.type]} de ${name}` : "Contrat");

  return (
    <div className="spie-document">
      <DocumentBreadcrumb personId={id} personName={name} tab="contrat" current="Contrat" />
      {person.isError || contracts.isError ? (
        <ProblemAlert error={person.error ?? contracts.error} />
      ) : !person.data || !contracts.data ? (
        <Loading label="Chargement du contrat…" />
      ) : !c ? (
        <p>Ce contrat n'existe pas ou vous n'y avez pas accès.</p>
      ) : (
        <>
          <h1>
            {CONTRACT_TYPE_LABELS[c.type]} — {name}
          </h1>
          <p>
            Né·e le {formatLongDate(person.data.birth_date)} · Du {formatDate(c.starts_on)} au {formatDate(c.ends_on)} · {CONTRACT_STATUS_LABELS[c.status]} · Version {c.version}
          </p>
          <PrintActions pdfHref={`${API_BASE}/contracts/${c.id}/pdf`} />
          <dl className="spie-dl">
            <dt>Structure signataire</dt>
            <dd>{c.structure?.name ?? "Non renseignée"}</dd>
            <dt>Référent·e unique</dt>
            <dd>{person.data.referent ? `${person.data.referent.name} (${person.data.referent.structure_name})` : "Non désigné·e"}</dd>
          </dl>
          <section aria-labelledby="contrat-objectifs">
            <h2 id="contrat-objectifs" className={fr.cx("fr-h4")}>
              Objectifs
            </h2>
            <p className="spie-pre-line">{c.objectives ?? "Non renseignés"}</p>
          </section>
          <section aria-labelledby="contrat-engagements">
            <h2 id="contrat-engagements" className={fr.cx("fr-h4")}>
              Engagements
            </h2>
            <h3 className={fr.cx("fr-h6")}>De la personne</h3>
            <p className="spie-pre-line">{c.person_commitments ?? "Non renseignés"}</p>
            <h3 className={fr.cx("fr-h6")}>De la structure</h3>
            <p className="spie-pre-line">{c.structure_commitments ?? "Non renseignés"}</p>
          </section>
          <section aria-labelledby="contrat-activite">
            <h2 id="contrat-activite" className={fr.cx("fr-h4")}>
              Activité hebdomadaire
            </h2>
            <p>
              {c.weekly_hours === 0 ? "Dispense d'activité" : `${c.weekly_hours} heures par semaine`}
              {c.weekly_hours < DEFAULT_WEEKLY_HOURS && c.weekly_hours_reason ? ` — motif : ${c.weekly_hours_reason}` : ""}
            </p>
          </section>
          <section aria-labelledby="contrat-signature">
            <h2 id="contrat-signature" className={fr.cx("fr-h4")}>
              Signature
            </h2>
            {c.signed_on ? (
              <p>
                Signé le {formatDate(c.signed_on)}
                {c.signature_method ? ` (${SIGNATURE_METHOD_LABELS[c.signature_method].toLowerCase()})` : ""}.
              </p>
            ) : (
              <div className="spie-signature">
                <div>Signature de la personne</div>
                <div>Signature du ou de la référent·e</div>
              </div>
            )}
          </section>
        </>
      )}
    </div>
  );
}
