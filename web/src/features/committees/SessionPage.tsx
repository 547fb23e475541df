// A session: its agenda (the situations for members who signed the charter, otherwise their number;
// for a professional, the situations of the people they accompany, to join documents), the charter
// to sign, attendance and decisions, the minutes. The server decides what is shown.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { SESSION_STATUS_LABELS } from "../../../../common/domain/committee-calendar.ts";
import { THEMATICS } from "../../../../common/domain/thematics.ts";
import { addMonths, todayIso } from "../../../../common/domain/dates.ts";
import { ATTENDANCE_LABELS, ATTENDANCE_STATUSES, DECISION_OUTCOME_LABELS, DECISION_OUTCOMES, decisionBody, type SubmissionView } from "../../../../common/schemas/committees.ts";
import { API_BASE, isApiError } from "../../api/client.ts";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { formatDate, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useAgenda, useAttendance, useDecide, useSignCharter } from "./api.ts";
import { localDateTime } from "./CommitteePage.tsx";
import { SubmissionDocuments } from "./SubmissionDocuments.tsx";

function DecisionForm({ sessionId, item }: { sessionId: string; item: SubmissionView }) {
  const decide = useDecide(sessionId);
  const p = `decision-${item.id}`;
  const fields: Record<string, FormField> = {
    outcome: { id: `${p}-outcome`, label: "Décision" },
    summary: { id: `${p}-summary`, label: "Motifs et précisions" },
    "actions.0.title": { id: `${p}-action`, label: "Action décidée" },
    "actions.0.carried_by": { id: `${p}-who`, label: "Qui la porte" },
    "actions.0.due_on": { id: `${p}-when`, label: "Pour quand" },
    "intent.need": { id: `${p}-need`, label: "Besoin à couvrir" },
  };
  const [v, setV] = useState({ outcome: "actions", summary: "", title: "", thematic: "logement", carried_by: "", due_on: addMonths(todayIso(), 1), need: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  const set = (k: keyof typeof v, value: string) => setV((old) => ({ ...old, [k]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const input = {
      submission_id: item.id,
      outcome: v.outcome,
      summary: v.summary,
      actions: v.outcome === "actions" ? [{ title: v.title, thematic: v.thematic, carried_by: v.carried_by, due_on: v.due_on }] : [],
      intent: v.outcome === "referral" || v.outcome === "unmet_need" ? { need: v.need } : null,
    };
    const checked = validate(decisionBody, input);
    if (!checked.ok) {
      setErrors(checked.errors);
      setFocusKey((k) => k + 1);
      return;
    }
    decide.mutate(checked.data, {
      onError: (error) => {
        setErrors(isApiError(error) ? problemFieldErrors(error) : {});
        setFormError(isApiError(error) ? (error.problem.detail ?? error.problem.title) : "La décision n'a pas pu être enregistrée.");
        setFocusKey((k) => k + 1);
      },
    });
  };
  const err = (k: string) => errorFor(errors, k);
  return (
    <form onSubmit={submit} noValidate data-testid="decision-form" aria-label={`Décision sur la situation de ${item.person.name}`}>
      <ErrorSummary id={`${p}-erreurs`} errors={errors} fields={fields} formError={formError} focusKey={focusKey} />
      <Select label="Décision" {...errorState(err("outcome"))} nativeSelectProps={{ id: fields.outcome!.id, value: v.outcome, onChange: (e) => set("outcome", e.target.value) }}>
        {DECISION_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {DECISION_OUTCOME_LABELS[o]}
          </option>
        ))}
      </Select>
      <Input label="Motifs et précisions" textArea {...errorState(err("summary"))} nativeTextAreaProps={{ id: fields.summary!.id, value: v.summary, rows: 3, onChange: (e) => set("summary", e.target.value) }} />
      {v.outcome === "actions" && (
        <fieldset className={fr.cx("fr-fieldset")}>
          <legend className={fr.cx("fr-fieldset__legend")}>Action (elle rejoint le plan d'action de la personne)</legend>
          <Input label="Action décidée" {...errorState(err("actions.0.title"))} nativeInputProps={{ id: fields["actions.0.title"]!.id, value: v.title, onChange: (e) => set("title", e.target.value) }} />
          <Select label="Thématique" nativeSelectProps={{ value: v.thematic, onChange: (e) => set("thematic", e.target.value) }}>
            {THEMATICS.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.label}
              </option>
            ))}
          </Select>
          <Input label="Qui la porte" {...errorState(err("actions.0.carried_by"))} nativeInputProps={{ id: fields["actions.0.carried_by"]!.id, value: v.carried_by, onChange: (e) => set("carried_by", e.target.value) }} />
          <Input label="Pour quand" {...errorState(err("actions.0.due_on"))} nativeInputProps={{ id: fields["actions.0.due_on"]!.id, type: "date", value: v.due_on, onChange: (e) => set("due_on", e.target.value) }} />
        </fieldset>
      )}
      {(v.outcome === "referral" || v.outcome === "unmet_need") && (
        <Input label="Besoin à couvrir" {...errorState(err("intent.need"))} nativeInputProps={{ id: fields["intent.need"]!.id, value: v.need, onChange: (e) => set("need", e.target.value) }} />
      )}
      <Button type="submit" disabled={decide.isPending}>
        Enregistrer la décision
      </Button>
    </form>
  );
}

function Situation({ sessionId, item, position, canDecide }: { sessionId: string; item: SubmissionView; position: number; canDecide: boolean }) {
  return (
    <article data-testid="situation" className={fr.cx("fr-mb-4w")} aria-labelledby={`situation-${item.id}`}>
      <h3 id={`situation-${item.id}`} className={fr.cx("fr-h5")}>
        Situation {position} — {item.person.name}
      </h3>
      <p>
        Présentée par {item.submitted_by.name} ({item.submitted_by.structure_name})
      </p>
      <p>
        <strong>Ce qui bloque :</strong> {item.blocking_points}
      </p>
      <p>
        <strong>Ce qui a été tenté :</strong> {item.actions_tried}
      </p>
      <p>
        <strong>Question posée au comité :</strong> {item.question}
      </p>
      <SubmissionDocuments submissionId={item.id} documents={item.documents} canChange={item.permissions.change_documents} idPrefix={`documents-${item.id}`} />
      {item.decision ? (
        <p data-testid="decision">
          <strong>Décision :</strong> {DECISION_OUTCOME_LABELS[item.decision.outcome as keyof typeof DECISION_OUTCOME_LABELS]} — {item.decision.summary}
          {item.decision.follow_up_on ? ` (point de suivi le ${formatDate(item.decision.follow_up_on)})` : ""}
        </p>
      ) : canDecide ? (
        <DecisionForm sessionId={sessionId} item={item} />
      ) : null}
    </article>
  );
}

type AttendanceMember = { id: string; role: "titular" | "substitute"; user: { id: string; name: string }; structure: { name: string } };

function AttendanceForm({ sessionId, members, attendance }: { sessionId: string; members: AttendanceMember[]; attendance: { member_id: string; status: string; substitute_user_id: string | null }[] }) {
  const save = useAttendance(sessionId);
  const substitutes = members.filter((m) => m.role === "substitute");
  const [v, setV] = useState<Record<string, string>>(() => Object.fromEntries(members.map((m) => [m.id, attendance.find((a) => a.member_id === m.id)?.status ?? "present"])));
  const [by, setBy] = useState<Record<string, string>>(() => Object.fromEntries(members.map((m) => [m.id, attendance.find((a) => a.member_id === m.id)?.substitute_user_id ?? ""])));
  if (members.length === 0) return <p>Aucun membre désigné.</p>;
  return (
    <form
      data-testid="attendance-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(members.map((m) => ({ member_id: m.id, status: v[m.id] ?? "present", ...(v[m.id] === "substitute" ? { substitute_user_id: by[m.id] || null } : {}) })));
      }}
    >
      {save.isError && <ProblemAlert error={save.error} className={fr.cx("fr-mb-2w")} />}
      {save.isSuccess && <Alert severity="success" small role="status" description="Présences enregistrées." className={fr.cx("fr-mb-2w")} />}
      {members.map((m) => {
        // A titular member may be replaced by one of the committee's substitutes.
        const others = substitutes.filter((s) => s.id !== m.id);
        return (
          <div key={m.id}>
            <Select label={`${m.user.name} (${m.structure.name})`} nativeSelectProps={{ value: v[m.id], onChange: (e) => setV({ ...v, [m.id]: e.target.value }) }}>
              {ATTENDANCE_STATUSES.filter((s) => s !== "substitute" || (m.role === "titular" && others.length > 0)).map((s) => (
                <option key={s} value={s}>
                  {ATTENDANCE_LABELS[s]}
                </option>
              ))}
            </Select>
            {v[m.id] === "substitute" && (
              <Select label={`Suppléant·e de ${m.user.name}`} nativeSelectProps={{ value: by[m.id] ?? "", onChange: (e) => setBy({ ...by, [m.id]: e.target.value }) }}>
                <option value="">Choisissez le ou la suppléant·e</option>
                {others.map((s) => (
                  <option key={s.id} value={s.user.id}>
                    {s.user.name} ({s.structure.name})
                  </option>
                ))}
              </Select>
            )}
          </div>
        );
      })}
      <Button type="submit" priority="secondary" disabled={save.isPending}>
        Enregistrer les présences
      </Button>
    </form>
  );
}

export function SessionPage() {
  const { id = "" } = useParams();
  const agenda = useAgenda(id);
  const sign = useSignCharter();
  const a = agenda.data;
  const when = a ? localDateTime(a.session.starts_at) : "";
  useDocumentTitle(a ? `Séance du ${when} — ${a.committee.name}` : "Séance");
  return (
    <>
      <Breadcrumb
        homeLinkProps={{ to: "/" }}
        segments={[{ label: "Comités", linkProps: { to: "/comites" } }, ...(a ? [{ label: a.committee.name, linkProps: { to: `/comites/${a.committee.id}` } }] : [])]}
        currentPageLabel={a ? `Séance du ${when}` : "Séance"}
      />
      {agenda.isError ? (
        <ProblemAlert error={agenda.error} />
      ) : !a ? (
        <Loading label="Chargement de l'ordre du jour…" />
      ) : (
        <>
          <h1>
            Séance du {when} — {a.committee.name}
          </h1>
          <p>
            {SESSION_STATUS_LABELS[a.session.status]} · <span data-testid="situations-count">{plural(a.situations_count, "situation", "situations")}</span> à l'ordre du jour · saisine jusqu'au {localDateTime(a.session.submission_deadline)}
          </p>
          {a.permissions.sign_charter && a.charter && (
            <section aria-labelledby="charte-a-signer" data-testid="charter-to-sign">
              <h2 id="charte-a-signer" className={fr.cx("fr-h4")}>
                Charte de confidentialité (version {a.charter.version})
              </h2>
              <p className="spie-pre-line">{a.charter.text}</p>
              {sign.isError && <ProblemAlert error={sign.error} className={fr.cx("fr-mb-2w")} />}
              <Button onClick={() => sign.mutate(a.charter!.id)} disabled={sign.isPending}>
                Signer la charte
              </Button>
            </section>
          )}
          <h2 className={fr.cx("fr-h4")}>Ordre du jour</h2>
          {a.items === null ? (
            <p data-testid="situations-hidden">
              Les situations ne sont visibles que par les membres du comité qui ont signé la charte de confidentialité du territoire.
            </p>
          ) : a.items.length === 0 ? (
            <p>Aucune situation.</p>
          ) : (
            a.items.map((item, i) => <Situation key={item.id} sessionId={id} item={item} position={i + 1} canDecide={a.permissions.see_situations && a.session.status !== "minutes_sent"} />)
          )}
          {a.own_items.length > 0 && (
            <section aria-labelledby="mes-saisines" data-testid="own-situations">
              <h2 id="mes-saisines" className={fr.cx("fr-h4")}>
                Situations des personnes que vous accompagnez
              </h2>
              <p>Vous les voyez parce que vous êtes dans leur équipe d'accompagnement ; jusqu'à l'arrêt de l'ordre du jour, vous pouvez y joindre ou en retirer des documents.</p>
              {a.own_items.map((item, i) => (
                <Situation key={item.id} sessionId={id} item={item} position={i + 1} canDecide={false} />
              ))}
            </section>
          )}
          {a.permissions.run && (
            <section aria-labelledby="presences">
              <h2 id="presences" className={fr.cx("fr-h4")}>
                Présences
              </h2>
              <AttendanceForm sessionId={id} members={a.members} attendance={a.attendance} />
            </section>
          )}
          {a.permissions.see_situations && (
            <section aria-labelledby="compte-rendu" className={fr.cx("fr-mt-4w")}>
              <h2 id="compte-rendu" className={fr.cx("fr-h4")}>
                Compte rendu
              </h2>
              <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
                <li>
                  <Link className={fr.cx("fr-btn", "fr-btn--secondary")} to={`/comites/seances/${id}/compte-rendu`}>
                    Lire le compte rendu
                  </Link>
                </li>
                <li>
                  <a className={fr.cx("fr-btn", "fr-btn--secondary")} href={`${API_BASE}/committee-sessions/${id}/minutes.pdf`} target="_blank" rel="noopener">
                    Compte rendu en PDF<span className={fr.cx("fr-sr-only")}> (nouvelle fenêtre)</span>
                  </a>
                </li>
              </ul>
            </section>
          )}
        </>
      )}
    </>
  );
}
