// The form of a service (creation and edition): data·inclusion fields with the official
// referentials as choices, their descriptions as help texts, and a preview of the result card.
import { useState, type FormEvent, type ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import {
  FRAIS,
  MODES_ACCUEIL,
  MODES_MOBILISATION,
  PERSONNES_MOBILISATRICES,
  PUBLICS,
  SERVICE_STATUSES,
  SERVICE_STATUS_LABELS,
  THEMATIQUE_CATEGORIES,
  TYPES_SERVICE,
  type ReferentialValue,
} from "../../../../common/domain/directory.ts";
import { serviceCreateBody, type Service, type ServiceCreateBody } from "../../../../common/schemas/directory.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { CommuneCombobox, type CommuneValue } from "../territories/CommuneCombobox.tsx";
import { ServiceCard } from "./ServiceCard.tsx";

export interface ServiceFormValues {
  nom: string;
  description: string;
  type: string;
  thematiques: string[];
  frais: string;
  frais_precisions: string;
  publics: string[];
  publics_precisions: string;
  conditions_acces: string;
  adresse: string;
  complement_adresse: string;
  commune: CommuneValue | null;
  telephone: string;
  courriel: string;
  contact_nom_prenom: string;
  modes_accueil: string[];
  zone_eligibilite: string;
  modes_mobilisation: string[];
  lien_mobilisation: string;
  mobilisable_par: string[];
  mobilisation_precisions: string;
  horaires_accueil: string;
  status: string;
  suspended_until: string;
}

export function formValues(s?: Service): ServiceFormValues {
  return {
    nom: s?.nom ?? "",
    description: s?.description ?? "",
    type: s?.type ?? "",
    thematiques: s?.thematiques ?? [],
    frais: s?.frais ?? "",
    frais_precisions: s?.frais_precisions ?? "",
    publics: s?.publics ?? [],
    publics_precisions: s?.publics_precisions ?? "",
    conditions_acces: s?.conditions_acces ?? "",
    adresse: s?.adresse ?? "",
    complement_adresse: s?.complement_adresse ?? "",
    commune: s?.code_insee ? { code: s.code_insee, name: s.commune ?? s.code_insee, postal_code: s.code_postal ?? "" } : null,
    telephone: s?.telephone ?? "",
    courriel: s?.courriel ?? "",
    contact_nom_prenom: s?.contact_nom_prenom ?? "",
    modes_accueil: s?.modes_accueil ?? [],
    zone_eligibilite: (s?.zone_eligibilite ?? []).join(", "),
    modes_mobilisation: s?.modes_mobilisation ?? [],
    lien_mobilisation: s?.lien_mobilisation ?? "",
    mobilisable_par: s?.mobilisable_par ?? [],
    mobilisation_precisions: s?.mobilisation_precisions ?? "",
    horaires_accueil: s?.horaires_accueil ?? "",
    status: s?.status ?? "draft",
    suspended_until: s?.suspended_until ?? "",
  };
}

const orNull = (v: string) => (v.trim() === "" ? null : v.trim());

export function toBody(v: ServiceFormValues): Record<string, unknown> {
  return {
    nom: v.nom,
    description: v.description,
    type: orNull(v.type),
    thematiques: v.thematiques,
    frais: orNull(v.frais),
    frais_precisions: orNull(v.frais_precisions),
    publics: v.publics,
    publics_precisions: orNull(v.publics_precisions),
    conditions_acces: orNull(v.conditions_acces),
    adresse: orNull(v.adresse),
    complement_adresse: orNull(v.complement_adresse),
    code_insee: v.commune?.code ?? null,
    code_postal: v.commune?.postal_code || null,
    telephone: orNull(v.telephone),
    courriel: orNull(v.courriel),
    contact_nom_prenom: orNull(v.contact_nom_prenom),
    modes_accueil: v.modes_accueil,
    zone_eligibilite: v.zone_eligibilite
      .split(/[,;\s]+/)
      .map((c) => c.trim())
      .filter(Boolean),
    modes_mobilisation: v.modes_mobilisation,
    lien_mobilisation: orNull(v.lien_mobilisation),
    mobilisable_par: v.mobilisable_par,
    mobilisation_precisions: orNull(v.mobilisation_precisions),
    horaires_accueil: orNull(v.horaires_accueil),
    status: v.status,
    suspended_until: v.status === "suspended" ? orNull(v.suspended_until) : null,
  };
}

const FIELD_IDS: Record<string, string> = {
  nom: "service-nom",
  description: "service-description",
  type: "service-type",
  thematiques: "service-thematiques",
  publics: "service-publics",
  code_insee: "service-commune",
  courriel: "service-courriel",
  zone_eligibilite: "service-zone",
  lien_mobilisation: "service-lien",
  suspended_until: "service-suspendu",
  frais: "service-frais",
  modes_accueil: "service-accueil",
  modes_mobilisation: "service-mobilisation",
  mobilisable_par: "service-mobilisable",
  telephone: "service-telephone",
};
const FIELD_LABELS: Record<string, string> = {
  nom: "Nom du service",
  description: "Description",
  type: "Type de service",
  thematiques: "Thématiques",
  publics: "Publics",
  code_insee: "Commune",
  courriel: "Courriel",
  zone_eligibilite: "Zone d'éligibilité",
  lien_mobilisation: "Lien pour mobiliser le service",
  suspended_until: "Suspendu jusqu'au",
  frais: "Frais",
  modes_accueil: "Modes d'accueil",
  modes_mobilisation: "Modes de mobilisation",
  mobilisable_par: "Mobilisable par",
  telephone: "Téléphone",
};

function CheckboxGroup({ id, legend, hint, list, value, onChange, error }: { id: string; legend: ReactNode; hint?: string; list: readonly ReferentialValue[]; value: string[]; onChange: (v: string[]) => void; error?: string }) {
  return (
    <Checkbox
      id={id}
      legend={legend}
      hintText={hint}
      small
      {...(error ? { state: "error" as const, stateRelatedMessage: error } : {})}
      options={list.map((e) => ({
        label: e.label,
        hintText: e.description ?? undefined,
        nativeInputProps: {
          name: id,
          value: e.value,
          checked: value.includes(e.value),
          onChange: (ev) => onChange(ev.target.checked ? [...value, e.value] : value.filter((x) => x !== e.value)),
        },
      }))}
    />
  );
}

export function ServiceForm({
  initial,
  preview,
  submitLabel,
  pending,
  onSubmit,
  serverError,
}: {
  initial: ServiceFormValues;
  preview: { structure: { id: string; nom: string } };
  submitLabel: string;
  pending: boolean;
  onSubmit: (body: ServiceCreateBody) => void;
  serverError: unknown;
}) {
  const [v, setV] = useState(initial);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [submitCount, setSubmitCount] = useState(0);
  const set = <K extends keyof ServiceFormValues>(key: K, value: ServiceFormValues[K]) => setV((old) => ({ ...old, [key]: value }));
  const errors: FieldErrors = { ...clientErrors, ...(isApiError(serverError) ? problemFieldErrors(serverError) : {}) };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitCount((n) => n + 1);
    const result = validate(serviceCreateBody, toBody(v));
    if (!result.ok) {
      setClientErrors(result.errors);
      return;
    }
    setClientErrors({});
    onSubmit(result.data);
  };

  const previewService: Service = {
    id: "00000000-0000-0000-0000-000000000000",
    source_id: "",
    source: "spie",
    status: (v.status as Service["status"]) ?? "draft",
    suspended_until: null,
    structure: { id: preview.structure.id, nom: preview.structure.nom, commune: null, code_insee: null },
    nom: v.nom || "Nom du service",
    description: v.description || "Description du service",
    type: v.type || null,
    thematiques: v.thematiques,
    spie_thematiques: [],
    frais: v.frais || null,
    frais_precisions: null,
    publics: v.publics,
    publics_precisions: null,
    conditions_acces: null,
    adresse: v.adresse || null,
    complement_adresse: v.complement_adresse || null,
    code_postal: v.commune?.postal_code || null,
    code_insee: v.commune?.code ?? null,
    commune: v.commune?.name ?? null,
    latitude: null,
    longitude: null,
    telephone: v.telephone || null,
    courriel: v.courriel || null,
    contact_nom_prenom: null,
    modes_accueil: v.modes_accueil,
    zone_eligibilite: [],
    modes_mobilisation: v.modes_mobilisation,
    lien_mobilisation: null,
    mobilisable_par: v.mobilisable_par,
    mobilisation_precisions: null,
    volume_horaire_hebdomadaire: null,
    nombre_semaines: null,
    horaires_accueil: null,
    lien_source: null,
    date_maj: new Date().toISOString().slice(0, 10),
    stale: false,
    remote: v.modes_accueil.includes("a-distance") && !v.modes_accueil.includes("en-presentiel"),
    permissions: { update: false, suggest: false },
  };

  const fields = Object.fromEntries(Object.entries(FIELD_IDS).map(([key, id]) => [key, { id, label: FIELD_LABELS[key] ?? key }]));
  const formError = serverError && !(isApiError(serverError) && serverError.fieldErrors.length > 0) ? (isApiError(serverError) ? (serverError.problem.detail ?? serverError.problem.title) : "Une erreur inattendue est survenue.") : null;

  return (
    <div className="spie-form-with-preview">
      <form onSubmit={submit} noValidate aria-labelledby="service-form-title">
        <ErrorSummary errors={errors} fields={fields} formError={formError} focusKey={submitCount} />
        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend", "fr-h5")}>Le service</legend>
          <div className="spie-fieldset-body">
            <Input label="Nom du service" hintText="Entre 3 et 150 caractères, sans point final. Exemple : « Atelier vélo solidaire »." {...errorState(errorFor(errors, "nom"))} nativeInputProps={{ id: "service-nom", value: v.nom, onChange: (e) => set("nom", e.target.value) }} />
            <Input
              label="Description"
              hintText="Idéalement entre 200 et 2 000 caractères, phrases courtes et langage simple. N'y écrivez aucune information sur une personne."
              textArea
              {...errorState(errorFor(errors, "description"))}
              nativeTextAreaProps={{ id: "service-description", value: v.description, rows: 5, onChange: (e) => set("description", e.target.value) }}
            />
            <Select label="Type de service" {...errorState(errorFor(errors, "type"))} nativeSelectProps={{ id: "service-type", value: v.type, onChange: (e) => set("type", e.target.value) }}>
              <option value="">Non précisé</option>
              {TYPES_SERVICE.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label} — {t.description}
                </option>
              ))}
            </Select>
            <fieldset className={fr.cx("fr-fieldset")} id="service-thematiques" aria-describedby="service-thematiques-hint">
              <legend className={fr.cx("fr-fieldset__legend")}>Thématiques</legend>
              <div className="spie-fieldset-body">
                <p id="service-thematiques-hint" className={fr.cx("fr-hint-text")}>
                  Ouvrez une catégorie pour cocher ses thématiques.
                  {errorFor(errors, "thematiques") && <span className={fr.cx("fr-error-text")}>{errorFor(errors, "thematiques")}</span>}
                </p>
                {THEMATIQUE_CATEGORIES.map((c) => {
                  const chosen = v.thematiques.filter((t) => c.values.some((x) => x.value === t)).length;
                  return (
                    <details key={c.value} className="spie-details" open={chosen > 0}>
                      <summary>
                        {c.label}
                        {chosen > 0 ? ` (${chosen} cochée${chosen > 1 ? "s" : ""})` : ""}
                      </summary>
                      <CheckboxGroup id={`thematiques-${c.value}`} legend={<span className={fr.cx("fr-sr-only")}>{c.label}</span>} list={c.values} value={v.thematiques} onChange={(list) => set("thematiques", list)} />
                    </details>
                  );
                })}
              </div>
            </fieldset>
          </div>
        </fieldset>

        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend", "fr-h5")}>Pour qui</legend>
          <div className="spie-fieldset-body">
            <CheckboxGroup id="service-publics" legend="Publics" hint="« Tous publics » s'utilise seul." list={PUBLICS} value={v.publics} onChange={(list) => set("publics", list)} error={errorFor(errors, "publics")} />
            <Input label="Précisions sur les publics (facultatif)" nativeInputProps={{ id: "service-publics-precisions", value: v.publics_precisions, onChange: (e) => set("publics_precisions", e.target.value) }} />
            <Input label="Conditions d'accès (facultatif)" hintText="Prérequis ou justificatifs à présenter." nativeInputProps={{ id: "service-conditions", value: v.conditions_acces, onChange: (e) => set("conditions_acces", e.target.value) }} />
            <Select label="Frais" {...errorState(errorFor(errors, "frais"))} nativeSelectProps={{ id: "service-frais", value: v.frais, onChange: (e) => set("frais", e.target.value) }}>
              <option value="">Non précisé</option>
              {FRAIS.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </Select>
            <Input label="Précisions sur les frais (facultatif)" nativeInputProps={{ id: "service-frais-precisions", value: v.frais_precisions, onChange: (e) => set("frais_precisions", e.target.value) }} />
          </div>
        </fieldset>

        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend", "fr-h5")}>Où et comment</legend>
          <div className="spie-fieldset-body">
            <CheckboxGroup id="service-accueil" legend="Modes d'accueil" list={MODES_ACCUEIL} value={v.modes_accueil} onChange={(list) => set("modes_accueil", list)} error={errorFor(errors, "modes_accueil")} />
            <Input label="Adresse (facultatif)" nativeInputProps={{ id: "service-adresse", value: v.adresse, autoComplete: "street-address", onChange: (e) => set("adresse", e.target.value) }} />
            <Input label="Complément d'adresse (facultatif)" nativeInputProps={{ id: "service-complement", value: v.complement_adresse, onChange: (e) => set("complement_adresse", e.target.value) }} />
            <CommuneCombobox id="service-commune" label="Commune (facultatif pour un service à distance)" value={v.commune} onChange={(c) => set("commune", c)} error={errorFor(errors, "code_insee")} />
            <Input
              label="Zone d'éligibilité (facultatif)"
              hintText="Codes séparés par des virgules : commune (02408), département (02), EPCI (9 chiffres) ou « france ». Vide : éligible partout."
              {...errorState(errorFor(errors, "zone_eligibilite"))}
              nativeInputProps={{ id: "service-zone", value: v.zone_eligibilite, onChange: (e) => set("zone_eligibilite", e.target.value) }}
            />
            <Input label="Horaires d'accueil (facultatif)" hintText="Format OpenStreetMap, par exemple « Mo-Fr 09:00-12:00 »." nativeInputProps={{ id: "service-horaires", value: v.horaires_accueil, onChange: (e) => set("horaires_accueil", e.target.value) }} />
            <CheckboxGroup id="service-mobilisation" legend="Modes de mobilisation" list={MODES_MOBILISATION} value={v.modes_mobilisation} onChange={(list) => set("modes_mobilisation", list)} error={errorFor(errors, "modes_mobilisation")} />
            <CheckboxGroup id="service-mobilisable" legend="Mobilisable par" list={PERSONNES_MOBILISATRICES} value={v.mobilisable_par} onChange={(list) => set("mobilisable_par", list)} error={errorFor(errors, "mobilisable_par")} />
            <Input label="Précisions sur la mobilisation (facultatif)" nativeInputProps={{ id: "service-mobilisation-precisions", value: v.mobilisation_precisions, onChange: (e) => set("mobilisation_precisions", e.target.value) }} />
            <Input label="Lien pour mobiliser le service (facultatif)" hintText="Adresse complète, commençant par https://" {...errorState(errorFor(errors, "lien_mobilisation"))} nativeInputProps={{ id: "service-lien", type: "url", value: v.lien_mobilisation, onChange: (e) => set("lien_mobilisation", e.target.value) }} />
            <Input label="Téléphone (facultatif)" {...errorState(errorFor(errors, "telephone"))} nativeInputProps={{ id: "service-telephone", type: "tel", value: v.telephone, onChange: (e) => set("telephone", e.target.value) }} />
            <Input label="Courriel (facultatif)" {...errorState(errorFor(errors, "courriel"))} nativeInputProps={{ id: "service-courriel", type: "email", value: v.courriel, onChange: (e) => set("courriel", e.target.value) }} />
            <Input label="Personne à contacter (facultatif)" nativeInputProps={{ id: "service-contact", value: v.contact_nom_prenom, onChange: (e) => set("contact_nom_prenom", e.target.value) }} />
          </div>
        </fieldset>

        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend", "fr-h5")}>Publication</legend>
          <div className="spie-fieldset-body">
            <Select label="État" hint="Seuls les services publiés apparaissent dans l'annuaire." nativeSelectProps={{ id: "service-etat", value: v.status, onChange: (e) => set("status", e.target.value) }}>
              {SERVICE_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {SERVICE_STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
            {v.status === "suspended" && (
              <Input label="Suspendu jusqu'au" hintText="Le service réapparaît le lendemain." {...errorState(errorFor(errors, "suspended_until"))} nativeInputProps={{ id: "service-suspendu", type: "date", value: v.suspended_until, onChange: (e) => set("suspended_until", e.target.value) }} />
            )}
          </div>
        </fieldset>
        <Button type="submit" disabled={pending}>
          {submitLabel}
        </Button>
      </form>
      <aside aria-labelledby="apercu-titre" className="spie-preview">
        <h2 id="apercu-titre" className={fr.cx("fr-h6")}>
          Aperçu dans l'annuaire
        </h2>
        <ServiceCard service={previewService} />
      </aside>
    </div>
  );
}
