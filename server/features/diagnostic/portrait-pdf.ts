// The "portrait": the diagnostic as a document the person can keep (PDF).
import { formatDateFr } from "../../../common/domain/dates.ts";
import {
  AVAILABILITY_LABELS,
  CONTRACT_KIND_LABELS,
  QUALIFICATION_LEVEL_LABELS,
  WISH_LABELS,
  WORKING_TIME_LABELS,
  WORK_SITUATION_LABELS,
} from "../../../common/domain/diagnostic.ts";
import { THEMATICS, WEIGHT_LABELS } from "../../../common/domain/thematics.ts";
import type { Diagnostic } from "../../../common/schemas/diagnostic.ts";
import { createPdf } from "../pathway/pdf.ts";

export interface PortraitPerson {
  name: string;
  birth_date: string;
  referent: string | null;
  orientation: string | null;
}

const yesNo = (v: boolean | null) => (v === null ? null : v ? "oui" : "non");

export async function renderPortrait(person: PortraitPerson, d: Diagnostic, today: string): Promise<Buffer> {
  const pdf = createPdf({ title: `Portrait socio-professionnel de ${person.name}`, subject: "Diagnostic partagé du Service public de l'insertion et de l'emploi" });
  pdf.title(
    `Portrait socio-professionnel — ${person.name}`,
    `Né·e le ${formatDateFr(person.birth_date)} · Diagnostic version ${d.version}${d.created_at ? ` du ${formatDateFr(d.created_at)}` : ""}${d.author ? ` par ${d.author.name}${d.author.structure_name ? ` (${d.author.structure_name})` : ""}` : ""} · Document édité le ${formatDateFr(today)}`,
  );
  pdf.field("Référent·e unique", person.referent);
  pdf.field("Orientation", person.orientation);

  pdf.section("Situation professionnelle");
  const p = d.professional;
  pdf.field("Situation actuelle", p.work_situation ? `${WORK_SITUATION_LABELS[p.work_situation]}${p.work_situation_since ? ` depuis le ${formatDateFr(p.work_situation_since)}` : ""}` : null);
  pdf.field("Fin du dernier emploi", p.last_job_end_date ? formatDateFr(p.last_job_end_date) : null);
  pdf.field("Niveau de qualification", p.qualification_level ? QUALIFICATION_LEVEL_LABELS[p.qualification_level] : null);
  if (p.projects.length === 0) pdf.field("Projet professionnel", null);
  p.projects.forEach((project, i) => {
    const details = [project.contract_kinds.map((k) => CONTRACT_KIND_LABELS[k]).join(", "), project.working_time ? WORKING_TIME_LABELS[project.working_time] : ""].filter(Boolean).join(" · ");
    pdf.field(`Projet ${i + 1}`, `${project.job}${details ? ` (${details})` : ""}`);
  });
  pdf.field("Compétences", p.skills);
  pdf.field("Disponibilité", p.availability ? AVAILABILITY_LABELS[p.availability] : null);
  pdf.field("Souhait", p.wish ? WISH_LABELS[p.wish] : null);
  const mobility = [
    p.mobility.driving_licence !== null ? `permis de conduire : ${yesNo(p.mobility.driving_licence)}` : "",
    p.mobility.vehicle !== null ? `véhicule : ${yesNo(p.mobility.vehicle)}` : "",
    p.mobility.radius_km !== null ? `rayon : ${p.mobility.radius_km} km` : "",
  ].filter(Boolean);
  pdf.field("Mobilité", mobility.join(" · ") || null);

  pdf.section("Les 10 thématiques");
  for (const t of THEMATICS) {
    const a = d.thematics[t.slug];
    pdf.subsection(`${t.label} — poids sur le retour à l'emploi : ${WEIGHT_LABELS[a.weight].toLowerCase()}`);
    if (a.weight === "non-aborde" && !a.situation && !a.needs) continue;
    pdf.field("Situation", a.situation);
    pdf.field("Besoins", a.needs);
    if (a.assessed_by) pdf.paragraph(`Évalué par ${a.assessed_by.name}${a.assessed_by.structure_name ? ` (${a.assessed_by.structure_name})` : ""} le ${formatDateFr(a.assessed_by.at)}`, { muted: true });
  }
  pdf.section("Vos droits");
  pdf.paragraph(
    "Ce portrait est partagé avec les professionnel·les qui vous accompagnent dans le cadre du Service public de l'insertion et de l'emploi. Vous pouvez demander à le consulter, le faire corriger, et savoir qui a consulté votre dossier.",
  );
  return pdf.end();
}
