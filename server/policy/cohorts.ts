// Who may see and run cohorts (issue 11).
//
//   what                                         who may
//   ───────────────────────────────────────────  ─────────────────────────────────────────────────────
//   see a cohort (name, criteria, period,        coordinators and steering users of its territory;
//     counts) and its outcomes by month          platform admins (counts, never a person)
//   create a cohort, change it                   coordinators of its territory; platform admins
//   evaluate its criteria (preview: lists        coordinators of its territory only: the preview and
//     people), list its members, add and         the members list show people (each listed person is
//     remove members                             logged with the coordinator relation). Never platform
//                                                admins (they read no file), never steering (counts only)
//   add a person to a cohort from their file     whoever may read the file (its team; coordinators of
//     (POST /people/{id}/cohorts)                the territory), to a cohort of the person's territory:
//                                                the gate's person rule, logged
//   anyone else                                  nothing — the cohort's existence is not revealed (404)
import type { PersonAccess } from "./people.ts";
import type { Actor } from "./actor.ts";
import { coordinatorTerritories } from "./roles.ts";
import { steeredTerritories } from "./territories.ts";

export interface CohortPermissions {
  read: boolean;
  update: boolean;
  preview: boolean;
  manage_members: boolean;
  read_members: boolean;
  read_outcomes: boolean;
}

export function cohortPermissions(actor: Actor, territoryId: string): CohortPermissions {
  const coordinator = coordinatorTerritories(actor).has(territoryId);
  const read = actor.is_admin || coordinator || steeredTerritories(actor).has(territoryId);
  return {
    read,
    update: actor.is_admin || coordinator,
    preview: coordinator,
    manage_members: coordinator,
    read_members: coordinator,
    read_outcomes: read,
  };
}

export function mayCreateCohort(actor: Actor, territoryId: string): boolean {
  return actor.is_admin || coordinatorTerritories(actor).has(territoryId);
}

/** Whether the actor sees cohorts at all (the navigation's "Cohortes"). */
export function mayReadCohorts(actor: Actor): boolean {
  const territories = cohortTerritoriesOf(actor);
  return territories === "all" || territories.length > 0;
}

/** Territories whose cohorts the actor sees: all (platform admins) or a list. */
export function cohortTerritoriesOf(actor: Actor): "all" | string[] {
  if (actor.is_admin) return "all";
  return [...new Set([...coordinatorTerritories(actor).keys(), ...steeredTerritories(actor).keys()])];
}

/** Territories where the actor may create cohorts, with their names (null: any, for admins). */
export function cohortCreationTerritories(actor: Actor): Map<string, string> | null {
  if (actor.is_admin) return null;
  return new Map([...coordinatorTerritories(actor)].map(([id, m]) => [id, m.territory_name ?? ""]));
}

/**
 * Whether the caller, who passed the gate's person rule on the file, may add the person to a cohort
 * from the file: the team, and the coordinators of the person's territory.
 */
export function mayAddToCohortFromFile(access: PersonAccess): boolean {
  return access.permissions.update || access.reason === "coordinator";
}
