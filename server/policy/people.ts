// Who may do what with a person's file, and why. Every people route asks here; nothing else decides.
//
//   team member (active membership)          read, update; the référent also manages the team
//   coordinator of the person's territory    read; manages the team (approves join requests, changes référent)
//   structure admin, steering, platform admin no access to files (aggregates only, elsewhere)
//   anyone else                              nothing — and the file's existence is not revealed (404)
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { DomainError } from "../http/errors.ts";
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
  permissions: {
    read: boolean;
    update: boolean;
    manage_team: boolean;
    read_access_log: boolean;
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
  const [person] = await db.select({ id: people.id, territory_id: people.territory_id }).from(people).where(eq(people.id, personId));
  if (!person) return null;
  const ownMembershipIds = new Set(actor.memberships.map((m) => m.id));
  const seats = await db
    .select({ membership_id: team_members.membership_id, is_referent: team_members.is_referent })
    .from(team_members)
    .innerJoin(memberships, eq(memberships.id, team_members.membership_id))
    .where(and(eq(team_members.person_id, personId), eq(team_members.user_id, actor.user_id), isNull(team_members.left_at), isNull(memberships.ended_at)));
  const seat = seats.filter((s) => ownMembershipIds.has(s.membership_id)).sort((a, b) => Number(b.is_referent) - Number(a.is_referent))[0];
  const coordinator = person.territory_id ? coordinatorTerritories(actor).get(person.territory_id) : undefined;
  if (seat) {
    return {
      person_id: personId,
      membership_id: seat.membership_id,
      reason: "team",
      is_referent: seat.is_referent,
      permissions: { read: true, update: true, manage_team: seat.is_referent || Boolean(coordinator), read_access_log: true },
    };
  }
  if (coordinator) {
    return {
      person_id: personId,
      membership_id: coordinator.id,
      reason: "coordinator",
      is_referent: false,
      permissions: { read: true, update: false, manage_team: true, read_access_log: false },
    };
  }
  return null;
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
