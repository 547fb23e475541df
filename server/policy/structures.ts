// Who may see and manage structures. Who grants which role is decided in roles.ts.
//
//   see a structure              anyone (the directory is public; the structures API needs an account)
//   see a sensitive structure    its very name reveals judicial, medical or addiction information, so it
//     (name, card, services:     is shown only to those who need it (DOMAIN.md §7):
//     the structures list and      - platform admins (they manage structures);
//     page, the directory page,    - its own members, whatever their role;
//     directory search and         - those who accompany people (professional, coordinator) in a structure
//     service pages)                 of the same territory: they orient and refer the territory's people.
//                                Nobody else: not anonymous visitors nor the open-data exports, not other
//                                territories, not structure admins or steering of other structures. One
//                                rule, `maySeeStructure`, and its SQL twin `visibleStructuresSql`.
//   create a structure           platform admin; coordinator, in a territory they coordinate
//   update a structure           platform admin, its structure admins, coordinators of its territory
//   change its territory         platform admin only (roles.ts)
//   claim a directory record     platform admin; coordinators of its territory (the record's services
//     (become one with it)       move to the platform structure)
//   deactivate, reactivate       platform admin; coordinators of its territory (members of a
//                                deactivated structure lose what their membership gave: auth drops it)
//   manage its members           platform admin, its structure admins; which roles: roles.ts
import { inArray, or, eq, type SQL } from "drizzle-orm";
import type { MembershipRole } from "../../common/domain/roles.ts";
import { structures } from "../features/structures/structures.tables.ts";
import type { Actor } from "./actor.ts";
import { ACCOMPANYING_ROLES, coordinatorTerritories, grantableRoles, isStructureAdmin, mayChangeStructureTerritory, mayManageMembers } from "./roles.ts";

export interface StructureFacts {
  id: string;
  territory_id: string | null;
  sensitive: boolean;
}

/** Which sensitive structures the actor sees: all, or those listed by id or by territory. */
export interface SensitiveScope {
  all: boolean;
  structureIds: string[];
  territoryIds: string[];
}

export function sensitiveScope(actor: Actor | null): SensitiveScope {
  if (!actor) return { all: false, structureIds: [], territoryIds: [] };
  return {
    all: actor.is_admin,
    structureIds: [...new Set(actor.memberships.map((m) => m.structure_id))],
    territoryIds: [...new Set(actor.memberships.filter((m) => ACCOMPANYING_ROLES.includes(m.role) && m.territory_id).map((m) => m.territory_id!))],
  };
}

function inScope(scope: SensitiveScope, s: StructureFacts): boolean {
  return !s.sensitive || scope.all || scope.structureIds.includes(s.id) || (s.territory_id !== null && scope.territoryIds.includes(s.territory_id));
}

/** The one rule deciding whether the caller (null: anonymous) may see a structure, its name and its services. */
export function maySeeStructure(actor: Actor | null, s: StructureFacts): boolean {
  return inScope(sensitiveScope(actor), s);
}

/** `maySeeStructure` as a condition on the `structures` table, for lists (undefined: no restriction). */
export function visibleStructuresSql(actor: Actor | null): SQL | undefined {
  const scope = sensitiveScope(actor);
  if (scope.all) return undefined;
  return or(
    eq(structures.sensitive, false),
    scope.structureIds.length ? inArray(structures.id, scope.structureIds) : undefined,
    scope.territoryIds.length ? inArray(structures.territory_id, scope.territoryIds) : undefined,
  );
}

/** Among the sensitive structures, those the caller may not see (directory search leaves their services out). */
export function hiddenStructureIds(actor: Actor | null, sensitive: StructureFacts[]): string[] {
  const scope = sensitiveScope(actor);
  return sensitive.filter((s) => !inScope(scope, s)).map((s) => s.id);
}

function coordinates(actor: Actor, territoryId: string | null): boolean {
  return territoryId !== null && coordinatorTerritories(actor).has(territoryId);
}

export function structurePermissions(actor: Actor, s: StructureFacts) {
  const manageMembers = mayManageMembers(actor, s.id);
  return {
    read: maySeeStructure(actor, s),
    update: actor.is_admin || isStructureAdmin(actor, s.id) || coordinates(actor, s.territory_id),
    deactivate: actor.is_admin || coordinates(actor, s.territory_id),
    claim: actor.is_admin || coordinates(actor, s.territory_id),
    change_territory: mayChangeStructureTerritory(actor),
    manage_members: manageMembers,
    grantable_roles: manageMembers ? grantableRoles(actor, s.id) : ([] as MembershipRole[]),
  };
}

export function canCreateStructure(actor: Actor, territoryId: string | null | undefined): boolean {
  return actor.is_admin || (territoryId ? coordinates(actor, territoryId) : false);
}

/**
 * The name of a structure shown beside a person the caller does not follow yet (duplicate check):
 * a sensitive one is masked whoever asks, since "followed by the SPIP" tells something of the person.
 */
export function structureNameBesidePerson(s: { name: string; sensitive: boolean }): string {
  return s.sensitive ? "Une structure partenaire (nom masqué)" : s.name;
}
