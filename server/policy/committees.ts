// Who may see and run committees, submit situations, and see them.
//
//   what                                        who may
//   ──────────────────────────────────────────  ────────────────────────────────────────────────────────
//   create a committee, change it, move/add/     coordinators of the committee's territory; platform
//     cancel sessions, record attendance,        admins (who never see situations: no decisions, no
//     write the territory's charter              minutes, counts only on the agenda)
//   record decisions, read the minutes           coordinators of the territory; members who signed the
//                                                current charter (they see the situations)
//   read a committee, its sessions, its          those who run it; its appointed members (titulars and
//     calendar feed                              substitutes); any professional or coordinator with a
//                                                membership in the territory (they submit to it)
//   submit a person's situation                  a member of the person's team (through an active
//                                                accompanying membership), the person being of the
//                                                committee's territory, with the person's consent
//   see what was submitted (agenda items,        coordinators of the territory; appointed members who
//     one situation)                             signed the territory's current charter version. Opening
//                                                a situation writes the person's access-log row with
//                                                the reason `committee` (policy/people.ts, reserved
//                                                relation); listing the agenda writes a `list` row each
//   see the agenda's number of situations        whoever reads the committee
//   sign the charter                             appointed members of a committee of the territory and
//                                                its coordinators
//   see the documents joined to a submission     the person's team when they may submit to the committee
//     (list, download)                           (relation `team`), otherwise those who see situations
//                                                (relation `committee`); each list and each download is
//                                                a read of the person, logged with that relation
//   join and remove documents                    the person's team when they may submit to the committee,
//                                                while the submission waits on a `planned` session (before
//                                                the agenda's freeze): 403 to others who see them, 409
//                                                once the agenda is frozen
//   follow the calendar by a private URL         whoever reads the committee; the URL's secret (stored
//     (calendar apps have no session)            hashed) is the capability of a public route, and the
//                                                feed answers only while its owner still reads the
//                                                committee (checked at each fetch, else 404)
//   anyone else                                  nothing: 404, the committee's existence is not revealed
import type { Db } from "../db/client.ts";
import type { Ctx } from "../http/context.ts";
import { DomainError } from "../http/errors.ts";
import { recordAccess } from "../features/access-log/access-log.ts";
import type { Actor } from "./actor.ts";
import { eq } from "drizzle-orm";
import { people } from "../features/people/people.tables.ts";
import { committeeAccess, peopleAccess, personAccess, type PersonAccess } from "./people.ts";
import { actingMemberships, coordinatorTerritories } from "./roles.ts";

export interface CommitteeFacts {
  territory_id: string;
  /** The caller's seats on the committee (active appointed members). */
  seats: { structure_id: string; user_id: string }[];
  /** The caller signed the territory's current charter version. */
  signed_current_charter: boolean;
}

export function mayCreateCommittee(actor: Actor, territoryId: string): boolean {
  return actor.is_admin || coordinatorTerritories(actor).has(territoryId);
}

/** Appointed, and still an active member of the structure that seats them (one who left it sits no more). */
function isSeated(actor: Actor, facts: CommitteeFacts): boolean {
  if (actor.is_admin) return false;
  return facts.seats.some((s) => s.user_id === actor.user_id && actor.memberships.some((m) => m.structure_id === s.structure_id));
}

export interface CommitteePermissions {
  read: boolean;
  update: boolean;
  run_sessions: boolean;
  submit: boolean;
  write_charter: boolean;
  sign_charter: boolean;
  see_situations: boolean;
  decide: boolean;
}

export function committeePermissions(actor: Actor, facts: CommitteeFacts): CommitteePermissions {
  const runs = mayCreateCommittee(actor, facts.territory_id);
  const coordinator = coordinatorTerritories(actor).has(facts.territory_id);
  const seated = isSeated(actor, facts);
  const accompanies = actingMemberships(actor).some((m) => m.territory_id === facts.territory_id);
  const seesSituations = !actor.is_admin && (coordinator || (seated && facts.signed_current_charter));
  return {
    read: runs || seated || accompanies,
    update: runs,
    run_sessions: runs,
    submit: accompanies,
    write_charter: runs,
    sign_charter: !actor.is_admin && (coordinator || seated),
    see_situations: seesSituations,
    decide: seesSituations && (coordinator || seated),
  };
}

const NOT_FOUND = "Comité introuvable.";

/** The permissions, or 404 when the caller may not know the committee. */
export function readableCommittee(actor: Actor, facts: CommitteeFacts): CommitteePermissions {
  const p = committeePermissions(actor, facts);
  if (!p.read) throw new DomainError("not_found", NOT_FOUND);
  return p;
}

export function assertMay(p: CommitteePermissions, what: Exclude<keyof CommitteePermissions, "read">): void {
  if (p[what]) return;
  const messages: Record<typeof what, string> = {
    update: "Seule l'équipe de coordination du territoire modifie un comité.",
    run_sessions: "Seule l'équipe de coordination du territoire gère les séances.",
    submit: "Seuls les professionnels du territoire saisissent le comité.",
    write_charter: "Seule l'équipe de coordination du territoire rédige la charte.",
    sign_charter: "Seuls les membres désignés du comité signent la charte.",
    see_situations: "Signez la charte de confidentialité pour voir les situations.",
    decide: "Seuls les membres du comité ayant signé la charte enregistrent les décisions.",
  };
  // Situations are not revealed to those who may not see them, whatever they know of the committee.
  if (what === "see_situations" || what === "decide") throw new DomainError("not_found", "Situation introuvable.");
  throw new DomainError("forbidden", messages[what]);
}

/** The one who may write a charter for a territory (coordinators, platform admins). */
export function mayWriteCharter(actor: Actor, territoryId: string): boolean {
  return mayCreateCommittee(actor, territoryId);
}

/**
 * The decision on a submission's person: the caller's seat in the person's team (policy/people.ts)
 * and the person of the committee's territory. 404 when the caller may not know the file.
 */
export async function submissionAccess(db: Db, actor: Actor, personId: string, committeeTerritoryId: string): Promise<PersonAccess> {
  const [person] = await db.select({ territory_id: people.territory_id }).from(people).where(eq(people.id, personId));
  return assertMaySubmit(person ? await personAccess(db, actor, personId) : null, person ?? { territory_id: null }, committeeTerritoryId);
}

function assertMaySubmit(access: PersonAccess | null, person: { territory_id: string | null }, committeeTerritoryId: string): PersonAccess {
  if (!access || access.reason !== "team") {
    throw new DomainError("not_found", "Dossier introuvable.", { errors: [{ field: "person_id", code: "not_found", message: "Personne introuvable parmi celles que vous accompagnez" }] });
  }
  if (person.territory_id !== committeeTerritoryId) {
    throw new DomainError("validation_failed", "La personne ne relève pas du territoire de ce comité.", {
      errors: [{ field: "person_id", code: "invalid", message: "La personne relève d'un autre territoire que ce comité" }],
    });
  }
  return access;
}

/** The membership through which the caller sees a situation in committee (their seat's, or their coordinator membership). */
function committeeMembershipId(actor: Actor, facts: CommitteeFacts): string | null {
  const coordinator = coordinatorTerritories(actor).get(facts.territory_id);
  if (coordinator) return coordinator.id;
  const seat = facts.seats.find((s) => s.user_id === actor.user_id);
  return actor.memberships.find((m) => m.structure_id === seat?.structure_id)?.id ?? null;
}

/**
 * The decision to show situations in committee to this caller: the reserved `committee` relation
 * of policy/people.ts, one per person. Throws 404 when the caller may not see situations.
 */
export function committeeAccesses(actor: Actor, facts: CommitteeFacts, personIds: string[]): PersonAccess[] {
  const p = committeePermissions(actor, facts);
  if (!p.see_situations) throw new DomainError("not_found", "Situation introuvable.");
  const membershipId = committeeMembershipId(actor, facts);
  return [...new Set(personIds)].map((id) => committeeAccess(id, membershipId));
}

/** Writes the access-log rows of situations shown in committee (opened: read; the agenda: list). */
export async function recordCommitteeAccess(c: Ctx, accesses: PersonAccess[], action: "read" | "list" | "create" | "update", resource = "committee_submission", db: Db = c.db): Promise<void> {
  await recordAccess(
    c,
    accesses.map((a) => ({ person_id: a.person_id, membership_id: a.membership_id || null, reason: a.reason, action, resource })),
    db,
  );
}

// ── Documents joined to a submission ──

/**
 * The caller's team seats among these submitted people, when they may submit to the committee:
 * those who may join documents (and see them as the team).
 */
export async function submitterSeats(db: Db, actor: Actor, permissions: CommitteePermissions, personIds: string[]): Promise<Map<string, PersonAccess>> {
  if (!permissions.submit) return new Map();
  const all = await peopleAccess(db, actor, personIds);
  return new Map([...all].filter(([, a]) => a.reason === "team"));
}

/**
 * The relation through which the caller sees a submission's documents: their team seat, else the
 * committee relation (404 when they may not see situations).
 */
export function documentsAccess(actor: Actor, facts: CommitteeFacts, team: PersonAccess | null, personId: string): PersonAccess {
  if (team) return team;
  return committeeAccesses(actor, facts, [personId])[0]!;
}

export interface DocumentsState {
  session_status: string;
  submission_status: string;
}

/** Whether the caller may join or remove documents now: the team, before the agenda's freeze. */
export function mayChangeDocuments(team: PersonAccess | null, state: DocumentsState): boolean {
  return team !== null && state.session_status === "planned" && state.submission_status === "placed";
}

/** Refuses a change of documents: 403 to who is not of the team, 409 once the agenda is frozen. */
export function assertMayChangeDocuments(team: PersonAccess | null, state: DocumentsState): asserts team is PersonAccess {
  if (!team) throw new DomainError("forbidden", "Seule l'équipe qui accompagne la personne joint ou retire des documents de la saisine.");
  if (!mayChangeDocuments(team, state)) {
    throw new DomainError("conflict", "L'ordre du jour de la séance est arrêté : les documents de cette saisine ne peuvent plus être joints ni retirés.");
  }
}
