// The "Plan d'action" tab: objectives (one thematic each) with their actions, and every action in
// one flat list, filtered by thematic and status, whose status the team changes in place.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, OBJECTIVE_STATUS_LABELS, type ActionStatus } from "../../../../common/domain/action-plan.ts";
import { THEMATICS, THEMATIC_LABELS, THEMATIC_SLUGS, type ThematicSlug } from "../../../../common/domain/thematics.ts";
import { actionCreateBody, objectiveCreateBody, type Action, type Objective } from "../../../../common/schemas/action-plan.ts";
import { isApiError } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useActions, useCreateAction, useCreateObjective, useObjectives, usePathway, useUpdateAction } from "../pathway/api.ts";
import { usePerson } from "../people/api.ts";
import { ServicePicker, type ServiceChoice } from "./ServicePicker.tsx";
import "../pathway/pathway.css";

function ObjectiveForm({ personId, onDone }: { personId: string; onDone: (message: string) => void }) {
  const create = useCreateObjective(personId);
  const [thematic, setThematic] = useState<ThematicSlug | "">("");
  const [title, setTitle] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(objectiveCreateBody, { thematic, title });
    if (!result.ok) return setErrors(result.errors);
    try {
      await create.mutateAsync(result.data);
      setTitle("");
      setThematic("");
      setErrors({});
      onDone(`Objectif « ${result.data.title} » ajouté.`);
    } catch (e) {
      setErrors(isApiError(e) ? problemFieldErrors(e) : { title: "Une erreur inattendue est survenue." });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Ajouter un objectif" data-testid="objective-form" className="spie-two-cols">
      <Select label="Thématique" {...errorState(errorFor(errors, "thematic") && "Choisissez une des 10 thématiques.")} nativeSelectProps={{ id: "objectif-thematique", value: thematic, onChange: (e) => setThematic(e.target.value as ThematicSlug | "") }}>
        <option value="">Choisir une thématique</option>
        {THEMATICS.map((t) => (
          <option key={t.slug} value={t.slug}>
            {t.label}
          </option>
        ))}
      </Select>
      <Input label="Objectif" hintText="Par exemple : obtenir le permis B" {...errorState(errorFor(errors, "title"))} nativeInputProps={{ id: "objectif-titre", value: title, onChange: (e) => setTitle(e.target.value) }} />
      <div>
        <Button type="submit" disabled={create.isPending} iconId="fr-icon-add-line">
          Ajouter l'objectif
        </Button>
      </div>
    </form>
  );
}

function ActionForm({ personId, objective, onDone, onCancel }: { personId: string; objective: Objective; onDone: (message: string) => void; onCancel: () => void }) {
  const create = useCreateAction(personId);
  // The service picker proposes services fit for the person's age and situation.
  const person = usePerson(personId);
  const prefix = `action-${objective.id}`;
  const [title, setTitle] = useState("");
  const [dueOn, setDueOn] = useState("");
  const [carriedBy, setCarriedBy] = useState("");
  const [service, setService] = useState<ServiceChoice>({ service_id: null, service_label: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = { title, due_on: dueOn || null, carried_by: carriedBy.trim() || null, service_id: service.service_id, service_label: service.service_label.trim() || null };
    const result = validate(actionCreateBody, body);
    if (!result.ok) return setErrors(result.errors);
    try {
      await create.mutateAsync({ objectiveId: objective.id, ...body });
      onDone(`Action « ${title.trim()} » ajoutée à l'objectif « ${objective.title} ».`);
    } catch (e) {
      if (isApiError(e)) {
        const fe = problemFieldErrors(e);
        setErrors(fe);
        setFormError(Object.keys(fe).length ? null : errorMessage(e).detail);
      } else setFormError("Une erreur inattendue est survenue.");
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={`Ajouter une action à l'objectif ${objective.title}`} data-testid="action-form">
      {(formError || errorFor(errors, "service_id")) && <Alert severity="error" small role="alert" description={formError ?? errorFor(errors, "service_id")!} className={fr.cx("fr-mb-2w")} />}
      <Input label="Action" hintText="Ce qui sera fait, en quelques mots" {...errorState(errorFor(errors, "title"))} nativeInputProps={{ id: `${prefix}-title`, value: title, onChange: (e) => setTitle(e.target.value) }} />
      <div className="spie-two-cols">
        <Input label="Échéance (facultative)" hintText="Format : jj/mm/aaaa" {...errorState(errorFor(errors, "due_on"))} nativeInputProps={{ id: `${prefix}-due`, type: "date", value: dueOn, onChange: (e) => setDueOn(e.target.value) }} />
        <Input label="Portée par (facultatif)" hintText="Un partenaire, la personne…" nativeInputProps={{ id: `${prefix}-carried`, value: carriedBy, onChange: (e) => setCarriedBy(e.target.value) }} />
      </div>
      <ServicePicker idPrefix={prefix} thematic={objective.thematic} person={person.data} value={service} onChange={setService} />
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Button type="submit" disabled={create.isPending}>
            Ajouter l'action
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

function StatusSelect({ personId, action }: { personId: string; action: Action }) {
  const update = useUpdateAction(personId);
  return (
    <div className="spie-inline-form">
      <Select
        label={<span className={fr.cx("fr-sr-only")}>Statut de l'action « {action.title} »</span>}
        state={update.isError ? "error" : "default"}
        stateRelatedMessage={update.isError ? errorMessage(update.error).detail : undefined}
        nativeSelectProps={{ id: `statut-${action.id}`, value: action.status, disabled: update.isPending, onChange: (e) => update.mutate({ actionId: action.id, status: e.target.value as ActionStatus }) }}
      >
        {ACTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {ACTION_STATUS_LABELS[s]}
          </option>
        ))}
      </Select>
    </div>
  );
}

function actionDates(a: Action): string {
  const parts = [a.due_on && `échéance ${formatDate(a.due_on)}`, a.started_on && `commencée le ${formatDate(a.started_on)}`, a.ended_on && `terminée le ${formatDate(a.ended_on)}`].filter(Boolean);
  return parts.length ? parts.join(", ") : "—";
}

function FlatPlan({ personId, canUpdate }: { personId: string; canUpdate: boolean }) {
  const [thematic, setThematic] = useState("");
  const [status, setStatus] = useState("");
  const actions = useActions(personId, { thematic, status });
  return (
    <section aria-labelledby="plan-liste">
      <h3 id="plan-liste" className={fr.cx("fr-h4")}>
        Toutes les actions
      </h3>
      <div className="spie-filter-row" role="group" aria-label="Filtrer les actions">
        <Select label="Thématique" nativeSelectProps={{ id: "plan-filtre-thematique", value: thematic, onChange: (e) => setThematic(e.target.value) }}>
          <option value="">Toutes les thématiques</option>
          {THEMATIC_SLUGS.map((s) => (
            <option key={s} value={s}>
              {THEMATIC_LABELS[s]}
            </option>
          ))}
        </Select>
        <Select label="Statut" nativeSelectProps={{ id: "plan-filtre-statut", value: status, onChange: (e) => setStatus(e.target.value) }}>
          <option value="">Tous les statuts</option>
          {ACTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
      </div>
      {actions.isPending ? (
        <Loading label="Chargement des actions…" />
      ) : actions.isError ? (
        <ProblemAlert error={actions.error} />
      ) : (
        <>
          <p role="status" aria-live="polite" data-testid="actions-count">
            {actions.data.items.length === 0 ? "Aucune action ne correspond." : `${actions.data.items.length} action${actions.data.items.length > 1 ? "s" : ""}`}
          </p>
          {actions.data.items.length > 0 && (
            <DataTable
              caption="Actions du plan"
              hideCaption
              stacked
              rowHeaders
              testId="actions-table"
              headers={["Action", "Thématique et objectif", "Statut", "Dates", "Service"]}
              rows={actions.data.items.map((a) => ({
                key: a.id,
                testId: "action-row",
                cells: [
                  a.title,
                  `${THEMATIC_LABELS[a.thematic]} — ${a.objective_title}`,
                  canUpdate ? <StatusSelect personId={personId} action={a} /> : ACTION_STATUS_LABELS[a.status],
                  actionDates(a),
                  <>
                    <ServiceLabel service={a.service} />
                    {canUpdate && a.service?.id && (
                      <>
                        {" "}
                        <Link to={`/orientations/nouvelle?person_id=${personId}&service_id=${a.service.id}`} data-testid="refer-from-action">
                          Orienter vers ce service<span className={fr.cx("fr-sr-only")}> ({a.title})</span>
                        </Link>
                      </>
                    )}
                  </>,
                ],
              }))}
            />
          )}
        </>
      )}
    </section>
  );
}

export function ActionPlanTab({ personId }: { personId: string }) {
  const objectives = useObjectives(personId);
  const pathway = usePathway(personId);
  const canUpdate = Boolean(pathway.data?.permissions.update);
  const [addingTo, setAddingTo] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  return (
    <section aria-labelledby="plan-titre">
      <h2 id="plan-titre" className={fr.cx("fr-h3")}>
        Plan d'action
      </h2>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} />}
      </div>
      <FlatPlan personId={personId} canUpdate={canUpdate} />

      <section aria-labelledby="plan-objectifs" className={fr.cx("fr-mt-6w")}>
        <h3 id="plan-objectifs" className={fr.cx("fr-h4")}>
          Objectifs
        </h3>
        {canUpdate && <ObjectiveForm personId={personId} onDone={setDone} />}
        {objectives.isPending ? (
          <Loading label="Chargement des objectifs…" />
        ) : objectives.isError ? (
          <ProblemAlert error={objectives.error} />
        ) : objectives.data.items.length === 0 ? (
          <p>Aucun objectif pour le moment.</p>
        ) : (
          objectives.data.items.map((o) => (
            <article key={o.id} className="spie-objective" data-testid="objective" aria-labelledby={`objectif-${o.id}`}>
              <h4 id={`objectif-${o.id}`} className={fr.cx("fr-h6", "fr-mb-1w")}>
                {o.title}
              </h4>
              <p className={fr.cx("fr-text--sm")}>
                {THEMATIC_LABELS[o.thematic]} · {OBJECTIVE_STATUS_LABELS[o.status]} · {o.actions.length} action{o.actions.length > 1 ? "s" : ""}
              </p>
              {o.actions.length > 0 && (
                <ul>
                  {o.actions.map((a) => (
                    <li key={a.id}>
                      {a.title} — {ACTION_STATUS_LABELS[a.status].toLowerCase()}
                      {a.service && (
                        <>
                          {" — "}
                          <ServiceLabel service={a.service} />
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {canUpdate &&
                (addingTo === o.id ? (
                  <ActionForm
                    personId={personId}
                    objective={o}
                    onCancel={() => setAddingTo(null)}
                    onDone={(message) => {
                      setAddingTo(null);
                      setDone(message);
                    }}
                  />
                ) : (
                  <Button priority="secondary" size="small" iconId="fr-icon-add-line" onClick={() => setAddingTo(o.id)}>
                    Ajouter une action<span className={fr.cx("fr-sr-only")}> à l'objectif {o.title}</span>
                  </Button>
                ))}
            </article>
          ))
        )}
      </section>
    </section>
  );
}

/** A plan's service: a link to its directory page when the directory knows it. */
function ServiceLabel({ service }: { service: { id: string | null; label: string; in_directory: boolean } | null }) {
  if (!service) return <>—</>;
  if (!service.id || !service.in_directory) return <>{service.label}</>;
  return (
    <>
      <Link to={`/annuaire/services/${service.id}`} data-testid="action-service-link">
        {service.label}
      </Link>{" "}
      (annuaire)
    </>
  );
}
