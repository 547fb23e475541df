// The person's file form, used to create a file and to edit its identity. Validated with the same
// zod schemas as the API (personCreateBody / personUpdateBody); server errors land on their fields.
import { useState, type FormEvent, type ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { RSA_STATUSES, RSA_STATUS_LABELS, SITUATION_FLAGS, SITUATION_FLAG_LABELS } from "../../../../common/domain/person.ts";
import { MEMBERSHIP_ROLE_LABELS } from "../../../../common/domain/roles.ts";
import type { Membership } from "../../../../common/schemas/auth.ts";
import { personCreateBody, personUpdateBody } from "../../../../common/schemas/people.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { CommuneCombobox } from "../territories/CommuneCombobox.tsx";
import { useTerritories } from "../territories/api.ts";
import { extraErrors, PERSON_FIELDS, toCreateBody, toUpdateBody, type PersonFormValues } from "./personFormModel.ts";

interface Props {
  mode: "create" | "edit";
  initialValues: PersonFormValues;
  /** Creation: the memberships the file can be created for (a select when there are several). */
  memberships?: Membership[];
  /** Edition: the masked NIR on file, if any. */
  nirMasked?: string | null;
  submitLabel: string;
  /** Resolves when done; rejects with the API error to show it in the form. */
  onSubmit: (values: PersonFormValues) => Promise<void>;
  onCancel?: () => void;
  /** Rendered just before the buttons (the homonyms of a 409 answer). */
  beforeActions?: ReactNode;
  /** Edition: whether the caller may move the person to another territory (computed by the server). */
  canChangeTerritory?: boolean;
}

const id = (key: string): string => PERSON_FIELDS[key]?.id ?? key;

function invalid(message: string | undefined) {
  return message === undefined ? {} : ({ "aria-invalid": true } as const);
}

export function PersonForm({ mode, initialValues, memberships = [], nirMasked, submitLabel, onSubmit, onCancel, beforeActions, canChangeTerritory = true }: Props) {
  const [values, setValues] = useState<PersonFormValues>(initialValues);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, setPending] = useState(false);
  const territories = useTerritories();

  const set = <K extends keyof PersonFormValues>(key: K, value: PersonFormValues[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const fail = (fieldErrors: FieldErrors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result =
      mode === "create" ? validate(personCreateBody, toCreateBody(values, false)) : validate(personUpdateBody, toUpdateBody(values));
    const clientErrors = { ...(result.ok ? {} : result.errors), ...extraErrors(values) };
    if (Object.keys(clientErrors).length > 0) return fail(clientErrors, null);
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      await onSubmit(values);
    } catch (error) {
      if (isApiError(error)) {
        const fieldErrors = problemFieldErrors(error);
        const hasFields = Object.keys(fieldErrors).length > 0;
        fail(fieldErrors, hasFields ? null : (error.problem.detail ?? error.problem.title));
      } else {
        fail({}, "Une erreur inattendue est survenue. Réessayez.");
      }
    } finally {
      setPending(false);
    }
  };

  const err = (key: string) => errorFor(errors, key);
  const text = (key: keyof PersonFormValues & string, label: string, options: { hint?: string; type?: string; required?: boolean; autoComplete?: string; inputMode?: "numeric" | "tel" | "email" | "text"; errorKey?: string; maxLength?: number } = {}) => {
    const message = err(options.errorKey ?? key);
    return (
      <Input
        label={label}
        hintText={options.hint}
        {...errorState(message)}
        nativeInputProps={{
          id: id(options.errorKey ?? key),
          name: key,
          type: options.type ?? "text",
          required: options.required,
          autoComplete: options.autoComplete ?? "off",
          inputMode: options.inputMode,
          value: values[key] as string,
          onChange: (e) => set(key, e.target.value as never),
          ...invalid(message),
        }}
      />
    );
  };

  const showMembershipSelect = mode === "create" && memberships.length > 1;

  return (
    <form onSubmit={submit} noValidate aria-label={mode === "create" ? "Création du dossier" : "Modification de l'identité"} data-testid="person-form">
      <ErrorSummary errors={errors} fields={PERSON_FIELDS} formError={formError} focusKey={focusKey} />
      <p className={fr.cx("fr-text--sm")} id="personne-champs-obligatoires">
        Seuls les prénoms, le nom et la date de naissance sont obligatoires.
      </p>

      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h4")}>Identité</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("first_names", "Prénoms", { required: true, hint: "Tous les prénoms, dans l'ordre de l'état civil" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>{text("last_name", "Nom", { required: true })}</div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("birth_name", "Nom de naissance", { hint: "S'il est différent du nom" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("birth_date", "Date de naissance", { required: true, type: "date", hint: "Format : jj/mm/aaaa" })}
        </div>
      </fieldset>

      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h4")}>Coordonnées</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("email", "Adresse électronique", { type: "email", inputMode: "email", hint: "Format : nom@domaine.fr" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("phone", "Téléphone", { type: "tel", inputMode: "tel", hint: "Exemple : 06 12 34 56 78" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("street", "Adresse", { hint: "Numéro et voie", errorKey: "address.street" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("complement", "Complément d'adresse", { hint: "Bâtiment, étage, lieu-dit…", errorKey: "address.complement" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <CommuneCombobox
            id={id("address.commune_code")}
            label="Commune"
            value={values.commune}
            onChange={(commune) => set("commune", commune)}
            onTextChange={(value) => set("commune_text", value)}
            error={err("address.commune_code") ?? err("address.postal_code") ?? err("address")}
          />
        </div>
      </fieldset>

      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h4")}>Identifiants</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("caf_number", "Numéro allocataire CAF ou MSA", { hint: "Chiffres et lettres, 20 au plus" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("france_travail_id", "Identifiant France Travail", { hint: "Chiffres et lettres, 20 au plus" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("department_id", "Identifiant départemental", { hint: "Identifiant du logiciel du Département" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <Alert
            severity="warning"
            small
            role={undefined}
            className={fr.cx("fr-mb-2w")}
            description="Le NIR (numéro de sécurité sociale) est facultatif. Ne le saisissez que si une base légale autorise votre structure à le traiter pour cet accompagnement. Il est chiffré et ne sera plus jamais affiché en entier."
          />
          {mode === "edit" && nirMasked && (
            <p className={fr.cx("fr-mb-1w")} data-testid="nir-on-file">
              NIR enregistré : <span className="spie-nir">{nirMasked}</span>
            </p>
          )}
          {text("nir", mode === "edit" && nirMasked ? "Remplacer le NIR (numéro de sécurité sociale)" : "NIR (numéro de sécurité sociale)", {
            hint: "15 caractères, clé comprise. Les espaces sont acceptés.",
          })}
          {mode === "edit" && nirMasked && (
            <Checkbox
              small
              id="personne-nir-suppression"
              options={[
                {
                  label: "Supprimer le NIR enregistré",
                  nativeInputProps: {
                    checked: values.remove_nir,
                    disabled: values.nir.trim() !== "",
                    onChange: (e) => set("remove_nir", e.target.checked),
                  },
                },
              ]}
            />
          )}
        </div>
      </fieldset>

      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h4")}>Droit au RSA</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          {text("rsa_right_opened_on", "Date d'ouverture du droit", { type: "date", hint: "Format : jj/mm/aaaa" })}
        </div>
        <div className={fr.cx("fr-fieldset__element")}>
          <Select
            label="Statut du droit"
            {...errorState(err("rsa_status"))}
            nativeSelectProps={{
              id: id("rsa_status"),
              value: values.rsa_status,
              onChange: (e) => set("rsa_status", e.target.value as PersonFormValues["rsa_status"]),
            }}
          >
            <option value="">Non renseigné</option>
            {RSA_STATUSES.map((status) => (
              <option key={status} value={status}>
                {RSA_STATUS_LABELS[status]}
              </option>
            ))}
          </Select>
        </div>
      </fieldset>

      <div className={fr.cx("fr-mb-3w")}>
        <Checkbox
          id="personne-situation"
          legend={<span className={fr.cx("fr-h4")}>Situation</span>}
          hintText="Cochez ce qui s'applique. N'indiquez jamais de diagnostic médical ni de détail judiciaire."
          {...errorState(err("situation_flags"))}
          options={SITUATION_FLAGS.map((flag) => ({
            label: SITUATION_FLAG_LABELS[flag],
            nativeInputProps: {
              name: "situation_flags",
              value: flag,
              checked: values.situation_flags.includes(flag),
              onChange: (e) =>
                set(
                  "situation_flags",
                  e.target.checked ? [...values.situation_flags, flag] : values.situation_flags.filter((f) => f !== flag),
                ),
            },
          }))}
        />
      </div>

      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h4")}>Rattachement</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          <Select
            label="Territoire"
            hint={canChangeTerritory ? "Facultatif : le territoire SPIE qui suit la personne" : "Seule l'équipe de coordination du territoire peut le changer"}
            {...errorState(err("territory_id"))}
            nativeSelectProps={{
              id: id("territory_id"),
              value: values.territory_id,
              disabled: territories.isPending || !canChangeTerritory,
              onChange: (e) => set("territory_id", e.target.value),
            }}
          >
            <option value="">{territories.isPending ? "Chargement…" : "Aucun territoire"}</option>
            {(territories.data ?? []).map((territory) => (
              <option key={territory.id} value={territory.id}>
                {territory.name}
              </option>
            ))}
          </Select>
        </div>
        {showMembershipSelect && (
          <div className={fr.cx("fr-fieldset__element")}>
            <Select
              label="Au titre de la structure"
              hint="Vous rejoindrez l'équipe d'accompagnement au titre de cette structure."
              {...errorState(err("membership_id"))}
              nativeSelectProps={{
                id: id("membership_id"),
                value: values.membership_id,
                onChange: (e) => set("membership_id", e.target.value),
              }}
            >
              {memberships.map((membership) => (
                <option key={membership.id} value={membership.id}>
                  {membership.structure.name} — {MEMBERSHIP_ROLE_LABELS[membership.role]}
                </option>
              ))}
            </Select>
          </div>
        )}
      </fieldset>

      {beforeActions}

      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Button type="submit" disabled={pending}>
            {pending ? "Enregistrement…" : submitLabel}
          </Button>
        </li>
        {onCancel && (
          <li>
            <Button type="button" priority="secondary" onClick={onCancel} disabled={pending}>
              Annuler
            </Button>
          </li>
        )}
      </ul>
    </form>
  );
}
