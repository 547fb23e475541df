// Who may record, see and close unmet needs ("besoins sans solution").
//
//   what                                     who may
//   ───────────────────────────────────────  ─────────────────────────────────────────────────────────────
//   record a need                            anyone who accompanies people (professional, coordinator);
//                                            never a platform admin, a structure admin or steering alone
//   record a need naming a person            a member of that person's team (the gate's person rule on the
//                                            body's person_id: `update`; the read is logged). Coordinators
//                                            outside the team: 403; anyone else: 404
//   see a need                               its author; the coordinators and steering users of the need's
//                                            territory (the territory of its commune). Anyone else: 404
//   see which person a need names            only who may read that person's file now (team, coordinator of
//                                            the person's territory): the listing is logged per person.
//                                            Steering never; the author who left the team no longer
//   see the author's name                    the author and the territory's coordinators; steering sees the
//                                            structure only
//   correct description / urgency            the author, while the need is open
//   close (solved / abandoned)               the author, or a coordinator of the need's territory, while open
//   counts per thematic, commune/EPCI,       coordinators and steering users of the territory (no person);
//     month, and the CSV                     platform admins and everyone else: 403
import { sql, type SQL } from "drizzle-orm";
import { unmet_needs } from "../features/unmet-needs/unmet-needs.tables.ts";
import type { Actor } from "./actor.ts";
import { actingMemberships, coordinatorTerritories } from "./roles.ts";
import { steeredTerritories } from "./territories.ts";

export interface NeedFacts {
  created_by_user_id: string;
  territory_id: string | null;
  status: string;
}

/** May the actor record an unmet need at all (one accompanying membership at least)? */
export function mayRecordUnmetNeed(actor: Actor): boolean {
  return actingMemberships(actor).length > 0;
}

/** Territories whose needs the actor reads (coordinated or steered). None for a platform admin. */
export function unmetNeedTerritories(actor: Actor): Map<string, string> {
  const map = new Map<string, string>();
  for (const [id, m] of coordinatorTerritories(actor)) map.set(id, m.territory_name ?? "");
  for (const [id, name] of steeredTerritories(actor)) if (!map.has(id)) map.set(id, name);
  return map;
}

/** Counts and CSV of a territory's needs: its coordinators and steering users. */
export function mayReadUnmetNeedCounts(actor: Actor, territoryId: string): boolean {
  return unmetNeedTerritories(actor).has(territoryId);
}

export function unmetNeedPermissions(actor: Actor, need: NeedFacts) {
  const mine = need.created_by_user_id === actor.user_id && !actor.is_admin;
  const coordinates = need.territory_id !== null && coordinatorTerritories(actor).has(need.territory_id);
  const read = mine || (need.territory_id !== null && unmetNeedTerritories(actor).has(need.territory_id));
  const open = need.status === "open";
  return {
    read,
    /** The author's name beside the need. */
    read_author: mine || coordinates,
    update: mine && open,
    close: (mine || coordinates) && open,
  };
}

/**
 * SQL condition on `unmet_needs`: the needs the actor sees (their own, and those of the territories
 * they coordinate or steer) — the same rule as unmetNeedPermissions().read, for lists.
 */
export function unmetNeedsVisibleTo(actor: Actor): SQL {
  if (actor.is_admin) return sql`false`;
  const territories = [...unmetNeedTerritories(actor).keys()];
  const own = sql`${unmet_needs.created_by_user_id} = ${actor.user_id}`;
  if (territories.length === 0) return own;
  return sql`(${own} or ${unmet_needs.territory_id} in (${sql.join(
    territories.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}))`;
}
