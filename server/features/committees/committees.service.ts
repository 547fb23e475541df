// Committees: settings, the materialised calendar, submissions, agenda, attendance, decisions,
// minutes, charters. Rules of time come from common/domain/committee-calendar.ts; who may do what
// from server/policy/committees.ts (asked here, never re-derived).
import {
  COMMITTEE_KIND_LABELS,
  DEFAULT_DISPATCH,
  DEFAULT_FOLLOW_UP_MONTHS,
  DEFAULT_FREEZE,
  icsCalendar,
  instantsIso,
  mayMove,
  placeSubmission,
  plannedSessions,
  sessionInstants,
  sessionTransition,
  SESSION_STATUS_LABELS,
  type Calendar,
  type CommitteeKind,
  type SessionStatus,
} from "../../../common/domain/committee-calendar.ts";
import { minutesDocument } from "../../../common/domain/committee-minutes.ts";
import { addDays, addMonths, formatDateFr } from "../../../common/domain/dates.ts";
import { todayIn } from "../../../common/domain/territory-calendar.ts";
import type { ThematicSlug } from "../../../common/domain/thematics.ts";
import { localTime } from "../../../common/domain/working-time.ts";
import {
  ATTENDANCE_LABELS,
  DECISION_OUTCOME_LABELS,
  type CommitteeCreateBody,
  type CommitteeUpdateBody,
  type CommitteeView,
  type DecisionBody,
  type MemberOptions,
  type SessionUpdateBody,
  type SessionView,
  type SubmissionCreateBody,
  type SubmissionDocumentView,
  type SubmissionView,
} from "../../../common/schemas/committees.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import type { AppDeps, Ctx } from "../../http/context.ts";
import { randomToken, sha256 } from "../../crypto.ts";
import { actorOfUser } from "../auth/auth.service.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { enqueue } from "../../jobs/queue.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import {
  assertMay,
  committeeAccesses,
  mayChangeDocuments,
  mayCreateCommittee,
  mayWriteCharter,
  readableCommittee,
  recordCommitteeAccess,
  submissionAccess,
  submitterSeats,
  type CommitteeFacts,
  type CommitteePermissions,
} from "../../policy/committees.ts";
import { addCommitteeActions } from "../action-plan/action-plan.service.ts";
import { sendMessage } from "../messaging/messaging.ts";
import { notify } from "../pathway/notifications.repository.ts";
import { addEvent } from "../people/events.ts";
import { calendarOf } from "../territories/territories.service.ts";
import * as repo from "./committees.repository.ts";
import { renderMinutes } from "./minutes-pdf.ts";

/** How far ahead sessions are materialised (the job extends the window each day). */
export const HORIZON_WEEKS = 52;
/** How far back a committee that has been meeting gets its past sessions materialised. */
export const PAST_WEEKS = 12;
export const COMMITTEE_STEP_JOB = "committee.step";
export const COMMITTEE_SWEEP_JOB = "committee.sweep";

type Committee = NonNullable<Awaited<ReturnType<typeof repo.findCommittee>>>;

export interface Loaded {
  committee: Committee;
  calendar: Calendar;
  facts: CommitteeFacts;
  permissions: CommitteePermissions;
  members: repo.MemberRow[];
}

async function factsOf(ctx: Ctx, committee: repo.CommitteeRow, members: repo.MemberRow[]): Promise<CommitteeFacts> {
  const charter = await repo.currentCharter(ctx.db, committee.territory_id);
  const signed = charter ? Boolean(await repo.signatureOf(ctx.db, charter.id, ctx.actor.user_id)) : false;
  return { territory_id: committee.territory_id, seats: members.filter((m) => m.user_id === ctx.actor.user_id), signed_current_charter: signed };
}

export async function load(ctx: Ctx, id: string): Promise<Loaded> {
  const committee = await repo.findCommittee(ctx.db, id);
  if (!committee) throw new DomainError("not_found", "Comité introuvable.");
  const members = await repo.listMembers(ctx.db, [id]);
  const facts = await factsOf(ctx, committee, members);
  const permissions = readableCommittee(ctx.actor, facts);
  const cal = await calendarOf(ctx.db, committee.territory_id);
  return { committee, calendar: { zone: cal.zone, time_zone: cal.time_zone }, facts, permissions, members };
}

export async function loadSession(ctx: Ctx, sessionId: string) {
  const found = await repo.findSession(ctx.db, sessionId);
  if (!found) throw new DomainError("not_found", "Séance introuvable.");
  try {
    return { ...(await load(ctx, found.s.committee_id)), session: found.s, situations_count: found.situations_count };
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") throw new DomainError("not_found", "Séance introuvable.");
    throw e;
  }
}

function rulesOf(c: repo.CommitteeRow) {
  return { recurrence: c.recurrence, submission_deadline: c.submission_deadline, freeze: c.freeze, dispatch: c.dispatch };
}

async function committeeView(ctx: Ctx, l: Loaded): Promise<CommitteeView> {
  const c = l.committee;
  const charter = await repo.currentCharter(ctx.db, c.territory_id);
  const signers = charter ? await repo.signersOf(ctx.db, charter.id) : new Set<string>();
  const subscription = await repo.liveSubscription(ctx.db, c.id, ctx.actor.user_id);
  return {
    id: c.id,
    territory_id: c.territory_id,
    territory_name: c.territory_name,
    name: c.name,
    kind: c.kind as CommitteeKind,
    location: c.location,
    remote_link: c.remote_link,
    recurrence: c.recurrence,
    submission_deadline: c.submission_deadline,
    freeze: c.freeze,
    dispatch: c.dispatch,
    max_situations: c.max_situations,
    duration_minutes: c.duration_minutes,
    follow_up_months: c.follow_up_months,
    cohort_ids: c.cohort_ids,
    time_zone: l.calendar.time_zone,
    members: l.members.map((m) => ({
      id: m.id,
      structure: { id: m.structure_id, name: m.structure_name },
      user: { id: m.user_id, name: m.user_name },
      role: m.role as "titular" | "substitute",
      charter_signed: signers.has(m.user_id),
    })),
    charter: charter ? { id: charter.id, version: charter.version } : null,
    calendar_subscription: subscription ? { created_at: subscription.created_at.toISOString(), last_used_at: subscription.last_used_at?.toISOString() ?? null } : null,
    permissions: { update: l.permissions.update, run_sessions: l.permissions.run_sessions, submit: l.permissions.submit, write_charter: l.permissions.write_charter },
  };
}

function sessionView(s: repo.SessionRow, situations_count: number, timeZone: string): SessionView {
  return {
    id: s.id,
    committee_id: s.committee_id,
    ...instantsIso(s, timeZone),
    status: s.status as SessionStatus,
    situations_count,
    moved_from: s.moved_from,
    override: s.override,
    reason: s.reason,
  };
}

// ── Members ──

async function checkMembers(ctx: Ctx, territoryId: string, members: { structure_id: string; user_id: string }[]): Promise<void> {
  const held = await repo.activeMembershipsIn(ctx.db, members);
  const errors = members.flatMap((m, i) =>
    held.some((h) => h.structure_id === m.structure_id && h.user_id === m.user_id && h.territory_id === territoryId)
      ? []
      : [{ field: `members.${i}.user_id`, code: "invalid", message: "Cette personne n'est pas membre de cette structure du territoire" }],
  );
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m.user_id)) errors.push({ field: `members.${i}.user_id`, code: "duplicate", message: "Cette personne est déjà désignée" });
    seen.add(m.user_id);
  });
  if (errors.length) throw fieldErrors(errors);
}

async function replaceMembers(ctx: Ctx, tx: Db, committeeId: string, current: repo.MemberRow[], wanted: NonNullable<CommitteeCreateBody["members"]>): Promise<void> {
  const key = (m: { structure_id: string; user_id: string; role: string }) => `${m.structure_id}:${m.user_id}:${m.role}`;
  const wantedKeys = new Set(wanted.map(key));
  await repo.endMembers(
    tx,
    committeeId,
    current.filter((m) => !wantedKeys.has(key(m))).map((m) => m.id),
  );
  const currentKeys = new Set(current.map(key));
  await repo.insertMembers(
    tx,
    wanted.filter((m) => !currentKeys.has(key(m))).map((m) => ({ committee_id: committeeId, structure_id: m.structure_id, user_id: m.user_id, role: m.role })),
  );
}

// ── Calendar materialisation ──

/**
 * Stores the sessions of the recurrence from PAST_WEEKS ago (not before the first date) to
 * HORIZON_WEEKS ahead: new dates inserted, untouched ones recomputed, those the rule no longer gives
 * removed when nothing was submitted to them. Sessions a coordinator changed, and sessions past
 * `planned`, are left alone. Schedules the freeze and dispatch jobs.
 */
export async function materialise(db: Db, committee: repo.CommitteeRow, calendar: Calendar, now: Date): Promise<void> {
  const today = todayIn(calendar.time_zone, now);
  const from = addDays(today, -PAST_WEEKS * 7);
  const to = addDays(today, HORIZON_WEEKS * 7);
  const planned = plannedSessions(rulesOf(committee), calendar, from, to);
  const stored = await repo.sessionsByNominal(db, committee.id);
  const wanted = new Set(planned.map((p) => p.nominal));
  for (const p of planned) {
    const existing = stored.get(p.nominal);
    const values = {
      starts_at: p.starts_at,
      submission_deadline: p.submission_deadline,
      agenda_frozen_at: p.agenda_frozen_at,
      dispatched_at: p.dispatched_at,
      moved_from: p.moved_from,
      override: p.moved_from ? "holiday" : null,
      reason: p.moved_reason ? `Jour férié : ${p.moved_reason}` : null,
    };
    if (!existing) {
      // A session already past when first stored is not run by the jobs: it is history.
      const past = p.starts_at.getTime() < now.getTime();
      const row = await repo.insertSession(db, { committee_id: committee.id, nominal_date: p.nominal, ...values, status: past ? "held" : "planned" });
      if (!past) await scheduleSteps(db, row);
    } else if (!existing.overridden && existing.status === "planned" && existing.starts_at.getTime() !== p.starts_at.getTime()) {
      await repo.updateSession(db, existing.id, { ...values, sequence: existing.sequence + 1 });
      await scheduleSteps(db, { ...existing, ...values });
    } else if (!existing.overridden && existing.status === "planned" && (existing.submission_deadline.getTime() !== p.submission_deadline.getTime() || existing.agenda_frozen_at.getTime() !== p.agenda_frozen_at.getTime() || existing.dispatched_at.getTime() !== p.dispatched_at.getTime())) {
      await repo.updateSession(db, existing.id, values);
      await scheduleSteps(db, { ...existing, ...values });
    }
  }
  const stale = [...stored.values()].filter((s) => !wanted.has(s.nominal_date!) && !s.overridden && s.status === "planned" && s.starts_at.getTime() > now.getTime());
  const used = await repo.sessionsWithSubmissions(db, stale.map((s) => s.id));
  await repo.deleteSessions(
    db,
    stale.filter((s) => !used.has(s.id)).map((s) => s.id),
  );
}

/** The freeze and dispatch jobs at the session's instants (a moved session gets new ones; the old ones find nothing due). */
async function scheduleSteps(db: Db, s: Pick<repo.SessionRow, "id" | "agenda_frozen_at" | "dispatched_at">): Promise<void> {
  for (const at of [s.agenda_frozen_at, s.dispatched_at]) {
    await enqueue(db, COMMITTEE_STEP_JOB, { session_id: s.id }, { runAt: at, singletonKey: `committee.step:${s.id}:${at.toISOString()}` });
  }
}

// ── Committees ──

export async function createCommittee(ctx: Ctx, body: CommitteeCreateBody): Promise<CommitteeView> {
  if (!mayCreateCommittee(ctx.actor, body.territory_id)) {
    throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire (ou un·e administrateur·rice de la plateforme) crée un comité.");
  }
  await checkMembers(ctx, body.territory_id, body.members ?? []);
  await checkCohorts(ctx, body.territory_id, body.cohort_ids ?? []);
  const cal = await calendarOf(ctx.db, body.territory_id);
  const row = await ctx.db.transaction(async (tx) => {
    const c = await repo.insertCommittee(tx, {
      territory_id: body.territory_id,
      name: body.name,
      kind: body.kind,
      location: body.location || null,
      remote_link: body.remote_link || null,
      recurrence: { first_date: body.recurrence.first_date, time: body.recurrence.time, interval_weeks: body.recurrence.interval_weeks, until: body.recurrence.until ?? null },
      submission_deadline: body.submission_deadline,
      freeze: body.freeze ?? { ...DEFAULT_FREEZE },
      dispatch: body.dispatch ?? { ...DEFAULT_DISPATCH },
      max_situations: body.max_situations,
      duration_minutes: body.duration_minutes ?? 120,
      follow_up_months: body.follow_up_months ?? DEFAULT_FOLLOW_UP_MONTHS,
      cohort_ids: body.cohort_ids ?? [],
      created_by_user_id: ctx.actor.user_id,
    });
    await replaceMembers(ctx, tx, c.id, [], body.members ?? []);
    await materialise(tx, c, { zone: cal.zone, time_zone: cal.time_zone }, new Date());
    return c;
  });
  return committeeView(ctx, await load(ctx, row.id));
}

/** The cohorts a committee serves are cohorts of its territory (named by their index when not). */
async function checkCohorts(ctx: Ctx, territoryId: string, ids: string[]): Promise<void> {
  const known = await repo.cohortsOfTerritory(ctx.db, territoryId, ids);
  const errors = ids.flatMap((cohortId, i) => (known.has(cohortId) ? [] : [{ field: `cohort_ids.${i}`, code: "unknown_cohort", message: "Cohorte inconnue sur le territoire du comité" }]));
  if (errors.length > 0) throw fieldErrors(errors);
}

export async function listCommittees(ctx: Ctx, territoryId: string | undefined) {
  const rows = await repo.listCommittees(ctx.db, territoryId);
  const members = await repo.listMembers(
    ctx.db,
    rows.map((r) => r.id),
  );
  const items: CommitteeView[] = [];
  for (const c of rows) {
    const mine = members.filter((m) => m.committee_id === c.id);
    const facts = await factsOf(ctx, c, mine);
    try {
      const permissions = readableCommittee(ctx.actor, facts);
      const cal = await calendarOf(ctx.db, c.territory_id);
      items.push(await committeeView(ctx, { committee: c, calendar: { zone: cal.zone, time_zone: cal.time_zone }, facts, permissions, members: mine }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
  }
  return { items };
}

/** Who a coordinator may appoint: the structures of the committee's territory and their members. */
export async function memberOptions(ctx: Ctx, id: string): Promise<MemberOptions> {
  const l = await load(ctx, id);
  assertMay(l.permissions, "update");
  const rows = await repo.appointableMembers(ctx.db, l.committee.territory_id);
  const byStructure = new Map<string, MemberOptions["structures"][number]>();
  for (const r of rows) {
    const entry = byStructure.get(r.structure_id) ?? { id: r.structure_id, name: r.structure_name, users: [] };
    entry.users.push({ id: r.user_id, name: r.user_name });
    byStructure.set(r.structure_id, entry);
  }
  return { structures: [...byStructure.values()] };
}

export async function getCommittee(ctx: Ctx, id: string): Promise<CommitteeView> {
  return committeeView(ctx, await load(ctx, id));
}

export async function updateCommittee(ctx: Ctx, id: string, body: CommitteeUpdateBody): Promise<CommitteeView> {
  const l = await load(ctx, id);
  assertMay(l.permissions, "update");
  if (body.members) await checkMembers(ctx, l.committee.territory_id, body.members);
  if (body.cohort_ids) await checkCohorts(ctx, l.committee.territory_id, body.cohort_ids);
  const values: Partial<repo.CommitteeRow> = {};
  if (body.name !== undefined) values.name = body.name;
  if (body.kind !== undefined) values.kind = body.kind;
  if (body.location !== undefined) values.location = body.location || null;
  if (body.remote_link !== undefined) values.remote_link = body.remote_link || null;
  if (body.recurrence !== undefined) values.recurrence = { ...body.recurrence, until: body.recurrence.until ?? null };
  if (body.submission_deadline !== undefined) values.submission_deadline = body.submission_deadline;
  if (body.freeze !== undefined) values.freeze = body.freeze;
  if (body.dispatch !== undefined) values.dispatch = body.dispatch;
  if (body.max_situations !== undefined) values.max_situations = body.max_situations;
  if (body.duration_minutes !== undefined) values.duration_minutes = body.duration_minutes;
  if (body.follow_up_months !== undefined) values.follow_up_months = body.follow_up_months;
  if (body.cohort_ids !== undefined) values.cohort_ids = body.cohort_ids;
  await ctx.db.transaction(async (tx) => {
    await repo.lockCommittee(tx, id);
    await repo.updateCommittee(tx, id, values);
    if (body.members) await replaceMembers(ctx, tx, id, l.members, body.members);
    await materialise(tx, { ...l.committee, ...values }, l.calendar, new Date());
  });
  return committeeView(ctx, await load(ctx, id));
}

// ── Sessions ──

export async function listSessions(ctx: Ctx, id: string, query: { from?: string | undefined; to?: string | undefined }) {
  const l = await load(ctx, id);
  const from = query.from ? new Date(`${query.from}T00:00:00Z`) : new Date(Date.now() - 86_400_000);
  const to = query.to ? new Date(`${addDays(query.to, 1)}T00:00:00Z`) : null;
  const rows = await repo.listSessions(ctx.db, id, new Date(from.getTime() - 86_400_000), to ? new Date(to.getTime() + 86_400_000) : null);
  // The window is read in the territory's calendar: a session belongs to the local date it starts on.
  const items = rows
    .filter((r) => {
      const date = localTime(r.s.starts_at, l.calendar.time_zone).date;
      return (!query.from || date >= query.from) && (!query.to || date <= query.to) && (query.from || r.s.starts_at.getTime() >= Date.now() - 86_400_000);
    })
    .map((r) => sessionView(r.s, r.situations_count, l.calendar.time_zone));
  return { items };
}

export async function addSession(ctx: Ctx, id: string, body: { date: string; time?: string | undefined; reason: string }) {
  const l = await load(ctx, id);
  assertMay(l.permissions, "run_sessions");
  const instants = sessionInstants(body.date, body.time ?? l.committee.recurrence.time, rulesOf(l.committee), l.calendar);
  const row = await ctx.db.transaction(async (tx) => {
    const s = await repo.insertSession(tx, { committee_id: id, nominal_date: null, ...instants, status: "planned", override: "added", reason: body.reason, overridden: true });
    await scheduleSteps(tx, s);
    return s;
  });
  return sessionView(row, 0, l.calendar.time_zone);
}

/** The next session after this one that still meets (for carried-over situations). */
async function nextSession(db: Db, committeeId: string, after: repo.SessionRow): Promise<repo.SessionRow | undefined> {
  const rows = await repo.listSessions(db, committeeId, new Date(after.starts_at.getTime() + 1), null);
  return rows.map((r) => r.s).find((s) => s.id !== after.id && (s.status === "planned" || s.status === "agenda_frozen" || s.status === "dispatched"));
}

export async function updateSession(ctx: Ctx, sessionId: string, body: SessionUpdateBody) {
  const l = await loadSession(ctx, sessionId);
  assertMay(l.permissions, "run_sessions");
  const s = l.session;
  const status = s.status as SessionStatus;
  const refuse = (what: string) => new DomainError("conflict", `Une séance « ${SESSION_STATUS_LABELS[status]} » ne peut pas être ${what}.`);
  await ctx.db.transaction(async (tx) => {
    if (body.action === "move") {
      if (!mayMove(status)) throw refuse("déplacée");
      const time = body.time ?? localTime(s.starts_at, l.calendar.time_zone).time.slice(0, 5);
      const instants = sessionInstants(body.date, time, rulesOf(l.committee), l.calendar);
      // A moved session takes submissions again until its new deadline (its agenda reopens).
      const reopened: SessionStatus = instants.agenda_frozen_at.getTime() > Date.now() ? "planned" : status === "postponed" ? "planned" : status;
      await repo.updateSession(tx, s.id, {
        ...instants,
        status: reopened,
        moved_from: localTime(s.starts_at, l.calendar.time_zone).date,
        override: "moved",
        reason: body.reason,
        overridden: true,
        sequence: s.sequence + 1,
        frozen_done_at: reopened === "planned" ? null : s.frozen_done_at,
        dispatch_done_at: reopened === "planned" ? null : s.dispatch_done_at,
      });
      await scheduleSteps(tx, { id: s.id, ...instants });
    } else if (body.action === "cancel" || body.action === "postpone") {
      const next = sessionTransition(status, body.action);
      if (!next) throw refuse(body.action === "cancel" ? "annulée" : "reportée");
      await repo.updateSession(tx, s.id, { status: next, override: body.action === "cancel" ? "cancelled" : "postponed", reason: body.reason, overridden: true, sequence: s.sequence + 1 });
      // Its situations go to the next session that meets.
      const target = await nextSession(tx, l.committee.id, s);
      if (target) await repo.moveSubmissions(tx, s.id, target.id);
    } else {
      const next = sessionTransition(status, "send_minutes");
      if (!next) throw refuse("close par l'envoi du compte rendu (elle doit être tenue)");
      await repo.updateSession(tx, s.id, { status: next, minutes_sent_at: new Date() });
      const date = formatDateFr(localTime(s.starts_at, l.calendar.time_zone).date);
      for (const m of l.members) {
        await sendMessage(tx, { channel: "email", to: m.email, template: "committee_minutes", data: { committee: l.committee.name, date, link: `${ctx.config.publicUrl}/comites/seances/${s.id}` }, related: { type: "committee_session", id: s.id } });
      }
    }
  });
  const found = (await repo.findSession(ctx.db, sessionId))!;
  return sessionView(found.s, found.situations_count, l.calendar.time_zone);
}

export async function calendarIcs(ctx: Ctx, id: string): Promise<{ ics: string; filename: string }> {
  return icsOf(ctx, await load(ctx, id));
}

/**
 * The committee's sessions as iCalendar: dates, times, place, state and reason of a change — never a
 * person (no situation, no member's name): the private subscription URL serves the same feed.
 */
async function icsOf(ctx: Pick<Ctx, "db" | "config">, l: Loaded): Promise<{ ics: string; filename: string }> {
  const id = l.committee.id;
  const rows = await repo.listSessions(ctx.db, id, new Date(Date.now() - PAST_WEEKS * 7 * 86_400_000), null);
  const host = new URL(ctx.config.publicUrl).host;
  const ics = icsCalendar(
    l.committee.name,
    l.calendar.time_zone,
    rows.map(({ s }) => ({
      uid: `${s.id}@${host}`,
      starts_at: s.starts_at,
      duration_minutes: l.committee.duration_minutes,
      summary: `${l.committee.name} — séance`,
      location: [l.committee.location, l.committee.remote_link].filter(Boolean).join(" · ") || null,
      description: s.reason ? `${SESSION_STATUS_LABELS[s.status as SessionStatus]} — ${s.reason}` : SESSION_STATUS_LABELS[s.status as SessionStatus],
      url: `${ctx.config.publicUrl}/comites/seances/${s.id}`,
      status: s.status === "cancelled" || s.status === "postponed" ? "CANCELLED" : "CONFIRMED",
      sequence: s.sequence,
    })),
    new Date(),
  );
  return { ics, filename: `comite-${id.slice(0, 8)}.ics` };
}

// ── Private calendar subscription (calendar apps have no session) ──

const SUBSCRIPTION_NOT_FOUND = "Abonnement au calendrier inconnu ou révoqué.";
/** The secret of a subscription URL: 32 random bytes in base64url. */
const SUBSCRIPTION_TOKEN = /^[A-Za-z0-9_-]{43}$/;

function subscriptionUrl(config: Config, token: string): string {
  return `${config.publicUrl}/api/v1/committee-calendars/${token}.ics`;
}

/** A new private URL for the caller (whoever reads the committee); the previous one stops working. Shown once. */
export async function subscribeCalendar(ctx: Ctx, committeeId: string): Promise<{ url: string; created_at: string }> {
  await load(ctx, committeeId);
  const token = randomToken(32);
  const row = await ctx.db.transaction(async (tx) => {
    await repo.revokeSubscriptions(tx, committeeId, ctx.actor.user_id);
    return repo.insertSubscription(tx, { committee_id: committeeId, user_id: ctx.actor.user_id, token_hash: sha256(token) });
  });
  return { url: subscriptionUrl(ctx.config, token), created_at: row.created_at.toISOString() };
}

export async function unsubscribeCalendar(ctx: Ctx, committeeId: string): Promise<void> {
  await load(ctx, committeeId);
  await repo.revokeSubscriptions(ctx.db, committeeId, ctx.actor.user_id);
}

/**
 * The feed behind a private URL: the secret names a live subscription, and its owner must still read
 * the committee now (an account disabled, a membership ended, a seat removed: 404). The owner's
 * rights are read afresh, through policy/committees.ts like any request of theirs.
 */
export async function calendarBySubscription(deps: AppDeps, token: string, requestId: string): Promise<{ ics: string; filename: string }> {
  const sub = SUBSCRIPTION_TOKEN.test(token) ? await repo.findLiveSubscriptionByHash(deps.db, sha256(token)) : undefined;
  if (!sub) throw new DomainError("not_found", SUBSCRIPTION_NOT_FOUND);
  const actor = await actorOfUser(deps.db, sub.user_id, "token");
  if (!actor) throw new DomainError("not_found", SUBSCRIPTION_NOT_FOUND);
  const owner: Ctx = { ...deps, actor, requestId, route: "GET /api/v1/committee-calendars/:token.ics" };
  let l: Loaded;
  try {
    l = await load(owner, sub.committee_id);
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") throw new DomainError("not_found", SUBSCRIPTION_NOT_FOUND);
    throw e;
  }
  if (!sub.last_used_at || Date.now() - sub.last_used_at.getTime() > 3_600_000) await repo.markSubscriptionUsed(deps.db, sub.id);
  return icsOf(deps, l);
}

// ── Submissions ──

export async function submit(ctx: Ctx, committeeId: string, body: SubmissionCreateBody) {
  const l = await load(ctx, committeeId);
  assertMay(l.permissions, "submit");
  const access = await submissionAccess(ctx.db, ctx.actor, body.person_id, l.committee.territory_id);
  const now = new Date();
  const result = await ctx.db.transaction(async (tx) => {
    await repo.lockCommittee(tx, committeeId);
    const rows = await repo.listSessions(tx, committeeId, now, null);
    const placement = placeSubmission(
      rows.map((r) => ({ id: r.s.id, starts_at: r.s.starts_at, submission_deadline: r.s.submission_deadline, status: r.s.status as SessionStatus, situations_count: r.situations_count })),
      l.committee.max_situations,
      now,
    );
    if (!placement) throw new DomainError("conflict", "Aucune séance à venir de ce comité n'a de place : la coordination du territoire peut ajouter une séance.");
    const sub = await repo.insertSubmission(tx, {
      committee_id: committeeId,
      session_id: placement.session_id,
      person_id: body.person_id,
      submitted_by_user_id: ctx.actor.user_id,
      submitted_by_membership_id: access.membership_id,
      blocking_points: body.blocking_points,
      actions_tried: body.actions_tried,
      question: body.question,
      consent: body.consent,
      first_session_id: placement.full[0] ?? null,
    });
    const session = rows.find((r) => r.s.id === placement.session_id)!;
    const date = (s: repo.SessionRow) => formatDateFr(localTime(s.starts_at, l.calendar.time_zone).date);
    await recordCommitteeAccess(ctx, [access], "create", "committee_submission", tx);
    await addEvent(ctx, tx, body.person_id, "committee_submitted", access.membership_id, { committee: l.committee.name, session_id: session.s.id, session_date: localTime(session.s.starts_at, l.calendar.time_zone).date });
    if (placement.full.length) {
      const full = rows.find((r) => r.s.id === placement.full[0])!;
      await sendMessage(tx, {
        channel: "email",
        to: ctx.actor.email,
        template: "committee_carried_over",
        data: { committee: l.committee.name, full_date: date(full.s), date: date(session.s), link: `${ctx.config.publicUrl}/comites/seances/${session.s.id}` },
        related: { type: "committee_submission", id: sub.id },
      });
    }
    return { sub, session: session.s, count: session.situations_count + 1, carried_over: placement.full.length > 0 };
  });
  return { id: result.sub.id, session: sessionView(result.session, result.count, l.calendar.time_zone), carried_over: result.carried_over };
}

// ── Agenda ──

function personName(r: { first_names: string; last_name: string }): string {
  return `${r.first_names} ${r.last_name}`;
}

export function documentView(d: repo.DocumentRow): SubmissionDocumentView {
  return { id: d.id, submission_id: d.submission_id, file_name: d.file_name, media_type: d.media_type, size_bytes: d.size_bytes, created_at: d.created_at.toISOString(), uploaded_by: { name: d.uploaded_by_name } };
}

type AgendaRow = Awaited<ReturnType<typeof repo.agendaOf>>[number];

/**
 * The agenda: for who sees situations, each of them (one `committee` read per person); for the
 * others, the count — and, for a professional of the team of submitted people, those situations
 * (one `team` read per person), to join documents before the freeze.
 */
export async function agenda(ctx: Ctx, sessionId: string) {
  const l = await loadSession(ctx, sessionId);
  const charter = await repo.currentCharter(ctx.db, l.committee.territory_id);
  const rows = await repo.agendaOf(ctx.db, sessionId);
  const team = await submitterSeats(
    ctx.db,
    ctx.actor,
    l.permissions,
    rows.map((r) => r.sub.person_id),
  );
  const shown = l.permissions.see_situations ? rows : rows.filter((r) => team.has(r.sub.person_id));
  const documents = await repo.documentsOf(
    ctx.db,
    shown.map((r) => r.sub.id),
  );
  const view = (r: AgendaRow): SubmissionView => ({
    id: r.sub.id,
    session_id: r.sub.session_id,
    person: { id: r.sub.person_id, name: personName(r) },
    submitted_by: { name: r.submitter_name, structure_name: r.structure_name },
    blocking_points: r.sub.blocking_points,
    actions_tried: r.sub.actions_tried,
    question: r.sub.question,
    status: r.sub.status,
    created_at: r.sub.created_at.toISOString(),
    decision: r.decision ? { id: r.decision.id, outcome: r.decision.outcome, summary: r.decision.summary, follow_up_on: r.decision.follow_up_on } : null,
    documents: documents.filter((d) => d.submission_id === r.sub.id).map(documentView),
    permissions: {
      // Documents change on the session the situation waits on (a postponed one is changed from there).
      change_documents: r.sub.session_id === sessionId && mayChangeDocuments(team.get(r.sub.person_id) ?? null, { session_status: l.session.status, submission_status: r.sub.status }),
    },
  });
  let items = null;
  let ownItems: SubmissionView[] = [];
  if (l.permissions.see_situations) {
    const accesses = committeeAccesses(
      ctx.actor,
      l.facts,
      rows.map((r) => r.sub.person_id),
    );
    items = rows.map(view);
    await recordCommitteeAccess(ctx, accesses, "read");
  } else if (shown.length > 0) {
    ownItems = shown.map(view);
    await recordCommitteeAccess(ctx, [...new Map(shown.map((r) => [r.sub.person_id, team.get(r.sub.person_id)!])).values()], "read");
  }
  const attendance = await repo.attendanceOf(ctx.db, sessionId);
  const signers = charter ? await repo.signersOf(ctx.db, charter.id) : new Set<string>();
  return {
    session: sessionView(l.session, l.situations_count, l.calendar.time_zone),
    committee: { id: l.committee.id, name: l.committee.name },
    situations_count: l.situations_count,
    items,
    own_items: ownItems,
    charter: charter ? { id: charter.id, version: charter.version, text: charter.text, signed: l.facts.signed_current_charter } : null,
    members: l.members.map((m) => ({ id: m.id, structure: { id: m.structure_id, name: m.structure_name }, user: { id: m.user_id, name: m.user_name }, role: m.role as "titular" | "substitute", charter_signed: signers.has(m.user_id) })),
    attendance: attendance.map((a) => ({ member_id: a.member_id, status: a.status, substitute_user_id: a.substitute_user_id })),
    permissions: { run: l.permissions.run_sessions, see_situations: l.permissions.see_situations, sign_charter: l.permissions.sign_charter && !l.facts.signed_current_charter && Boolean(charter) },
  };
}

// ── Attendance, decisions ──

async function markHeld(tx: Db, s: repo.SessionRow): Promise<void> {
  const next = sessionTransition(s.status as SessionStatus, "hold");
  if (!next) throw new DomainError("conflict", `La séance est « ${SESSION_STATUS_LABELS[s.status as SessionStatus]} » : elle ne peut plus être tenue.`);
  if (next !== s.status) await repo.updateSession(tx, s.id, { status: next });
}

export async function recordAttendance(ctx: Ctx, sessionId: string, body: { items: { member_id: string; status: string; substitute_user_id?: string | null | undefined }[] }) {
  const l = await loadSession(ctx, sessionId);
  assertMay(l.permissions, "run_sessions");
  const memberIds = new Set(l.members.map((m) => m.id));
  const errors = body.items.flatMap((item, i) => {
    const out = [];
    if (!memberIds.has(item.member_id)) out.push({ field: `items.${i}.member_id`, code: "invalid", message: "Ce membre ne siège pas à ce comité" });
    if (item.status === "substitute" && !item.substitute_user_id) out.push({ field: `items.${i}.substitute_user_id`, code: "required", message: "Indiquez le ou la suppléant·e" });
    return out;
  });
  if (errors.length) throw fieldErrors(errors);
  await ctx.db.transaction(async (tx) => {
    await markHeld(tx, l.session);
    await repo.upsertAttendance(
      tx,
      sessionId,
      body.items.map((i) => ({ member_id: i.member_id, status: i.status, substitute_user_id: i.substitute_user_id ?? null })),
      ctx.actor.user_id,
    );
  });
  return { items: (await repo.attendanceOf(ctx.db, sessionId)).map((a) => ({ member_id: a.member_id, status: a.status, substitute_user_id: a.substitute_user_id })) };
}

export async function recordDecision(ctx: Ctx, sessionId: string, body: DecisionBody) {
  const l = await loadSession(ctx, sessionId);
  const sub = await repo.findSubmission(ctx.db, body.submission_id);
  if (!sub || sub.session_id !== sessionId) {
    assertMay(l.permissions, "see_situations");
    throw fieldErrors([{ field: "submission_id", code: "not_found", message: "Cette situation n'est pas à l'ordre du jour de cette séance" }]);
  }
  const [access] = committeeAccesses(ctx.actor, l.facts, [sub.person_id]);
  assertMay(l.permissions, "decide");
  if (await repo.decisionFor(ctx.db, sessionId, sub.id)) throw new DomainError("conflict", "Une décision est déjà enregistrée pour cette situation à cette séance.");
  if (body.outcome === "actions" && body.actions.length === 0) throw fieldErrors([{ field: "actions", code: "required", message: "Indiquez au moins une action (qui, quoi, quand)" }]);
  if ((body.outcome === "referral" || body.outcome === "unmet_need") && !body.intent) throw fieldErrors([{ field: "intent", code: "required", message: "Décrivez le besoin" }]);
  const sessionDate = localTime(l.session.starts_at, l.calendar.time_zone).date;
  const followUp = body.outcome === "postponed" ? null : body.follow_up_on === undefined ? addMonths(sessionDate, l.committee.follow_up_months) : body.follow_up_on;
  const result = await ctx.db.transaction(async (tx) => {
    await markHeld(tx, l.session);
    const actionIds = body.outcome === "postponed" ? [] : await addCommitteeActions(ctx, tx, sub.person_id, access!.membership_id || null, l.committee.name, body.actions.map((a) => ({ ...a, thematic: a.thematic as ThematicSlug })));
    const decision = await repo.insertDecision(tx, {
      session_id: sessionId,
      submission_id: sub.id,
      person_id: sub.person_id,
      outcome: body.outcome,
      summary: body.summary,
      actions: body.actions.map((a, i) => ({ ...a, ...(actionIds[i] ? { action_id: actionIds[i] } : {}) })),
      intent: body.intent ?? null,
      follow_up_on: followUp,
      decided_by_user_id: ctx.actor.user_id,
    });
    let nextId: string | null = null;
    if (body.outcome === "postponed") {
      const next = await nextSession(tx, l.committee.id, l.session);
      if (!next) throw new DomainError("conflict", "Aucune séance suivante n'est prévue : ajoutez-en une avant de reporter la situation.");
      await repo.updateSubmission(tx, sub.id, { session_id: next.id, status: "placed", first_session_id: sub.first_session_id ?? sessionId });
      nextId = next.id;
    } else {
      await repo.updateSubmission(tx, sub.id, { status: "decided" });
    }
    await addEvent(ctx, tx, sub.person_id, "committee_decision", access!.membership_id || null, {
      committee: l.committee.name,
      session_date: sessionDate,
      outcome: body.outcome,
      follow_up_on: followUp,
    });
    // The submitting référent stays the single contact: told by message (a link) and in spie.
    const email = await repo.userEmail(tx, sub.submitted_by_user_id);
    if (email) {
      await sendMessage(tx, {
        channel: "email",
        to: email,
        template: "committee_decision",
        data: { committee: l.committee.name, date: formatDateFr(sessionDate), link: `${ctx.config.publicUrl}/personnes/${sub.person_id}` },
        related: { type: "committee_decision", id: decision.id },
      });
    }
    await notify(tx, [sub.submitted_by_user_id], { person_id: sub.person_id, type: "committee_decision", message: `Décision du comité « ${l.committee.name} » du ${formatDateFr(sessionDate)} : ${DECISION_OUTCOME_LABELS[body.outcome]}.` });
    await recordCommitteeAccess(ctx, [access!], "create", "committee_decision", tx);
    return { decision, actionIds, nextId };
  });
  return {
    id: result.decision.id,
    submission_id: sub.id,
    outcome: body.outcome,
    summary: body.summary,
    follow_up_on: followUp,
    next_session_id: result.nextId,
    action_ids: result.actionIds,
  };
}

// ── Minutes ──

export async function minutesPdf(ctx: Ctx, sessionId: string): Promise<{ pdf: Buffer; filename: string }> {
  const doc = await minutes(ctx, sessionId);
  return { pdf: await renderMinutes(doc), filename: `compte-rendu-${sessionId.slice(0, 8)}.pdf` };
}

export async function minutes(ctx: Ctx, sessionId: string) {
  const l = await loadSession(ctx, sessionId);
  const rows = await repo.agendaOf(ctx.db, sessionId);
  const accesses = committeeAccesses(
    ctx.actor,
    l.facts,
    rows.map((r) => r.sub.person_id),
  );
  const attendance = await repo.attendanceOf(ctx.db, sessionId);
  const local = localTime(l.session.starts_at, l.calendar.time_zone);
  const doc = minutesDocument({
    committee: { name: l.committee.name, kind_label: COMMITTEE_KIND_LABELS[l.committee.kind as CommitteeKind], territory_name: l.committee.territory_name, location: l.committee.location },
    session: { date: local.date, time: local.time.slice(0, 5), status_label: SESSION_STATUS_LABELS[l.session.status as SessionStatus] },
    attendance: l.members.map((m) => {
      const a = attendance.find((x) => x.member_id === m.id);
      return { name: m.user_name, structure_name: m.structure_name, status_label: a ? ATTENDANCE_LABELS[a.status as keyof typeof ATTENDANCE_LABELS] : "non renseigné" };
    }),
    situations: rows.map((r, i) => ({
      position: i + 1,
      person_name: personName(r),
      submitted_by: `${r.submitter_name} (${r.structure_name})`,
      question: r.sub.question,
      outcome_label: r.decision ? DECISION_OUTCOME_LABELS[r.decision.outcome as keyof typeof DECISION_OUTCOME_LABELS] : null,
      summary: r.decision?.summary ?? null,
      actions: r.decision?.actions ?? [],
      follow_up_on: r.decision?.follow_up_on ?? null,
    })),
    today: todayIn(l.calendar.time_zone),
  });
  await recordCommitteeAccess(ctx, accesses, "read", "committee_minutes");
  return doc;
}

// ── Charters ──

export async function currentCharter(ctx: Ctx, territoryId: string) {
  const charter = await repo.currentCharter(ctx.db, territoryId);
  const readable = mayWriteCharter(ctx.actor, territoryId) || ctx.actor.memberships.some((m) => m.territory_id === territoryId);
  if (!charter || !readable) throw new DomainError("not_found", "Aucune charte pour ce territoire.");
  const signature = await repo.signatureOf(ctx.db, charter.id, ctx.actor.user_id);
  return { id: charter.id, territory_id: charter.territory_id, version: charter.version, text: charter.text, created_at: charter.created_at.toISOString(), signed_at: signature?.signed_at.toISOString() ?? null };
}

export async function writeCharter(ctx: Ctx, body: { territory_id: string; text: string }) {
  if (!mayWriteCharter(ctx.actor, body.territory_id)) throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire rédige la charte de confidentialité.");
  const row = await ctx.db.transaction(async (tx) => repo.insertCharter(tx, body.territory_id, body.text, ctx.actor.user_id));
  return { id: row.id, territory_id: row.territory_id, version: row.version, text: row.text, created_at: row.created_at.toISOString(), signed_at: null };
}

export async function signCharter(ctx: Ctx, charterId: string) {
  const charter = await repo.findCharter(ctx.db, charterId);
  if (!charter) throw new DomainError("not_found", "Charte introuvable.");
  const committees = await repo.listCommittees(ctx.db, charter.territory_id);
  const members = await repo.listMembers(
    ctx.db,
    committees.map((c) => c.id),
  );
  const facts: CommitteeFacts = { territory_id: charter.territory_id, seats: members.filter((m) => m.user_id === ctx.actor.user_id), signed_current_charter: false };
  const current = await repo.currentCharter(ctx.db, charter.territory_id);
  const p = committees.length ? readableCommittee(ctx.actor, facts) : null;
  if (!p) throw new DomainError("not_found", "Charte introuvable.");
  assertMay(p, "sign_charter");
  if (current!.id !== charter.id) throw new DomainError("conflict", `Cette version de la charte a été remplacée : signez la version ${current!.version}.`);
  const row = await repo.insertSignature(ctx.db, charter.id, ctx.actor.user_id);
  return { charter_id: charter.id, version: charter.version, signed_at: row.signed_at.toISOString() };
}

// ── Jobs ──

/** Freezes and dispatches the sessions whose instants have come; members get a link, never the content. */
export async function advanceSessions(db: Db, config: Pick<Config, "publicUrl">, now: Date, sessionId?: string): Promise<number> {
  const due = await repo.dueSessions(db, now, sessionId);
  let n = 0;
  for (const s of due) {
    await db.transaction(async (tx) => {
      const committee = (await repo.findCommittee(tx, s.committee_id))!;
      let status = s.status as SessionStatus;
      if (status === "planned" && s.agenda_frozen_at.getTime() <= now.getTime()) {
        status = sessionTransition(status, "freeze")!;
        await repo.updateSession(tx, s.id, { status, frozen_done_at: now });
      }
      if (status === "agenda_frozen" && s.dispatched_at.getTime() <= now.getTime()) {
        status = sessionTransition(status, "dispatch")!;
        await repo.updateSession(tx, s.id, { status, dispatch_done_at: now });
        const cal = await calendarOf(tx, committee.territory_id);
        const date = formatDateFr(localTime(s.starts_at, cal.time_zone).date);
        const count = await repo.countSubmissions(tx, s.id);
        for (const m of await repo.listMembers(tx, [committee.id])) {
          await sendMessage(tx, {
            channel: "email",
            to: m.email,
            template: "committee_dispatch",
            data: { committee: committee.name, date, count: String(count), link: `${config.publicUrl}/comites/seances/${s.id}` },
            related: { type: "committee_session", id: s.id },
          });
        }
      }
      n += 1;
    });
  }
  return n;
}

/** Raises the follow-up alerts whose date has come in the territory's time zone (a notification to the submitting référent, once). */
export async function raiseFollowUps(db: Db, now: Date): Promise<number> {
  // The earliest "today" of any zone is read first (Indian/Reunion is ahead of Paris), then each territory's own.
  const due = await repo.dueFollowUps(db, todayIn("Indian/Reunion", now));
  let raised = 0;
  for (const row of due) {
    const cal = await calendarOf(db, row.territory_id);
    if (row.d.follow_up_on! > todayIn(cal.time_zone, now)) continue;
    await db.transaction(async (tx) => {
      await notify(tx, [row.referent_user_id], { person_id: row.d.person_id, type: "committee_follow_up", message: `Point de suivi de la décision du comité « ${row.committee_name} » : à faire.` });
      await repo.markFollowUpAlerted(tx, row.d.id);
    });
    raised += 1;
  }
  return raised;
}

export function committeeStepJob(config: Pick<Config, "publicUrl">): JobHandler {
  return async (payload, { db, log }) => {
    const n = await advanceSessions(db, config, new Date(), String(payload.session_id));
    log.info({ session_id: String(payload.session_id), advanced: n }, "committee session step");
  };
}

/** Hourly: catch-up of freezes and dispatches, follow-up alerts, the calendar window moved ahead. */
export function committeeSweepJob(config: Pick<Config, "publicUrl">): JobHandler {
  return async (_payload, { db, log }) => {
    const now = new Date();
    const advanced = await advanceSessions(db, config, now);
    const followUps = await raiseFollowUps(db, now);
    for (const c of await repo.allCommittees(db)) {
      const cal = await calendarOf(db, c.territory_id);
      await db.transaction(async (tx) => materialise(tx, c, { zone: cal.zone, time_zone: cal.time_zone }, now));
    }
    log.info({ advanced, follow_ups: followUps }, "committee sweep");
  };
}
