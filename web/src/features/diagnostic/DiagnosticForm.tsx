// The shared diagnostic grid: the 10 thematics (weight, situation, needs) and the professional
// side. Validated with the API's schema; a 409 (someone saved meanwhile) shows what differs.
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { diffDiagnostics } from "../../../../common/domain/diagnostic-diff.ts";
import {
  AVAILABILITIES,
  AVAILABILITY_LABELS,
  CONTRACT_KINDS,
  CONTRACT_KIND_LABELS,
  QUALIFICATION_LEVELS,
  QUALIFICATION_LEVEL_LABELS,
  WISHES,
  WISH_LABELS,
  WORKING_TIMES,
  WORKING_TIME_LABELS,
  WORK_SITUATIONS,
  WORK_SITUATION_LABELS,
} from "../../../../common/domain/diagnostic.ts";
import { THEMATICS, WEIGHTS, WEIGHT_LABELS } from "../../../../common/domain/thematics.ts";
import { diagnosticBody, type Diagnostic } from "../../../../common/schemas/diagnostic.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary } from "../../shared/ErrorSummary.tsx";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { DraftNotice, useFormDraft } from "../../shared/useFormDraft.tsx";
import { useSaveDiagnostic } from "../pathway/api.ts";
import { ChangesTable } from "./ChangesTable.tsx";
import { contentFromValues, DIAGNOSTIC_FIELDS, fieldId, toBody, valuesFromDiagnostic, type DiagnosticFormValues } from "./diagnosticFormModel.ts";

interface Conflict {
  latest: Diagnostic;
  detail: string;
}

export function DiagnosticForm({ personId, current, onSaved }: { personId: string; current: Diagnostic; onSaved: (d: Diagnostic) => void }) {
  // Kept as a draft in the browser until saved (a tab switch, a reload or an expired session lose
  // nothing); a draft based on an older version meets the conflict screen below at saving.
  const draft = useFormDraft<DiagnosticFormValues, number>("diagnostic", personId, valuesFromDiagnostic(current), current.version);
  const { values, setValues, meta: baseVersion, setMeta: setBaseVersion } = draft;
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const save = useSaveDiagnostic(personId);

  const fail = (fieldErrors: FieldErrors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = toBody(values, baseVersion);
    const result = validate(diagnosticBody, body);
    if (!result.ok) return fail(result.errors, null);
    setErrors({});
    setFormError(null);
    try {
      const saved = await save.mutateAsync(body);
      setConflict(null);
      setBaseVersion(saved.version);
      draft.saved();
      onSaved(saved);
    } catch (error) {
      if (isApiError(error, 409) && typeof error.problem.latest === "object" && error.problem.latest !== null) {
        setConflict({ latest: error.problem.latest as Diagnostic, detail: error.problem.detail ?? "" });
        setFocusKey((k) => k + 1);
        return;
      }
      if (isApiError(error)) {
        const fieldErrors = problemFieldErrors(error);
        return fail(fieldErrors, Object.keys(fieldErrors).length ? null : (error.problem.detail ?? error.problem.title));
      }
      fail({}, "Une erreur inattendue est survenue. Réessayez.");
    }
  };

  const setThematic = (slug: keyof DiagnosticFormValues["thematics"], key: "weight" | "situation" | "needs", value: string) =>
    setValues((v) => ({ ...v, thematics: { ...v.thematics, [slug]: { ...v.thematics[slug], [key]: value } } }));
  const set = <K extends keyof DiagnosticFormValues>(key: K, value: DiagnosticFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const err = (key: string) => errorFor(errors, key);

  const textArea = (path: string, label: string, value: string, onChange: (value: string) => void, hint?: string) => (
    <Input
      label={label}
      hintText={hint}
      textArea
      {...errorState(err(path))}
      nativeTextAreaProps={{ id: fieldId(path), value, rows: 2, onChange: (e) => onChange(e.target.value) }}
    />
  );

  const select = <T extends string>(path: string, label: string, value: T | "", options: readonly T[], labels: Record<T, string>, onChange: (value: T | "") => void) => (
    <Select label={label} {...errorState(err(path))} nativeSelectProps={{ id: fieldId(path), value, onChange: (e) => onChange(e.target.value as T | "") }}>
      <option value="">Non renseigné</option>
      {options.map((o) => (
        <option key={o} value={o}>
          {labels[o]}
        </option>
      ))}
    </Select>
  );

  const conflictChanges = conflict ? diffDiagnostics(conflict.latest, contentFromValues(values)) : [];

  return (
    <form onSubmit={submit} noValidate aria-label="Diagnostic socio-professionnel" data-testid="diagnostic-form">
      <DraftNotice draft={draft} what="du diagnostic" />
      {conflict ? (
        <div role="alert" tabIndex={-1} className={fr.cx("fr-alert", "fr-alert--warning", "fr-mb-4w")} data-testid="diagnostic-conflict" ref={(el) => el?.focus()}>
          <h3 className={fr.cx("fr-alert__title")}>Quelqu'un a enregistré le diagnostic pendant que vous le modifiiez</h3>
          <p>{conflict.detail}</p>
          {conflictChanges.length > 0 ? (
            <ChangesTable caption={`Vos saisies comparées à la version ${conflict.latest.version}`} changes={conflictChanges} beforeLabel={`Version ${conflict.latest.version}`} afterLabel="Vos saisies" />
          ) : (
            <p>Vos saisies sont identiques à la dernière version.</p>
          )}
          <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md", "fr-mt-2w")}>
            <li>
              <Button
                type="button"
                onClick={() => {
                  setBaseVersion(conflict.latest.version);
                  setConflict(null);
                }}
              >
                Garder mes saisies (elles remplaceront la version {conflict.latest.version} à l'enregistrement)
              </Button>
            </li>
            <li>
              <Button
                type="button"
                priority="secondary"
                onClick={() => {
                  setValues(valuesFromDiagnostic(conflict.latest));
                  setBaseVersion(conflict.latest.version);
                  setConflict(null);
                  draft.saved();
                  onSaved(conflict.latest);
                }}
              >
                Abandonner mes saisies et reprendre la version {conflict.latest.version}
              </Button>
            </li>
          </ul>
        </div>
      ) : (
        <ErrorSummary errors={errors} fields={DIAGNOSTIC_FIELDS} formError={formError} focusKey={focusKey} id="diagnostic-erreurs" />
      )}

      <Alert
        severity="warning"
        small
        className={fr.cx("fr-mb-3w")}
        description="Décrivez des situations et des besoins, jamais un diagnostic médical ni un détail judiciaire. Ce que vous écrivez est lu par toute l'équipe d'accompagnement et peut être remis à la personne."
      />

      <h3 className={fr.cx("fr-h4")}>Les 10 thématiques</h3>
      {THEMATICS.map((t) => {
        const a = values.thematics[t.slug];
        const assessed = current.thematics[t.slug].assessed_by;
        return (
          <fieldset key={t.slug} className="spie-thematic" data-testid={`thematic-${t.slug}`} aria-describedby={assessed ? `${fieldId(`thematics.${t.slug}`)}-assessor` : undefined}>
            <legend>{t.label}</legend>
            <RadioButtons
              legend="Poids sur le retour à l'emploi"
              orientation="horizontal"
              small
              name={`${t.slug}-weight`}
              id={fieldId(`thematics.${t.slug}.weight`)}
              {...errorState(err(`thematics.${t.slug}.weight`))}
              options={WEIGHTS.map((w) => ({
                label: WEIGHT_LABELS[w],
                nativeInputProps: {
                  value: w,
                  checked: a.weight === w,
                  onChange: () => setThematic(t.slug, "weight", w),
                },
              }))}
            />
            <div className="spie-two-cols">
              {textArea(`thematics.${t.slug}.situation`, "Situation, en quelques mots", a.situation, (v) => setThematic(t.slug, "situation", v))}
              {textArea(`thematics.${t.slug}.needs`, "Besoins", a.needs, (v) => setThematic(t.slug, "needs", v))}
            </div>
            {assessed && (
              <p className="spie-assessor" id={`${fieldId(`thematics.${t.slug}`)}-assessor`}>
                Évalué par {assessed.name}
                {assessed.structure_name ? ` (${assessed.structure_name})` : ""} le {formatDateTime(assessed.at)}
              </p>
            )}
          </fieldset>
        );
      })}

      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h4")}>Situation professionnelle</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          <div className="spie-two-cols">
            {select("professional.work_situation", "Situation de travail actuelle", values.work_situation, WORK_SITUATIONS, WORK_SITUATION_LABELS, (v) => set("work_situation", v))}
            <Input
              label="Dans cette situation depuis"
              hintText="Format : jj/mm/aaaa"
              {...errorState(err("professional.work_situation_since"))}
              nativeInputProps={{ id: fieldId("professional.work_situation_since"), type: "date", value: values.work_situation_since, onChange: (e) => set("work_situation_since", e.target.value) }}
            />
            <Input
              label="Fin du dernier emploi"
              hintText="Format : jj/mm/aaaa ; vide si aucun emploi connu"
              {...errorState(err("professional.last_job_end_date"))}
              nativeInputProps={{ id: fieldId("professional.last_job_end_date"), type: "date", value: values.last_job_end_date, onChange: (e) => set("last_job_end_date", e.target.value) }}
            />
            {select("professional.qualification_level", "Niveau de qualification", values.qualification_level, QUALIFICATION_LEVELS, QUALIFICATION_LEVEL_LABELS, (v) => set("qualification_level", v))}
          </div>
        </div>
        {values.projects.map((project, i) => (
          <div key={i} className={fr.cx("fr-fieldset__element")}>
            <fieldset className="spie-thematic">
              <legend>Projet professionnel {i + 1}</legend>
              <Input
                label="Métier recherché"
                {...errorState(err(`professional.projects.${i}.job`))}
                nativeInputProps={{ id: fieldId(`professional.projects.${i}.job`), value: project.job, onChange: (e) => set("projects", values.projects.map((p, j) => (j === i ? { ...p, job: e.target.value } : p))) }}
              />
              <Checkbox
                legend="Types de contrat"
                orientation="horizontal"
                small
                options={CONTRACT_KINDS.map((k) => ({
                  label: CONTRACT_KIND_LABELS[k],
                  nativeInputProps: {
                    checked: project.contract_kinds.includes(k),
                    onChange: (e) =>
                      set(
                        "projects",
                        values.projects.map((p, j) => (j === i ? { ...p, contract_kinds: e.target.checked ? [...p.contract_kinds, k] : p.contract_kinds.filter((x) => x !== k) } : p)),
                      ),
                  },
                }))}
              />
              {select(`professional.projects.${i}.working_time`, "Temps de travail", project.working_time, WORKING_TIMES, WORKING_TIME_LABELS, (v) =>
                set("projects", values.projects.map((p, j) => (j === i ? { ...p, working_time: v } : p))),
              )}
              <Button type="button" priority="tertiary" size="small" className={fr.cx("fr-mb-2w")} onClick={() => set("projects", values.projects.filter((_, j) => j !== i))}>
                Retirer le projet {i + 1}
              </Button>
            </fieldset>
          </div>
        ))}
        {values.projects.length < 5 && (
          <div className={fr.cx("fr-fieldset__element")}>
            <Button type="button" priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => set("projects", [...values.projects, { job: "", contract_kinds: [], working_time: "" }])}>
              Ajouter un projet professionnel
            </Button>
          </div>
        )}
        <div className={fr.cx("fr-fieldset__element")}>
          {textArea("professional.skills", "Compétences", values.skills, (v) => set("skills", v), "Savoir-faire, expériences, compétences transférables")}
          <div className="spie-two-cols">
            {select("professional.availability", "Disponibilité", values.availability, AVAILABILITIES, AVAILABILITY_LABELS, (v) => set("availability", v))}
            {select("professional.wish", "Souhait de la personne", values.wish, WISHES, WISH_LABELS, (v) => set("wish", v))}
          </div>
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <fieldset className="spie-thematic">
            <legend>Mobilité</legend>
            <div className="spie-two-cols">
              {select("professional.mobility.driving_licence", "Permis de conduire", values.driving_licence, ["oui", "non"] as const, { oui: "Oui", non: "Non" }, (v) => set("driving_licence", v))}
              {select("professional.mobility.vehicle", "Véhicule", values.vehicle, ["oui", "non"] as const, { oui: "Oui", non: "Non" }, (v) => set("vehicle", v))}
              <Input
                label="Rayon de mobilité (km)"
                hintText="Distance que la personne peut parcourir pour travailler"
                {...errorState(err("professional.mobility.radius_km"))}
                nativeInputProps={{ id: fieldId("professional.mobility.radius_km"), inputMode: "numeric", value: values.radius_km, onChange: (e) => set("radius_km", e.target.value) }}
              />
            </div>
          </fieldset>
        </div>
      </fieldset>

      <p className={fr.cx("fr-text--sm")}>
        {baseVersion > 0 ? `Vous modifiez la version ${baseVersion}${current.created_at ? ` du ${formatDate(current.created_at)}` : ""}. ` : ""}
        L'enregistrement crée une nouvelle version ; les précédentes restent consultables.
      </p>
      <Button type="submit" disabled={save.isPending || conflict !== null}>
        {save.isPending ? "Enregistrement…" : "Enregistrer le diagnostic"}
      </Button>
    </form>
  );
}
