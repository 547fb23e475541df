// The diagnostic form's values (strings, as inputs hold them) and their API body, both ways.
import type { Availability, ContractKind, DiagnosticContent, QualificationLevel, Wish, WorkingTime, WorkSituation } from "../../../../common/domain/diagnostic.ts";
import { THEMATICS, type ThematicSlug, type Weight } from "../../../../common/domain/thematics.ts";
import type { Diagnostic, DiagnosticBodyInput } from "../../../../common/schemas/diagnostic.ts";
import type { FormField } from "../../shared/ErrorSummary.tsx";

type YesNo = "" | "oui" | "non";

export interface ProjectValues {
  job: string;
  contract_kinds: ContractKind[];
  working_time: WorkingTime | "";
}

export interface DiagnosticFormValues {
  thematics: Record<ThematicSlug, { weight: Weight; situation: string; needs: string }>;
  work_situation: WorkSituation | "";
  work_situation_since: string;
  last_job_end_date: string;
  qualification_level: QualificationLevel | "";
  projects: ProjectValues[];
  skills: string;
  availability: Availability | "";
  wish: Wish | "";
  driving_licence: YesNo;
  vehicle: YesNo;
  radius_km: string;
}

const yesNo = (v: boolean | null): YesNo => (v === null ? "" : v ? "oui" : "non");
const fromYesNo = (v: YesNo): boolean | null => (v === "" ? null : v === "oui");

export function valuesFromDiagnostic(d: Pick<Diagnostic, "thematics" | "professional">): DiagnosticFormValues {
  const p = d.professional;
  return {
    thematics: Object.fromEntries(THEMATICS.map((t) => [t.slug, { weight: d.thematics[t.slug].weight, situation: d.thematics[t.slug].situation ?? "", needs: d.thematics[t.slug].needs ?? "" }])) as DiagnosticFormValues["thematics"],
    work_situation: p.work_situation ?? "",
    work_situation_since: p.work_situation_since ?? "",
    last_job_end_date: p.last_job_end_date ?? "",
    qualification_level: p.qualification_level ?? "",
    projects: p.projects.map((project) => ({ job: project.job, contract_kinds: project.contract_kinds, working_time: project.working_time ?? "" })),
    skills: p.skills ?? "",
    availability: p.availability ?? "",
    wish: p.wish ?? "",
    driving_licence: yesNo(p.mobility.driving_licence),
    vehicle: yesNo(p.mobility.vehicle),
    radius_km: p.mobility.radius_km === null ? "" : String(p.mobility.radius_km),
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

export function toBody(values: DiagnosticFormValues, baseVersion: number): DiagnosticBodyInput {
  const radius = values.radius_km.trim();
  return {
    base_version: baseVersion,
    thematics: Object.fromEntries(THEMATICS.map((t) => [t.slug, { weight: values.thematics[t.slug].weight, situation: orNull(values.thematics[t.slug].situation), needs: orNull(values.thematics[t.slug].needs) }])),
    professional: {
      work_situation: values.work_situation || null,
      work_situation_since: values.work_situation_since || null,
      last_job_end_date: values.last_job_end_date || null,
      qualification_level: values.qualification_level || null,
      projects: values.projects.filter((p) => p.job.trim() !== "" || p.contract_kinds.length > 0).map((p) => ({ job: p.job.trim(), contract_kinds: p.contract_kinds, working_time: p.working_time || null })),
      skills: orNull(values.skills),
      availability: values.availability || null,
      wish: values.wish || null,
      mobility: { driving_licence: fromYesNo(values.driving_licence), vehicle: fromYesNo(values.vehicle), radius_km: radius === "" ? null : Number.isInteger(Number(radius)) ? Number(radius) : (radius as unknown as number) },
    },
  };
}

/** The content a body describes (to compare a draft with the latest version). */
export function contentFromValues(values: DiagnosticFormValues): DiagnosticContent {
  const body = toBody(values, 0);
  const p = body.professional!;
  return {
    thematics: Object.fromEntries(THEMATICS.map((t) => [t.slug, { weight: values.thematics[t.slug].weight, situation: orNull(values.thematics[t.slug].situation), needs: orNull(values.thematics[t.slug].needs), assessed_by: null }])) as DiagnosticContent["thematics"],
    professional: {
      work_situation: p.work_situation ?? null,
      work_situation_since: p.work_situation_since ?? null,
      last_job_end_date: p.last_job_end_date ?? null,
      qualification_level: p.qualification_level ?? null,
      projects: (p.projects ?? []).map((x) => ({ job: x.job, contract_kinds: x.contract_kinds ?? [], working_time: x.working_time ?? null })),
      skills: p.skills ?? null,
      availability: p.availability ?? null,
      wish: p.wish ?? null,
      mobility: { driving_licence: p.mobility?.driving_licence ?? null, vehicle: p.mobility?.vehicle ?? null, radius_km: typeof p.mobility?.radius_km === "number" ? p.mobility.radius_km : null },
    },
  };
}

export const fieldId = (path: string) => `diagnostic-${path.replace(/\./g, "-")}`;

export const DIAGNOSTIC_FIELDS: Record<string, FormField> = {
  ...Object.fromEntries(
    THEMATICS.flatMap((t) => [
      // The radio group's first input (react-dsfr numbers them after the fieldset's id).
      [`thematics.${t.slug}.weight`, { id: `${fieldId(`thematics.${t.slug}.weight`)}-0`, label: `${t.label} — poids` }],
      [`thematics.${t.slug}.situation`, { id: fieldId(`thematics.${t.slug}.situation`), label: `${t.label} — situation` }],
      [`thematics.${t.slug}.needs`, { id: fieldId(`thematics.${t.slug}.needs`), label: `${t.label} — besoins` }],
    ]),
  ),
  "professional.work_situation": { id: fieldId("professional.work_situation"), label: "Situation de travail actuelle" },
  "professional.work_situation_since": { id: fieldId("professional.work_situation_since"), label: "Dans cette situation depuis" },
  "professional.last_job_end_date": { id: fieldId("professional.last_job_end_date"), label: "Fin du dernier emploi" },
  "professional.qualification_level": { id: fieldId("professional.qualification_level"), label: "Niveau de qualification" },
  "professional.projects": { id: fieldId("professional.projects.0.job"), label: "Projet professionnel" },
  "professional.skills": { id: fieldId("professional.skills"), label: "Compétences" },
  "professional.availability": { id: fieldId("professional.availability"), label: "Disponibilité" },
  "professional.wish": { id: fieldId("professional.wish"), label: "Souhait de la personne" },
  "professional.mobility.radius_km": { id: fieldId("professional.mobility.radius_km"), label: "Rayon de mobilité" },
};
