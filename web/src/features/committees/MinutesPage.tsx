// The minutes of a session as a printable page: the sections of common/domain/committee-minutes.ts,
// the same ones the PDF renders.
import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import type { MinutesBlock } from "../../../../common/domain/committee-minutes.ts";
import { API_BASE } from "../../api/client.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { PrintActions } from "../pathway/DocumentParts.tsx";
import { useMinutes } from "./api.ts";
import "../pathway/pathway.css";

function Block({ block }: { block: MinutesBlock }) {
  if (block.kind === "field")
    return (
      <p>
        <strong>{block.label} :</strong> {block.value}
      </p>
    );
  if (block.kind === "text") return <p className={block.muted ? "spie-pre-line spie-muted" : "spie-pre-line"}>{block.text}</p>;
  return (
    <ul>
      {block.items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  );
}

export function MinutesPage() {
  const { id = "" } = useParams();
  const minutes = useMinutes(id);
  const doc = minutes.data;
  useDocumentTitle(doc?.title ?? "Compte rendu");
  return (
    <div className="spie-document">
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[{ label: "Comités", linkProps: { to: "/comites" } }, { label: "Séance", linkProps: { to: `/comites/seances/${id}` } }]} currentPageLabel="Compte rendu" />
      {minutes.isError ? (
        <ProblemAlert error={minutes.error} />
      ) : !doc ? (
        <Loading label="Chargement du compte rendu…" />
      ) : (
        <>
          <h1>{doc.title}</h1>
          <p>{doc.subtitle}</p>
          <PrintActions pdfHref={`${API_BASE}/committee-sessions/${id}/minutes.pdf`} />
          {doc.sections.map((section) => (
            <section key={section.id} aria-labelledby={`cr-${section.id}`}>
              <h2 id={`cr-${section.id}`} className={fr.cx("fr-h4")}>
                {section.heading}
              </h2>
              {section.blocks.map((block, i) => (
                <Block key={i} block={block as MinutesBlock} />
              ))}
            </section>
          ))}
        </>
      )}
    </div>
  );
}
