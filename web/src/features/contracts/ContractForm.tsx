// Writing a contract: objectives, commitments of both sides, weekly activity target, dates, and
// the signature when it is already signed. Validated with the API's schema.
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { CONTRACT_TYPES, CONTRACT_TYPE_LABELS, DEFAULT_WEEKLY_HOURS, SIGNATURE_METHODS, SIGNATURE_METHOD_LABELS, type ContractType, type SignatureMethod } from "../../../../common/domain/contracts.ts";
import { addMonths, todayIso } from "../../../../common/domain/dates.ts";
import { contractCreateBody } from "../../../../common/schemas/contracts.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { useCreateContract } from "../pathway/api.ts";

const FIELDS: Record<string, FormField> = {
  type: { id: "contrat-type", label: "Type de contrat" },
  objectives: { id: "contrat-objectives", label: "Objectifs" },
  person_commitments: { id: "contrat-person_commitments", label: "Engagements de la personne" },
  structure_commitments: { id: "contrat-structure_commitments", label: "Engagements de la structure" },
  weekly_hours: { id: "contrat-weekly_hours", label: "Heures d'activité par semaine" },
  weekly_hours_reason: { id: "contrat-weekly_hours_reason", label: "Motif de la réduction ou de la dispense" },
  starts_on: { id: "contrat-starts_on", label: "Début" },
  ends_on: { id: "contrat-ends_on", label: "Fin" },
  signed_on: { id: "contrat-signed_on", label: "Date de signature" },
  signature_method: { id: "contrat-signature_method", label: "Mode de signature" },
};

export function ContractForm({ personId, onDone, onCancel }: { personId: string; onDone: (message: string) => void; onCancel: () => void }) {
  const create = useCreateContract(personId);
  const today = todayIso();
  const [v, setV] = useState({
    type: "contrat_engagement" as ContractType,
    objectives: "",
    person_commitments: "",
    structure_commitments: "",
    weekly_hours: String(DEFAULT_WEEKLY_HOURS),
    weekly_hours_reason: "",
    starts_on: today,
    ends_on: addMonths(today, 6),
    signed_on: "",
    signature_method: "" as SignatureMethod | "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const set = (key: keyof typeof v, value: string) => setV((c) => ({ ...c, [key]: value }));
  const err = (key: string) => errorFor(errors, key);
  const fail = (e: FieldErrors, message: string | null) => {
    setErrors(e);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };
  const hours = Number(v.weekly_hours);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = {
      type: v.type,
      objectives: v.objectives.trim() || null,
      person_commitments: v.person_commitments.trim() || null,
      structure_commitments: v.structure_commitments.trim() || null,
      weekly_hours: v.weekly_hours.trim() === "" ? undefined : hours,
      weekly_hours_reason: v.weekly_hours_reason.trim() || null,
      starts_on: v.starts_on,
      ends_on: v.ends_on,
      signed_on: v.signed_on || null,
      signature_method: v.signature_method || null,
    };
    const result = validate(contractCreateBody, body);
    if (!result.ok) return fail(result.errors, null);
    try {
      await create.mutateAsync(body);
      onDone("Contrat enregistré.");
    } catch (error) {
      if (isApiError(error)) {
        const e = problemFieldErrors(error);
        fail(e, Object.keys(e).length ? null : (error.problem.detail ?? error.problem.title));
      } else fail({}, "Une erreur inattendue est survenue. Réessayez.");
    }
  };

  const area = (key: "objectives" | "person_commitments" | "structure_commitments", hint?: string) => (
    <Input label={FIELDS[key]!.label} hintText={hint} textArea {...errorState(err(key))} nativeTextAreaProps={{ id: FIELDS[key]!.id, value: v[key], rows: 3, maxLength: 4000, onChange: (e) => set(key, e.target.value) }} />
  );
  const date = (key: "starts_on" | "ends_on" | "signed_on", hint = "Format : jj/mm/aaaa") => (
    <Input label={FIELDS[key]!.label} hintText={hint} {...errorState(err(key))} nativeInputProps={{ id: FIELDS[key]!.id, type: "date", value: v[key], onChange: (e) => set(key, e.target.value) }} />
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Écrire un contrat" data-testid="contract-form">
      <ErrorSummary errors={errors} fields={FIELDS} formError={formError} focusKey={focusKey} id="contrat-erreurs" />
      <Select label="Type de contrat" hint="Depuis 2024, le contrat d'engagement remplace les autres" {...errorState(err("type"))} nativeSelectProps={{ id: FIELDS.type!.id, value: v.type, onChange: (e) => set("type", e.target.value) }}>
        {CONTRACT_TYPES.map((t) => (
          <option key={t} value={t}>
            {CONTRACT_TYPE_LABELS[t]}
          </option>
        ))}
      </Select>
      {area("objectives", "Les objectifs du parcours, en quelques lignes")}
      <div className="spie-two-cols">
        {area("person_commitments")}
        {area("structure_commitments")}
      </div>
      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-text--regular")}>Activité hebdomadaire</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          <Input
            label="Heures d'activité par semaine"
            hintText={`${DEFAULT_WEEKLY_HOURS} heures par défaut ; 0 pour une dispense. En dessous de ${DEFAULT_WEEKLY_HOURS} heures, un motif est obligatoire.`}
            {...errorState(err("weekly_hours"))}
            nativeInputProps={{ id: FIELDS.weekly_hours!.id, inputMode: "numeric", value: v.weekly_hours, onChange: (e) => set("weekly_hours", e.target.value) }}
          />
        </div>
        {(Number.isNaN(hours) || hours < DEFAULT_WEEKLY_HOURS) && (
          <div className={fr.cx("fr-fieldset__element")}>
            <Input
              label="Motif de la réduction ou de la dispense"
              hintText="Par exemple : santé, parent isolé sans solution de garde"
              textArea
              {...errorState(err("weekly_hours_reason"))}
              nativeTextAreaProps={{ id: FIELDS.weekly_hours_reason!.id, value: v.weekly_hours_reason, rows: 2, onChange: (e) => set("weekly_hours_reason", e.target.value) }}
            />
          </div>
        )}
      </fieldset>
      <div className="spie-two-cols">
        {date("starts_on")}
        {date("ends_on")}
      </div>
      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-text--regular")}>Signature (si le contrat est déjà signé)</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          <div className="spie-two-cols">
            {date("signed_on", "Laissez vide s'il reste à signer")}
            <Select label="Mode de signature" {...errorState(err("signature_method"))} nativeSelectProps={{ id: FIELDS.signature_method!.id, value: v.signature_method, onChange: (e) => set("signature_method", e.target.value) }}>
              <option value="">Pas encore signé</option>
              {SIGNATURE_METHODS.map((m) => (
                <option key={m} value={m}>
                  {SIGNATURE_METHOD_LABELS[m]}
                </option>
              ))}
            </Select>
          </div>
        </div>
      </fieldset>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Enregistrement…" : "Enregistrer le contrat"}
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
