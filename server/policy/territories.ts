// Who may see and change a territory's settings of the pathway rules.
//
//   read     platform admin; anyone with a membership in a structure of the territory
//   update   platform admin; coordinators of the territory
import type { Actor } from "./actor.ts";
import { coordinatorTerritories } from "./roles.ts";

export function territorySettingsPermissions(actor: Actor, territoryId: string) {
  const update = actor.is_admin || coordinatorTerritories(actor).has(territoryId);
  return { read: update || actor.memberships.some((m) => m.territory_id === territoryId), update };
}
