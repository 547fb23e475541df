// Who may give, change and end roles (memberships), and which memberships count for what. Pure
// rules: the structures service asks here and turns a refusal into a 403 with the reason given.
//
//   what                                  who may
//   ------------------------------------  --------------------------------------------------------------
//   grant or end `professional`,          platform admin; the structure admins of that structure
//     `structure_admin`
//   grant or end `coordinator`,           platform admin only — territory roles: a coordinator reads the
//     `steering`                          files of the structure's territory, steering its indicators
//   grant a role to oneself               nobody, platform admins included (a structure admin making
//                                         themself coordinator, an admin making themself professional…)
//   grant a role to a platform admin      nobody: platform admin accounts hold no membership (they never
//                                         read files; the person-file gate refuses them whatever they hold)
//   change a member's role                = end the membership and grant the new role in a NEW membership:
//                                         both rules above apply, and the team seats held through the old
//                                         membership end with it (the gate ignores seats of ended memberships)
//   end one's own membership (leave)      anyone who may manage the structure's members, whatever the role
//   change a structure's territory        platform admin only (it moves whose files coordinators read)
//
// Roles and what they are for:
//   professional, coordinator             accompany people: create files and join teams through them
//                                         ("acting memberships"); never for a platform admin
//   coordinator                           also coordinates the territory of its structure
//   structure_admin                       manages the structure's members and directory services
//   steering                              indicators only
import type { MembershipRole } from "../../common/domain/roles.ts";
import type { Actor, ActorMembership } from "./actor.ts";
import { membershipsWithRole } from "./actor.ts";

export type Decision = { allowed: true } | { allowed: false; reason: string };

const ALLOWED: Decision = { allowed: true };
const refuse = (reason: string): Decision => ({ allowed: false, reason });

/** Roles that give access to a territory's files or indicators: only platform admins grant them. */
export const TERRITORY_ROLES: readonly MembershipRole[] = ["coordinator", "steering"];
/** Roles a structure admin manages in their own structure. */
export const STRUCTURE_ROLES: readonly MembershipRole[] = ["professional", "structure_admin"];
/** Roles that accompany people (create files, join teams). */
export const ACCOMPANYING_ROLES: readonly MembershipRole[] = ["professional", "coordinator"];

export function isStructureAdmin(actor: Actor, structureId: string): boolean {
  return actor.memberships.some((m) => m.structure_id === structureId && m.role === "structure_admin");
}

/** May manage the members of the structure at all (list them, open the members page). */
export function mayManageMembers(actor: Actor, structureId: string): boolean {
  return actor.is_admin || isStructureAdmin(actor, structureId);
}

/** The roles the actor may grant or end in this structure (to others than themself). */
export function grantableRoles(actor: Actor, structureId: string): MembershipRole[] {
  if (actor.is_admin) return [...STRUCTURE_ROLES, ...TERRITORY_ROLES];
  if (isStructureAdmin(actor, structureId)) return [...STRUCTURE_ROLES];
  return [];
}

function roleRefusal(actor: Actor, structureId: string, role: MembershipRole): Decision {
  if (grantableRoles(actor, structureId).includes(role)) return ALLOWED;
  if (TERRITORY_ROLES.includes(role)) return refuse("Seuls les administrateurs de la plateforme attribuent ou retirent les rôles de coordination et de pilotage.");
  return refuse("Seuls les administrateurs de la structure gèrent ses membres.");
}

/** The account a role would be given to: null when the request creates it. */
export interface GrantTarget {
  user_id: string;
  is_admin: boolean;
}

/** May the actor give `role` in the structure to the target account? */
export function mayGrantRole(actor: Actor, structureId: string, role: MembershipRole, target: GrantTarget | null): Decision {
  const byRole = roleRefusal(actor, structureId, role);
  if (!byRole.allowed) return byRole;
  if (target?.user_id === actor.user_id) return refuse("Vous ne pouvez pas vous attribuer un rôle : demandez-le à un autre administrateur.");
  if (target?.is_admin) return refuse("Un compte administrateur de la plateforme ne peut pas être membre d'une structure : utilisez un autre compte pour accompagner des personnes.");
  return ALLOWED;
}

/** May the actor end this membership (remove the member, or the old role of a role change)? */
export function mayEndMembership(actor: Actor, structureId: string, membership: { user_id: string; role: MembershipRole }): Decision {
  if (!mayManageMembers(actor, structureId)) return refuse("Seuls les administrateurs de la structure gèrent ses membres.");
  if (membership.user_id === actor.user_id) return ALLOWED;
  return roleRefusal(actor, structureId, membership.role);
}

/** May the actor change the membership's role to `role` (ends it, then grants the new role)? */
export function mayChangeRole(actor: Actor, structureId: string, membership: { user_id: string; role: MembershipRole }, role: MembershipRole, target: GrantTarget): Decision {
  if (membership.user_id === actor.user_id) return refuse("Vous ne pouvez pas changer votre propre rôle : demandez-le à un autre administrateur.");
  const end = mayEndMembership(actor, structureId, membership);
  if (!end.allowed) return end;
  return mayGrantRole(actor, structureId, role, target);
}

/** What the actor may do with one member row (shown by the members page). */
export function memberPermissions(actor: Actor, structureId: string, membership: { user_id: string; role: MembershipRole }) {
  const self = membership.user_id === actor.user_id;
  return {
    change_role: !self && mayEndMembership(actor, structureId, membership).allowed,
    remove: mayEndMembership(actor, structureId, membership).allowed,
  };
}

export function mayChangeStructureTerritory(actor: Actor): boolean {
  return actor.is_admin;
}

/**
 * Memberships through which the actor accompanies people (creates files, joins teams), professional
 * ones first (the default choice). None for platform admins.
 */
export function actingMemberships(actor: Actor): ActorMembership[] {
  if (actor.is_admin) return [];
  const rank = (m: ActorMembership) => ACCOMPANYING_ROLES.indexOf(m.role);
  return membershipsWithRole(actor, ...ACCOMPANYING_ROLES).sort((a, b) => rank(a) - rank(b));
}

/**
 * Territories the actor coordinates, with the coordinator membership that gives it. None for a
 * platform admin: a membership an admin holds gives no file (their own rights come from is_admin).
 */
export function coordinatorTerritories(actor: Actor): Map<string, ActorMembership> {
  const map = new Map<string, ActorMembership>();
  if (actor.is_admin) return map;
  for (const m of membershipsWithRole(actor, "coordinator")) if (m.territory_id && !map.has(m.territory_id)) map.set(m.territory_id, m);
  return map;
}

/** Structures the actor administers (role structure_admin), each once. */
export function administeredStructures(actor: Actor): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const m of membershipsWithRole(actor, "structure_admin")) seen.set(m.structure_id, m.structure_name);
  return [...seen].map(([id, name]) => ({ id, name }));
}
