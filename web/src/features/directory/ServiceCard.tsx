// A service as a result card (search, structure page) and the pieces the service page reuses.
import { Link } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import {
  FRAIS,
  MODES_MOBILISATION,
  PERSONNES_MOBILISATRICES,
  PUBLICS,
  TYPES_SERVICE,
  referentialLabel,
} from "../../../../common/domain/directory.ts";
import type { Service, ServiceSearchItem } from "../../../../common/schemas/directory.ts";
import { formatDate } from "../../shared/format.ts";

export const PROXIMITY_LABELS: Record<NonNullable<ServiceSearchItem["proximity"]>, string> = {
  commune: "Dans la commune",
  epci: "Dans l'intercommunalité",
  departement: "Dans le département",
  ailleurs: "Plus loin",
  "a-distance": "À distance",
};

export function addressLine(s: Pick<Service, "adresse" | "complement_adresse" | "code_postal" | "commune">): string | null {
  const place = [s.code_postal, s.commune].filter(Boolean).join(" ");
  const parts = [s.adresse, s.complement_adresse, place].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

/** "Se présenter, téléphoner — par les usagers et les professionnels" */
export function mobilisationText(s: Pick<Service, "modes_mobilisation" | "mobilisable_par">): string | null {
  const how = s.modes_mobilisation.map((m) => referentialLabel(MODES_MOBILISATION, m).toLowerCase());
  const who = s.mobilisable_par.map((p) => referentialLabel(PERSONNES_MOBILISATRICES, p).toLowerCase());
  if (!how.length && !who.length) return null;
  const first = how.length ? how.join(", ") : "Sur demande";
  return `${first.charAt(0).toUpperCase()}${first.slice(1)}${who.length ? ` — par les ${who.join(" et les ")}` : ""}`;
}

export function publicsText(publics: string[]): string {
  return publics.length ? publics.map((p) => referentialLabel(PUBLICS, p)).join(", ") : "Non précisé";
}

export function ServiceBadges({ service }: { service: Service }) {
  return (
    <ul className={fr.cx("fr-badges-group", "fr-mb-1w")}>
      {service.type && (
        <li>
          <Badge small noIcon as="span">
            {referentialLabel(TYPES_SERVICE, service.type)}
          </Badge>
        </li>
      )}
      {service.remote && (
        <li>
          <Badge small severity="info" as="span">
            À distance
          </Badge>
        </li>
      )}
      {service.frais && (
        <li>
          <Badge small noIcon severity={service.frais === "gratuit" ? "success" : undefined} as="span">
            {referentialLabel(FRAIS, service.frais)}
          </Badge>
        </li>
      )}
      {service.status !== "published" && (
        <li>
          <Badge small severity="warning" as="span">
            {service.status === "draft" ? "Brouillon" : service.status === "archived" ? "Archivé" : "Suspendu"}
          </Badge>
        </li>
      )}
      {service.stale && (
        <li>
          <Badge small severity="new" as="span">
            Pas mis à jour depuis 6 mois
          </Badge>
        </li>
      )}
    </ul>
  );
}

export function ServiceCard({ service, headingLevel = "h3" }: { service: Service | ServiceSearchItem; headingLevel?: "h2" | "h3" }) {
  const Heading = headingLevel;
  const address = addressLine(service);
  const mobilisation = mobilisationText(service);
  const proximity = "proximity" in service && service.proximity ? PROXIMITY_LABELS[service.proximity] : null;
  return (
    <article className="spie-card spie-service-card" data-testid="service-card">
      <Heading className={fr.cx("fr-h5", "fr-mb-1w")}>
        <Link to={`/annuaire/services/${service.id}`}>{service.nom}</Link>
      </Heading>
      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
        <Link to={`/annuaire/structures/${service.structure.id}`}>{service.structure.nom}</Link>
        {proximity && <span className="spie-muted"> · {proximity}</span>}
        {"distance_km" in service && service.distance_km !== null && <span className="spie-muted"> · {service.distance_km.toLocaleString("fr-FR")} km</span>}
      </p>
      <ServiceBadges service={service} />
      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>{service.description.length > 220 ? `${service.description.slice(0, 217)}…` : service.description}</p>
      <dl className="spie-dl fr-text--sm fr-mb-0">
        <dt>Adresse</dt>
        <dd>{address ?? (service.remote ? "Service à distance" : "Non précisée")}</dd>
        {(service.telephone || service.courriel) && (
          <>
            <dt>Contact</dt>
            <dd>
              {service.telephone && <a href={`tel:${service.telephone.replace(/\s/g, "")}`}>{service.telephone}</a>}
              {service.telephone && service.courriel && " · "}
              {service.courriel && <a href={`mailto:${service.courriel}`}>{service.courriel}</a>}
            </dd>
          </>
        )}
        {mobilisation && (
          <>
            <dt>Comment mobiliser</dt>
            <dd>{mobilisation}</dd>
          </>
        )}
        <dt>Publics</dt>
        <dd>{publicsText(service.publics)}</dd>
        <dt>Mis à jour</dt>
        <dd>{formatDate(service.date_maj)}</dd>
      </dl>
    </article>
  );
}
