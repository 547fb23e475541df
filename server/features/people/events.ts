// Pathway events of a person (the timeline). Later features (diagnostic, orientation, contract…)
// add their own event types here, each with the French sentence that summarises it.
import { desc, eq } from "drizzle-orm";
import { formatDateFr } from "../../../common/domain/dates.ts";
import type { Db } from "../../db/client.ts";
import { planOnce } from "../../db/plan-once.ts";
import type { Ctx } from "../../http/context.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { PATHWAY_SUMMARIES } from "../pathway/event-summaries.ts";
import { COHORT_EVENT_SUMMARIES } from "../../../common/domain/cohorts.ts";
import { THEMATIC_LABELS, type ThematicSlug } from "../../../common/domain/thematics.ts";
import { REFERRAL_SUMMARIES } from "../../../common/domain/referrals.ts";
import { person_events } from "./people.tables.ts";

const SUMMARIES: Record<string, (data: Record<string, unknown>) => string> = {
  person_created: () => "Création du dossier",
  person_updated: (d) => `Modification du dossier (${((d.fields as string[] | undefined) ?? []).length} champ(s))`,
  team_member_joined: (d) => `${String(d.member_name ?? "Un·e professionnel·le")} (${String(d.structure_name ?? "")}) rejoint l'équipe d'accompagnement`,
  referent_changed: (d) => `${String(d.member_name ?? "Un·e professionnel·le")} devient référent·e unique`,
  referent_stepped_down: (d) => `${String(d.member_name ?? "Un·e professionnel·le")} n'est plus référent·e unique : ${String(d.structure_name ?? "l'organisme référent")} désignera la ou le prochain·e`,
  join_requested: (d) => `Demande d'accès à l'équipe par ${String(d.member_name ?? "un·e professionnel·le")} (${String(d.structure_name ?? "")})`,
  join_request_approved: (d) => `Demande de ${String(d.member_name ?? "un·e professionnel·le")} acceptée`,
  join_request_rejected: (d) => `Demande de ${String(d.member_name ?? "un·e professionnel·le")} refusée`,
  unmet_need_recorded: (d) => `Besoin sans solution signalé : ${THEMATIC_LABELS[d.thematic as ThematicSlug] ?? "thématique inconnue"}`,
  person_merged: (d) => `Fusion : le dossier en double${d.merged_name ? ` de ${String(d.merged_name)}` : ""} a été fusionné dans ce dossier (${String(d.moved_rows ?? 0)} éléments repris)`,
  merged_into: () => "Fusion : ce dossier en double a été fusionné dans le dossier conservé",
  committee_submitted: (d) => `Situation présentée au comité « ${String(d.committee ?? "")} » (séance du ${formatDateFr(String(d.session_date ?? ""))})`,
  committee_decision: (d) => `Décision du comité « ${String(d.committee ?? "")} » du ${formatDateFr(String(d.session_date ?? ""))}${d.follow_up_on ? ` — point de suivi le ${formatDateFr(String(d.follow_up_on))}` : ""}`,
  ...PATHWAY_SUMMARIES,
  ...COHORT_EVENT_SUMMARIES,
  ...REFERRAL_SUMMARIES,
};

export async function addEvent(ctx: Ctx, db: Db, personId: string, type: string, membershipId: string | null, data: Record<string, unknown> = {}): Promise<void> {
  await db.insert(person_events).values({ person_id: personId, type, actor_user_id: ctx.actor.user_id, actor_membership_id: membershipId, data });
}

/** The same event on several files at once (a batch: people added to a cohort), in one insert per 500. */
export async function addEvents(ctx: Ctx, db: Db, personIds: string[], type: string, membershipId: string | null, data: Record<string, unknown> = {}): Promise<void> {
  for (let i = 0; i < personIds.length; i += 500) {
    await db.insert(person_events).values(personIds.slice(i, i + 500).map((person_id) => ({ person_id, type, actor_user_id: ctx.actor.user_id, actor_membership_id: membershipId, data })));
  }
}

export async function listEvents(db: Db, personId: string, limit = 500) {
  const rows = await planOnce(
    db
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
    .limit(limit),
  );
  return rows.map((r) => ({
    id: String(r.id),
    at: r.at.toISOString(),
    type: r.type,
    summary: (SUMMARIES[r.type] ?? (() => r.type))(r.data),
    actor: r.actor_name ? { name: r.actor_name, structure_name: r.structure_name } : null,
    data: r.data,
  }));
}
