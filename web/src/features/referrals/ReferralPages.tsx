// Referrals in the web app: the form ("Orienter vers un service"), "Mes orientations" (sent), the
// structure's inbox "Orientations reçues", one referral with its answer form, and the page of the
// signed link for directory-only services. What the caller may do comes from the API's permissions.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { useQuery } from "@tanstack/react-query";
import {
  CONTACT_PREFERENCES,
  CONTACT_PREFERENCE_LABELS,
  REFERRAL_OUTCOMES,
  REFERRAL_OUTCOME_LABELS,
  REFERRAL_REASON_MAX,
  REFERRAL_STATUSES,
  REFERRAL_STATUS_LABELS,
  REFUSAL_REASONS,
  REFUSAL_REASON_LABELS,
  type ContactPreference,
  type ReferralOutcome,
  type ReferralStatus,
  type RefusalReason,
} from "../../../../common/domain/referrals.ts";
import { serviceSearchResult } from "../../../../common/schemas/directory.ts";
import { referralCreateBody, referralTransitionBody, type Referral, type ReferralLinkView } from "../../../../common/schemas/referrals.ts";
import { api } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate } from "../../shared/format.ts";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { formatZoned, useCreateReferral, useLinkReferral, useLinkTransition, useMyPeople, useReferral, useReferralChannel, useReferrals, useRenewLink, useTransition } from "./api.ts";

const STATUS_SEVERITY: Partial<Record<ReferralStatus, "success" | "error" | "info" | "warning" | "new">> = {
  sent: "new",
  in_review: "info",
  accepted: "success",
  started: "success",
  completed: "success",
  refused: "error",
  expired: "warning",
};

function StatusBadge({ status, overdue }: { status: ReferralStatus; overdue?: boolean }) {
  return (
    <>
      <Badge small severity={STATUS_SEVERITY[status]} noIcon>
        {REFERRAL_STATUS_LABELS[status]}
      </Badge>
      {overdue && (
        <Badge small severity="error" className={fr.cx("fr-ml-1w")}>
          En retard
        </Badge>
      )}
    </>
  );
}

// ——— The form ———

function ServiceSearch({ onChoose }: { onChoose: (id: string) => void }) {
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | null>(null);
  const results = useQuery({ queryKey: ["referral-service-search", q], queryFn: ({ signal }) => api.get("/services", serviceSearchResult, { q: q || undefined, page_size: 8 }, signal), enabled: q !== null });
  return (
    <fieldset className="spie-thematic">
      <legend>Choisir le service</legend>
      <Input label="Chercher un service de l'annuaire" nativeInputProps={{ id: "orientation-service-q", type: "search", value: text, onChange: (e) => setText(e.target.value) }} />
      <Button type="button" priority="secondary" onClick={() => setQ(text.trim())}>
        Chercher
      </Button>
      {results.data && (
        <ul className={fr.cx("fr-mt-2w")}>
          {results.data.items.map((s) => (
            <li key={s.id}>
              <Button type="button" priority="tertiary no outline" size="small" onClick={() => onChoose(s.id)}>
                {s.nom} — {s.structure.nom}
              </Button>
            </li>
          ))}
          {results.data.items.length === 0 && <li>Aucun service ne correspond.</li>}
        </ul>
      )}
    </fieldset>
  );
}

export function ReferralCreatePage() {
  useDocumentTitle("Orienter vers un service");
  const [params, setParams] = useSearchParams();
  const serviceId = params.get("service_id");
  const givenPerson = params.get("person_id");
  const channel = useReferralChannel(serviceId);
  const people = useMyPeople(!givenPerson);
  const create = useCreateReferral();
  const navigate = useNavigate();
  const [personId, setPersonId] = useState(givenPerson ?? "");
  const [reason, setReason] = useState("");
  const [situation, setSituation] = useState("");
  const [prerequisites, setPrerequisites] = useState<string[]>([]);
  const [availability, setAvailability] = useState("");
  const [contact, setContact] = useState<ContactPreference | "">("");
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = {
      person_id: personId,
      service_id: serviceId,
      reason,
      situation: situation.trim() || null,
      prerequisites_met: prerequisites,
      availability: availability.trim() || null,
      contact_preference: contact || null,
      consent: consent ? true : undefined,
    };
    const result = validate(referralCreateBody, body);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      const created = await create.mutateAsync(result.data);
      navigate(`/orientations/${created.id}`, { state: { flash: "Orientation envoyée." } });
    } catch (e) {
      failWithApiError(e, (fe, message) => {
        setErrors(fe);
        setFormError(message);
      });
    }
  };

  return (
    <>
      <h1>Orienter vers un service</h1>
      {!serviceId ? (
        <ServiceSearch onChoose={(id) => setParams((p) => (p.set("service_id", id), p))} />
      ) : channel.isPending ? (
        <Loading label="Chargement du service…" />
      ) : channel.isError ? (
        <ProblemAlert error={channel.error} />
      ) : channel.data.channel === "none" ? (
        <Alert
          severity="warning"
          title="Ce service ne reçoit pas d'orientation par spie"
          data-testid="referral-unreachable"
          description={`« ${channel.data.service_name} » (${channel.data.structure_name}) n'a ni membre sur la plateforme ni adresse de courriel. Contactez-le directement${channel.data.phone ? ` au ${channel.data.phone}` : ""}${channel.data.address ? ` ou à l'adresse ${channel.data.address}` : ""}.`}
        />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Orienter vers un service" data-testid="referral-form">
          <p>
            Service : <strong>{channel.data.service_name}</strong> ({channel.data.structure_name})
            {channel.data.channel === "email" && " — la structure n'est pas sur la plateforme : elle recevra un lien par courriel pour répondre."}
          </p>
          {formError && <Alert severity="error" small role="alert" description={formError} className={fr.cx("fr-mb-2w")} />}
          {!givenPerson && (
            <Select label="Personne orientée" {...errorState(errorFor(errors, "person_id") && "Choisissez la personne.")} nativeSelectProps={{ id: "orientation-personne", value: personId, onChange: (e) => setPersonId(e.target.value) }}>
              <option value="">Choisir une personne que j'accompagne</option>
              {(people.data?.items ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.last_name} {p.first_names}
                </option>
              ))}
            </Select>
          )}
          <Input
            label="Motif de l'orientation"
            hintText={`${REFERRAL_REASON_MAX} caractères au plus (${reason.length} saisis)`}
            textArea
            {...errorState(errorFor(errors, "reason"))}
            nativeTextAreaProps={{ id: "orientation-motif", rows: 4, value: reason, onChange: (e) => setReason(e.target.value) }}
          />
          <Input label="Situation de la personne (facultatif)" hintText="Ce que la personne accepte de partager" textArea {...errorState(errorFor(errors, "situation"))} nativeTextAreaProps={{ id: "orientation-situation", rows: 3, value: situation, onChange: (e) => setSituation(e.target.value) }} />
          {channel.data.prerequisites.length > 0 && (
            <Checkbox
              legend="Prérequis du service remplis par la personne"
              options={channel.data.prerequisites.map((p, i) => ({
                label: p,
                nativeInputProps: { name: `orientation-prerequis-${i}`, checked: prerequisites.includes(p), onChange: (e) => setPrerequisites((list) => (e.target.checked ? [...list, p] : list.filter((x) => x !== p))) },
              }))}
            />
          )}
          <Input label="Disponibilités (facultatif)" hintText="Par exemple : les matins, sauf le mercredi" {...errorState(errorFor(errors, "availability"))} nativeInputProps={{ id: "orientation-dispo", value: availability, onChange: (e) => setAvailability(e.target.value) }} />
          <RadioButtons
            legend="Comment joindre la personne"
            name="orientation-contact"
            {...errorState(errorFor(errors, "contact_preference"))}
            options={CONTACT_PREFERENCES.map((c) => ({ label: CONTACT_PREFERENCE_LABELS[c], nativeInputProps: { value: c, checked: contact === c, onChange: () => setContact(c) } }))}
          />
          <Checkbox
            {...errorState(errorFor(errors, "consent") && "Le consentement de la personne est nécessaire.")}
            options={[
              {
                label: "La personne accepte que ces éléments (son nom, le moyen de la joindre choisi, le motif, sa situation, ses disponibilités) soient transmis à la structure qui reçoit l'orientation",
                hintText: "Votre nom et la date sont enregistrés avec ce consentement.",
                nativeInputProps: { name: "orientation-consentement", checked: consent, onChange: (e) => setConsent(e.target.checked) },
              },
            ]}
          />
          <Button type="submit" disabled={create.isPending}>
            Envoyer l'orientation
          </Button>
        </form>
      )}
    </>
  );
}

// ——— Lists ———

export function ReferralListPage({ direction }: { direction: "sent" | "received" }) {
  const title = direction === "sent" ? "Mes orientations" : "Orientations reçues";
  useDocumentTitle(title);
  const [status, setStatus] = useState("");
  const [overdue, setOverdue] = useState("");
  const [serviceId, setServiceId] = useState("");
  const [page, setPage] = useState(1);
  const list = useReferrals({ direction, status, overdue, service_id: serviceId, page });
  const base = direction === "sent" ? "/orientations" : "/orientations/recues";
  return (
    <>
      <h1>{title}</h1>
      {direction === "received" && list.data && (
        <p data-testid="inbox-counts">
          {list.data.counts.to_answer} orientation{list.data.counts.to_answer > 1 ? "s" : ""} à répondre, dont {list.data.counts.overdue} en retard (délai de 72 heures ouvrées).
        </p>
      )}
      <div className="spie-filter-row" role="group" aria-label="Filtrer les orientations">
        <Select label="État" nativeSelectProps={{ id: "orientations-statut", value: status, onChange: (e) => (setStatus(e.target.value), setPage(1)) }}>
          <option value="">Tous les états</option>
          {REFERRAL_STATUSES.map((s) => (
            <option key={s} value={s}>
              {REFERRAL_STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <Select label="Délai" nativeSelectProps={{ id: "orientations-retard", value: overdue, onChange: (e) => (setOverdue(e.target.value), setPage(1)) }}>
          <option value="">Toutes</option>
          <option value="true">En retard seulement</option>
        </Select>
        {direction === "received" && (list.data?.services.length ?? 0) > 1 && (
          <Select label="Service" nativeSelectProps={{ id: "orientations-service", value: serviceId, onChange: (e) => (setServiceId(e.target.value), setPage(1)) }}>
            <option value="">Tous les services</option>
            {list.data!.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        )}
      </div>
      {list.isPending ? (
        <Loading label="Chargement des orientations…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <>
          <p role="status" aria-live="polite" data-testid="referrals-count">
            {list.data.total === 0 ? "Aucune orientation." : `${list.data.total} orientation${list.data.total > 1 ? "s" : ""}`}
          </p>
          {list.data.items.length > 0 && (
            <DataTable
              caption={title}
              hideCaption
              stacked
              rowHeaders
              testId="referrals-table"
              headers={["Personne", "Service", direction === "sent" ? "Structure" : "Envoyée par", "État", "Envoyée le", "Réponse attendue avant"]}
              rows={list.data.items.map((r) => ({
                key: r.id,
                testId: "referral-row",
                cells: [
                  <Link key="l" to={`${base}/${r.id}`}>
                    {r.person_name}
                  </Link>,
                  r.service.name,
                  direction === "sent" ? r.receiving_structure.name : `${r.sender.name ?? "?"} (${r.sender.structure_name ?? "?"})`,
                  <StatusBadge key="s" status={r.status} overdue={r.overdue} />,
                  formatZoned(r.sent_at),
                  formatZoned(r.due_at),
                ],
              }))}
            />
          )}
          {list.data.total > 20 && (
            <p>
              <Button priority="secondary" size="small" disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
                Page précédente
              </Button>{" "}
              <Button priority="secondary" size="small" disabled={page * 20 >= list.data.total} onClick={() => setPage((p) => p + 1)}>
                Page suivante
              </Button>
            </p>
          )}
        </>
      )}
    </>
  );
}

// ——— One referral ———

function ReferralDetails({ r }: { r: Referral | ReferralLinkView }) {
  return (
    <>
      <p>
        <StatusBadge status={r.status} overdue={r.overdue} />
      </p>
      <dl className="spie-dl" data-testid="referral-details">
        <dt>Personne</dt>
        <dd>
          {r.person.first_names} {r.person.last_name}
          {r.person.phone && ` — téléphone : ${r.person.phone}`}
          {r.person.email && ` — courriel : ${r.person.email}`}
        </dd>
        <dt>Service</dt>
        <dd>
          {r.service.name} ({r.receiving_structure.name})
        </dd>
        <dt>Envoyée par</dt>
        <dd>
          {r.sender.name ?? "?"} ({r.sender.structure_name ?? "?"}){r.sender.email ? ` — ${r.sender.email}` : ""}, le {formatZoned(r.sent_at)}
        </dd>
        <dt>Réponse attendue avant</dt>
        <dd>
          {formatZoned(r.due_at)} (72 heures ouvrées, heure locale de la structure)
        </dd>
        <dt>Motif</dt>
        <dd className="spie-pre-line">{r.reason}</dd>
        <dt>Situation</dt>
        <dd className="spie-pre-line">{r.situation ?? "Non précisée"}</dd>
        <dt>Prérequis remplis</dt>
        <dd>{r.prerequisites_met.length ? r.prerequisites_met.join(" ; ") : "Aucun indiqué"}</dd>
        <dt>Disponibilités</dt>
        <dd>{r.availability ?? "Non précisées"}</dd>
        <dt>Joindre la personne</dt>
        <dd>{r.contact_preference ? CONTACT_PREFERENCE_LABELS[r.contact_preference] : "Non précisé"}</dd>
        <dt>Consentement</dt>
        <dd>
          Recueilli par {r.consent.recorded_by ?? "?"} le {formatZoned(r.consent.recorded_at)}
        </dd>
        {r.planned_start && (
          <>
            <dt>Début prévu</dt>
            <dd>{formatDate(r.planned_start)}</dd>
          </>
        )}
        {r.outcome && (
          <>
            <dt>Issue</dt>
            <dd>{REFERRAL_OUTCOME_LABELS[r.outcome]}</dd>
          </>
        )}
      </dl>
      <h2 className={fr.cx("fr-h4")}>Étapes</h2>
      <ol data-testid="referral-steps">
        {r.transitions.map((t) => (
          <li key={t.id}>
            {formatZoned(t.at)} — {REFERRAL_STATUS_LABELS[t.to]}
            {t.actor.kind === "link" ? " (par le lien envoyé à la structure)" : t.actor.kind === "system" ? " (automatiquement)" : t.actor.name ? ` par ${t.actor.name}${t.actor.structure_name ? ` (${t.actor.structure_name})` : ""}` : ""}
            {t.reason_codes.length > 0 && ` — motifs : ${t.reason_codes.map((c) => REFUSAL_REASON_LABELS[c]).join(", ")}`}
            {t.message && ` — « ${t.message} »`}
          </li>
        ))}
      </ol>
    </>
  );
}

const ACTION_LABELS: Partial<Record<ReferralStatus, string>> = {
  in_review: "Mettre à l'étude",
  accepted: "Accepter",
  refused: "Refuser",
  redirected: "Réorienter vers un autre service",
  cancelled: "Annuler l'orientation",
  started: "Indiquer que l'accompagnement a commencé",
  completed: "Terminer (indiquer l'issue)",
};

function AnswerForm({ transitions, submit, pending }: { transitions: ReferralStatus[]; submit: (body: Record<string, unknown>) => Promise<void>; pending: boolean }) {
  const [to, setTo] = useState<ReferralStatus | "">("");
  const [plannedStart, setPlannedStart] = useState("");
  const [codes, setCodes] = useState<RefusalReason[]>([]);
  const [message, setMessage] = useState("");
  const [share, setShare] = useState(false);
  const [outcome, setOutcome] = useState<ReferralOutcome | "">("");
  const [redirectService, setRedirectService] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  if (transitions.length === 0) return null;
  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body: Record<string, unknown> = { to: to || undefined };
    if (message.trim()) body.message = message.trim();
    if (to === "accepted") body.planned_start = plannedStart || undefined;
    if (to === "refused") Object.assign(body, { reason_codes: codes, share_reason_with_person: share });
    if (to === "completed") body.outcome = outcome || undefined;
    if (to === "redirected") body.redirect_service_id = redirectService || undefined;
    const result = validate(referralTransitionBody, body);
    if (!result.ok) return setErrors(result.errors);
    setErrors({});
    try {
      await submit(result.data);
      setTo("");
      setFormError(null);
    } catch (e) {
      failWithApiError(e, (fe, m) => {
        setErrors(fe);
        setFormError(m);
      });
    }
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Répondre à l'orientation" data-testid="answer-form" className={fr.cx("fr-mt-4w")}>
      <h2 className={fr.cx("fr-h4")}>Répondre</h2>
      {formError && <Alert severity="error" small role="alert" description={formError} className={fr.cx("fr-mb-2w")} />}
      <RadioButtons
        legend="Que faire de cette orientation ?"
        name="reponse-etat"
        {...errorState(errorFor(errors, "to") && "Choisissez une réponse.")}
        options={transitions.map((t) => ({ label: ACTION_LABELS[t] ?? REFERRAL_STATUS_LABELS[t], nativeInputProps: { value: t, checked: to === t, onChange: () => setTo(t) } }))}
      />
      {to === "accepted" && <Input label="Date de début prévue" {...errorState(errorFor(errors, "planned_start"))} nativeInputProps={{ id: "reponse-debut", type: "date", value: plannedStart, onChange: (e) => setPlannedStart(e.target.value) }} />}
      {to === "refused" && (
        <>
          <Checkbox
            legend="Motifs du refus"
            {...errorState(errorFor(errors, "reason_codes"))}
            options={REFUSAL_REASONS.map((c) => ({
              label: REFUSAL_REASON_LABELS[c],
              nativeInputProps: { name: `reponse-motif-${c}`, checked: codes.includes(c), onChange: (e) => setCodes((l) => (e.target.checked ? [...l, c] : l.filter((x) => x !== c))) },
            }))}
          />
          <Checkbox options={[{ label: "Le motif peut être communiqué à la personne", nativeInputProps: { name: "reponse-partage", checked: share, onChange: (e) => setShare(e.target.checked) } }]} />
        </>
      )}
      {to === "completed" && (
        <RadioButtons
          legend="Issue de l'accompagnement"
          name="reponse-issue"
          {...errorState(errorFor(errors, "outcome"))}
          options={REFERRAL_OUTCOMES.map((o) => ({ label: REFERRAL_OUTCOME_LABELS[o], nativeInputProps: { value: o, checked: outcome === o, onChange: () => setOutcome(o) } }))}
        />
      )}
      {to === "redirected" && (
        <RedirectPicker value={redirectService} onChange={setRedirectService} error={errorFor(errors, "redirect_service_id")} />
      )}
      {to && (
        <Input label={to === "cancelled" ? "Motif de l'annulation" : "Message (facultatif)"} textArea {...errorState(errorFor(errors, "message"))} nativeTextAreaProps={{ id: "reponse-message", rows: 3, value: message, onChange: (e) => setMessage(e.target.value) }} />
      )}
      <Button type="submit" disabled={pending}>
        Enregistrer la réponse
      </Button>
    </form>
  );
}

function RedirectPicker({ value, onChange, error }: { value: string; onChange: (id: string) => void; error: string | undefined }) {
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | null>(null);
  const results = useQuery({ queryKey: ["referral-redirect-search", q], queryFn: ({ signal }) => api.get("/services", serviceSearchResult, { q: q || undefined, page_size: 8 }, signal), enabled: q !== null });
  return (
    <fieldset className="spie-thematic">
      <legend>Service vers lequel réorienter</legend>
      {error && <p className={fr.cx("fr-error-text")}>{error}</p>}
      <Input label="Chercher un service" nativeInputProps={{ id: "reponse-service-q", type: "search", value: text, onChange: (e) => setText(e.target.value) }} />
      <Button type="button" priority="secondary" size="small" onClick={() => setQ(text.trim())}>
        Chercher
      </Button>
      {results.data && results.data.items.length > 0 && (
        <RadioButtons
          legend="Services trouvés"
          name="reponse-service"
          small
          options={results.data.items.map((s) => ({ label: `${s.nom} — ${s.structure.nom}`, nativeInputProps: { value: s.id, checked: value === s.id, onChange: () => onChange(s.id) } }))}
        />
      )}
    </fieldset>
  );
}

/** A refused or expired referral: record the need left without a solution (the unmet-needs pages). */
function UnmetNeedLink({ r }: { r: Referral }) {
  if (r.status !== "refused" && r.status !== "expired") return null;
  if (!r.permissions.open_file) return null;
  const query = new URLSearchParams({ referral_id: r.id });
  if (r.person.id) query.set("person_id", r.person.id);
  if (r.service.thematic) query.set("thematic", r.service.thematic);
  if (r.service.commune_code) query.set("commune_code", r.service.commune_code);
  return (
    <p className={fr.cx("fr-mt-2w")}>
      <Button priority="secondary" linkProps={{ to: `/besoins-sans-solution/signaler?${query.toString()}` }}>
        Signaler un besoin sans solution
      </Button>
    </p>
  );
}

export function ReferralPage() {
  const { id = "" } = useParams();
  const query = useReferral(id);
  const move = useTransition(id);
  const renew = useRenewLink(id);
  const [done, setDone] = useState<string | null>(null);
  useDocumentTitle("Orientation");
  const r = query.data;
  return (
    <>
      <h1>{r ? `Orientation de ${r.person.first_names} ${r.person.last_name}` : "Orientation"}</h1>
      {query.isPending ? (
        <Loading label="Chargement de l'orientation…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} />
      ) : (
        r && (
          <>
            <div role="status" aria-live="polite">
              {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-2w")} />}
            </div>
            {r.permissions.open_file && r.person.id && (
              <p>
                <Link to={`/personnes/${r.person.id}?onglet=historique`}>Ouvrir le dossier de la personne</Link>
              </p>
            )}
            <ReferralDetails r={r} />
            {r.permissions.renew_link && (
              <p>
                La structure répond par un lien envoyé par courriel{r.link_expires_at ? `, valable jusqu'au ${formatZoned(r.link_expires_at)}` : ""}.{" "}
                <Button size="small" priority="secondary" disabled={renew.isPending} onClick={() => renew.mutate(undefined, { onSuccess: () => setDone("Un nouveau lien a été envoyé à la structure.") })}>
                  Renvoyer un lien
                </Button>
              </p>
            )}
            <UnmetNeedLink r={r} />
            <AnswerForm
              transitions={r.permissions.transitions}
              pending={move.isPending}
              submit={async (body) => {
                const next = await move.mutateAsync(body as never);
                setDone(`Orientation : ${REFERRAL_STATUS_LABELS[next.status].toLowerCase()}.`);
              }}
            />
          </>
        )
      )}
    </>
  );
}

// ——— The signed link (no account) ———

export function ExternalReferralPage() {
  const { token = "" } = useParams();
  const query = useLinkReferral(token);
  const move = useLinkTransition(token);
  const [done, setDone] = useState<string | null>(null);
  useDocumentTitle("Orientation reçue");
  const r = query.data;
  return (
    <>
      <h1>Orientation reçue</h1>
      {query.isPending ? (
        <Loading label="Chargement de l'orientation…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} />
      ) : (
        r && (
          <>
            <p>Cette page montre ce que la personne a accepté de vous transmettre. Rien ne change tant que vous n'enregistrez pas de réponse.</p>
            <div role="status" aria-live="polite">
              {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-2w")} />}
            </div>
            <ReferralDetails r={r} />
            <AnswerForm
              transitions={r.permissions.transitions}
              pending={move.isPending}
              submit={async (body) => {
                const next = await move.mutateAsync(body as never);
                setDone(`Réponse enregistrée : ${REFERRAL_STATUS_LABELS[next.status].toLowerCase()}.`);
              }}
            />
          </>
        )
      )}
    </>
  );
}
