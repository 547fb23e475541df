// "Signaler un besoin sans solution": opened from a directory search that found nothing fitting
// (thematic and commune prefilled) or from a person's file (the person named, their commune).
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { isThematicSlug, THEMATICS } from "../../../../common/domain/thematics.ts";
import {
  UNMET_NEED_DESCRIPTION_MAX,
  UNMET_NEED_URGENCIES,
  UNMET_NEED_URGENCY_LABELS,
  unmetNeedCreateBody,
  type UnmetNeedUrgency,
} from "../../../../common/schemas/unmet-needs.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { CommuneCombobox, type CommuneValue } from "../territories/CommuneCombobox.tsx";
import { useCreateUnmetNeed } from "./api.ts";

const FIELDS: Record<string, FormField> = {
  thematic: { id: "besoin-thematique", label: "Thématique" },
  commune_code: { id: "besoin-commune", label: "Commune" },
  description: { id: "besoin-description", label: "Ce qui était cherché" },
  urgency: { id: "besoin-urgence", label: "Urgence" },
  person_id: { id: "besoin-personne", label: "Personne concernée" },
  referral_id: { id: "besoin-description", label: "Orientation" },
  membership_id: { id: "besoin-structure", label: "Structure" },
};

export function UnmetNeedCreatePage() {
  useDocumentTitle("Signaler un besoin sans solution");
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const create = useCreateUnmetNeed();
  const personId = params.get("person_id");
  const referralId = params.get("referral_id");
  const initialThematic = params.get("thematic") ?? "";
  const [thematic, setThematic] = useState(isThematicSlug(initialThematic) ? initialThematic : "");
  const code = params.get("commune_code");
  const [commune, setCommune] = useState<CommuneValue | null>(code ? { code, name: params.get("commune") ?? code, postal_code: params.get("cp") ?? "" } : null);
  const [typed, setTyped] = useState("");
  const [description, setDescription] = useState(params.get("q") ? `Recherché : ${params.get("q")}` : "");
  const [urgency, setUrgency] = useState<UnmetNeedUrgency>("normal");
  const memberships = me.permissions.acting_memberships;
  const [membershipId, setMembershipId] = useState(memberships[0]?.id ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  const fail = (fieldErrors: FieldErrors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!commune && typed.trim() !== "") return fail({ commune_code: "Choisissez la commune dans la liste des suggestions." }, null);
    const result = validate(unmetNeedCreateBody, {
      thematic,
      commune_code: commune?.code ?? "",
      description,
      urgency,
      ...(personId ? { person_id: personId } : { membership_id: membershipId || undefined }),
      ...(referralId && personId ? { referral_id: referralId } : {}),
    });
    if (!result.ok) return fail(result.errors, null);
    create.mutate(result.data, {
      onSuccess: () => navigate("/besoins-sans-solution/mes-besoins", { state: { flash: "Le besoin sans solution est signalé. Vous serez prévenu·e par e-mail si un service qui y répond apparaît dans l'annuaire." } }),
      onError: (error) => failWithApiError(error, fail),
    });
  };

  if (!me.permissions.record_unmet_needs) {
    return (
      <>
        <h1>Signaler un besoin sans solution</h1>
        <p>Seuls les professionnels qui accompagnent des personnes signalent un besoin sans solution.</p>
      </>
    );
  }

  return (
    <div className={fr.cx("fr-grid-row")}>
      <div className={fr.cx("fr-col-12", "fr-col-md-10", "fr-col-lg-8")}>
        <h1>Signaler un besoin sans solution</h1>
        <p>
          Aucun service de l'annuaire ne répond à ce besoin ? Signalez-le : l'équipe de coordination et le pilotage du territoire
          voient les besoins sans solution par thématique et par commune, et vous êtes prévenu·e par e-mail si un service qui y
          répond apparaît.
        </p>
        {personId && (
          <p data-testid="besoin-personne" id="besoin-personne">
            Ce besoin concerne <Link to={`/personnes/${personId}`}>la personne de ce dossier</Link>. Seul·es les membres de son
            équipe et la coordination du territoire verront qu'il s'agit d'elle.
          </p>
        )}
        <ErrorSummary errors={errors} fields={FIELDS} formError={formError} focusKey={focusKey} id="besoin-erreurs" />
        <form onSubmit={submit} noValidate aria-label="Signaler un besoin sans solution" data-testid="unmet-need-form">
          <Select
            label="Thématique"
            {...errorState(errorFor(errors, "thematic"))}
            nativeSelectProps={{ id: FIELDS.thematic!.id, value: thematic, required: true, onChange: (e) => setThematic(e.target.value) }}
          >
            <option value="" disabled>
              Choisissez une thématique
            </option>
            {THEMATICS.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.label}
              </option>
            ))}
          </Select>
          <CommuneCombobox
            id={FIELDS.commune_code!.id}
            label="Commune"
            hint="Là où le service manque : nom ou code postal, puis choisissez dans la liste."
            value={commune}
            onChange={setCommune}
            onTextChange={setTyped}
            error={errorFor(errors, "commune_code")}
          />
          <Input
            label="Ce qui était cherché"
            hintText={`Décrivez le besoin (${UNMET_NEED_DESCRIPTION_MAX} caractères au plus), sans nom ni détail qui permette de reconnaître la personne.`}
            textArea
            {...errorState(errorFor(errors, "description"))}
            nativeTextAreaProps={{ id: FIELDS.description!.id, value: description, rows: 4, maxLength: UNMET_NEED_DESCRIPTION_MAX, onChange: (e) => setDescription(e.target.value) }}
          />
          <RadioButtons
            legend="Urgence"
            id={FIELDS.urgency!.id}
            name="besoin-urgence-choix"
            orientation="horizontal"
            {...errorState(errorFor(errors, "urgency"))}
            options={UNMET_NEED_URGENCIES.map((u) => ({ label: UNMET_NEED_URGENCY_LABELS[u], nativeInputProps: { value: u, checked: urgency === u, onChange: () => setUrgency(u) } }))}
          />
          {!personId && memberships.length > 1 && (
            <Select
              label="Au nom de la structure"
              {...errorState(errorFor(errors, "membership_id"))}
              nativeSelectProps={{ id: FIELDS.membership_id!.id, value: membershipId, onChange: (e) => setMembershipId(e.target.value) }}
            >
              {memberships.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.structure.name}
                </option>
              ))}
            </Select>
          )}
          <Button type="submit" disabled={create.isPending} iconId="fr-icon-flag-line">
            Signaler le besoin
          </Button>
        </form>
      </div>
    </div>
  );
}
