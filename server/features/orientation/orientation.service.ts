// Orientation: the recommendation of the shared rule, decisions (coordinators, or structures when
// the territory allows it), réorientation requests and their decision.
import { ACCESS_LOG_RETENTION_MONTHS } from "../../../common/domain/access-log.ts";
import { todayIso } from "../../../common/domain/dates.ts";
import { resolveDeadlineSettings, type DeadlineSettings } from "../../../common/domain/deadlines.ts";
import { decisionNeedsReason, recommendOrientation, resolveOrientationConfig, TRACK_LABELS, type OrientationRuleConfig, type Track } from "../../../common/domain/orientation.ts";
import type { RsaStatus } from "../../../common/domain/person.ts";
import type { Orientation, OrientationBody, Recommendation, ReorientationDecisionBody, ReorientationRequest, ReorientationRequestBody, TerritorySettingsBody } from "../../../common/schemas/orientation.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { decidingMembershipId, mayDecideOrientationFor, type PersonAccess } from "../../policy/people.ts";
import { maySeeStructure } from "../../policy/structures.ts";
import * as diagnosticRepo from "../diagnostic/diagnostic.repository.ts";
import { normalizeContent } from "../diagnostic/diagnostic.service.ts";
import { addEvent } from "../people/events.ts";
import * as peopleRepo from "../people/people.repository.ts";
import { notify } from "../pathway/notifications.repository.ts";
import { refreshDeadlines } from "../pathway/stored-deadlines.ts";
import * as repo from "./orientation.repository.ts";

export interface EffectiveSettings {
  orientation_rule: OrientationRuleConfig;
  structures_may_decide_orientation: boolean;
  deadlines: DeadlineSettings;
  access_log: { retention_months: number };
}

export function effectiveSettings(settings: TerritorySettingsBody): EffectiveSettings {
  return {
    orientation_rule: resolveOrientationConfig(settings.orientation_rule),
    structures_may_decide_orientation: settings.structures_may_decide_orientation ?? false,
    deadlines: resolveDeadlineSettings(settings.deadlines),
    access_log: { retention_months: settings.access_log?.retention_months ?? ACCESS_LOG_RETENTION_MONTHS.default },
  };
}

/** The recommendation for a person today, from their file, latest diagnostic and territory's rule. */
export async function computeRecommendation(db: Db, access: PersonAccess, today: string): Promise<Recommendation> {
  const personId = access.person_id;
  const found = await peopleRepo.findPerson(db, personId);
  if (!found) throw new DomainError("not_found", "Dossier introuvable.");
  const p = found.person;
  const [latest, settings] = await Promise.all([diagnosticRepo.latestVersion(db, personId), repo.territorySettings(db, p.territory_id)]);
  const content = normalizeContent(latest?.content);
  const weights = Object.fromEntries(Object.entries(content.thematics).map(([slug, a]) => [slug, a.weight]));
  const result = recommendOrientation(
    { today, birth_date: p.birth_date, rsa_status: (p.rsa_status as RsaStatus | null) ?? null, situation_flags: p.situation_flags, weights, professional: latest ? content.professional : null },
    effectiveSettings(settings).orientation_rule,
  );
  return { ...result, diagnostic_version: latest?.version ?? 0 };
}

export function orientationView(row: repo.OrientationRow): Orientation {
  const o = row.orientation;
  return {
    id: o.id,
    person_id: o.person_id,
    track: o.track as Track,
    structure: { id: o.structure_id, name: row.structure_name },
    referent: o.referent_membership_id && row.referent_name ? { membership_id: o.referent_membership_id, name: row.referent_name, structure_name: row.referent_structure_name ?? "" } : null,
    decided_on: o.decided_on,
    notified_on: o.notified_on,
    reason: o.reason,
    recommended_track: (o.recommended_track as Track | null) ?? null,
    recommendation_reasons: o.recommendation.reasons,
    differs_from_recommendation: o.recommended_track !== null && o.track !== o.recommended_track,
    is_reorientation: o.is_reorientation,
    decided_by: { name: row.decider_name, structure_name: row.decider_structure_name },
    created_at: o.created_at.toISOString(),
  };
}

export function reorientationView(row: repo.ReorientationRow): ReorientationRequest {
  const r = row.request;
  return {
    id: r.id,
    person_id: r.person_id,
    status: r.status as ReorientationRequest["status"],
    reason: r.reason,
    proposed_track: (r.proposed_track as Track | null) ?? null,
    proposed_structure: r.proposed_structure_id && row.proposed_structure_name ? { id: r.proposed_structure_id, name: row.proposed_structure_name } : null,
    requested_by: { name: row.requester_name, structure_name: row.requester_structure_name },
    created_at: r.created_at.toISOString(),
    decided_at: r.decided_at?.toISOString() ?? null,
    decided_by: row.decider_name ? { name: row.decider_name, structure_name: row.decider_structure_name } : null,
    decision_reason: r.decision_reason,
    orientation_id: r.resulting_orientation_id,
  };
}

export async function getRecommendation(ctx: Ctx, access: PersonAccess): Promise<Recommendation> {
  return computeRecommendation(ctx.db, access, todayIso());
}

export async function listOrientations(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const rows = await repo.listOrientations(ctx.db, personId);
  const items = rows.map(orientationView);
  return { items, current: items[0] ?? null };
}

/** Structures of the person's territory and their référents, to choose from when deciding. */
export async function orientationOptions(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const found = await peopleRepo.findPerson(ctx.db, personId);
  const structures = await repo.structuresWithReferents(ctx.db, found?.person.territory_id ?? null);
  const visible = structures.filter((s) => maySeeStructure(ctx.actor, s));
  const decidable = visible.filter((s) => mayDecideOrientationFor(ctx.actor, access, s.id));
  return {
    structures: visible.map((s) => ({ id: s.id, name: s.name, may_decide: decidable.includes(s), referents: s.referents })),
  };
}

interface Checked {
  structure: { id: string; name: string };
  referent: Awaited<ReturnType<typeof repo.accompanyingMembership>> | null;
  decidedOn: string;
  notifiedOn: string;
  recommendation: Recommendation;
}

/** What a decision needs beyond its schema: the structure, the référent, dates, the reason. */
async function checkDecision(ctx: Ctx, access: PersonAccess, personId: string, body: OrientationBody, prefix = ""): Promise<Checked> {
  if (!mayDecideOrientationFor(ctx.actor, access, body.structure_id)) {
    throw new DomainError("forbidden", "Votre territoire permet aux structures de décider de l'orientation des personnes qu'elles accompagnent elles-mêmes : choisissez votre structure comme organisme référent, ou demandez la décision à l'équipe de coordination.");
  }
  const structure = await repo.findStructureBrief(ctx.db, body.structure_id);
  if (!structure) throw fieldErrors([{ field: `${prefix}structure_id`, code: "unknown_structure", message: "Structure inconnue" }]);
  let referent: Checked["referent"] = null;
  if (body.referent_membership_id) {
    referent = (await repo.accompanyingMembership(ctx.db, body.referent_membership_id)) ?? null;
    if (!referent || referent.ended_at || referent.structure_id !== structure.id || !["professional", "coordinator"].includes(referent.role)) {
      throw fieldErrors([{ field: `${prefix}referent_membership_id`, code: "invalid_referent", message: "Le ou la référent·e doit accompagner des personnes dans l'organisme référent choisi" }]);
    }
  }
  const today = todayIso();
  const decidedOn = body.decided_on ?? today;
  const notifiedOn = body.notified_on ?? decidedOn;
  if (notifiedOn < decidedOn) throw fieldErrors([{ field: `${prefix}notified_on`, code: "before_decision", message: "La notification ne peut pas précéder la décision" }]);
  const recommendation = await computeRecommendation(ctx.db, access, decidedOn);
  if (decisionNeedsReason(body.track, recommendation.track) && !body.reason) {
    throw fieldErrors([
      {
        field: `${prefix}reason`,
        code: "reason_required",
        message: recommendation.track
          ? `La décision (${TRACK_LABELS[body.track]}) diffère de la recommandation (${TRACK_LABELS[recommendation.track]}) : donnez-en la raison`
          : "Le dossier ne permet pas de recommander une orientation : donnez la raison de la décision",
      },
    ]);
  }
  return { structure, referent, decidedOn, notifiedOn, recommendation };
}

/** Writes an orientation and its effects on the team, in the caller's transaction. */
async function applyOrientation(ctx: Ctx, tx: Db, access: PersonAccess, personId: string, body: OrientationBody, checked: Checked, isReorientation: boolean) {
  const decider = decidingMembershipId(access);
  const personName = (await peopleRepo.namesOf(tx, [personId])).get(personId) ?? "une personne";
  const kind = isReorientation ? "Réorientation" : "Orientation";
  const team = await peopleRepo.activeTeam(tx, [personId]);
  const former = team.find((m) => m.is_referent);
  const referent = checked.referent;
  // Without a named référent, the current one stays référent when they belong to the oriented
  // structure (and the orientation names them, so the header and the orientation agree); otherwise
  // they step down, stay in the team, and the structure designates the next one.
  const kept = !referent && former && former.structure_id === checked.structure.id ? former : null;
  const steppedDown = !referent && former && !kept ? former : null;
  const row = await repo.insertOrientation(tx, {
    person_id: personId,
    track: body.track,
    structure_id: checked.structure.id,
    referent_membership_id: referent?.id ?? kept?.membership_id ?? null,
    decided_on: checked.decidedOn,
    notified_on: checked.notifiedOn,
    reason: body.reason ?? null,
    recommended_track: checked.recommendation.track,
    recommendation: { score: checked.recommendation.score, reasons: checked.recommendation.reasons, diagnostic_version: checked.recommendation.diagnostic_version },
    is_reorientation: isReorientation,
    decided_by_user_id: ctx.actor.user_id,
    decided_by_membership_id: decider,
  });
  let formerReferent: { user_id: string; name: string } | null = null;
  if (referent) {
    let seat = team.find((m) => m.membership_id === referent.id);
    if (!seat) {
      await peopleRepo.insertTeamMember(tx, { person_id: personId, user_id: referent.user_id, membership_id: referent.id, structure_id: referent.structure_id, is_referent: false });
      await addEvent(ctx, tx, personId, "team_member_joined", referent.id, { member_name: referent.user_name, structure_name: referent.structure_name });
      seat = (await peopleRepo.activeTeam(tx, [personId])).find((m) => m.membership_id === referent.id);
    }
    if (seat && !seat.is_referent) {
      await peopleRepo.setReferent(tx, personId, seat.id);
      await addEvent(ctx, tx, personId, "referent_changed", decider, { member_name: referent.user_name, structure_name: referent.structure_name });
      if (former && former.user_id !== referent.user_id) formerReferent = { user_id: former.user_id, name: former.user_name };
    }
  }
  if (steppedDown) {
    await peopleRepo.clearReferent(tx, personId);
    await addEvent(ctx, tx, personId, "referent_stepped_down", decider, { member_name: steppedDown.user_name, structure_name: checked.structure.name });
  }
  await refreshDeadlines(tx, [personId]);
  const referentName = referent?.user_name ?? kept?.user_name ?? null;
  await addEvent(ctx, tx, personId, isReorientation ? "reorientation_decided" : "orientation_decided", decider, {
    orientation_id: row.id,
    track: body.track,
    structure_name: checked.structure.name,
    referent_name: referentName,
    recommended_track: checked.recommendation.track,
    differs: checked.recommendation.track !== null && body.track !== checked.recommendation.track,
  });
  if (formerReferent && formerReferent.user_id !== ctx.actor.user_id) {
    await notify(tx, [formerReferent.user_id], {
      person_id: personId,
      type: "referent_replaced",
      message: `${personName} — ${kind} décidée : ${referent?.user_name} (${checked.structure.name}) devient son ou sa référent·e unique à votre place. Vous restez dans son équipe d'accompagnement.`,
    });
  }
  if (steppedDown && steppedDown.user_id !== ctx.actor.user_id) {
    await notify(tx, [steppedDown.user_id], {
      person_id: personId,
      type: "referent_replaced",
      message: `${personName} — ${kind} décidée vers ${checked.structure.name}, qui désignera son ou sa référent·e unique. Vous n'êtes plus référent·e ; vous restez dans son équipe d'accompagnement.`,
    });
  }
  return row;
}

export async function decideOrientation(ctx: Ctx, access: PersonAccess, body: OrientationBody): Promise<Orientation> {
  const personId = access.person_id;
  const checked = await checkDecision(ctx, access, personId, body);
  const row = await ctx.db.transaction((tx) => applyOrientation(ctx, tx, access, personId, body, checked, false));
  return orientationView((await repo.findOrientation(ctx.db, row.id))!);
}

export async function listReorientationRequests(ctx: Ctx, access: PersonAccess) {
  const personId = access.person_id;
  const rows = await repo.listReorientationRequests(ctx.db, personId);
  return { items: rows.map(reorientationView) };
}

export async function requestReorientation(ctx: Ctx, access: PersonAccess, body: ReorientationRequestBody): Promise<ReorientationRequest> {
  const personId = access.person_id;
  const current = await repo.currentOrientation(ctx.db, personId);
  if (!current) throw new DomainError("conflict", "Cette personne n'a pas encore d'orientation : il n'y a rien à revoir.");
  if (await repo.pendingReorientationRequest(ctx.db, personId)) throw new DomainError("conflict", "Une demande de réorientation est déjà en attente pour cette personne.");
  if (body.proposed_structure_id && !(await repo.findStructureBrief(ctx.db, body.proposed_structure_id))) {
    throw fieldErrors([{ field: "proposed_structure_id", code: "unknown_structure", message: "Structure inconnue" }]);
  }
  const person = await peopleRepo.findPerson(ctx.db, personId);
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertReorientationRequest(tx, {
      person_id: personId,
      orientation_id: current.orientation.id,
      reason: body.reason,
      proposed_track: body.proposed_track ?? null,
      proposed_structure_id: body.proposed_structure_id ?? null,
      requested_by_user_id: ctx.actor.user_id,
      requested_by_membership_id: access.membership_id,
    });
    await addEvent(ctx, tx, personId, "reorientation_requested", access.membership_id, { request_id: inserted.id, reason: body.reason, proposed_track: body.proposed_track ?? null });
    if (person?.person.territory_id) {
      const coordinators = (await repo.territoryCoordinators(tx, person.person.territory_id)).filter((u) => u !== ctx.actor.user_id);
      const personName = (await peopleRepo.namesOf(tx, [personId])).get(personId) ?? "une personne";
      await notify(tx, coordinators, { person_id: personId, type: "reorientation_requested", message: `${personName} — ${ctx.actor.name} demande sa réorientation : la demande attend votre décision.` });
    }
    return inserted;
  });
  return reorientationView((await repo.findReorientationRequest(ctx.db, row.id))!);
}

export async function decideReorientation(ctx: Ctx, access: PersonAccess, requestId: string, body: ReorientationDecisionBody): Promise<ReorientationRequest> {
  const found = await repo.findReorientationRequest(ctx.db, requestId);
  if (!found || found.request.person_id !== access.person_id) throw new DomainError("not_found", "Demande introuvable.");
  if (found.request.status !== "pending") throw new DomainError("conflict", "Cette demande a déjà été traitée.");
  const personId = found.request.person_id;
  const decider = decidingMembershipId(access);
  const checked = body.decision === "accept" ? await checkDecision(ctx, access, personId, body.orientation!, "orientation.") : null;
  await ctx.db.transaction(async (tx) => {
    let resulting: string | null = null;
    if (checked) resulting = (await applyOrientation(ctx, tx, access, personId, body.orientation!, checked, true)).id;
    const decided = await repo.decideReorientationRequest(tx, requestId, {
      status: checked ? "accepted" : "refused",
      decided_by_user_id: ctx.actor.user_id,
      decided_by_membership_id: decider,
      decision_reason: body.reason ?? null,
      resulting_orientation_id: resulting,
    });
    if (!decided) throw new DomainError("conflict", "Cette demande a déjà été traitée.");
    if (!checked) await addEvent(ctx, tx, personId, "reorientation_refused", decider, { request_id: requestId, reason: body.reason ?? null });
    if (found.request.requested_by_user_id !== ctx.actor.user_id) {
      const personName = (await peopleRepo.namesOf(tx, [personId])).get(personId) ?? "une personne";
      await notify(tx, [found.request.requested_by_user_id], {
        person_id: personId,
        type: checked ? "reorientation_accepted" : "reorientation_refused",
        message: checked
          ? `${personName} — votre demande de réorientation a été acceptée : orientation vers ${checked.structure.name}.`
          : `${personName} — votre demande de réorientation a été refusée : ${body.reason ?? ""}`,
      });
    }
  });
  return reorientationView((await repo.findReorientationRequest(ctx.db, requestId))!);
}
