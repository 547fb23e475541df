// Who may see and manage structures and their members.
//
//   see a structure           anyone signed in; a "sensitive" one only its members, coordinators of
//                             its territory and platform admins
//   create a structure        platform admin; coordinator, in a territory they coordinate
//   update a structure        platform admin, its structure admins, coordinators of its territory
//   manage its members        platform admin, its structure admins
import type { Actor } from "./actor.ts";
import { coordinatorTerritories } from "./people.ts";

export interface StructureFacts {
  id: string;
  territory_id: string | null;
  sensitive: boolean;
}

function isMember(actor: Actor, structureId: string): boolean {
  return actor.memberships.some((m) => m.structure_id === structureId);
}

function isStructureAdmin(actor: Actor, structureId: string): boolean {
  return actor.memberships.some((m) => m.structure_id === structureId && m.role === "structure_admin");
}

function coordinates(actor: Actor, territoryId: string | null): boolean {
  return territoryId !== null && coordinatorTerritories(actor).has(territoryId);
}

export function structurePermissions(actor: Actor, s: StructureFacts) {
  return {
    read: !s.sensitive || actor.is_admin || isMember(actor, s.id) || coordinates(actor, s.territory_id),
    update: actor.is_admin || isStructureAdmin(actor, s.id) || coordinates(actor, s.territory_id),
    manage_members: actor.is_admin || isStructureAdmin(actor, s.id),
  };
}

export function canCreateStructure(actor: Actor, territoryId: string | null | undefined): boolean {
  return actor.is_admin || (territoryId ? coordinates(actor, territoryId) : false);
}

/** Structure ids of sensitive structures the actor may still see (SQL filter of lists). */
export function visibleSensitiveScope(actor: Actor): { all: boolean; structureIds: string[]; territoryIds: string[] } {
  return {
    all: actor.is_admin,
    structureIds: actor.memberships.map((m) => m.structure_id),
    territoryIds: [...coordinatorTerritories(actor).keys()],
  };
}
