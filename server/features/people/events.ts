// Pathway events of a person (the timeline). Later features (diagnostic, orientation, contract…)
// add their own event types here, each with the French sentence that summarises it.
import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { PATHWAY_SUMMARIES } from "../pathway/event-summaries.ts";
import { REFERRAL_SUMMARIES } from "../../../common/domain/referrals.ts";
import { person_events } from "./people.tables.ts";

const SUMMARIES: Record<string, (data: Record<string, unknown>) => string> = {
  person_created: () => "Création du dossier",
  person_updated: (d) => `Modification du dossier (${((d.fields as string[] | undefined) ?? []).length} champ(s))`,
  team_member_joined: (d) => `${String(d.member_name ?? "Un·e professionnel·le")} (${String(d.structure_name ?? "")}) rejoint l'équipe d'accompagnement`,
  referent_changed: (d) => `${String(d.member_name ?? "Un·e professionnel·le")} devient référent·e unique`,
  join_requested: (d) => `Demande d'accès à l'équipe par ${String(d.member_name ?? "un·e professionnel·le")} (${String(d.structure_name ?? "")})`,
  join_request_approved: (d) => `Demande de ${String(d.member_name ?? "un·e professionnel·le")} acceptée`,
  join_request_rejected: (d) => `Demande de ${String(d.member_name ?? "un·e professionnel·le")} refusée`,
  ...PATHWAY_SUMMARIES,
  ...REFERRAL_SUMMARIES,
};

export async function addEvent(ctx: Ctx, db: Db, personId: string, type: string, membershipId: string | null, data: Record<string, unknown> = {}): Promise<void> {
  await db.insert(person_events).values({ person_id: personId, type, actor_user_id: ctx.actor.user_id, actor_membership_id: membershipId, data });
}

export async function listEvents(db: Db, personId: string, limit = 500) {
  const rows = await db
    .select({
      id: person_events.id,
      at: person_events.at,
      type: person_events.type,
      data: person_events.data,
      actor_name: users.name,
      structure_name: structures.name,
    })
    .from(person_events)
    .leftJoin(users, eq(users.id, person_events.actor_user_id))
    .leftJoin(memberships, eq(memberships.id, person_events.actor_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .where(eq(person_events.person_id, personId))
    .orderBy(desc(person_events.at), desc(person_events.id))
    .limit(limit);
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    type: r.type,
    summary: (SUMMARIES[r.type] ?? (() => r.type))(r.data),
    actor: r.actor_name ? { name: r.actor_name, structure_name: r.structure_name } : null,
    data: r.data,
  }));
}
