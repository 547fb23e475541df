// The professional side of a diagnostic, to read (file, portrait).
import { createElement } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import {
  AVAILABILITY_LABELS,
  CONTRACT_KIND_LABELS,
  QUALIFICATION_LEVEL_LABELS,
  WISH_LABELS,
  WORKING_TIME_LABELS,
  WORK_SITUATION_LABELS,
} from "../../../../common/domain/diagnostic.ts";
import type { Diagnostic } from "../../../../common/schemas/diagnostic.ts";
import { formatDate } from "../../shared/format.ts";

const NOT_SET = <span className="spie-muted">Non renseigné</span>;
const yesNo = (v: boolean | null) => (v === null ? "non renseigné" : v ? "oui" : "non");

export function ProfessionalSummary({ professional: p, headingLevel }: { professional: Diagnostic["professional"]; headingLevel: 2 | 3 }) {
  return (
    <>
      {createElement(`h${headingLevel}`, { className: fr.cx(headingLevel === 2 ? "fr-h3" : "fr-h4") }, "Situation professionnelle")}
      <dl className="spie-dl" data-testid="professional-summary">
        <dt>Situation actuelle</dt>
        <dd>{p.work_situation ? `${WORK_SITUATION_LABELS[p.work_situation]}${p.work_situation_since ? ` depuis le ${formatDate(p.work_situation_since)}` : ""}` : NOT_SET}</dd>
        <dt>Fin du dernier emploi</dt>
        <dd>{p.last_job_end_date ? formatDate(p.last_job_end_date) : NOT_SET}</dd>
        <dt>Niveau de qualification</dt>
        <dd>{p.qualification_level ? QUALIFICATION_LEVEL_LABELS[p.qualification_level] : NOT_SET}</dd>
        <dt>Projets professionnels</dt>
        <dd>
          {p.projects.length === 0
            ? NOT_SET
            : p.projects.map((project, i) => (
                <span key={i} className="spie-line">
                  {project.job}
                  {project.contract_kinds.length > 0 && ` — ${project.contract_kinds.map((k) => CONTRACT_KIND_LABELS[k]).join(", ")}`}
                  {project.working_time && ` — ${WORKING_TIME_LABELS[project.working_time]}`}
                </span>
              ))}
        </dd>
        <dt>Compétences</dt>
        <dd>{p.skills ?? NOT_SET}</dd>
        <dt>Disponibilité</dt>
        <dd>{p.availability ? AVAILABILITY_LABELS[p.availability] : NOT_SET}</dd>
        <dt>Souhait</dt>
        <dd>{p.wish ? WISH_LABELS[p.wish] : NOT_SET}</dd>
        <dt>Mobilité</dt>
        <dd>
          Permis de conduire : {yesNo(p.mobility.driving_licence)} · véhicule : {yesNo(p.mobility.vehicle)}
          {p.mobility.radius_km !== null && ` · rayon : ${p.mobility.radius_km} km`}
        </dd>
      </dl>
    </>
  );
}
