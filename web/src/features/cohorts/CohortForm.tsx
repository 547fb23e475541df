// Create or edit a cohort: name, territory, period, expected outcomes and inclusion criteria, checked
// with the shared zod schema (common/schemas/cohorts.ts) before the server checks them again.
import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { Tag } from "@codegouvfr/react-dsfr/Tag.js";
import { cohortCreateBody, cohortUpdateBody, type Cohort, type CohortCriteria } from "../../../../common/schemas/cohorts.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary } from "../../shared/ErrorSummary.tsx";
import { plural } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { useDebounced } from "../../shared/useDebounced.ts";
import { usePerimeterSearch } from "../territories/api.ts";
import { useCommuneSearch } from "../territories/communes.ts";
import { useCreateCohort, useUpdateCohort } from "./api.ts";

type YesNo = "" | "oui" | "non";
const toYesNo = (v: boolean | undefined): YesNo => (v === undefined ? "" : v ? "oui" : "non");
const fromYesNo = (v: YesNo): boolean | undefined => (v === "" ? undefined : v === "oui");

const FIELDS = {
  territory_id: { id: "cohorte-territoire", label: "Territoire" },
  name: { id: "cohorte-nom", label: "Nom" },
  starts_on: { id: "cohorte-debut", label: "Début de la période" },
  ends_on: { id: "cohorte-fin", label: "Fin de la période" },
  expected_outcomes: { id: "cohorte-resultats", label: "Résultats attendus" },
  "criteria.age_min": { id: "critere-age-min", label: "Âge minimum" },
  "criteria.age_max": { id: "critere-age-max", label: "Âge maximum" },
  "criteria.rsa_beneficiary": { id: "critere-rsa", label: "Bénéficiaire du RSA" },
  "criteria.single_parent": { id: "critere-parent-isole", label: "Parent isolé" },
  "criteria.rqth": { id: "critere-rqth", label: "RQTH" },
  "criteria.left_action_without_solution": { id: "critere-sans-solution", label: "Sortant·e d'une action sans solution" },
  "criteria.commune_codes": { id: "critere-lieux", label: "Communes" },
  "criteria.epci_codes": { id: "critere-lieux", label: "EPCI" },
  "criteria.rsa_right_opened_from": { id: "critere-rsa-du", label: "Droit RSA ouvert à partir du" },
  "criteria.rsa_right_opened_to": { id: "critere-rsa-au", label: "Droit RSA ouvert jusqu'au" },
};

interface Place {
  kind: "commune" | "epci";
  code: string;
  name: string;
}

function PlacePicker({ value, onChange, error }: { value: Place[]; onChange: (v: Place[]) => void; error?: string }) {
  const [kind, setKind] = useState<Place["kind"]>("commune");
  const [text, setText] = useState("");
  const q = useDebounced(text, 200);
  const communes = useCommuneSearch(kind === "commune" ? q : "", 10);
  const epcis = usePerimeterSearch(kind === "epci" ? q : "", "epci");
  const results: Place[] =
    kind === "commune"
      ? (communes.data ?? []).map((c) => ({ kind: "commune" as const, code: c.code, name: `${c.name} (${c.postal_codes[0] ?? c.code})` }))
      : (epcis.data ?? []).map((a) => ({ kind: "epci" as const, code: a.code, name: a.name }));
  const shown = q.trim().length >= 2 ? results.filter((r) => !value.some((v) => v.kind === r.kind && v.code === r.code)) : [];
  return (
    <fieldset className={fr.cx("fr-fieldset", error ? "fr-fieldset--error" : undefined)} id="critere-lieux" aria-describedby={error ? "critere-lieux-error" : undefined}>
      <legend className={fr.cx("fr-fieldset__legend", "fr-text--regular")}>
        Lieu de résidence
        <span className={fr.cx("fr-hint-text")}>Communes ou intercommunalités (EPCI) ; aucune : tout le territoire</span>
      </legend>
      <div className={fr.cx("fr-fieldset__element")}>
        {value.length > 0 && (
          <ul className={fr.cx("fr-tags-group")} aria-label="Lieux choisis" data-testid="cohort-places">
            {value.map((p) => (
              <li key={`${p.kind}:${p.code}`}>
                <Tag dismissible nativeButtonProps={{ type: "button", onClick: () => onChange(value.filter((v) => v !== p)), "aria-label": `Retirer ${p.name}` }}>
                  {p.kind === "epci" ? `EPCI : ${p.name}` : p.name}
                </Tag>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className={fr.cx("fr-fieldset__element")}>
        <Select label="Type de lieu à ajouter" nativeSelectProps={{ id: "lieu-type", value: kind, onChange: (e) => setKind(e.target.value as Place["kind"]) }}>
          <option value="commune">Commune</option>
          <option value="epci">EPCI (intercommunalité)</option>
        </Select>
        <Input
          label={kind === "commune" ? "Chercher une commune" : "Chercher un EPCI"}
          hintText={kind === "commune" ? "Nom ou code postal" : "Nom ou numéro SIREN"}
          nativeInputProps={{ id: "lieu-recherche", type: "search", value: text, onChange: (e) => setText(e.target.value), autoComplete: "off" }}
        />
        <div role="status" aria-live="polite" className={fr.cx("fr-text--sm")}>
          {shown.length > 0 ? plural(shown.length, "résultat", "résultats") : ""}
        </div>
        {shown.length > 0 && (
          <ul className="spie-plain-list" data-testid="place-results">
            {shown.map((r) => (
              <li key={`${r.kind}:${r.code}`}>
                <Button
                  type="button"
                  priority="tertiary"
                  size="small"
                  iconId="fr-icon-add-line"
                  onClick={() => {
                    onChange([...value, r]);
                    setText("");
                  }}
                >
                  {`Ajouter ${r.name}`}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && (
        <p id="critere-lieux-error" className={fr.cx("fr-error-text")}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

function YesNoSelect({ id, label, hint, value, onChange, error }: { id: string; label: string; hint?: string; value: YesNo; onChange: (v: YesNo) => void; error?: string }) {
  return (
    <Select label={label} hint={hint} {...errorState(error)} nativeSelectProps={{ id, value, onChange: (e) => onChange(e.target.value as YesNo) }}>
      <option value="">Indifférent</option>
      <option value="oui">Oui</option>
      <option value="non">Non</option>
    </Select>
  );
}

const intOrUndefined = (s: string) => (s.trim() === "" ? undefined : Number(s));

export function CohortForm({ cohort, territories }: { cohort?: Cohort; territories: { id: string; name: string }[] }) {
  const navigate = useNavigate();
  const create = useCreateCohort();
  const update = useUpdateCohort(cohort?.id ?? "");
  const mutation = cohort ? update : create;
  const c = cohort?.criteria ?? {};
  const [territoryId, setTerritoryId] = useState(cohort?.territory_id ?? territories[0]?.id ?? "");
  const [name, setName] = useState(cohort?.name ?? "");
  const [startsOn, setStartsOn] = useState(cohort?.starts_on ?? "");
  const [endsOn, setEndsOn] = useState(cohort?.ends_on ?? "");
  const [outcomes, setOutcomes] = useState(cohort?.expected_outcomes ?? "");
  const [ageMin, setAgeMin] = useState(c.age_min?.toString() ?? "");
  const [ageMax, setAgeMax] = useState(c.age_max?.toString() ?? "");
  const [rsa, setRsa] = useState<YesNo>(toYesNo(c.rsa_beneficiary));
  const [singleParent, setSingleParent] = useState<YesNo>(toYesNo(c.single_parent));
  const [rqth, setRqth] = useState<YesNo>(toYesNo(c.rqth));
  const [leftAction, setLeftAction] = useState<YesNo>(toYesNo(c.left_action_without_solution));
  const [places, setPlaces] = useState<Place[]>(cohort?.places ?? []);
  const [rsaFrom, setRsaFrom] = useState(c.rsa_right_opened_from ?? "");
  const [rsaTo, setRsaTo] = useState(c.rsa_right_opened_to ?? "");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [focusKey, setFocusKey] = useState(0);
  const serverError = mutation.error;
  const errors: FieldErrors = { ...clientErrors, ...(isApiError(serverError) ? problemFieldErrors(serverError) : {}) };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const criteria: Record<string, unknown> = {
      age_min: intOrUndefined(ageMin),
      age_max: intOrUndefined(ageMax),
      rsa_beneficiary: fromYesNo(rsa),
      single_parent: fromYesNo(singleParent),
      rqth: fromYesNo(rqth),
      left_action_without_solution: fromYesNo(leftAction),
      commune_codes: places.some((p) => p.kind === "commune") ? places.filter((p) => p.kind === "commune").map((p) => p.code) : undefined,
      epci_codes: places.some((p) => p.kind === "epci") ? places.filter((p) => p.kind === "epci").map((p) => p.code) : undefined,
      rsa_right_opened_from: rsaFrom || undefined,
      rsa_right_opened_to: rsaTo || undefined,
    };
    for (const key of Object.keys(criteria)) if (criteria[key] === undefined) delete criteria[key];
    const fields = { name, criteria: criteria as CohortCriteria, starts_on: startsOn, ends_on: endsOn || null, expected_outcomes: outcomes.trim() || null };
    const result = cohort ? validate(cohortUpdateBody, fields) : validate(cohortCreateBody, { territory_id: territoryId, ...fields });
    if (!result.ok) {
      setClientErrors(result.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    setClientErrors({});
    const onSuccess = (saved: Cohort) => void navigate(`/cohortes/${saved.id}`, { state: { flash: cohort ? "Cohorte enregistrée." : "Cohorte créée." } });
    const onError = () => setFocusKey((k) => k + 1);
    if (cohort) update.mutate(result.data, { onSuccess, onError });
    else create.mutate(result.data as Parameters<typeof create.mutate>[0], { onSuccess, onError });
  };

  return (
    <form onSubmit={submit} noValidate aria-label={cohort ? "Modifier la cohorte" : "Créer une cohorte"}>
      <ErrorSummary errors={errors} fields={FIELDS} formError={isApiError(serverError) && serverError.fieldErrors.length === 0 ? serverError.message : null} focusKey={focusKey} />
      {!cohort && territories.length > 1 && (
        <Select label="Territoire" {...errorState(errorFor(errors, "territory_id"))} nativeSelectProps={{ id: FIELDS.territory_id.id, value: territoryId, onChange: (e) => setTerritoryId(e.target.value) }}>
          {territories.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      )}
      <Input label="Nom de la cohorte" hintText="Exemple : Parents isolés — Laon" {...errorState(errorFor(errors, "name"))} nativeInputProps={{ id: FIELDS.name.id, value: name, onChange: (e) => setName(e.target.value), required: true }} />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Début de la période" {...errorState(errorFor(errors, "starts_on"))} nativeInputProps={{ id: FIELDS.starts_on.id, type: "date", value: startsOn, onChange: (e) => setStartsOn(e.target.value), required: true }} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <Input label="Fin de la période" hintText="Facultative" {...errorState(errorFor(errors, "ends_on"))} nativeInputProps={{ id: FIELDS.ends_on.id, type: "date", value: endsOn, onChange: (e) => setEndsOn(e.target.value) }} />
        </div>
      </div>
      <Input
        textArea
        label="Résultats attendus"
        hintText="Facultatif. Exemple : 60 % des personnes en emploi ou en formation à 6 mois"
        {...errorState(errorFor(errors, "expected_outcomes"))}
        nativeTextAreaProps={{ id: FIELDS.expected_outcomes.id, value: outcomes, onChange: (e) => setOutcomes(e.target.value), rows: 3 }}
      />
      <fieldset className={fr.cx("fr-fieldset")} aria-labelledby="criteres-titre">
        <legend id="criteres-titre" className={fr.cx("fr-fieldset__legend", "fr-h4")}>
          Critères d'inclusion
        </legend>
        <p className={fr.cx("fr-fieldset__element", "fr-text--sm")}>Toutes les conditions choisies doivent être remplies. Un critère « Indifférent » ou vide ne filtre pas.</p>
        <div className={fr.cx("fr-fieldset__element")}>
          <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Âge minimum" hintText="En années révolues, le jour de l'évaluation" {...errorState(errorFor(errors, "criteria.age_min"))} nativeInputProps={{ id: FIELDS["criteria.age_min"].id, type: "number", min: 0, max: 120, inputMode: "numeric", value: ageMin, onChange: (e) => setAgeMin(e.target.value) }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Âge maximum" hintText="Inclus" {...errorState(errorFor(errors, "criteria.age_max"))} nativeInputProps={{ id: FIELDS["criteria.age_max"].id, type: "number", min: 0, max: 120, inputMode: "numeric", value: ageMax, onChange: (e) => setAgeMax(e.target.value) }} />
            </div>
          </div>
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <YesNoSelect id={FIELDS["criteria.rsa_beneficiary"].id} label="Bénéficiaire du RSA" hint="Droit ouvert (versable ou suspendu)" value={rsa} onChange={setRsa} error={errorFor(errors, "criteria.rsa_beneficiary")} />
          <YesNoSelect id={FIELDS["criteria.single_parent"].id} label="Parent isolé" value={singleParent} onChange={setSingleParent} error={errorFor(errors, "criteria.single_parent")} />
          <YesNoSelect id={FIELDS["criteria.rqth"].id} label="Reconnaissance de la qualité de travailleur handicapé (RQTH)" value={rqth} onChange={setRqth} error={errorFor(errors, "criteria.rqth")} />
          <YesNoSelect
            id={FIELDS["criteria.left_action_without_solution"].id}
            label="Sortant·e d'une action d'insertion sans solution"
            hint="Une action du plan d'action terminée ou abandonnée, et aucune action prévue ou en cours"
            value={leftAction}
            onChange={setLeftAction}
            error={errorFor(errors, "criteria.left_action_without_solution")}
          />
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <PlacePicker value={places} onChange={setPlaces} error={errorFor(errors, "criteria.commune_codes") ?? errorFor(errors, "criteria.epci_codes")} />
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Droit RSA ouvert à partir du" hintText="Facultatif, date incluse" {...errorState(errorFor(errors, "criteria.rsa_right_opened_from"))} nativeInputProps={{ id: FIELDS["criteria.rsa_right_opened_from"].id, type: "date", value: rsaFrom, onChange: (e) => setRsaFrom(e.target.value) }} />
            </div>
            <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
              <Input label="Droit RSA ouvert jusqu'au" hintText="Facultatif, date incluse" {...errorState(errorFor(errors, "criteria.rsa_right_opened_to"))} nativeInputProps={{ id: FIELDS["criteria.rsa_right_opened_to"].id, type: "date", value: rsaTo, onChange: (e) => setRsaTo(e.target.value) }} />
            </div>
          </div>
        </div>
      </fieldset>
      <Button type="submit" disabled={mutation.isPending}>
        {cohort ? "Enregistrer la cohorte" : "Créer la cohorte"}
      </Button>
    </form>
  );
}
