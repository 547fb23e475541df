// The committees the caller may see, and the creation form for the territory's coordinators.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { COMMITTEE_KIND_LABELS, COMMITTEE_KINDS, WEEKDAY_LABELS, WEEKDAYS } from "../../../../common/domain/committee-calendar.ts";
import { committeeCreateBody } from "../../../../common/schemas/committees.ts";
import { isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useMe } from "../auth/api.ts";
import { useCommittees, useCreateCommittee } from "./api.ts";

const FIELDS: Record<string, FormField> = {
  name: { id: "comite-nom", label: "Nom du comité" },
  kind: { id: "comite-type", label: "Type" },
  territory_id: { id: "comite-territoire", label: "Territoire" },
  location: { id: "comite-lieu", label: "Lieu" },
  remote_link: { id: "comite-lien", label: "Lien de visioconférence" },
  "recurrence.first_date": { id: "comite-premiere-date", label: "Première séance" },
  "recurrence.time": { id: "comite-heure", label: "Heure des séances" },
  "recurrence.interval_weeks": { id: "comite-intervalle", label: "Toutes les … semaines" },
  "recurrence.until": { id: "comite-fin", label: "Dernière séance (facultatif)" },
  "submission_deadline.weekday": { id: "comite-limite-jour", label: "Jour limite de saisine" },
  "submission_deadline.time": { id: "comite-limite-heure", label: "Heure limite de saisine" },
  max_situations: { id: "comite-max", label: "Situations par séance (au plus)" },
};

function CreateForm({ territories }: { territories: { id: string; name: string }[] }) {
  const create = useCreateCommittee();
  const [v, setV] = useState({
    name: "",
    kind: "cto",
    territory_id: territories[0]?.id ?? "",
    location: "",
    remote_link: "",
    first_date: "",
    time: "08:30",
    interval_weeks: "2",
    until: "",
    weekday: "monday",
    deadline_time: "14:00",
    max_situations: "10",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const [created, setCreated] = useState<{ id: string; name: string } | null>(null);
  const set = (k: keyof typeof v, value: string) => setV((old) => ({ ...old, [k]: value }));
  const err = (k: string) => errorFor(errors, k);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      name: v.name,
      kind: v.kind,
      territory_id: v.territory_id,
      location: v.location || null,
      remote_link: v.remote_link || null,
      recurrence: { first_date: v.first_date, time: v.time, interval_weeks: Number(v.interval_weeks), until: v.until || null },
      submission_deadline: { weekday: v.weekday, time: v.deadline_time },
      max_situations: Number(v.max_situations),
    };
    const checked = validate(committeeCreateBody, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFormError(null);
      setFocusKey((k) => k + 1);
      return;
    }
    create.mutate(checked.data, {
      onSuccess: (c) => {
        setErrors({});
        setFormError(null);
        setCreated({ id: c.id, name: c.name });
      },
      onError: (error) => {
        setErrors(isApiError(error) ? problemFieldErrors(error) : {});
        setFormError(isApiError(error) ? (error.problem.detail ?? error.problem.title) : "Le comité n'a pas pu être créé.");
        setFocusKey((k) => k + 1);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="committee-form" aria-labelledby="creer-comite">
      <h2 id="creer-comite" className={fr.cx("fr-h4")}>
        Créer un comité
      </h2>
      {created && (
        <Alert
          severity="success"
          small
          role="status"
          className={fr.cx("fr-mb-2w")}
          description={
            <>
              Comité créé : <Link to={`/comites/${created.id}`}>{created.name}</Link>
            </>
          }
        />
      )}
      <ErrorSummary errors={errors} fields={FIELDS} formError={formError} focusKey={focusKey} />
      <Input label={FIELDS.name!.label} {...errorState(err("name"))} nativeInputProps={{ id: FIELDS.name!.id, value: v.name, onChange: (e) => set("name", e.target.value) }} />
      <Select label={FIELDS.kind!.label} {...errorState(err("kind"))} nativeSelectProps={{ id: FIELDS.kind!.id, value: v.kind, onChange: (e) => set("kind", e.target.value) }}>
        {COMMITTEE_KINDS.map((k) => (
          <option key={k} value={k}>
            {COMMITTEE_KIND_LABELS[k]}
          </option>
        ))}
      </Select>
      <Select label={FIELDS.territory_id!.label} {...errorState(err("territory_id"))} nativeSelectProps={{ id: FIELDS.territory_id!.id, value: v.territory_id, onChange: (e) => set("territory_id", e.target.value) }}>
        {territories.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </Select>
      <Input label={FIELDS.location!.label} {...errorState(err("location"))} nativeInputProps={{ id: FIELDS.location!.id, value: v.location, onChange: (e) => set("location", e.target.value) }} />
      <Input label={FIELDS.remote_link!.label} hintText="Commence par https://" {...errorState(err("remote_link"))} nativeInputProps={{ id: FIELDS.remote_link!.id, type: "url", value: v.remote_link, onChange: (e) => set("remote_link", e.target.value) }} />
      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend")}>Récurrence (une séance un jour férié est reportée d'une semaine)</legend>
        <Input label={FIELDS["recurrence.first_date"]!.label} hintText="Peut être passée pour un comité qui se réunit déjà" {...errorState(err("recurrence.first_date"))} nativeInputProps={{ id: FIELDS["recurrence.first_date"]!.id, type: "date", value: v.first_date, onChange: (e) => set("first_date", e.target.value) }} />
        <Input label={FIELDS["recurrence.time"]!.label} hintText="HH:MM, heure du territoire" {...errorState(err("recurrence.time"))} nativeInputProps={{ id: FIELDS["recurrence.time"]!.id, value: v.time, onChange: (e) => set("time", e.target.value) }} />
        <Input label={FIELDS["recurrence.interval_weeks"]!.label} {...errorState(err("recurrence.interval_weeks"))} nativeInputProps={{ id: FIELDS["recurrence.interval_weeks"]!.id, type: "number", min: 1, max: 52, value: v.interval_weeks, onChange: (e) => set("interval_weeks", e.target.value) }} />
        <Input label={FIELDS["recurrence.until"]!.label} {...errorState(err("recurrence.until"))} nativeInputProps={{ id: FIELDS["recurrence.until"]!.id, type: "date", value: v.until, onChange: (e) => set("until", e.target.value) }} />
      </fieldset>
      <fieldset className={fr.cx("fr-fieldset")}>
        <legend className={fr.cx("fr-fieldset__legend")}>Date limite de saisine (dans la semaine de la séance ; un jour férié la reporte au jour ouvré suivant)</legend>
        <Select label={FIELDS["submission_deadline.weekday"]!.label} nativeSelectProps={{ id: FIELDS["submission_deadline.weekday"]!.id, value: v.weekday, onChange: (e) => set("weekday", e.target.value) }}>
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {WEEKDAY_LABELS[d]}
            </option>
          ))}
        </Select>
        <Input label={FIELDS["submission_deadline.time"]!.label} hintText="HH:MM" {...errorState(err("submission_deadline.time"))} nativeInputProps={{ id: FIELDS["submission_deadline.time"]!.id, value: v.deadline_time, onChange: (e) => set("deadline_time", e.target.value) }} />
      </fieldset>
      <Input label={FIELDS.max_situations!.label} {...errorState(err("max_situations"))} nativeInputProps={{ id: FIELDS.max_situations!.id, type: "number", min: 1, max: 100, value: v.max_situations, onChange: (e) => set("max_situations", e.target.value) }} />
      <Button type="submit" disabled={create.isPending}>
        Créer le comité
      </Button>
    </form>
  );
}

export function CommitteesPage() {
  useDocumentTitle("Comités");
  const me = useMe();
  const list = useCommittees();
  const territories = me.data?.permissions.coordinated_territories ?? [];
  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[]} currentPageLabel="Comités" />
      <h1>Comités</h1>
      <p>Comités techniques (CTO), cellules de suivi de parcours et autres comités de vos territoires.</p>
      {list.isError ? (
        <ProblemAlert error={list.error} />
      ) : !list.data ? (
        <Loading label="Chargement des comités…" />
      ) : list.data.items.length === 0 ? (
        <p>Aucun comité pour le moment.</p>
      ) : (
        <ul data-testid="committee-list">
          {list.data.items.map((c) => (
            <li key={c.id}>
              <Link to={`/comites/${c.id}`}>{c.name}</Link> — {COMMITTEE_KIND_LABELS[c.kind]}, {c.territory_name}
            </li>
          ))}
        </ul>
      )}
      {territories.length > 0 && <CreateForm territories={territories} />}
    </>
  );
}
