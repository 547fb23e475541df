// Writing a contract (objectives, commitments of both sides, weekly activity target, dates, and the
// signature when it is already signed), correcting a draft, or writing an avenant to a signed
// contract (the changed fields and the reason). Validated with the API's schemas.
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { CONTRACT_TYPES, CONTRACT_TYPE_LABELS, DEFAULT_WEEKLY_HOURS, SIGNATURE_METHODS, SIGNATURE_METHOD_LABELS, type ContractType, type SignatureMethod } from "../../../../common/domain/contracts.ts";
import { addMonths, todayIso } from "../../../../common/domain/dates.ts";
import { contractCreateBody, type Contract } from "../../../../common/schemas/contracts.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { DraftNotice, useFormDraft } from "../../shared/useFormDraft.tsx";
import { useAmendContract, useCreateContract, useUpdateContract } from "../pathway/api.ts";

const LABELS = {
  type: "Type de contrat",
  objectives: "Objectifs",
  person_commitments: "Engagements de la personne",
  structure_commitments: "Engagements de la structure",
  weekly_hours: "Heures d'activité par semaine",
  weekly_hours_reason: "Motif de la réduction ou de la dispense",
  starts_on: "Début",
  ends_on: "Fin",
  signed_on: "Date de signature",
  signature_method: "Mode de signature",
  reason: "Motif de l'avenant",
};

/** What the form does: write a new contract, correct a draft, or write an avenant. */
export type ContractFormMode = { kind: "create" } | { kind: "edit"; contract: Contract } | { kind: "amend"; contract: Contract };

const CONTENT = ["type", "objectives", "person_commitments", "structure_commitments", "weekly_hours", "weekly_hours_reason", "starts_on", "ends_on"] as const;

export function ContractForm({ personId, mode, onDone, onCancel }: { personId: string; mode: ContractFormMode; onDone: (message: string) => void; onCancel: () => void }) {
  const create = useCreateContract(personId);
  const update = useUpdateContract(personId);
  const amend = useAmendContract(personId);
  const pending = create.isPending || update.isPending || amend.isPending;
  const today = todayIso();
  const c = mode.kind === "create" ? null : mode.contract;
  const prefix = c ? `contrat-${c.id.slice(0, 8)}` : "contrat";
  const FIELDS: Record<string, FormField> = Object.fromEntries(Object.entries(LABELS).map(([k, label]) => [k, { id: `${prefix}-${k}`, label }]));
  // Kept as a draft in the browser until saved or cancelled (shared/useFormDraft.tsx).
  const draftName = c ? `contrat:${c.id}:${mode.kind === "edit" ? "modifier" : "avenant"}` : "contrat:nouveau";
  const draft = useFormDraft(draftName, personId, {
    type: (c?.type ?? "contrat_engagement") as ContractType,
    objectives: c?.objectives ?? "",
    person_commitments: c?.person_commitments ?? "",
    structure_commitments: c?.structure_commitments ?? "",
    weekly_hours: String(c?.weekly_hours ?? DEFAULT_WEEKLY_HOURS),
    weekly_hours_reason: c?.weekly_hours_reason ?? "",
    starts_on: c?.starts_on ?? today,
    ends_on: c?.ends_on ?? addMonths(today, 6),
    signed_on: "",
    signature_method: "" as SignatureMethod | "",
    reason: "",
  }, null);
  const { values: v, setValues: setV } = draft;
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
    const result = validate(contractCreateBody, mode.kind === "create" ? body : { ...body, signed_on: null, signature_method: null });
    const reasonMissing = mode.kind === "amend" && !v.reason.trim();
    if (!result.ok || reasonMissing) return fail({ ...(result.ok ? {} : result.errors), ...(reasonMissing ? { reason: "Indiquez le motif de l'avenant" } : {}) }, null);
    try {
      if (mode.kind === "create") {
        await create.mutateAsync(body);
        draft.saved();
        onDone("Contrat enregistré.");
      } else if (mode.kind === "edit") {
        const { signed_on: _s, signature_method: _m, ...content } = body;
        await update.mutateAsync({ contractId: mode.contract.id, base_version: mode.contract.version, ...content });
        draft.saved();
        onDone("Brouillon corrigé.");
      } else {
        const changed = Object.fromEntries(CONTENT.filter((k) => (body[k] ?? null) !== (mode.contract[k] ?? null)).map((k) => [k, body[k]]));
        await amend.mutateAsync({ contractId: mode.contract.id, base_version: mode.contract.version, reason: v.reason.trim(), ...changed });
        draft.saved();
        onDone("Avenant enregistré.");
      }
    } catch (error) {
      if (isApiError(error)) {
        const e = problemFieldErrors(error);
        fail(e, Object.keys(e).length ? null : (error.problem.detail ?? error.problem.title));
      } else fail({}, "Une erreur inattendue est survenue. Réessayez.");
    }
  };

  const area = (key: "objectives" | "person_commitments" | "structure_commitments", hint?: string) => (
    <Input label={FIELDS[key]!.label} hintText={hint} textArea {...errorState(err(key))} nativeTextAreaProps={{ id: FIELDS[key]!.id, value: v[key], rows: 3, onChange: (e) => set(key, e.target.value) }} />
  );
  const date = (key: "starts_on" | "ends_on" | "signed_on", hint = "Format : jj/mm/aaaa") => (
    <Input label={FIELDS[key]!.label} hintText={hint} {...errorState(err(key))} nativeInputProps={{ id: FIELDS[key]!.id, type: "date", value: v[key], onChange: (e) => set(key, e.target.value) }} />
  );

  return (
    <form onSubmit={submit} noValidate aria-label={mode.kind === "create" ? "Écrire un contrat" : mode.kind === "edit" ? "Corriger le brouillon" : "Écrire un avenant"} data-testid={mode.kind === "create" ? "contract-form" : `contract-${mode.kind}-form`}>
      <DraftNotice draft={draft} what={mode.kind === "amend" ? "d'avenant" : "du contrat"} />
      <ErrorSummary errors={errors} fields={FIELDS} formError={formError} focusKey={focusKey} id={`${prefix}-erreurs`} />
      {mode.kind === "amend" && (
        <Input
          label={LABELS.reason}
          hintText="Ce qui a changé dans la situation de la personne ou dans le parcours, et justifie l'avenant. Modifiez ensuite les éléments du contrat concernés."
          textArea
          {...errorState(err("reason"))}
          nativeTextAreaProps={{ id: FIELDS.reason!.id, value: v.reason, rows: 2, onChange: (e) => set("reason", e.target.value) }}
        />
      )}
      <Select label="Type de contrat" hint="Depuis 2025, le contrat d'engagement remplace les autres" {...errorState(err("type"))} nativeSelectProps={{ id: FIELDS.type!.id, value: v.type, onChange: (e) => set("type", e.target.value) }}>
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
      {mode.kind === "create" && (
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
      )}
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? "Enregistrement…" : mode.kind === "create" ? "Enregistrer le contrat" : mode.kind === "edit" ? "Enregistrer le brouillon" : "Enregistrer l'avenant"}
          </Button>
        </li>
        <li>
          <Button
            type="button"
            priority="secondary"
            onClick={() => {
              draft.discard();
              onCancel();
            }}
          >
            Annuler
          </Button>
        </li>
      </ul>
    </form>
  );
}
