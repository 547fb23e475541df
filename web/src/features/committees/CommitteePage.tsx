// A committee: its settings, its calendar of sessions (moved, added, cancelled) and the territory's
// confidentiality charter. What the caller may do comes from the server's `permissions`.
import { useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { COMMITTEE_KIND_LABELS, SESSION_STATUS_LABELS, WEEKDAY_LABELS } from "../../../../common/domain/committee-calendar.ts";
import type { CommitteeView, SessionView } from "../../../../common/schemas/committees.ts";
import { API_BASE } from "../../api/client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useAddSession, useCharter, useCommittee, useMemberOptions, useSessions, useSubscribeCalendar, useUnsubscribeCalendar, useUpdateCommittee, useUpdateSession, useWriteCharter } from "./api.ts";

/** "2026-12-03T08:30:00+01:00" → "03/12/2026 à 08:30" (the territory's wall clock, as sent). */
export function localDateTime(iso: string): string {
  return `${formatDate(iso.slice(0, 10))} à ${iso.slice(11, 16)}`;
}

const MEMBER_ROLE_LABELS = { titular: "Titulaire", substitute: "Suppléant·e" } as const;

/** The appointed members (people of the territory's structures, titular or substitute), for coordinators. */
function MembersSection({ committee }: { committee: CommitteeView }) {
  const options = useMemberOptions(committee.id, true);
  const update = useUpdateCommittee(committee.id);
  const [v, setV] = useState({ structure_id: "", user_id: "", role: "titular" as "titular" | "substitute" });
  const [done, setDone] = useState<string | null>(null);
  const current = committee.members.map((m) => ({ structure_id: m.structure.id, user_id: m.user.id, role: m.role }));
  const structure = options.data?.structures.find((st) => st.id === v.structure_id);
  const save = (members: typeof current, message: string) =>
    update.mutate(
      { members },
      {
        onSuccess: () => {
          setDone(message);
          setV({ structure_id: "", user_id: "", role: "titular" });
        },
      },
    );
  const add = (e: FormEvent) => {
    e.preventDefault();
    const user = structure?.users.find((u) => u.id === v.user_id);
    if (!structure || !user) return;
    save([...current, { structure_id: structure.id, user_id: user.id, role: v.role }], `${user.name} (${structure.name}) est désigné·e.`);
  };
  return (
    <section aria-labelledby="membres-titre" data-testid="committee-members">
      <h2 id="membres-titre" className={fr.cx("fr-h4")}>
        Membres désignés
      </h2>
      <div role="status">{done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-2w")} />}</div>
      {update.isError && <ProblemAlert error={update.error} className={fr.cx("fr-mb-2w")} />}
      {committee.members.length === 0 ? (
        <p>Aucun membre désigné.</p>
      ) : (
        <ul>
          {committee.members.map((m) => (
            <li key={m.id} data-testid="committee-member">
              {m.user.name} ({m.structure.name}) — {MEMBER_ROLE_LABELS[m.role]}
              {m.charter_signed ? ", charte signée" : ", charte non signée"}{" "}
              <Button
                size="small"
                priority="tertiary"
                disabled={update.isPending}
                onClick={() => save(current.filter((c) => !(c.user_id === m.user.id && c.structure_id === m.structure.id && c.role === m.role)), `${m.user.name} n'est plus membre du comité.`)}
              >
                Retirer<span className={fr.cx("fr-sr-only")}> {m.user.name}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      {options.isError ? (
        <ProblemAlert error={options.error} />
      ) : !options.data ? (
        <Loading label="Chargement des structures du territoire…" />
      ) : (
        <form onSubmit={add} noValidate aria-labelledby="designer-titre" data-testid="member-add-form">
          <h3 id="designer-titre" className={fr.cx("fr-h6")}>
            Désigner un membre
          </h3>
          <div className="spie-two-cols">
            <Select label="Structure" nativeSelectProps={{ value: v.structure_id, onChange: (e) => setV({ ...v, structure_id: e.target.value, user_id: "" }) }}>
              <option value="">Choisissez une structure</option>
              {options.data.structures.map((st) => (
                <option key={st.id} value={st.id}>
                  {st.name}
                </option>
              ))}
            </Select>
            <Select label="Personne" disabled={!structure} nativeSelectProps={{ value: v.user_id, onChange: (e) => setV({ ...v, user_id: e.target.value }) }}>
              <option value="">{structure ? "Choisissez une personne" : "Choisissez d'abord la structure"}</option>
              {(structure?.users ?? [])
                .filter((u) => !current.some((c) => c.user_id === u.id))
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name}
                  </option>
                ))}
            </Select>
          </div>
          <Select label="Rôle" nativeSelectProps={{ value: v.role, onChange: (e) => setV({ ...v, role: e.target.value as "titular" | "substitute" }) }}>
            <option value="titular">{MEMBER_ROLE_LABELS.titular}</option>
            <option value="substitute">{MEMBER_ROLE_LABELS.substitute}</option>
          </Select>
          <Button type="submit" disabled={!v.user_id || update.isPending}>
            Désigner
          </Button>
        </form>
      )}
    </section>
  );
}

function SessionChange({ committeeId, sessions }: { committeeId: string; sessions: SessionView[] }) {
  const update = useUpdateSession();
  const add = useAddSession(committeeId);
  const open = sessions.filter((s) => s.status !== "cancelled" && s.status !== "held" && s.status !== "minutes_sent");
  const [v, setV] = useState({ id: open[0]?.id ?? "", action: "move", date: "", reason: "" });
  const [done, setDone] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (v.action === "add") {
      add.mutate({ date: v.date, reason: v.reason }, { onSuccess: () => setDone("Séance ajoutée.") });
      return;
    }
    const body = v.action === "move" ? { action: "move" as const, date: v.date, reason: v.reason } : { action: "cancel" as const, reason: v.reason };
    update.mutate({ id: v.id, body }, { onSuccess: () => setDone(v.action === "move" ? "Séance déplacée." : "Séance annulée.") });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="session-change-form" aria-labelledby="changer-seance">
      <h3 id="changer-seance" className={fr.cx("fr-h6")}>
        Déplacer, annuler ou ajouter une séance
      </h3>
      {done && <Alert severity="success" small role="status" description={done} className={fr.cx("fr-mb-2w")} />}
      {update.isError && <ProblemAlert error={update.error} className={fr.cx("fr-mb-2w")} />}
      {add.isError && <ProblemAlert error={add.error} className={fr.cx("fr-mb-2w")} />}
      <Select label="Action" nativeSelectProps={{ value: v.action, onChange: (e) => setV({ ...v, action: e.target.value }) }}>
        <option value="move">Déplacer une séance</option>
        <option value="cancel">Annuler une séance</option>
        <option value="add">Ajouter une séance</option>
      </Select>
      {v.action !== "add" && (
        <Select label="Séance" nativeSelectProps={{ value: v.id, onChange: (e) => setV({ ...v, id: e.target.value }) }}>
          {open.map((s) => (
            <option key={s.id} value={s.id}>
              {localDateTime(s.starts_at)}
            </option>
          ))}
        </Select>
      )}
      {v.action !== "cancel" && <Input label={v.action === "add" ? "Date de la séance ajoutée" : "Nouvelle date"} nativeInputProps={{ type: "date", value: v.date, onChange: (e) => setV({ ...v, date: e.target.value }) }} />}
      <Input label="Motif" nativeInputProps={{ value: v.reason, onChange: (e) => setV({ ...v, reason: e.target.value }) }} />
      <Button type="submit" priority="secondary" disabled={update.isPending || add.isPending}>
        Enregistrer
      </Button>
    </form>
  );
}

/**
 * The calendar: a file to download, or a private address a calendar app subscribes to (it has no
 * session). The address is shown once; asking again replaces it.
 */
function CalendarSection({ committee }: { committee: CommitteeView }) {
  const subscribe = useSubscribeCalendar(committee.id);
  const revoke = useUnsubscribeCalendar(committee.id);
  const [copied, setCopied] = useState<string | null>(null);
  const url = subscribe.data?.url;
  const current = committee.calendar_subscription;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Adresse copiée : collez-la dans votre agenda.");
    } catch {
      setCopied("La copie automatique n'est pas possible : sélectionnez l'adresse et copiez-la.");
    }
  };
  return (
    <section aria-labelledby="calendrier-titre" data-testid="calendar-subscription" className={fr.cx("fr-mb-4w")}>
      <h2 id="calendrier-titre" className={fr.cx("fr-h4")}>
        Calendrier des séances
      </h2>
      <p>
        <a href={`${API_BASE}/committees/${committee.id}/calendar.ics`} className={fr.cx("fr-link", "fr-icon-calendar-line", "fr-link--icon-left")}>
          Télécharger le calendrier (iCalendar)
        </a>
      </p>
      <p>
        Pour voir les séances dans votre agenda (Outlook, Thunderbird, Agenda Google, le calendrier de votre téléphone…) et qu'il se mette à jour de lui-même quand une séance est déplacée ou
        annulée, abonnez-vous avec une adresse privée : dans votre agenda, choisissez « ajouter un calendrier à partir d'une adresse internet » (ou « s'abonner ») et collez-la.
      </p>
      <p>
        L'adresse ne donne que les dates, heures, lieux et l'état des séances : jamais les situations ni les personnes. Elle vous est personnelle, ne la partagez pas. Elle cesse de fonctionner si vous
        n'avez plus accès au comité ou si vous la révoquez ; en demander une nouvelle remplace la précédente.
      </p>
      {subscribe.isError && <ProblemAlert error={subscribe.error} className={fr.cx("fr-mb-2w")} />}
      {revoke.isError && <ProblemAlert error={revoke.error} className={fr.cx("fr-mb-2w")} />}
      <div role="status">{revoke.isSuccess && !current && <Alert severity="success" small description="Adresse d'abonnement révoquée : elle ne fonctionne plus." className={fr.cx("fr-mb-2w")} />}</div>
      {url && (
        <div data-testid="calendar-url">
          <Input
            label="Votre adresse d'abonnement"
            hintText="Elle n'est montrée qu'une fois : copiez-la maintenant dans votre agenda."
            nativeInputProps={{ id: "calendrier-adresse", value: url, readOnly: true, onFocus: (e) => e.target.select() }}
          />
          <Button priority="secondary" iconId="fr-icon-clipboard-line" iconPosition="left" onClick={() => void copy()}>
            Copier l'adresse
          </Button>
          <p role="status" className={fr.cx("fr-mt-1w")}>
            {copied}
          </p>
        </div>
      )}
      {current && !url && <p>Vous avez une adresse d'abonnement depuis le {formatDateTime(current.created_at)}{current.last_used_at ? `, lue par votre agenda le ${formatDateTime(current.last_used_at)}` : ""}.</p>}
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-md")}>
        <li>
          <Button
            iconId="fr-icon-calendar-line"
            iconPosition="left"
            disabled={subscribe.isPending}
            onClick={() => {
              setCopied(null);
              revoke.reset();
              subscribe.mutate();
            }}
          >
            {current ? "Obtenir une nouvelle adresse" : "S'abonner au calendrier"}
          </Button>
        </li>
        {current && (
          <li>
            <Button
              priority="secondary"
              disabled={revoke.isPending}
              onClick={() => {
                subscribe.reset();
                revoke.mutate();
              }}
            >
              Révoquer l'adresse
            </Button>
          </li>
        )}
      </ul>
    </section>
  );
}

function CharterSection({ committee }: { committee: CommitteeView }) {
  const charter = useCharter(committee.territory_id, committee.charter !== null);
  const write = useWriteCharter();
  const [text, setText] = useState("");
  return (
    <section aria-labelledby="charte" className={fr.cx("fr-mt-4w")}>
      <h2 id="charte" className={fr.cx("fr-h4")}>
        Charte de confidentialité du territoire
      </h2>
      {committee.charter ? (
        <>
          <p>
            Version {committee.charter.version} en vigueur. Les membres la signent avant de voir les situations ; à chaque nouvelle version, ils la signent à nouveau.
          </p>
          {charter.data && <p className="spie-pre-line">{charter.data.text}</p>}
        </>
      ) : (
        <p>Aucune charte n'est encore rédigée : les membres ne voient que le nombre de situations.</p>
      )}
      {committee.permissions.write_charter && (
        <form
          data-testid="charter-form"
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate({ territory_id: committee.territory_id, text }, { onSuccess: () => setText("") });
          }}
        >
          {write.isError && <ProblemAlert error={write.error} className={fr.cx("fr-mb-2w")} />}
          {write.isSuccess && <Alert severity="success" small role="status" description={`Version ${write.data.version} publiée.`} className={fr.cx("fr-mb-2w")} />}
          <Input label="Texte de la nouvelle version" textArea nativeTextAreaProps={{ value: text, rows: 5, onChange: (e) => setText(e.target.value) }} />
          <Button type="submit" priority="secondary" disabled={write.isPending}>
            Publier une nouvelle version
          </Button>
        </form>
      )}
    </section>
  );
}

export function CommitteePage() {
  const { id = "" } = useParams();
  const committee = useCommittee(id);
  const sessions = useSessions(id);
  const c = committee.data;
  useDocumentTitle(c?.name ?? "Comité");
  const deadline = c ? ("weekday" in c.submission_deadline ? `le ${WEEKDAY_LABELS[c.submission_deadline.weekday]} à ${c.submission_deadline.time} de la semaine de la séance` : `${c.submission_deadline.days_before} jours avant, à ${c.submission_deadline.time}`) : "";
  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[{ label: "Comités", linkProps: { to: "/comites" } }]} currentPageLabel={c?.name ?? "Comité"} />
      {committee.isError ? (
        <ProblemAlert error={committee.error} />
      ) : !c ? (
        <Loading label="Chargement du comité…" />
      ) : (
        <>
          <h1>{c.name}</h1>
          <ul>
            <li>{COMMITTEE_KIND_LABELS[c.kind]} · {c.territory_name}</li>
            <li>
              Toutes les {c.recurrence.interval_weeks} semaines à {c.recurrence.time} depuis le {formatDate(c.recurrence.first_date)} (fuseau {c.time_zone})
            </li>
            <li>Saisine au plus tard {deadline} ; au plus {c.max_situations} situations par séance</li>
            {c.location && <li>Lieu : {c.location}</li>}
            <li>Membres : {c.members.length === 0 ? "aucun" : c.members.map((m) => `${m.user.name} (${m.structure.name})`).join(", ")}</li>
          </ul>
          <h2 className={fr.cx("fr-h4")}>Séances</h2>
          {sessions.isError ? (
            <ProblemAlert error={sessions.error} />
          ) : !sessions.data ? (
            <Loading label="Chargement des séances…" />
          ) : (
            <>
              <div className={fr.cx("fr-table")}>
                <table data-testid="sessions">
                  <caption>Séances à venir (heures du territoire)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Séance</th>
                      <th scope="col">Limite de saisine</th>
                      <th scope="col">Ordre du jour arrêté</th>
                      <th scope="col">Envoi aux membres</th>
                      <th scope="col">État</th>
                      <th scope="col">Situations</th>
                    </tr>
                  </thead>
                  <tbody>
                    {sessions.data.items.slice(0, 12).map((s) => (
                      <tr key={s.id} data-testid="session-row">
                        <td>
                          <Link to={`/comites/seances/${s.id}`}>{localDateTime(s.starts_at)}</Link>
                          {s.moved_from && (
                            <>
                              <br />
                              <span className={fr.cx("fr-text--sm")}>
                                au lieu du {formatDate(s.moved_from)}
                                {s.reason ? ` (${s.reason})` : ""}
                              </span>
                            </>
                          )}
                        </td>
                        <td>{localDateTime(s.submission_deadline)}</td>
                        <td>{localDateTime(s.agenda_frozen_at)}</td>
                        <td>{localDateTime(s.dispatched_at)}</td>
                        <td>{SESSION_STATUS_LABELS[s.status]}</td>
                        <td>
                          {s.situations_count} / {c.max_situations}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {c.permissions.run_sessions && <SessionChange committeeId={c.id} sessions={sessions.data.items} />}
            </>
          )}
          <CalendarSection committee={c} />
          {c.permissions.update && <MembersSection committee={c} />}
          <CharterSection committee={c} />
        </>
      )}
    </>
  );
}
