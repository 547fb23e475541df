// Cohorts (issue 11): the list, create and edit, and a cohort's page — its criteria, the preview
// ("Ajouter les N personnes"), its members with the exit action, and its outcomes month by month
// in a plain table. What each caller may do comes from the server (`permissions`).
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import {
  COHORT_ADDED_HOW_LABELS,
  COHORT_EXIT_REASON_LABELS,
  COHORT_EXIT_REASONS,
  COHORT_OUTCOME_COLUMNS,
  COHORT_OUTCOME_LABELS,
  describeCriteria,
  type CohortExitReason,
} from "../../../../common/domain/cohorts.ts";
import { cohortMembersRemoveBody, type Cohort, type CohortMember } from "../../../../common/schemas/cohorts.ts";
import { isApiError } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate, personDisplayName, plural } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useAddCohortMembers, useCohort, useCohortMembers, useCohortOutcomes, useCohortPreview, useCohorts, useRemoveCohortMembers } from "./api.ts";
import { CohortForm } from "./CohortForm.tsx";

function period(c: Pick<Cohort, "starts_on" | "ends_on">): string {
  return c.ends_on ? `Du ${formatDate(c.starts_on)} au ${formatDate(c.ends_on)}` : `Depuis le ${formatDate(c.starts_on)}`;
}

export function CohortsPage() {
  useDocumentTitle("Cohortes");
  const cohorts = useCohorts();
  return (
    <>
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-2w")}>Cohortes</h1>
        {cohorts.data && cohorts.data.may_create_in.length > 0 && (
          <Button linkProps={{ to: "/cohortes/nouvelle" }} iconId="fr-icon-add-line">
            Créer une cohorte
          </Button>
        )}
      </div>
      <p>Des groupes de personnes suivies ensemble sur une période, avec leurs critères d'inclusion et leurs résultats mois par mois.</p>
      {cohorts.isPending ? (
        <Loading label="Chargement des cohortes…" />
      ) : cohorts.isError ? (
        <ProblemAlert error={cohorts.error} />
      ) : cohorts.data.items.length === 0 ? (
        <p>Aucune cohorte pour l'instant.</p>
      ) : (
        <DataTable
          caption="Cohortes"
          hideCaption
          stacked
          rowHeaders
          testId="cohorts-table"
          headers={["Cohorte", "Territoire", "Période", "Membres"]}
          rows={cohorts.data.items.map((c) => ({ key: c.id, testId: "cohort-row", cells: [<Link to={`/cohortes/${c.id}`}>{c.name}</Link>, c.territory_name, period(c), String(c.members_count)] }))}
        />
      )}
    </>
  );
}

export function CohortCreatePage() {
  useDocumentTitle("Créer une cohorte");
  const cohorts = useCohorts();
  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[{ label: "Cohortes", linkProps: { to: "/cohortes" } }]} currentPageLabel="Créer une cohorte" />
      <h1>Créer une cohorte</h1>
      {cohorts.isPending ? (
        <Loading label="Chargement…" />
      ) : cohorts.isError ? (
        <ProblemAlert error={cohorts.error} />
      ) : cohorts.data.may_create_in.length === 0 ? (
        <p>Seules l'équipe de coordination d'un territoire et l'administration de la plateforme créent des cohortes.</p>
      ) : (
        <CohortForm territories={cohorts.data.may_create_in} />
      )}
    </>
  );
}

export function CohortEditPage() {
  const { id = "" } = useParams();
  const cohort = useCohort(id);
  useDocumentTitle(cohort.data ? `Modifier · ${cohort.data.name}` : "Modifier une cohorte");
  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Cohortes", linkProps: { to: "/cohortes" } }, ...(cohort.data ? [{ label: cohort.data.name, linkProps: { to: `/cohortes/${id}` } }] : [])]}
        currentPageLabel="Modifier"
      />
      <h1>Modifier la cohorte</h1>
      {cohort.isPending ? <Loading label="Chargement de la cohorte…" /> : cohort.isError ? <ProblemAlert error={cohort.error} /> : <CohortForm cohort={cohort.data} territories={[]} />}
    </>
  );
}

export function CohortPage() {
  const { id = "" } = useParams();
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  const query = useCohort(id);
  const c = query.data;
  const notFound = isApiError(query.error, 404);
  useDocumentTitle(c ? `Cohorte · ${c.name}` : notFound ? "Cohorte introuvable" : "Cohorte");
  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[{ label: "Cohortes", linkProps: { to: "/cohortes" } }]} currentPageLabel={c?.name ?? "Cohorte"} />
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-2w")} data-testid={c ? "cohort-title" : undefined}>
          {c?.name ?? (notFound ? "Cohorte introuvable" : "Cohorte")}
        </h1>
        {c?.permissions.update && (
          <Button linkProps={{ to: `/cohortes/${c.id}/modifier` }} priority="secondary" iconId="fr-icon-edit-line">
            Modifier
          </Button>
        )}
      </div>
      {query.isPending ? (
        <Loading label="Chargement de la cohorte…" />
      ) : query.isError ? (
        notFound ? <p>Cette cohorte n'existe pas ou vous n'y avez pas accès.</p> : <ProblemAlert error={query.error} />
      ) : (
        <>
          {flash && <Alert severity="success" small description={flash} className={fr.cx("fr-mb-3w")} role="status" />}
          <CohortSummary cohort={query.data} />
          {query.data.permissions.preview && <PreviewSection cohort={query.data} />}
          {query.data.permissions.read_members && <MembersSection cohort={query.data} />}
          {query.data.permissions.read_outcomes && <OutcomesSection cohort={query.data} />}
        </>
      )}
    </>
  );
}

function CohortSummary({ cohort }: { cohort: Cohort }) {
  return (
    <section aria-labelledby="cohorte-resume" className={fr.cx("fr-mb-4w")}>
      <h2 id="cohorte-resume" className={fr.cx("fr-sr-only")}>
        En bref
      </h2>
      <p className={fr.cx("fr-mb-1w")}>
        {cohort.territory_name} · {period(cohort)} · <strong data-testid="cohort-members-count">{plural(cohort.members_count, "membre", "membres")}</strong>
      </p>
      <h3 className={fr.cx("fr-h6", "fr-mb-1w")}>Critères d'inclusion</h3>
      <ul data-testid="cohort-criteria">
        {describeCriteria(cohort.criteria, (kind, code) => cohort.places.find((p) => p.kind === kind && p.code === code)?.name ?? code).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {cohort.expected_outcomes && (
        <>
          <h3 className={fr.cx("fr-h6", "fr-mb-1w")}>Résultats attendus</h3>
          <p className="spie-pre-line">{cohort.expected_outcomes}</p>
        </>
      )}
    </section>
  );
}

function PreviewSection({ cohort }: { cohort: Cohort }) {
  const [asked, setAsked] = useState(false);
  const [after, setAfter] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const preview = useCohortPreview(cohort.id, after, asked);
  const add = useAddCohortMembers(cohort.id);
  const ask = () => {
    setAdded(null);
    setAfter(null);
    setAsked(true);
    void preview.refetch();
  };
  const addAll = () =>
    add.mutate(
      { all_matching: true },
      {
        onSuccess: (r) => {
          setAdded(`${plural(r.added, "personne ajoutée", "personnes ajoutées")} à la cohorte.`);
          setAsked(false);
          setAfter(null);
        },
      },
    );
  const data = asked ? preview.data : undefined;
  return (
    <section aria-labelledby="cohorte-apercu" className={fr.cx("fr-mb-6w")}>
      <h2 id="cohorte-apercu" className={fr.cx("fr-h4")}>
        Évaluer les critères
      </h2>
      <p className={fr.cx("fr-text--sm")}>Les personnes du territoire qui répondent aux critères aujourd'hui et ne sont pas encore membres. Chaque personne affichée est inscrite au journal des accès de son dossier.</p>
      <Button type="button" priority="secondary" iconId="fr-icon-search-line" onClick={ask} disabled={preview.isFetching}>
        Voir les personnes concernées
      </Button>
      <div role="status" aria-live="polite" className={fr.cx("fr-mt-2w")}>
        {added && <Alert severity="success" small description={added} role={undefined} />}
        {asked && preview.isPending && <Loading label="Évaluation des critères…" />}
        {asked && data && (
          <p data-testid="preview-count">
            <strong>{plural(data.count, "personne répond", "personnes répondent")}</strong> aux critères au {formatDate(data.evaluated_on)}.
          </p>
        )}
      </div>
      {asked && preview.isError && <ProblemAlert error={preview.error} />}
      {add.isError && <Alert severity="error" small role="alert" description={(isApiError(add.error) && add.error.fieldErrors[0]?.message) || errorMessage(add.error).detail} className={fr.cx("fr-mb-2w")} />}
      {data && data.items.length > 0 && (
        <>
          <DataTable
            caption="Personnes qui répondent aux critères"
            hideCaption
            stacked
            rowHeaders
            testId="preview-table"
            headers={["Personne", "Date de naissance", "Commune"]}
            rows={data.items.map((p) => ({ key: p.person_id, testId: "preview-row", cells: [<Link to={`/personnes/${p.person_id}`}>{personDisplayName(p)}</Link>, formatDate(p.birth_date), p.commune_name ?? "—"] }))}
          />
          <div className={fr.cx("fr-btns-group", "fr-btns-group--inline")}>
            {data.next_after && (
              <Button type="button" priority="tertiary" onClick={() => setAfter(data.next_after)}>
                Page suivante
              </Button>
            )}
            <Button type="button" iconId="fr-icon-user-add-line" onClick={addAll} disabled={add.isPending}>
              {`Ajouter ${data.count === 1 ? "la personne" : `les ${data.count} personnes`}`}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function MembersSection({ cohort }: { cohort: Cohort }) {
  const [status, setStatus] = useState<"active" | "left" | "all">("active");
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const after = pages[pages.length - 1] ?? null;
  const members = useCohortMembers(cohort.id, status, after, true);
  const [exiting, setExiting] = useState<CohortMember | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const changeStatus = (s: typeof status) => {
    setStatus(s);
    setPages([null]);
  };
  return (
    <section aria-labelledby="cohorte-membres" className={fr.cx("fr-mb-6w")}>
      <h2 id="cohorte-membres" className={fr.cx("fr-h4")}>
        Membres
      </h2>
      <Select label="Afficher" nativeSelectProps={{ id: "membres-statut", value: status, onChange: (e) => changeStatus(e.target.value as typeof status) }}>
        <option value="active">Membres actuels</option>
        <option value="left">Sorti·es de la cohorte</option>
        <option value="all">Tous</option>
      </Select>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-2w")} role={undefined} />}
      </div>
      {members.isPending ? (
        <Loading label="Chargement des membres…" />
      ) : members.isError ? (
        <ProblemAlert error={members.error} />
      ) : members.data.items.length === 0 ? (
        <p>Aucun membre.</p>
      ) : (
        <>
          <p className={fr.cx("fr-text--sm")}>{plural(members.data.total, "ligne", "lignes")}</p>
          <DataTable
            caption="Membres de la cohorte"
            hideCaption
            stacked
            rowHeaders
            testId="members-table"
            headers={["Personne", "Entrée", "Ajout", "Sortie", ...(cohort.permissions.manage_members ? ["Action"] : [])]}
            rows={members.data.items.map((m) => ({
              key: `${m.person_id}:${m.joined_on}`,
              testId: "member-row",
              cells: [
                <Link to={`/personnes/${m.person_id}`}>{personDisplayName(m)}</Link>,
                formatDate(m.joined_on),
                `${COHORT_ADDED_HOW_LABELS[m.added_how]}${m.added_by_name ? ` (${m.added_by_name})` : ""}`,
                m.left_on ? `${formatDate(m.left_on)} — ${m.exit_reason ? COHORT_EXIT_REASON_LABELS[m.exit_reason] : ""}${m.exit_comment ? ` : ${m.exit_comment}` : ""}` : "—",
                ...(cohort.permissions.manage_members
                  ? [
                      m.left_on ? (
                        "—"
                      ) : (
                        <Button type="button" size="small" priority="secondary" onClick={() => (setDone(null), setExiting(m))} aria-label={`Faire sortir ${personDisplayName(m)}`}>
                          Faire sortir
                        </Button>
                      ),
                    ]
                  : []),
              ],
            }))}
          />
          <div className={fr.cx("fr-btns-group", "fr-btns-group--inline")}>
            {pages.length > 1 && (
              <Button type="button" priority="tertiary" onClick={() => setPages(pages.slice(0, -1))}>
                Page précédente
              </Button>
            )}
            {members.data.next_after && (
              <Button type="button" priority="tertiary" onClick={() => setPages([...pages, members.data.next_after])}>
                Page suivante
              </Button>
            )}
          </div>
        </>
      )}
      {exiting && (
        <ExitForm
          cohortId={cohort.id}
          member={exiting}
          onCancel={() => setExiting(null)}
          onDone={(message) => {
            setExiting(null);
            setDone(message);
          }}
        />
      )}
    </section>
  );
}

function ExitForm({ cohortId, member, onCancel, onDone }: { cohortId: string; member: CohortMember; onCancel: () => void; onDone: (message: string) => void }) {
  const remove = useRemoveCohortMembers(cohortId);
  const [reason, setReason] = useState<CohortExitReason | "">("");
  const [comment, setComment] = useState("");
  const [leftOn, setLeftOn] = useState("");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const ref = useRef<HTMLFieldSetElement>(null);
  useEffect(() => ref.current?.querySelector("select")?.focus(), [member.person_id]);
  const errors: FieldErrors = { ...clientErrors, ...(isApiError(remove.error) ? problemFieldErrors(remove.error) : {}) };
  const name = personDisplayName(member);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validate(cohortMembersRemoveBody, { person_ids: [member.person_id], exit_reason: reason || undefined, exit_comment: comment.trim() || null, ...(leftOn ? { left_on: leftOn } : {}) });
    if (!result.ok) return setClientErrors(result.errors);
    setClientErrors({});
    remove.mutate(result.data, { onSuccess: () => onDone(`${name} est sorti·e de la cohorte.`) });
  };
  return (
    <form onSubmit={submit} noValidate className={fr.cx("fr-mt-3w")} data-testid="exit-form">
      <fieldset className={fr.cx("fr-fieldset")} ref={ref}>
        <legend className={fr.cx("fr-fieldset__legend", "fr-h5")}>Sortie de {name}</legend>
        <div className={fr.cx("fr-fieldset__element")}>
          <Select label="Motif de sortie" {...errorState(errorFor(errors, "exit_reason"))} nativeSelectProps={{ id: "sortie-motif", value: reason, onChange: (e) => setReason(e.target.value as CohortExitReason), required: true }}>
            <option value="" disabled>
              Choisir un motif
            </option>
            {COHORT_EXIT_REASONS.map((r) => (
              <option key={r} value={r}>
                {COHORT_EXIT_REASON_LABELS[r]}
              </option>
            ))}
          </Select>
          <Input label="Précisions" hintText="Obligatoires pour « Autre motif »" {...errorState(errorFor(errors, "exit_comment"))} nativeInputProps={{ id: "sortie-precisions", value: comment, onChange: (e) => setComment(e.target.value) }} />
          <Input label="Date de sortie" hintText="Par défaut : aujourd'hui" {...errorState(errorFor(errors, "left_on"))} nativeInputProps={{ id: "sortie-date", type: "date", value: leftOn, onChange: (e) => setLeftOn(e.target.value) }} />
        </div>
        {remove.isError && !isApiError(remove.error, 400) && <Alert severity="error" small role="alert" description={errorMessage(remove.error).detail} />}
        <div className={fr.cx("fr-btns-group", "fr-btns-group--inline")}>
          <Button type="submit" disabled={remove.isPending}>
            Confirmer la sortie
          </Button>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </div>
      </fieldset>
    </form>
  );
}

function OutcomesSection({ cohort }: { cohort: Cohort }) {
  const outcomes = useCohortOutcomes(cohort.id, true);
  return (
    <section aria-labelledby="cohorte-resultats" className={fr.cx("fr-mb-6w")}>
      <h2 id="cohorte-resultats" className={fr.cx("fr-h4")}>
        Résultats mois par mois
      </h2>
      <p className={fr.cx("fr-text--sm")}>
        Nombres de membres au dernier jour de chaque mois (aujourd'hui pour le mois en cours). « Perdu·es de vue » : aucun contact depuis le délai du territoire (3 mois par défaut). Aucune donnée personnelle.
      </p>
      {outcomes.isPending ? (
        <Loading label="Chargement des résultats…" />
      ) : outcomes.isError ? (
        <ProblemAlert error={outcomes.error} />
      ) : outcomes.data.months.length === 0 ? (
        <p>La période de la cohorte n'a pas encore commencé.</p>
      ) : (
        <DataTable
          caption={`Résultats de la cohorte ${cohort.name}, par mois`}
          testId="outcomes-table"
          rowHeaders
          headers={["Mois", ...COHORT_OUTCOME_COLUMNS.map((col) => COHORT_OUTCOME_LABELS[col])]}
          rows={outcomes.data.months.map((m) => ({
            key: m.month,
            testId: "outcome-row",
            cells: [new Date(`${m.month}-01T12:00:00Z`).toLocaleDateString("fr-FR", { month: "long", year: "numeric", timeZone: "UTC" }), ...COHORT_OUTCOME_COLUMNS.map((col) => String(m[col]))],
          }))}
        />
      )}
    </section>
  );
}
