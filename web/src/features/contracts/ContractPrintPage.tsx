// A contract as a printable document (print stylesheet): the sections of
// common/domain/contract-document.ts, the same ones the PDF renders.
import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { CONTRACT_TYPE_LABELS } from "../../../../common/domain/contracts.ts";
import { contractDocument, type DocumentBlock } from "../../../../common/domain/contract-document.ts";
import { todayIso } from "../../../../common/domain/dates.ts";
import { API_BASE } from "../../api/client.ts";
import { personDisplayName } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { usePerson } from "../people/api.ts";
import { useContracts } from "../pathway/api.ts";
import { DocumentBreadcrumb, PrintActions } from "../pathway/DocumentParts.tsx";
import "../pathway/pathway.css";

function Block({ block }: { block: DocumentBlock }) {
  switch (block.kind) {
    case "field":
      return (
        <p>
          <strong>{block.label} :</strong> {block.value}
        </p>
      );
    case "text":
      return <p className={block.muted ? `spie-pre-line ${fr.cx("fr-text--sm")} spie-muted` : "spie-pre-line"}>{block.text}</p>;
    case "list":
      return (
        <ul>
          {block.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      );
    case "signatures":
      return (
        <div className="spie-signature">
          {block.parties.map((p) => (
            <div key={p.label}>
              <strong>{p.label}</strong>
              {p.name ? <span className="spie-line">{p.name}</span> : null}
              <span className="spie-line spie-muted">Date et signature</span>
            </div>
          ))}
        </div>
      );
  }
}

export function ContractPrintPage() {
  const { id = "", contractId = "" } = useParams();
  const person = usePerson(id);
  const contracts = useContracts(id);
  const c = contracts.data?.items.find((x) => x.id === contractId);
  const name = person.data ? personDisplayName(person.data) : null;
  useDocumentTitle(c && name ? `${CONTRACT_TYPE_LABELS[c.type]} de ${name}` : "Contrat");
  const doc = c && person.data && name ? contractDocument({ person: { name, birth_date: person.data.birth_date, referent: person.data.referent }, contract: c, today: todayIso() }) : null;

  return (
    <div className="spie-document">
      <DocumentBreadcrumb personId={id} personName={name} tab="contrat" current="Contrat" />
      {person.isError || contracts.isError ? (
        <ProblemAlert error={person.error ?? contracts.error} />
      ) : !person.data || !contracts.data ? (
        <Loading label="Chargement du contrat…" />
      ) : !c || !doc ? (
        <p>Ce contrat n'existe pas ou vous n'y avez pas accès.</p>
      ) : (
        <>
          <h1>{doc.title}</h1>
          <p>{doc.subtitle}</p>
          <PrintActions pdfHref={`${API_BASE}/contracts/${c.id}/pdf`} />
          {doc.sections.map((section) => (
            <section key={section.id} aria-labelledby={`contrat-${section.id}`}>
              <h2 id={`contrat-${section.id}`} className={fr.cx("fr-h4")}>
                {section.heading}
              </h2>
              {section.blocks.map((block, i) => (
                <Block key={i} block={block} />
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
