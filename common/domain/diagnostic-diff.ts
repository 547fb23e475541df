// What changed between two versions of a diagnostic, as a readable list (thematic, field,
// before → after, in French). Pure: the API and the web both use it.
import { formatDateFr } from "./dates.ts";
import {
  AVAILABILITY_LABELS,
  CONTRACT_KIND_LABELS,
  QUALIFICATION_LEVEL_LABELS,
  WISH_LABELS,
  WORKING_TIME_LABELS,
  WORK_SITUATION_LABELS,
  emptyAssessment,
  emptyProfessional,
  type DiagnosticContent,
  type ProfessionalProject,
  type ProfessionalSide,
} from "./diagnostic.ts";
import { THEMATICS, WEIGHT_LABELS, type ThematicSlug } from "./thematics.ts";

export interface DiagnosticChange {
  section: "thematic" | "professional";
  /** The thematic's slug, for thematic changes. */
  thematic: ThematicSlug | null;
  /** "Logement" or "Situation professionnelle". */
  section_label: string;
  /** Machine name of the field ("weight", "mobility.radius_km", "projects.1.job"). */
  field: string;
  field_label: string;
  before: string;
  after: string;
}

export const EMPTY_VALUE = "non renseigné";

const text = (v: string | null | undefined) => (v && v.trim() ? v.trim() : EMPTY_VALUE);
const date = (v: string | null | undefined) => (v ? formatDateFr(v) : EMPTY_VALUE);
const yesNo = (v: boolean | null | undefined) => (v === true ? "Oui" : v === false ? "Non" : EMPTY_VALUE);
const label = <K extends string>(labels: Record<K, string>) => (v: K | null | undefined) => (v ? labels[v] : EMPTY_VALUE);

const THEMATIC_FIELDS = [
  { field: "weight", label: "Poids sur le retour à l'emploi", show: (a: DiagnosticContent["thematics"][ThematicSlug]) => WEIGHT_LABELS[a.weight] },
  { field: "situation", label: "Situation", show: (a: DiagnosticContent["thematics"][ThematicSlug]) => text(a.situation) },
  { field: "needs", label: "Besoins", show: (a: DiagnosticContent["thematics"][ThematicSlug]) => text(a.needs) },
] as const;

const PROFESSIONAL_FIELDS: { field: string; label: string; show: (p: ProfessionalSide) => string }[] = [
  { field: "work_situation", label: "Situation de travail actuelle", show: (p) => label(WORK_SITUATION_LABELS)(p.work_situation) },
  { field: "work_situation_since", label: "Dans cette situation depuis", show: (p) => date(p.work_situation_since) },
  { field: "last_job_end_date", label: "Fin du dernier emploi", show: (p) => date(p.last_job_end_date) },
  { field: "qualification_level", label: "Niveau de qualification", show: (p) => label(QUALIFICATION_LEVEL_LABELS)(p.qualification_level) },
  { field: "skills", label: "Compétences", show: (p) => text(p.skills) },
  { field: "availability", label: "Disponibilité", show: (p) => label(AVAILABILITY_LABELS)(p.availability) },
  { field: "wish", label: "Souhait de la personne", show: (p) => label(WISH_LABELS)(p.wish) },
  { field: "mobility.driving_licence", label: "Permis de conduire", show: (p) => yesNo(p.mobility.driving_licence) },
  { field: "mobility.vehicle", label: "Véhicule", show: (p) => yesNo(p.mobility.vehicle) },
  { field: "mobility.radius_km", label: "Rayon de mobilité", show: (p) => (p.mobility.radius_km === null ? EMPTY_VALUE : `${p.mobility.radius_km} km`) },
];

const PROJECT_FIELDS: { field: keyof ProfessionalProject; label: string; show: (p: ProfessionalProject | undefined) => string }[] = [
  { field: "job", label: "métier recherché", show: (p) => (p ? text(p.job) : EMPTY_VALUE) },
  { field: "contract_kinds", label: "types de contrat", show: (p) => (p && p.contract_kinds.length ? p.contract_kinds.map((k) => CONTRACT_KIND_LABELS[k]).join(", ") : EMPTY_VALUE) },
  { field: "working_time", label: "temps de travail", show: (p) => label(WORKING_TIME_LABELS)(p?.working_time) },
];

/** The changes from `before` to `after` (null = the empty diagnostic, before any version). */
export function diffDiagnostics(before: DiagnosticContent | null, after: DiagnosticContent | null): DiagnosticChange[] {
  const changes: DiagnosticChange[] = [];
  for (const t of THEMATICS) {
    const a = before?.thematics[t.slug] ?? emptyAssessment();
    const b = after?.thematics[t.slug] ?? emptyAssessment();
    for (const f of THEMATIC_FIELDS) {
      const x = f.show(a);
      const y = f.show(b);
      if (x !== y) changes.push({ section: "thematic", thematic: t.slug, section_label: t.label, field: f.field, field_label: f.label, before: x, after: y });
    }
  }
  const pa = before?.professional ?? emptyProfessional();
  const pb = after?.professional ?? emptyProfessional();
  const professional = (field: string, fieldLabel: string, x: string, y: string) => {
    if (x !== y) changes.push({ section: "professional", thematic: null, section_label: "Situation professionnelle", field, field_label: fieldLabel, before: x, after: y });
  };
  for (const f of PROFESSIONAL_FIELDS) professional(f.field, f.label, f.show(pa), f.show(pb));
  const projects = Math.max(pa.projects.length, pb.projects.length);
  for (let i = 0; i < projects; i++) {
    for (const f of PROJECT_FIELDS) professional(`projects.${i + 1}.${f.field}`, `Projet ${i + 1} : ${f.label}`, f.show(pa.projects[i]), f.show(pb.projects[i]));
  }
  return changes;
}
