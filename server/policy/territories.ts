// Who may see and run territories.
//
//   what                                    who may
//   --------------------------------------  ---------------------------------------------------------------
//   create a territory, change its name     platform admins only (a perimeter decides whose files
//     or perimeter                          coordinators read)
//   read a territory's page                 platform admins; anyone with a membership in a structure of
//     (perimeter, calendar)                 the territory
//   read its pathway settings               platform admins; anyone with a membership in a structure of
//                                           the territory
//   change its pathway settings             platform admins; coordinators of the territory
//   read its queues (people waiting for a   coordinators of the territory only: the queues list people.
//     decision, searched territory-wide)    Platform admins never (they never read files): 403, like
//                                           everyone else who is not a coordinator of the territory
//   read its queue counts (no person)       coordinators and steering users of the territory
import type { Actor } from "./actor.ts";
import { coordinatorTerritories } from "./roles.ts";
import { canCreateStructure } from "./structures.ts";

export function mayAdministerTerritories(actor: Actor): boolean {
  return actor.is_admin;
}

function isMemberOf(actor: Actor, territoryId: string): boolean {
  return actor.memberships.some((m) => m.territory_id === territoryId);
}

export function territorySettingsPermissions(actor: Actor, territoryId: string) {
  const update = actor.is_admin || coordinatorTerritories(actor).has(territoryId);
  return { read: update || isMemberOf(actor, territoryId), update };
}

/** Territories whose steering the actor holds (indicators only). None for a platform admin. */
export function steeredTerritories(actor: Actor): Map<string, string> {
  const map = new Map<string, string>();
  if (actor.is_admin) return map;
  for (const m of actor.memberships) if (m.role === "steering" && m.territory_id) map.set(m.territory_id, m.territory_name ?? "");
  return map;
}

export function mayReadQueues(actor: Actor, territoryId: string): boolean {
  return coordinatorTerritories(actor).has(territoryId);
}

export function mayReadQueueCounts(actor: Actor, territoryId: string): boolean {
  return mayReadQueues(actor, territoryId) || steeredTerritories(actor).has(territoryId);
}

export function territoryPermissions(actor: Actor, territoryId: string) {
  const settings = territorySettingsPermissions(actor, territoryId);
  return {
    read: actor.is_admin || isMemberOf(actor, territoryId),
    update: mayAdministerTerritories(actor),
    read_settings: settings.read,
    update_settings: settings.update,
    read_queues: mayReadQueues(actor, territoryId),
    read_counts: mayReadQueueCounts(actor, territoryId),
    create_structure: canCreateStructure(actor, territoryId),
  };
}

/**
 * The page the actor lands on: coordinators their workspace (queues), steering users the counts of
 * their territory, those who accompany people their list, platform admins the administration.
 */
export function homeOf(actor: Actor): "workspace" | "steering" | "people" | "admin" {
  if (actor.is_admin) return "admin";
  if (coordinatorTerritories(actor).size > 0) return "workspace";
  if (actor.memberships.some((m) => m.role === "professional")) return "people";
  if (steeredTerritories(actor).size > 0) return "steering";
  return "people";
}
