// The services of a structure, for its admins: drafts included, stale ones flagged, suggested
// corrections to handle.
import { Link, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { SERVICE_STATUS_LABELS, STALE_AFTER_MONTHS } from "../../../../common/domain/directory.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate, formatDateTime, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useDirectoryStructure, useHandleSuggestion, useStructureServices, useSuggestions } from "./api.ts";

export function StructureServicesPage() {
  const { id = "" } = useParams();
  const structure = useDirectoryStructure(id);
  const services = useStructureServices(id);
  const suggestions = useSuggestions(id);
  const handle = useHandleSuggestion(id);
  useDocumentTitle(structure.data ? `Services · ${structure.data.nom}` : "Services de la structure");
  if (services.isPending || structure.isPending) return <Loading label="Chargement des services…" />;
  if (services.isError) return <ProblemAlert error={services.error} className="fr-my-4w" />;
  if (structure.isError) return <ProblemAlert error={structure.error} className="fr-my-4w" />;
  const open = (suggestions.data?.items ?? []).filter((s) => s.status === "open");
  return (
    <>
      <div className="spie-page-heading">
        <h1>Services de {structure.data.nom}</h1>
        <Button iconId="fr-icon-add-line" linkProps={{ to: `/structures/${id}/services/nouveau` }}>
          Créer un service
        </Button>
      </div>
      {services.data.stale_count > 0 && (
        <Alert
          severity="warning"
          className={fr.cx("fr-mb-3w")}
          title={`${plural(services.data.stale_count, "service n'a pas été mis à jour", "services n'ont pas été mis à jour")} depuis ${STALE_AFTER_MONTHS} mois`}
          description="Vérifiez-les et enregistrez-les, même sans changement : l'annuaire national pénalise les informations anciennes."
          as="h2"
        />
      )}
      {services.data.items.length === 0 ? (
        <p>Aucun service pour le moment.</p>
      ) : (
        <DataTable
          caption="Services de la structure"
          hideCaption
          headers={["Service", "État", "Mis à jour", "Action"]}
          rowHeaders
          rows={services.data.items.map((s) => ({
            key: s.id,
            cells: [
              <Link to={`/annuaire/services/${s.id}`}>{s.nom}</Link>,
              SERVICE_STATUS_LABELS[s.status],
              <>
                {formatDate(s.date_maj)}
                {s.stale && s.status !== "archived" && (
                  <>
                    {" "}
                    <Badge small severity="warning" as="span">
                      À vérifier
                    </Badge>
                  </>
                )}
              </>,
              <Link to={`/annuaire/services/${s.id}/modifier`}>
                Modifier<span className={fr.cx("fr-sr-only")}> {s.nom}</span>
              </Link>,
            ],
          }))}
        />
      )}
      <h2 className={fr.cx("fr-h4", "fr-mt-4w")}>Corrections suggérées</h2>
      {open.length === 0 ? (
        <p>Aucune suggestion en attente.</p>
      ) : (
        <ul className="spie-card-list spie-plain-list">
          {open.map((s) => (
            <li key={s.id} className="spie-card">
              <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
                <Link to={`/annuaire/services/${s.service.id}`}>{s.service.nom}</Link> — {s.author.name}, {formatDateTime(s.created_at)}
              </p>
              <p className="spie-quote">{s.message}</p>
              <div className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
                <Button size="small" onClick={() => handle.mutate({ id: s.id, status: "done" })} disabled={handle.isPending}>
                  Marquer comme traitée
                </Button>
                <Button size="small" priority="secondary" onClick={() => handle.mutate({ id: s.id, status: "dismissed" })} disabled={handle.isPending}>
                  Écarter
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
