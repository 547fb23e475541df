// Referrals: sending one to a service, its moves (common/domain/referrals.ts), the inbox and the
// team's list, the answer statistics, the signed link of directory-only services, and the jobs
// (reminder, escalation, expiry). Who may do what is decided in server/policy (the gate's decision
// and policy/referrals.ts); this module applies the rules of the referral itself.
import { thematicOfDataInclusion } from "../../../common/domain/thematics.ts";
import { territoryCalendar, type CalendarZone } from "../../../common/domain/territory-calendar.ts";
import { addWorkingHours, isoWithOffset, localTime, type WorkingCalendar } from "../../../common/domain/working-time.ts";
import {
  answersReferral,
  movesFrom,
  REFERRAL_ANSWER_WORKING_HOURS,
  REFERRAL_EVENT_TYPES,
  REFERRAL_EXPIRY_DAYS,
  REFERRAL_LINK_DAYS,
  REFERRAL_REMINDER_WORKING_HOURS_BEFORE,
  REFERRAL_STATUS_LABELS,
  referralTransition,
  type ContactPreference,
  type ReferralOutcome,
  type ReferralParty,
  type ReferralStatus,
  type RefusalReason,
} from "../../../common/domain/referrals.ts";
import type { Referral, ReferralChannel, ReferralCreateBody, ReferralList, ReferralListQuery, ReferralStats, ReferralStatsQuery, ReferralTransitionBody } from "../../../common/schemas/referrals.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import type { AppDeps, Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { recordReferralsListed } from "../../policy/gate.ts";
import type { PersonAccess } from "../../policy/people.ts";
import {
  decideMove,
  linkTransitions,
  receivingStructuresOf,
  referralPermissions,
  referralsOfMyPeople,
  signReferralLink,
  statsScope,
  verifyReferralLink,
} from "../../policy/referrals.ts";
import { sendMessage } from "../messaging/messaging.ts";
import { person_events } from "../people/people.tables.ts";
import { getCommune } from "../territories/geography.ts";
import { calendarOf } from "../territories/territories.service.ts";
import * as repo from "./referrals.repository.ts";
import type { SharedPerson } from "./referrals.tables.ts";

const RECEIVING_ROLES = ["professional", "structure_admin", "coordinator"] as const;

// ── Where a service receives referrals, and on which calendar ───────────────────────────────────

function addressOf(s: repo.ServiceForReferral): string | null {
  const service = [s.service.adresse, [s.service.code_postal, s.service.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  if (service) return service;
  const structure = [s.structure.street, [s.structure.postal_code, s.structure.commune].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return structure || null;
}

function channelOf(s: repo.ServiceForReferral): { channel: "platform" | "email" | "none"; email: string | null } {
  if (s.members > 0 && !s.structure.deactivated_at) return { channel: "platform", email: null };
  const email = s.service.courriel ?? s.structure.email;
  if (email) return { channel: "email", email };
  return { channel: "none", email: null };
}

/** The prerequisites the form offers to tick: the service's access conditions and publics. */
function prerequisitesOf(s: repo.ServiceForReferral): string[] {
  const items: string[] = [];
  for (const line of (s.service.conditions_acces ?? "").split(/\r?\n|;/)) if (line.trim()) items.push(line.trim().replace(/^[-•*]\s*/, ""));
  for (const p of s.service.publics ?? []) items.push(`Public : ${p}`);
  if (s.service.publics_precisions?.trim()) items.push(s.service.publics_precisions.trim());
  return [...new Set(items)].slice(0, 30).map((i) => i.slice(0, 300));
}

async function loadService(db: Db, serviceId: string, field: string): Promise<repo.ServiceForReferral> {
  const s = await repo.serviceForReferral(db, serviceId);
  if (!s || s.service.status === "archived") throw fieldErrors([{ field, code: "not_found", message: "Service introuvable dans l'annuaire" }], "Service introuvable.");
  return s;
}

/** A service that can receive nothing: a clear problem with how to reach it instead. */
function cannotReceive(s: repo.ServiceForReferral): DomainError {
  const phone = s.service.telephone ?? s.structure.phone;
  const address = addressOf(s);
  const how = [phone ? `par téléphone au ${phone}` : null, address ? `à l'adresse ${address}` : null].filter(Boolean).join(" ou ");
  return new DomainError(
    "conflict",
    `« ${s.service.nom} » (${s.structure.name}) ne reçoit pas d'orientation par spie : la structure n'a ni membre sur la plateforme ni adresse de courriel.${how ? ` Contactez-la ${how}.` : ""}`,
    { extensions: { reason: "service_unreachable", phone, address } },
  );
}

/** The receiving structure's calendar: its commune's département (else the service's, else its territory's). */
async function receivingCalendar(db: Db, s: repo.ServiceForReferral): Promise<WorkingCalendar> {
  for (const code of [s.structure.commune_code, s.service.code_insee]) {
    const commune = code ? getCommune(code) : undefined;
    if (commune) {
      const c = territoryCalendar([commune.departement]);
      return { zone: c.zone, time_zone: c.time_zone };
    }
  }
  if (s.structure.territory_id) {
    const c = await calendarOf(db, s.structure.territory_id);
    return { zone: c.zone, time_zone: c.time_zone };
  }
  const c = territoryCalendar([]);
  return { zone: c.zone, time_zone: c.time_zone };
}

export async function channel(ctx: AppDeps, serviceId: string): Promise<ReferralChannel> {
  const s = await repo.serviceForReferral(ctx.db, serviceId);
  if (!s || s.service.status === "archived") throw new DomainError("not_found", "Service introuvable.");
  return {
    service_id: s.service.id,
    service_name: s.service.nom,
    structure_name: s.structure.name,
    channel: channelOf(s).channel,
    phone: s.service.telephone ?? s.structure.phone,
    address: addressOf(s),
    prerequisites: prerequisitesOf(s),
  };
}

// ── Views ───────────────────────────────────────────────────────────────────────────────────────

/** "12/05/2026 à 15:00 (heure de Europe/Paris)" for mails. */
function frenchDateTime(instant: Date, timeZone: string): string {
  const l = localTime(instant, timeZone);
  return `${l.date.split("-").reverse().join("/")} à ${l.time.slice(0, 5)} (heure locale, ${timeZone})`;
}

function isOverdue(r: { status: string; due_at: Date }, now: Date): boolean {
  return r.status === "sent" && r.due_at.getTime() <= now.getTime();
}

async function view(db: Db, row: repo.ReferralWithNames, permissions: Referral["permissions"], showPersonId: boolean, now: Date): Promise<Referral> {
  const r = row.referral;
  const tz = r.time_zone;
  const transitions = await repo.listTransitions(db, r.id);
  return {
    id: r.id,
    status: r.status as ReferralStatus,
    person: { id: showPersonId ? r.person_id : null, ...r.shared_person },
    service: { id: r.service_id, name: r.service_name, commune_code: row.service_commune_code, thematic: thematicOfDataInclusion(row.service_thematiques) },
    receiving_structure: { id: r.receiving_structure_id, name: row.receiving_name, on_platform: !r.by_link },
    sender: { name: row.sender_name, structure_name: row.sender_structure_name, email: row.sender_email },
    reason: r.reason,
    situation: r.situation,
    prerequisites_met: r.prerequisites_met,
    availability: r.availability,
    contact_preference: r.contact_preference as ContactPreference | null,
    consent: { recorded_by: row.consent_by, recorded_at: isoWithOffset(r.consent_recorded_at, tz) },
    sent_at: isoWithOffset(r.sent_at, tz),
    due_at: isoWithOffset(r.due_at, tz),
    answered_at: r.answered_at ? isoWithOffset(r.answered_at, tz) : null,
    overdue: isOverdue(r, now),
    time_zone: tz,
    planned_start: r.planned_start,
    outcome: r.outcome as ReferralOutcome | null,
    redirected_from_id: r.redirected_from_id,
    redirected_to_id: r.redirected_to_id,
    link_expires_at: r.by_link && r.link_expires_at ? isoWithOffset(r.link_expires_at, tz) : null,
    transitions: transitions.map(({ t, actor_name, structure_name }) => ({
      id: t.id,
      from: t.from_status as ReferralStatus | null,
      to: t.to_status as ReferralStatus,
      at: isoWithOffset(t.at, tz),
      actor: { kind: t.actor_kind as "user" | "link" | "system", name: actor_name, structure_name },
      reason_codes: t.reason_codes as RefusalReason[],
      message: t.message,
      share_reason_with_person: t.share_reason_with_person,
      planned_start: t.planned_start,
      outcome: t.outcome as ReferralOutcome | null,
      redirect_referral_id: t.redirect_referral_id,
    })),
    permissions,
  };
}

// ── Sending ─────────────────────────────────────────────────────────────────────────────────────

function sharedPerson(contact: { first_names: string; last_name: string; phone: string | null; email: string | null }, preference: ContactPreference | null): SharedPerson {
  // Only the contact the person agreed to be reached by: the phone, the e-mail, or none (through the référent).
  return {
    first_names: contact.first_names,
    last_name: contact.last_name,
    phone: preference === "phone" ? contact.phone : null,
    email: preference === "email" ? contact.email : null,
  };
}

interface Sender {
  user_id: string | null;
  membership_id: string | null;
  structure_name: string;
}

interface NewReferral {
  person_id: string;
  service: repo.ServiceForReferral;
  reason: string;
  situation: string | null;
  prerequisites_met: string[];
  availability: string | null;
  contact_preference: ContactPreference | null;
  shared_person: SharedPerson;
  consent_recorded_by_user_id: string | null;
  consent_recorded_at: Date;
  sent_at: Date;
  redirected_from_id: string | null;
}

/** Writes a referral, its first transition, its timeline event and its notice (inside the caller's transaction). */
async function writeReferral(db: Db, deps: Pick<AppDeps, "config" | "crypto">, n: NewReferral, sender: Sender, actor: { kind: "user" | "link"; user_id: string | null; membership_id: string | null }, now: Date) {
  const s = n.service;
  const { channel: how, email } = channelOf(s);
  if (how === "none") throw cannotReceive(s);
  const calendar = await receivingCalendar(db, s);
  const due = addWorkingHours(n.sent_at, REFERRAL_ANSWER_WORKING_HOURS, calendar);
  const remind = addWorkingHours(n.sent_at, REFERRAL_ANSWER_WORKING_HOURS - REFERRAL_REMINDER_WORKING_HOURS_BEFORE, calendar);
  const byLink = how === "email";
  const linkExpires = byLink ? new Date(now.getTime() + REFERRAL_LINK_DAYS * 86_400_000) : null;
  const row = await repo.insertReferral(db, {
    person_id: n.person_id,
    service_id: s.service.id,
    service_name: s.service.nom,
    receiving_structure_id: s.structure.id,
    by_link: byLink,
    link_email: email,
    link_version: byLink ? 1 : 0,
    link_expires_at: linkExpires,
    sender_user_id: sender.user_id,
    sender_membership_id: sender.membership_id,
    reason: n.reason,
    situation: n.situation,
    prerequisites_met: n.prerequisites_met,
    availability: n.availability,
    contact_preference: n.contact_preference,
    shared_person: n.shared_person,
    consent_recorded_by_user_id: n.consent_recorded_by_user_id,
    consent_recorded_at: n.consent_recorded_at,
    status: "sent",
    sent_at: n.sent_at,
    due_at: due,
    remind_at: remind,
    time_zone: calendar.time_zone,
    calendar_zone: calendar.zone satisfies CalendarZone,
    redirected_from_id: n.redirected_from_id,
  });
  await repo.insertTransition(db, {
    referral_id: row.id,
    from_status: null,
    to_status: "sent",
    at: now,
    actor_kind: actor.kind,
    actor_user_id: actor.user_id,
    actor_membership_id: actor.membership_id,
    data: n.redirected_from_id ? { redirected_from_id: n.redirected_from_id } : null,
  });
  await db.insert(person_events).values({
    person_id: n.person_id,
    type: REFERRAL_EVENT_TYPES.sent,
    actor_user_id: actor.user_id,
    actor_membership_id: actor.membership_id,
    data: { referral_id: row.id, service_name: s.service.nom, structure_name: s.structure.name, redirected_from_id: n.redirected_from_id },
  });
  const dueText = frenchDateTime(due, calendar.time_zone);
  if (byLink && email && linkExpires) {
    const token = signReferralLink(deps.crypto, { referral_id: row.id, version: 1, expires_at: linkExpires });
    await sendMessage(db, {
      channel: "email",
      to: email,
      template: "referral_link",
      data: { service: s.service.nom, sender_structure: sender.structure_name, link: `${deps.config.publicUrl}/orientation-externe/${token}`, due: dueText, expires: frenchDateTime(linkExpires, calendar.time_zone) },
      related: { type: "referral", id: row.id },
    });
  } else {
    for (const to of await repo.memberEmails(db, s.structure.id, RECEIVING_ROLES)) {
      await sendMessage(db, {
        channel: "email",
        to,
        template: "referral_received",
        data: { service: s.service.nom, sender_structure: sender.structure_name, link: `${deps.config.publicUrl}/orientations/recues/${row.id}`, due: dueText },
        related: { type: "referral", id: row.id },
      });
    }
  }
  return row;
}

export async function createReferral(ctx: Ctx, access: PersonAccess, body: ReferralCreateBody, now: Date = new Date()): Promise<Referral> {
  const sentAt = body.sent_at ? new Date(body.sent_at) : now;
  if (sentAt.getTime() > now.getTime()) throw fieldErrors([{ field: "sent_at", code: "future", message: "La date d'envoi ne peut pas être dans le futur" }]);
  const s = await loadService(ctx.db, body.service_id, "service_id");
  if (channelOf(s).channel === "none") throw cannotReceive(s);
  const contact = await repo.personContact(ctx.db, access.person_id);
  if (!contact) throw new DomainError("not_found", "Dossier introuvable.");
  const preference = body.contact_preference ?? null;
  if (preference === "phone" && !contact.phone) throw fieldErrors([{ field: "contact_preference", code: "missing_contact", message: "Le dossier n'a pas de numéro de téléphone : ajoutez-le ou choisissez un autre moyen" }]);
  if (preference === "email" && !contact.email) throw fieldErrors([{ field: "contact_preference", code: "missing_contact", message: "Le dossier n'a pas d'adresse de courriel : ajoutez-la ou choisissez un autre moyen" }]);
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await writeReferral(
      tx,
      ctx,
      {
        person_id: access.person_id,
        service: s,
        reason: body.reason,
        situation: body.situation ?? null,
        prerequisites_met: body.prerequisites_met ?? [],
        availability: body.availability ?? null,
        contact_preference: preference,
        shared_person: sharedPerson(contact, preference),
        consent_recorded_by_user_id: ctx.actor.user_id,
        consent_recorded_at: now,
        sent_at: sentAt,
        redirected_from_id: null,
      },
      { user_id: ctx.actor.user_id, membership_id: access.membership_id, structure_name: membership?.structure_name ?? "Une structure" },
      { kind: "user", user_id: ctx.actor.user_id, membership_id: access.membership_id },
      now,
    );
    return row.id;
  });
  return getReferral(ctx, access, id, now);
}

export async function getReferral(ctx: Ctx, access: PersonAccess, id: string, now: Date = new Date()): Promise<Referral> {
  const row = await repo.findReferral(ctx.db, id);
  if (!row || row.referral.person_id !== access.person_id) throw new DomainError("not_found", "Orientation introuvable.");
  return view(ctx.db, row, referralPermissions(access, { status: row.referral.status as ReferralStatus, by_link: row.referral.by_link }), access.permissions.read, now);
}

// ── Moves ───────────────────────────────────────────────────────────────────────────────────────

interface Mover {
  kind: "user" | "link" | "system";
  party: ReferralParty;
  user_id: string | null;
  membership_id: string | null;
  structure_name: string | null;
}

/** Applies one move in a transaction: the row, the transition, the timeline event, a redirect's new referral, the mails. */
async function applyMove(db: Db, deps: Pick<AppDeps, "config" | "crypto">, id: string, body: ReferralTransitionBody, mover: Mover, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const r = await repo.lockReferral(tx, id);
    if (!r) throw new DomainError("not_found", "Orientation introuvable.");
    const from = r.status as ReferralStatus;
    const decision = referralTransition(from, mover.party, body, { current_service_id: r.service_id });
    if (!decision.ok) {
      if (decision.kind === "fields") throw fieldErrors(decision.errors);
      throw new DomainError("conflict", decision.message, { extensions: { current_status: from } });
    }
    const to = body.to;
    let redirect: { id: string; service_name: string } | null = null;
    if (to === "redirected") {
      const target = await loadService(tx, body.redirect_service_id!, "redirect_service_id");
      const structureName = mover.structure_name ?? (await repo.structureTerritory(tx, r.receiving_structure_id))?.name ?? "La structure";
      const row = await writeReferral(
        tx,
        deps,
        {
          person_id: r.person_id,
          service: target,
          reason: r.reason,
          situation: r.situation,
          prerequisites_met: [],
          availability: r.availability,
          contact_preference: r.contact_preference as ContactPreference | null,
          shared_person: r.shared_person,
          consent_recorded_by_user_id: r.consent_recorded_by_user_id,
          consent_recorded_at: r.consent_recorded_at,
          sent_at: now,
          redirected_from_id: r.id,
        },
        { user_id: r.sender_user_id, membership_id: r.sender_membership_id, structure_name: structureName },
        { kind: mover.kind === "link" ? "link" : "user", user_id: mover.user_id, membership_id: mover.membership_id },
        now,
      );
      redirect = { id: row.id, service_name: target.service.nom };
    }
    const answered = mover.party === "receiver" && answersReferral(to) && !r.answered_at;
    await repo.updateReferral(tx, r.id, {
      status: to,
      ...(answered ? { answered_at: now } : {}),
      ...(to === "accepted" ? { planned_start: body.planned_start ?? null } : {}),
      ...(to === "completed" ? { outcome: body.outcome ?? null } : {}),
      ...(redirect ? { redirected_to_id: redirect.id } : {}),
    });
    await repo.insertTransition(tx, {
      referral_id: r.id,
      from_status: from,
      to_status: to,
      at: now,
      actor_kind: mover.kind,
      actor_user_id: mover.user_id,
      actor_membership_id: mover.membership_id,
      reason_codes: body.reason_codes ?? [],
      message: body.message ?? null,
      share_reason_with_person: body.share_reason_with_person ?? null,
      planned_start: body.planned_start ?? null,
      outcome: body.outcome ?? null,
      redirect_referral_id: redirect?.id ?? null,
    });
    await tx.insert(person_events).values({
      person_id: r.person_id,
      type: REFERRAL_EVENT_TYPES[to],
      actor_user_id: mover.user_id,
      actor_membership_id: mover.membership_id,
      data: {
        referral_id: r.id,
        service_name: r.service_name,
        ...(to === "refused" ? { reason_codes: body.reason_codes ?? [], share_reason_with_person: body.share_reason_with_person ?? false } : {}),
        ...(to === "accepted" ? { planned_start: body.planned_start } : {}),
        ...(to === "completed" ? { outcome: body.outcome } : {}),
        ...(to === "cancelled" ? { message: body.message } : {}),
        ...(redirect ? { redirect_referral_id: redirect.id, redirect_service_name: redirect.service_name } : {}),
        ...(mover.kind === "link" ? { by_link: true } : {}),
      },
    });
    if (mover.party !== "sender") await tellSender(tx, deps.config, r, to);
  });
}

/** The answer to the sender (the receiving side's decisions and the outcome). */
async function tellSender(db: Db, config: Pick<Config, "publicUrl">, r: repo.ReferralRow, to: ReferralStatus): Promise<void> {
  if (to === "in_review" || to === "started") return;
  const email = await repo.userEmail(db, r.sender_user_id);
  if (!email) return;
  await sendMessage(db, {
    channel: "email",
    to: email,
    template: "referral_answer",
    data: { service: r.service_name, status: REFERRAL_STATUS_LABELS[to].toLowerCase(), link: `${config.publicUrl}/orientations/${r.id}` },
    related: { type: "referral", id: r.id },
  });
}

export async function transition(ctx: Ctx, access: PersonAccess, id: string, body: ReferralTransitionBody, now: Date = new Date()): Promise<Referral> {
  const current = await repo.findReferral(ctx.db, id);
  if (!current || current.referral.person_id !== access.person_id) throw new DomainError("not_found", "Orientation introuvable.");
  const from = current.referral.status as ReferralStatus;
  const decision = decideMove(access, from, body, { current_service_id: current.referral.service_id, by_link: current.referral.by_link });
  if (!decision.ok && decision.kind === "state") {
    // A move some side could make now, but not the caller's: 403; a move the state forbids: 409.
    const someone = (["sender", "receiver", "system"] as const).some((p) => movesFrom(from, p).includes(body.to));
    if (someone) throw new DomainError("forbidden", decision.message);
    throw new DomainError("conflict", decision.message, { extensions: { current_status: from } });
  }
  if (!decision.ok) throw fieldErrors(decision.errors);
  const membership = ctx.actor.memberships.find((m) => m.id === access.membership_id);
  await applyMove(ctx.db, ctx, id, body, { kind: "user", party: decision.party!, user_id: ctx.actor.user_id, membership_id: access.membership_id, structure_name: membership?.structure_name ?? null }, now);
  return getReferral(ctx, access, id, now);
}

/** The sender renews the signed link of a directory-only service: a new link (8 days), the older ones stop working. */
export async function renewLink(ctx: Ctx, access: PersonAccess, id: string, now: Date = new Date()): Promise<Referral> {
  const current = await repo.findReferral(ctx.db, id);
  if (!current || current.referral.person_id !== access.person_id) throw new DomainError("not_found", "Orientation introuvable.");
  const permissions = referralPermissions(access, { status: current.referral.status as ReferralStatus, by_link: current.referral.by_link });
  if (!permissions.renew_link) {
    if (!access.permissions.refer) throw new DomainError("forbidden", "Seule l'équipe d'accompagnement de la personne renouvelle le lien.");
    throw new DomainError("conflict", current.referral.by_link ? "Cette orientation est close : son lien ne se renouvelle plus." : "Cette structure répond sur la plateforme : il n'y a pas de lien à renouveler.");
  }
  await ctx.db.transaction(async (tx) => {
    const r = await repo.lockReferral(tx, id);
    if (!r || !r.link_email) throw new DomainError("not_found", "Orientation introuvable.");
    const version = r.link_version + 1;
    const expires = new Date(now.getTime() + REFERRAL_LINK_DAYS * 86_400_000);
    await repo.updateReferral(tx, id, { link_version: version, link_expires_at: expires });
    const token = signReferralLink(ctx.crypto, { referral_id: id, version, expires_at: expires });
    await sendMessage(tx, {
      channel: "email",
      to: r.link_email,
      template: "referral_link",
      data: {
        service: r.service_name,
        sender_structure: current.sender_structure_name ?? "Une structure",
        link: `${ctx.config.publicUrl}/orientation-externe/${token}`,
        due: frenchDateTime(r.due_at, r.time_zone),
        expires: frenchDateTime(expires, r.time_zone),
      },
      related: { type: "referral", id },
    });
  });
  return getReferral(ctx, access, id, now);
}

// ── The signed link ─────────────────────────────────────────────────────────────────────────────

async function checkLink(deps: AppDeps, token: string, now: Date): Promise<string> {
  const check = await verifyReferralLink(deps.crypto, token, now, (rid) => repo.linkState(deps.db, rid));
  if (check.ok) return check.claims.referral_id;
  if (check.reason === "invalid") throw new DomainError("not_found", "Lien invalide.");
  throw new DomainError(
    "gone",
    check.reason === "expired"
      ? "Ce lien a expiré. Demandez à la personne qui vous a adressé l'orientation de vous en envoyer un nouveau."
      : "Un lien plus récent vous a été envoyé pour cette orientation : utilisez le dernier reçu.",
  );
}

export async function getByLink(deps: AppDeps, token: string, now: Date = new Date()) {
  const id = await checkLink(deps, token, now);
  const row = await repo.findReferral(deps.db, id);
  if (!row) throw new DomainError("not_found", "Lien invalide.");
  const v = await view(deps.db, row, { transitions: linkTransitions(row.referral.status as ReferralStatus), renew_link: false, open_file: false }, false, now);
  // The sender's e-mail stays on the platform: the link page shows names only.
  return { ...v, sender: { ...v.sender, email: null }, permissions: { transitions: v.permissions.transitions } };
}

export async function transitionByLink(deps: AppDeps, token: string, body: ReferralTransitionBody, now: Date = new Date()) {
  const id = await checkLink(deps, token, now);
  const current = await repo.findReferral(deps.db, id);
  if (!current) throw new DomainError("not_found", "Lien invalide.");
  await applyMove(deps.db, deps, id, body, { kind: "link", party: "receiver", user_id: null, membership_id: null, structure_name: current.receiving_name }, now);
  return getByLink(deps, token, now);
}

// ── Lists and statistics ────────────────────────────────────────────────────────────────────────

export async function listReferrals(ctx: Ctx, query: ReferralListQuery, now: Date = new Date()): Promise<ReferralList> {
  const received = query.direction === "received";
  const structures = receivingStructuresOf(ctx.actor);
  const receivedScope = repo.receivedBy([...structures.keys()]);
  const scope = received ? receivedScope : referralsOfMyPeople(ctx.actor);
  const [page, counts, serviceOptions] = await Promise.all([
    repo.listReferrals(ctx.db, {
      scope,
      status: query.status,
      overdue: query.overdue,
      service_id: query.service_id,
      now,
      order: received ? "inbox" : "newest",
      limit: query.page_size,
      offset: (query.page - 1) * query.page_size,
    }),
    repo.inboxCounts(ctx.db, receivedScope, now),
    received ? repo.servicesOf(ctx.db, [...structures.keys()]) : Promise.resolve([]),
  ]);
  const teamMembership = new Map<string, string>();
  if (!received) for (const row of await repo.teamSeats(ctx.db, ctx.actor.user_id, page.items.map((i) => i.person_id))) teamMembership.set(row.person_id, row.membership_id);
  await recordReferralsListed(
    ctx,
    page.items.flatMap((i) => {
      const membership = received ? structures.get(i.receiving_structure_id) : teamMembership.get(i.person_id);
      return membership ? [{ person_id: i.person_id, membership_id: membership, reason: received ? ("referral" as const) : ("team" as const) }] : [];
    }),
  );
  return {
    items: page.items.map((i) => ({
      id: i.id,
      status: i.status as ReferralStatus,
      person_name: `${i.shared_person.first_names} ${i.shared_person.last_name}`,
      person_id: received ? null : i.person_id,
      service: { id: i.service_id, name: i.service_name },
      receiving_structure: { id: i.receiving_structure_id, name: i.receiving_name },
      sender: { name: i.sender_name, structure_name: i.sender_structure_name },
      sent_at: isoWithOffset(i.sent_at, i.time_zone),
      due_at: isoWithOffset(i.due_at, i.time_zone),
      overdue: isOverdue(i, now),
    })),
    total: page.total,
    counts,
    services: serviceOptions,
  };
}

export async function stats(ctx: Ctx, query: ReferralStatsQuery, now: Date = new Date()): Promise<ReferralStats> {
  if (query.from && query.to && query.from > query.to) throw fieldErrors([{ field: "to", code: "before_from", message: "La fin de la période précède son début" }]);
  const rows = await repo.answerStats(ctx.db, { scope: statsScope(ctx.actor), structure_id: query.structure_id, from: query.from, to: query.to, now });
  return { items: rows.map((r) => ({ ...r, share_in_time: r.due > 0 ? Math.round((r.answered_in_time / r.due) * 1000) / 1000 : null })) };
}

// ── Jobs: reminder, escalation, expiry ──────────────────────────────────────────────────────────

export const REFERRALS_SWEEP_JOB = "referrals.sweep";

/** The receiver's link: the inbox's page of the referral, or the current signed link (same version and expiry, so still the one valid link). */
function reminderLink(deps: Pick<AppDeps, "config" | "crypto">, r: repo.ReferralRow): string {
  if (r.by_link && r.link_expires_at) return `${deps.config.publicUrl}/orientation-externe/${signReferralLink(deps.crypto, { referral_id: r.id, version: r.link_version, expires_at: r.link_expires_at })}`;
  return `${deps.config.publicUrl}/orientations/recues/${r.id}`;
}

/**
 * One pass of the referrals' clock: reminds the receivers of the answers due within 24 working
 * hours, flags and escalates the overdue ones (the receiving structure, its admins, the territory's
 * coordinators), expires those open for 30 days (and tells the sender). Each referral is handled once
 * per step (reminded_at, escalated_at, status). `now` is the job's clock (tests pass their own).
 */
export async function sweepReferrals(deps: Pick<AppDeps, "db" | "config" | "crypto">, now: Date = new Date()) {
  const { db, config } = deps;
  let reminded = 0;
  let escalated = 0;
  let expired = 0;
  for (const r of await repo.dueForReminder(db, now)) {
    await db.transaction(async (tx) => {
      const recipients = r.by_link ? [r.link_email].filter((e): e is string => Boolean(e)) : await repo.memberEmails(tx, r.receiving_structure_id, RECEIVING_ROLES);
      for (const to of recipients) {
        await sendMessage(tx, {
          channel: "email",
          to,
          template: "referral_reminder",
          data: { service: r.service_name, link: reminderLink(deps, r), due: frenchDateTime(r.due_at, r.time_zone) },
          related: { type: "referral", id: r.id },
        });
      }
      await repo.updateReferral(tx, r.id, { reminded_at: now });
    });
    reminded += 1;
  }
  for (const r of await repo.dueForEscalation(db, now)) {
    await db.transaction(async (tx) => {
      const structure = await repo.structureTerritory(tx, r.receiving_structure_id);
      const recipients = new Set<string>(r.by_link ? [r.link_email].filter((e): e is string => Boolean(e)) : await repo.memberEmails(tx, r.receiving_structure_id, RECEIVING_ROLES));
      for (const e of await repo.memberEmails(tx, r.receiving_structure_id, ["structure_admin"])) recipients.add(e);
      if (structure?.territory_id) for (const e of await repo.coordinatorEmails(tx, structure.territory_id)) recipients.add(e);
      for (const to of recipients) {
        await sendMessage(tx, {
          channel: "email",
          to,
          template: "referral_overdue",
          data: { service: r.service_name, structure: structure?.name ?? "", link: r.by_link ? reminderLink(deps, r) : `${config.publicUrl}/orientations/recues`, due: frenchDateTime(r.due_at, r.time_zone) },
          related: { type: "referral", id: r.id },
        });
      }
      await repo.updateReferral(tx, r.id, { escalated_at: now });
    });
    escalated += 1;
  }
  const cutoff = new Date(now.getTime() - REFERRAL_EXPIRY_DAYS * 86_400_000);
  for (const { id } of await repo.dueForExpiry(db, cutoff)) {
    try {
      await applyMove(db, deps, id, { to: "expired" }, { kind: "system", party: "system", user_id: null, membership_id: null, structure_name: null }, now);
      expired += 1;
    } catch (error) {
      // Answered meanwhile: nothing to expire.
      if (!(error instanceof DomainError && error.code === "conflict")) throw error;
    }
  }
  return { reminded, escalated, expired };
}
