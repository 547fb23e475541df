// Who may do what with a person's file, and why. Every people route asks here; nothing else decides.
//
//   team member (active membership)          read, update (diagnostic, contract, action plan), write notes;
//                                            the référent also manages the team and requests réorientations
//   coordinator of the person's territory    read; manages the team (approves join requests, changes référent);
//                                            decides orientations and réorientations; writes notes
//   team member, when the territory lets     decides the orientation of people their own structure will
//     structures decide (territory settings)  accompany (organisme référent = their structure)
//   structure admin, steering, platform admin no access to files (aggregates only, elsewhere)
//   anyone else                              nothing — and the file's existence is not revealed (404)
//
// Notes: "team" notes are read by the accompaniment team, "author" notes by their author only,
// "person" notes by everyone who may read the file (and the person). An author always reads their own.
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { DomainError } from "../http/errors.ts";
import { territory_settings } from "../features/orientation/orientation.tables.ts";
import { people, team_members } from "../features/people/people.tables.ts";
import { memberships } from "../features/structures/structures.tables.ts";
import type { Actor, ActorMembership } from "./actor.ts";
import { membershipsWithRole } from "./actor.ts";

export type AccessReason = "team" | "coordinator";

export interface PersonAccess {
  person_id: string;
  /** The membership through which access is granted (written to the access log). */
  membership_id: string;
  reason: AccessReason;
  is_referent: boolean;
  /** The actor's coordinator membership in the person's territory, if any (orientation decisions). */
  coordinator_membership_id: string | null;
  permissions: {
    read: boolean;
    update: boolean;
    manage_team: boolean;
    read_access_log: boolean;
    write_notes: boolean;
    decide_orientation: boolean;
    request_reorientation: boolean;
  };
}

/** Roles that accompany people and so may create files and join teams. */
const ACCOMPANYING_ROLES = ["professional", "coordinator"] as const;

export function accompanyingMemberships(actor: Actor): ActorMembership[] {
  return membershipsWithRole(actor, ...ACCOMPANYING_ROLES);
}

/** The membership on whose behalf the actor creates a file or asks to join a team. */
export function actingMembership(actor: Actor, membershipId: string | undefined): ActorMembership {
  const candidates = accompanyingMemberships(actor);
  if (membershipId) {
    const chosen = candidates.find((m) => m.id === membershipId);
    if (!chosen) {
      throw new DomainError("validation_failed", "Cette appartenance ne vous permet pas d'accompagner des personnes.", {
        errors: [{ field: "membership_id", code: "invalid", message: "Choisissez une de vos structures où vous accompagnez des personnes" }],
      });
    }
    return chosen;
  }
  const first = candidates[0];
  if (!first) throw new DomainError("forbidden", "Votre compte n'a pas de rôle d'accompagnement (professionnel ou coordinateur) dans une structure.");
  return first;
}

export function coordinatorTerritories(actor: Actor): Map<string, ActorMembership> {
  const map = new Map<string, ActorMembership>();
  for (const m of membershipsWithRole(actor, "coordinator")) if (m.territory_id && !map.has(m.territory_id)) map.set(m.territory_id, m);
  return map;
}

/** Computes the actor's access to one person, or null when they have none. */
export async function personAccess(db: Db, actor: Actor, personId: string): Promise<PersonAccess | null> {
  return (await peopleAccess(db, actor, [personId])).get(personId) ?? null;
}

/** The actor's access to each of several people, in three queries at most (lists, batches). */
export async function peopleAccess(db: Db, actor: Actor, personIds: string[]): Promise<Map<string, PersonAccess>> {
  const result = new Map<string, PersonAccess>();
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return result;
  const ownMembershipIds = new Set(actor.memberships.map((m) => m.id));
  const [persons, seats] = await Promise.all([
    db.select({ id: people.id, territory_id: people.territory_id }).from(people).where(inArray(people.id, ids)),
    db
      .select({ person_id: team_members.person_id, membership_id: team_members.membership_id, is_referent: team_members.is_referent })
      .from(team_members)
      .innerJoin(memberships, eq(memberships.id, team_members.membership_id))
      .where(and(inArray(team_members.person_id, ids), eq(team_members.user_id, actor.user_id), isNull(team_members.left_at), isNull(memberships.ended_at))),
  ]);
  const coordinated = coordinatorTerritories(actor);
  const seatOf = (personId: string) =>
    seats
      .filter((s) => s.person_id === personId && ownMembershipIds.has(s.membership_id))
      .sort((a, b) => Number(b.is_referent) - Number(a.is_referent))[0];
  const settingsNeeded = persons.filter((p) => p.territory_id && !coordinated.has(p.territory_id) && seatOf(p.id)).map((p) => p.territory_id!);
  const structuresDecide = await territoriesWhereStructuresDecide(db, settingsNeeded);
  for (const person of persons) {
    const seat = seatOf(person.id);
    const coordinator = person.territory_id ? coordinated.get(person.territory_id) : undefined;
    if (seat) {
      result.set(person.id, {
        person_id: person.id,
        membership_id: seat.membership_id,
        reason: "team",
        is_referent: seat.is_referent,
        coordinator_membership_id: coordinator?.id ?? null,
        permissions: {
          read: true,
          update: true,
          manage_team: seat.is_referent || Boolean(coordinator),
          read_access_log: true,
          write_notes: true,
          decide_orientation: Boolean(coordinator) || (person.territory_id !== null && structuresDecide.has(person.territory_id)),
          request_reorientation: seat.is_referent,
        },
      });
    } else if (coordinator) {
      result.set(person.id, {
        person_id: person.id,
        membership_id: coordinator.id,
        reason: "coordinator",
        is_referent: false,
        coordinator_membership_id: coordinator.id,
        permissions: { read: true, update: false, manage_team: true, read_access_log: false, write_notes: true, decide_orientation: true, request_reorientation: false },
      });
    }
  }
  return result;
}

async function territoriesWhereStructuresDecide(db: Db, territoryIds: string[]): Promise<Set<string>> {
  if (territoryIds.length === 0) return new Set();
  const rows = await db
    .select({ territory_id: territory_settings.territory_id, settings: territory_settings.settings })
    .from(territory_settings)
    .where(inArray(territory_settings.territory_id, [...new Set(territoryIds)]));
  return new Set(rows.filter((r) => r.settings.structures_may_decide_orientation === true).map((r) => r.territory_id));
}

/**
 * Whether the actor may decide an orientation with this organisme référent: coordinators of the
 * territory choose any structure; a team member allowed by the territory only their own structure.
 */
export function mayDecideOrientationFor(actor: Actor, access: PersonAccess, structureId: string): boolean {
  if (!access.permissions.decide_orientation) return false;
  if (access.coordinator_membership_id) return true;
  return actor.memberships.some((m) => m.id === access.membership_id && m.structure_id === structureId);
}

/** The membership an orientation decision is made through (the coordinator's when there is one). */
export function decidingMembershipId(access: PersonAccess): string {
  return access.coordinator_membership_id ?? access.membership_id;
}

/** Whether the reader may read a note (or a timeline event carrying a note's visibility). */
export function canReadNote(access: PersonAccess, readerUserId: string, note: { visibility: string; author_user_id: string | null }): boolean {
  if (note.author_user_id === readerUserId) return true;
  if (note.visibility === "author") return false;
  if (note.visibility === "team") return access.reason === "team";
  return access.permissions.read;
}

/** Timeline events: those of a note follow the note's visibility; the others follow the file. */
export function canSeeEvent(access: PersonAccess, readerUserId: string, event: { data: Record<string, unknown> }): boolean {
  const visibility = event.data.visibility;
  if (typeof visibility !== "string") return true;
  return canReadNote(access, readerUserId, { visibility, author_user_id: typeof event.data.author_user_id === "string" ? event.data.author_user_id : null });
}

type Permission = keyof PersonAccess["permissions"];

/**
 * Access needed for an operation on a person. Without read access the answer is 404, so that the
 * file's existence is not revealed; with read access but not the needed one, 403.
 */
export async function requirePersonAccess(db: Db, actor: Actor, personId: string, permission: Permission = "read"): Promise<PersonAccess> {
  const access = await personAccess(db, actor, personId);
  if (!access?.permissions.read) throw new DomainError("not_found", "Dossier introuvable.");
  if (!access.permissions[permission]) throw new DomainError("forbidden", "Votre rôle ne permet pas cette action sur ce dossier.");
  return access;
}

export function canCreatePerson(actor: Actor): boolean {
  return accompanyingMemberships(actor).length > 0;
}
