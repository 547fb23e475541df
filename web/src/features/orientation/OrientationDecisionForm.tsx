// The decision of an orientation: track, organisme référent, référent, dates and reason. Used for a
// first orientation and to accept a réorientation.
import { useState, type FormEvent, type ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { todayIso } from "../../../../common/domain/dates.ts";
import { decisionNeedsReason, TRACKS, TRACK_LABELS, type Track } from "../../../../common/domain/orientation.ts";
import { orientationBody, type OrientationBody } from "../../../../common/schemas/orientation.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { useOrientationOptions, useRecommendation } from "../pathway/api.ts";

interface Props {
  personId: string;
  idPrefix: string;
  /** Path prefix of the server's field errors ("orientation." when nested). */
  errorPrefix?: string;
  submitLabel: string;
  onSubmit: (body: OrientationBody) => Promise<void>;
  children?: ReactNode;
}

export function OrientationDecisionForm({ personId, idPrefix, errorPrefix = "", submitLabel, onSubmit, children }: Props) {
  const recommendation = useRecommendation(personId);
  const options = useOrientationOptions(personId, true);
  const [track, setTrack] = useState<Track | "">("");
  const [structureId, setStructureId] = useState("");
  const [referentId, setReferentId] = useState("");
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [notifiedOn, setNotifiedOn] = useState(todayIso());
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [pending, setPending] = useState(false);

  const chosenTrack: Track | "" = track || recommendation.data?.track || "";
  const structures = (options.data?.structures ?? []).filter((s) => s.may_decide);
  const structure = structures.find((s) => s.id === structureId);
  const recommended = recommendation.data?.track ?? null;
  /** The API's rule (common/domain/orientation.ts): a reason when the decision differs, or when nothing was recommended. */
  const needsReason = Boolean(recommendation.data && chosenTrack && decisionNeedsReason(chosenTrack, recommended));
  const id = (key: string) => `${idPrefix}-${key}`;
  const fields: Record<string, FormField> = {
    track: { id: `${id("track")}-0`, label: "Parcours" },
    structure_id: { id: id("structure_id"), label: "Organisme référent" },
    referent_membership_id: { id: id("referent_membership_id"), label: "Référent·e unique" },
    decided_on: { id: id("decided_on"), label: "Date de la décision" },
    notified_on: { id: id("notified_on"), label: "Date de notification à la personne" },
    reason: { id: id("reason"), label: "Raison de la décision" },
  };

  const fail = (e: FieldErrors, message: string | null) => {
    setErrors(e);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { track: chosenTrack, structure_id: structureId, referent_membership_id: referentId || null, decided_on: decidedOn, notified_on: notifiedOn || null, reason: reason.trim() || null };
    const result = validate(orientationBody, body);
    const extra: FieldErrors =
      needsReason && !reason.trim() ? { reason: recommended ? "La décision diffère de la recommandation : donnez-en la raison." : "Aucune orientation n'est recommandée : donnez la raison de la décision." } : {};
    if (!result.ok || Object.keys(extra).length) return fail({ ...(result.ok ? {} : result.errors), ...extra }, null);
    setPending(true);
    try {
      await onSubmit(result.data);
    } catch (error) {
      if (isApiError(error)) {
        const e = Object.fromEntries(Object.entries(problemFieldErrors(error)).map(([k, v]) => [k.startsWith(errorPrefix) ? k.slice(errorPrefix.length) : k, v]));
        fail(e, Object.keys(e).length ? null : (error.problem.detail ?? error.problem.title));
      } else fail({}, "Une erreur inattendue est survenue. Réessayez.");
    } finally {
      setPending(false);
    }
  };

  const err = (key: string) => errorFor(errors, key);
  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel} data-testid={`${idPrefix}-form`}>
      <ErrorSummary errors={errors} fields={fields} formError={formError} focusKey={focusKey} id={id("erreurs")} />
      {children}
      <RadioButtons
        legend="Parcours"
        hintText={recommended ? `Recommandé : ${TRACK_LABELS[recommended]}` : recommendation.data ? "Pas assez d'éléments pour recommander un parcours" : undefined}
        name={id("track")}
        id={id("track")}
        {...errorState(err("track"))}
        options={TRACKS.map((t) => ({
          label: `${TRACK_LABELS[t]}${recommended === t ? " — recommandé" : ""}`,
          nativeInputProps: { value: t, checked: chosenTrack === t, onChange: () => setTrack(t) },
        }))}
      />
      <Select
        label="Organisme référent"
        hint={structures.length === 0 && options.isSuccess ? "Aucune structure du territoire que vous puissiez choisir" : undefined}
        {...errorState(err("structure_id"))}
        nativeSelectProps={{ id: id("structure_id"), value: structureId, onChange: (e) => {
            setStructureId(e.target.value);
            setReferentId("");
          },
        }}
      >
        <option value="">{options.isPending ? "Chargement…" : "Choisir une structure"}</option>
        {structures.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      <Select
        label="Référent·e unique"
        hint="Facultatif : la personne qui accompagnera ; elle rejoint l'équipe et en devient référent·e."
        {...errorState(err("referent_membership_id"))}
        nativeSelectProps={{ id: id("referent_membership_id"), value: referentId, disabled: !structure, onChange: (e) => setReferentId(e.target.value) }}
      >
        <option value="">{structure ? "À désigner plus tard" : "Choisissez d'abord l'organisme"}</option>
        {(structure?.referents ?? []).map((r) => (
          <option key={r.membership_id} value={r.membership_id}>
            {r.name}
          </option>
        ))}
      </Select>
      <div className="spie-two-cols">
        <Input label="Date de la décision" hintText="Format : jj/mm/aaaa" {...errorState(err("decided_on"))} nativeInputProps={{ id: id("decided_on"), type: "date", value: decidedOn, onChange: (e) => setDecidedOn(e.target.value) }} />
        <Input
          label="Date de notification à la personne"
          hintText="Le mois pour signer le contrat part de cette date"
          {...errorState(err("notified_on"))}
          nativeInputProps={{ id: id("notified_on"), type: "date", value: notifiedOn, onChange: (e) => setNotifiedOn(e.target.value) }}
        />
      </div>
      <Input
        label={
          needsReason
            ? recommended
              ? "Raison de la décision (obligatoire : elle diffère de la recommandation)"
              : "Raison de la décision (obligatoire : aucune orientation n'est recommandée)"
            : "Raison de la décision (facultative)"
        }
        textArea
        {...errorState(err("reason"))}
        nativeTextAreaProps={{ id: id("reason"), value: reason, rows: 3, onChange: (e) => setReason(e.target.value) }}
      />
      <Button type="submit" disabled={pending} className={fr.cx("fr-mt-1w")}>
        {pending ? "Enregistrement…" : submitLabel}
      </Button>
    </form>
  );
}
