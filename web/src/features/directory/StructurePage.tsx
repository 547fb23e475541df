import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { formatDate } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useDirectoryStructure } from "./api.ts";
import { ContactLines, OpeningHours } from "./Contact.tsx";
import { addressLine, ServiceCard } from "./ServiceCard.tsx";
import { isWebUrl } from "../../../../common/domain/text.ts";

export function StructurePage() {
  const { id = "" } = useParams();
  const query = useDirectoryStructure(id);
  useDocumentTitle(query.data?.nom ?? "Structure");
  if (query.isPending) return <Loading label="Chargement de la structure…" />;
  if (query.isError) return <ProblemAlert error={query.error} className="fr-my-4w" />;
  const s = query.data;
  const address = addressLine(s);
  return (
    <>
      <div className="spie-page-heading">
        <h1>{s.nom}</h1>
        {s.permissions.manage_services && (
          <Button priority="secondary" iconId="fr-icon-settings-5-line" linkProps={{ to: `/structures/${s.id}/services` }}>
            Gérer les services
          </Button>
        )}
      </div>
      {s.description && <p className="spie-pre-line">{s.description}</p>}
      <dl className="spie-dl">
        <dt>Adresse</dt>
        <dd>{address ?? "Non précisée"}</dd>
        <dt>Horaires d'accueil</dt>
        <dd>{s.horaires_accueil ? <OpeningHours value={s.horaires_accueil} /> : "Non précisés"}</dd>
        <dt>Contact</dt>
        <dd>
          {!s.telephone && !s.courriel && !isWebUrl(s.site_web) && "Non précisé"}
          <ContactLines telephone={s.telephone} courriel={s.courriel} />
          {isWebUrl(s.site_web) && (
            <span className="spie-line">
              <a href={s.site_web} target="_blank" rel="noopener noreferrer" title="Site web — nouvelle fenêtre">
                Site web
              </a>
            </span>
          )}
        </dd>
        {s.accessibilite_lieu && (
          <>
            <dt>Accessibilité</dt>
            <dd>
              <a href={s.accessibilite_lieu} target="_blank" rel="noopener noreferrer" title="Accessibilité du lieu (Acceslibre) — nouvelle fenêtre">
                Accessibilité du lieu (Acceslibre)
              </a>
            </dd>
          </>
        )}
        {s.date_maj && (
          <>
            <dt>Dernière mise à jour</dt>
            <dd>{formatDate(s.date_maj)}</dd>
          </>
        )}
      </dl>
      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Services proposés</h2>
      {s.services.length === 0 ? (
        <p>Aucun service publié pour le moment.</p>
      ) : (
        <ul className="spie-card-list spie-plain-list">
          {s.services.map((service) => (
            <li key={service.id}>
              <ServiceCard service={service} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
