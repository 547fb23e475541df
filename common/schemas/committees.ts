// Committees: creation and settings, sessions, submissions, agenda, attendance, decisions, charters.
import { z } from "../zod.ts";
import { COMMITTEE_KINDS, SESSION_STATUSES, WEEKDAYS } from "../domain/committee-calendar.ts";
import { THEMATIC_SLUGS } from "../domain/thematics.ts";
import { id, isoDate, optionalText, shortText, webUrl } from "./common.ts";

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Heure invalide (HH:MM, ex. 08:30)");

export const recurrenceSchema = z
  .strictObject({
    first_date: isoDate,
    time: hhmm,
    interval_weeks: z.number().int().min(1, "Au moins 1 semaine").max(52, "52 semaines au plus"),
    until: isoDate.nullish(),
  })
  .refine((r) => !r.until || r.until >= r.first_date, { message: "La fin est avant la première date", path: ["until"] });

export const deadlineSchema = z.union([
  z.strictObject({ weekday: z.enum(WEEKDAYS, "Jour inconnu (monday … sunday)"), time: hhmm }),
  z.strictObject({ days_before: z.number().int().min(0).max(60, "60 jours au plus"), time: hhmm }),
]);

export const offsetSchema = z.strictObject({ working_days_before: z.number().int().min(0).max(20, "20 jours ouvrés au plus"), time: hhmm });

const memberSchema = z.strictObject({
  structure_id: id,
  user_id: id,
  role: z.enum(["titular", "substitute"]).default("titular"),
});

const committeeFields = {
  name: shortText(200),
  kind: z.enum(COMMITTEE_KINDS, "Type de comité inconnu"),
  location: optionalText(300),
  remote_link: webUrl(500).nullish(),
  recurrence: recurrenceSchema,
  submission_deadline: deadlineSchema,
  freeze: offsetSchema.optional(),
  dispatch: offsetSchema.optional(),
  max_situations: z.number().int().min(1).max(100, "100 situations au plus").default(10),
  duration_minutes: z.number().int().min(15).max(720).optional(),
  follow_up_months: z.number().int().min(1).max(36).optional(),
  cohort_ids: z.array(id).max(50).optional(),
  members: z.array(memberSchema).max(200).optional(),
};

export const committeeCreateBody = z.strictObject({ ...committeeFields, territory_id: id });
export type CommitteeCreateBody = z.infer<typeof committeeCreateBody>;

export const committeeUpdateBody = z.strictObject(committeeFields).partial();
export type CommitteeUpdateBody = z.infer<typeof committeeUpdateBody>;

export const committeeListQuery = z.strictObject({ territory_id: id.optional() });

/** The structures of a committee's territory and their members, for appointing (coordinators). */
export const memberOptions = z.object({
  structures: z.array(z.object({ id, name: z.string(), users: z.array(z.object({ id, name: z.string() })) })),
});
export type MemberOptions = z.infer<typeof memberOptions>;

export const committeeMemberView = z.object({
  id,
  structure: z.object({ id, name: z.string() }),
  user: z.object({ id, name: z.string() }),
  role: z.enum(["titular", "substitute"]),
  /** Signed the territory's current charter. */
  charter_signed: z.boolean(),
});

export const committeePermissions = z.object({ update: z.boolean(), run_sessions: z.boolean(), submit: z.boolean(), write_charter: z.boolean() });

/** The caller's private subscription to the committee's calendar (its URL is shown once, at its creation). */
export const calendarSubscriptionState = z.object({ created_at: z.string(), last_used_at: z.string().nullable() }).nullable();

export const committeeView = z.object({
  id,
  territory_id: id,
  territory_name: z.string(),
  name: z.string(),
  kind: z.enum(COMMITTEE_KINDS),
  location: z.string().nullable(),
  remote_link: z.string().nullable(),
  recurrence: z.object({ first_date: z.string(), time: z.string(), interval_weeks: z.number(), until: z.string().nullish() }),
  submission_deadline: z.union([z.object({ weekday: z.enum(WEEKDAYS), time: z.string() }), z.object({ days_before: z.number(), time: z.string() })]),
  freeze: z.object({ working_days_before: z.number(), time: z.string() }),
  dispatch: z.object({ working_days_before: z.number(), time: z.string() }),
  max_situations: z.number(),
  duration_minutes: z.number(),
  follow_up_months: z.number(),
  cohort_ids: z.array(id),
  time_zone: z.string(),
  members: z.array(committeeMemberView),
  /** The territory's current charter (null when none is written yet). */
  charter: z.object({ id, version: z.number() }).nullable(),
  calendar_subscription: calendarSubscriptionState,
  permissions: committeePermissions,
});
export type CommitteeView = z.infer<typeof committeeView>;
export const committeeList = z.object({ items: z.array(committeeView) });

export const sessionsQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "« from » est après « to »", path: ["to"] });

export const sessionView = z.object({
  id,
  committee_id: id,
  starts_at: z.string(),
  submission_deadline: z.string(),
  agenda_frozen_at: z.string(),
  dispatched_at: z.string(),
  status: z.enum(SESSION_STATUSES),
  situations_count: z.number(),
  moved_from: z.string().nullable(),
  override: z.string().nullable(),
  reason: z.string().nullable(),
});
export type SessionView = z.infer<typeof sessionView>;
export const sessionList = z.object({ items: z.array(sessionView) });

export const sessionUpdateBody = z.discriminatedUnion("action", [
  z.strictObject({ action: z.literal("move"), date: isoDate, time: hhmm.optional(), reason: shortText(500) }),
  z.strictObject({ action: z.literal("cancel"), reason: shortText(500) }),
  z.strictObject({ action: z.literal("postpone"), reason: shortText(500) }),
  z.strictObject({ action: z.literal("send_minutes") }),
]);
export type SessionUpdateBody = z.infer<typeof sessionUpdateBody>;

export const sessionCreateBody = z.strictObject({ date: isoDate, time: hhmm.optional(), reason: shortText(500) });

export const submissionCreateBody = z.strictObject({
  person_id: id,
  blocking_points: shortText(5000),
  actions_tried: shortText(5000),
  question: shortText(2000),
  consent: z.literal(true, "Le consentement de la personne est requis"),
});
export type SubmissionCreateBody = z.infer<typeof submissionCreateBody>;

export const submissionCreated = z.object({
  id,
  session: sessionView,
  /** Sessions passed over because they were full (the submitter is told by message). */
  carried_over: z.boolean(),
});

/** A document joined to a submission (its content is downloaded from its own address). */
export const submissionDocumentView = z.object({
  id,
  submission_id: id,
  file_name: z.string(),
  /** The type its bytes are: application/pdf, image/jpeg, image/png, ODT or DOCX. */
  media_type: z.string(),
  size_bytes: z.number(),
  created_at: z.string(),
  uploaded_by: z.object({ name: z.string() }),
});
export type SubmissionDocumentView = z.infer<typeof submissionDocumentView>;
export const submissionDocumentList = z.object({
  items: z.array(submissionDocumentView),
  /** change: join and remove documents (the person's team, before the agenda's freeze). */
  permissions: z.object({ change: z.boolean() }),
});

export const submissionView = z.object({
  id,
  session_id: id,
  person: z.object({ id, name: z.string() }),
  submitted_by: z.object({ name: z.string(), structure_name: z.string() }),
  blocking_points: z.string(),
  actions_tried: z.string(),
  question: z.string(),
  status: z.string(),
  created_at: z.string(),
  decision: z.object({ id, outcome: z.string(), summary: z.string(), follow_up_on: z.string().nullable() }).nullable(),
  documents: z.array(submissionDocumentView),
  permissions: z.object({ change_documents: z.boolean() }),
});
export type SubmissionView = z.infer<typeof submissionView>;

export const agendaView = z.object({
  session: sessionView,
  committee: z.object({ id, name: z.string() }),
  situations_count: z.number(),
  /** Null when the caller has not signed the current charter (or never sees situations). */
  items: z.array(submissionView).nullable(),
  /** For who does not see the agenda's situations: those of the people they accompany (to join documents). */
  own_items: z.array(submissionView),
  charter: z.object({ id, version: z.number(), text: z.string(), signed: z.boolean() }).nullable(),
  members: z.array(committeeMemberView),
  attendance: z.array(z.object({ member_id: id, status: z.string(), substitute_user_id: id.nullable() })),
  permissions: z.object({ run: z.boolean(), see_situations: z.boolean(), sign_charter: z.boolean() }),
});

export const ATTENDANCE_STATUSES = ["present", "remote", "excused", "absent", "substitute"] as const;
export const ATTENDANCE_LABELS: Record<(typeof ATTENDANCE_STATUSES)[number], string> = {
  present: "Présent·e",
  remote: "À distance",
  excused: "Excusé·e",
  absent: "Absent·e",
  substitute: "Remplacé·e par un·e suppléant·e",
};
export const attendanceBody = z.strictObject({
  items: z
    .array(z.strictObject({ member_id: id, status: z.enum(ATTENDANCE_STATUSES), substitute_user_id: id.nullish() }))
    .min(1)
    .max(200),
});

export const DECISION_OUTCOMES = ["actions", "referral", "unmet_need", "reorientation_proposal", "postponed"] as const;
export const DECISION_OUTCOME_LABELS: Record<(typeof DECISION_OUTCOMES)[number], string> = {
  actions: "Actions décidées",
  referral: "Orientation vers un partenaire (prescription)",
  unmet_need: "Besoin non couvert",
  reorientation_proposal: "Proposition de réorientation",
  postponed: "Reporté à la séance suivante",
};
export const decisionBody = z.strictObject({
  submission_id: id,
  outcome: z.enum(DECISION_OUTCOMES),
  summary: shortText(5000),
  actions: z
    .array(z.strictObject({ title: shortText(300), thematic: z.enum(THEMATIC_SLUGS, "Thématique inconnue"), carried_by: shortText(200), due_on: isoDate }))
    .max(20)
    .default([]),
  /** What the referral or unmet need is about (the referrals module takes it from the decision). */
  intent: z.strictObject({ need: shortText(500), service_id: id.nullish(), structure_id: id.nullish() }).nullish(),
  /** Default: the committee's follow-up delay (6 months); null for none. */
  follow_up_on: isoDate.nullish(),
});
export type DecisionBody = z.infer<typeof decisionBody>;
export const decisionView = z.object({ id, submission_id: id, outcome: z.enum(DECISION_OUTCOMES), summary: z.string(), follow_up_on: z.string().nullable(), next_session_id: id.nullable(), action_ids: z.array(id) });

export const calendarSubscriptionCreated = z.object({
  /** The private iCalendar address, shown this once (only its hash is kept). */
  url: z.string(),
  created_at: z.string(),
});
export const calendarTokenParams = z.object({ token: z.string().min(1).max(100) });

export const charterBody = z.strictObject({ territory_id: id, text: shortText(20000) });
export const charterQuery = z.strictObject({ territory_id: id });
export const charterView = z.object({ id, territory_id: id, version: z.number(), text: z.string(), created_at: z.string(), signed_at: z.string().nullable() });
export const signatureView = z.object({ charter_id: id, version: z.number(), signed_at: z.string() });

const minutesSection = z.object({
  id: z.string(),
  heading: z.string(),
  blocks: z.array(
    z.union([
      z.object({ kind: z.literal("field"), label: z.string(), value: z.string() }),
      z.object({ kind: z.literal("text"), text: z.string(), muted: z.boolean().optional() }),
      z.object({ kind: z.literal("list"), items: z.array(z.string()) }),
    ]),
  ),
});
export const minutesView = z.object({ title: z.string(), subtitle: z.string(), sections: z.array(minutesSection) });
