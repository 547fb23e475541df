// Committees (CTO, cellule de suivi…): their members, sessions (materialised from the recurrence,
// with overrides), submissions and their documents, confidentiality charters and signatures,
// attendance, decisions, and the private calendar subscriptions of their members.
import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { DeadlineRule, Offset, Recurrence } from "../../../common/domain/committee-calendar.ts";
import { bytea, createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";

export const committees = pgTable(
  "committees",
  {
    id: pk(),
    territory_id: uuid("territory_id")
      .notNull()
      .references(() => territories.id),
    name: text("name").notNull(),
    /** cto | cellule_suivi | comite_pilotage | autre */
    kind: text("kind").notNull(),
    location: text("location"),
    remote_link: text("remote_link"),
    recurrence: jsonb("recurrence").$type<Recurrence>().notNull(),
    submission_deadline: jsonb("submission_deadline").$type<DeadlineRule>().notNull(),
    freeze: jsonb("freeze").$type<Offset>().notNull(),
    dispatch: jsonb("dispatch").$type<Offset>().notNull(),
    max_situations: integer("max_situations").notNull().default(10),
    duration_minutes: integer("duration_minutes").notNull().default(120),
    follow_up_months: integer("follow_up_months").notNull().default(6),
    /** Cohorts served: ids of the cohorts feature (no foreign key until both features are merged). */
    cohort_ids: uuid("cohort_ids").array().notNull().default(sql`'{}'::uuid[]`),
    created_by_user_id: uuid("created_by_user_id").references(() => users.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("committees_territory_idx").on(t.territory_id)],
);

/** A structure sitting on the committee, and the people it appoints (substitutes point to their titular). */
export const committee_members = pgTable(
  "committee_members",
  {
    id: pk(),
    committee_id: uuid("committee_id")
      .notNull()
      .references(() => committees.id, { onDelete: "cascade" }),
    structure_id: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** titular | substitute */
    role: text("role").notNull().default("titular"),
    substitute_for_member_id: uuid("substitute_for_member_id"),
    ended_at: tstz("ended_at"),
    created_at: createdAt(),
  },
  (t) => [index("committee_members_committee_idx").on(t.committee_id), uniqueIndex("committee_members_user_uq").on(t.committee_id, t.user_id).where(sql`ended_at is null`)],
);

export const committee_sessions = pgTable(
  "committee_sessions",
  {
    id: pk(),
    committee_id: uuid("committee_id")
      .notNull()
      .references(() => committees.id, { onDelete: "cascade" }),
    /** The date the recurrence gave (null for an added session): one session per nominal date. */
    nominal_date: date("nominal_date", { mode: "string" }),
    starts_at: tstz("starts_at").notNull(),
    submission_deadline: tstz("submission_deadline").notNull(),
    agenda_frozen_at: tstz("agenda_frozen_at").notNull(),
    dispatched_at: tstz("dispatched_at").notNull(),
    /** planned | agenda_frozen | dispatched | held | minutes_sent | cancelled | postponed */
    status: text("status").notNull().default("planned"),
    /** The date it had before a move (holiday or coordinator). */
    moved_from: date("moved_from", { mode: "string" }),
    /** holiday | moved | added | cancelled: what made it differ from the recurrence. */
    override: text("override"),
    reason: text("reason"),
    /** Changed by a coordinator: regenerating the calendar leaves it alone. */
    overridden: boolean("overridden").notNull().default(false),
    sequence: integer("sequence").notNull().default(0),
    frozen_done_at: tstz("frozen_done_at"),
    dispatch_done_at: tstz("dispatch_done_at"),
    minutes_sent_at: tstz("minutes_sent_at"),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    uniqueIndex("committee_sessions_nominal_uq").on(t.committee_id, t.nominal_date),
    index("committee_sessions_committee_start_idx").on(t.committee_id, t.starts_at),
    index("committee_sessions_due_idx").on(t.status, t.agenda_frozen_at),
  ],
);

/** A "fiche de saisine": a person's situation submitted to a session. */
export const committee_submissions = pgTable(
  "committee_submissions",
  {
    id: pk(),
    committee_id: uuid("committee_id")
      .notNull()
      .references(() => committees.id, { onDelete: "cascade" }),
    session_id: uuid("session_id")
      .notNull()
      .references(() => committee_sessions.id),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    submitted_by_user_id: uuid("submitted_by_user_id")
      .notNull()
      .references(() => users.id),
    submitted_by_membership_id: uuid("submitted_by_membership_id")
      .notNull()
      .references(() => memberships.id),
    blocking_points: text("blocking_points").notNull(),
    actions_tried: text("actions_tried").notNull(),
    question: text("question").notNull(),
    consent: boolean("consent").notNull(),
    /** placed | decided | postponed (moved on to a later session) | withdrawn */
    status: text("status").notNull().default("placed"),
    /** The first session it was placed on, when it was carried over (full, postponed, cancelled). */
    first_session_id: uuid("first_session_id"),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [index("committee_submissions_session_idx").on(t.session_id), index("committee_submissions_person_idx").on(t.person_id), check("committee_submissions_consent", sql`${t.consent}`)],
);

/**
 * A document joined to a submission (PDF, JPEG, PNG, ODT, DOCX — recognised by its bytes; limits in
 * common/domain/committee-documents.ts). The content lives in the row: it follows the submission
 * (a merge of files moves the submission, a deleted submission takes its documents).
 */
export const committee_submission_documents = pgTable(
  "committee_submission_documents",
  {
    id: pk(),
    submission_id: uuid("submission_id")
      .notNull()
      .references(() => committee_submissions.id, { onDelete: "cascade" }),
    file_name: text("file_name").notNull(),
    /** The type its bytes are (not the one the sender declared). */
    media_type: text("media_type").notNull(),
    size_bytes: integer("size_bytes").notNull(),
    content: bytea("content").notNull(),
    uploaded_by_user_id: uuid("uploaded_by_user_id")
      .notNull()
      .references(() => users.id),
    created_at: createdAt(),
  },
  (t) => [
    index("committee_submission_documents_submission_idx").on(t.submission_id, t.created_at),
    check("committee_submission_documents_size", sql`${t.size_bytes} between 1 and 5242880 and octet_length(${t.content}) = ${t.size_bytes}`),
  ],
);

/** The confidentiality charter of a territory, one row per version. */
export const committee_charters = pgTable(
  "committee_charters",
  {
    id: pk(),
    territory_id: uuid("territory_id")
      .notNull()
      .references(() => territories.id),
    version: integer("version").notNull(),
    text: text("text").notNull(),
    created_by_user_id: uuid("created_by_user_id").references(() => users.id),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("committee_charters_version_uq").on(t.territory_id, t.version)],
);

export const charter_signatures = pgTable(
  "charter_signatures",
  {
    id: pk(),
    charter_id: uuid("charter_id")
      .notNull()
      .references(() => committee_charters.id),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id),
    signed_at: createdAt(),
  },
  (t) => [uniqueIndex("charter_signatures_uq").on(t.charter_id, t.user_id)],
);

export const committee_attendance = pgTable(
  "committee_attendance",
  {
    id: pk(),
    session_id: uuid("session_id")
      .notNull()
      .references(() => committee_sessions.id, { onDelete: "cascade" }),
    member_id: uuid("member_id")
      .notNull()
      .references(() => committee_members.id),
    /** present | remote | excused | absent | substitute */
    status: text("status").notNull(),
    /** Who sat instead, when `substitute`. */
    substitute_user_id: uuid("substitute_user_id").references(() => users.id),
    recorded_by_user_id: uuid("recorded_by_user_id").references(() => users.id),
    updated_at: updatedAt(),
  },
  (t) => [uniqueIndex("committee_attendance_uq").on(t.session_id, t.member_id)],
);

export interface DecisionAction {
  title: string;
  thematic: string;
  carried_by: string;
  due_on: string;
  action_id?: string;
}

export const committee_decisions = pgTable(
  "committee_decisions",
  {
    id: pk(),
    session_id: uuid("session_id")
      .notNull()
      .references(() => committee_sessions.id),
    submission_id: uuid("submission_id")
      .notNull()
      .references(() => committee_submissions.id, { onDelete: "cascade" }),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** actions | referral | unmet_need | reorientation_proposal | postponed */
    outcome: text("outcome").notNull(),
    summary: text("summary").notNull(),
    actions: jsonb("actions").$type<DecisionAction[]>().notNull().default([]),
    /** The intent of a referral or an unmet need (the referrals module takes it from here). */
    intent: jsonb("intent").$type<Record<string, unknown>>(),
    follow_up_on: date("follow_up_on", { mode: "string" }),
    follow_up_alerted_at: tstz("follow_up_alerted_at"),
    decided_by_user_id: uuid("decided_by_user_id")
      .notNull()
      .references(() => users.id),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("committee_decisions_session_submission_uq").on(t.session_id, t.submission_id), index("committee_decisions_follow_up_idx").on(t.follow_up_on).where(sql`follow_up_alerted_at is null`)],
);

/**
 * A member's private subscription to a committee's calendar (an iCalendar URL for calendar apps,
 * which have no session): the URL's secret is stored as its SHA-256 only. One live subscription per
 * user and committee; the feed answers only while its owner may still read the committee.
 */
export const committee_calendar_subscriptions = pgTable(
  "committee_calendar_subscriptions",
  {
    id: pk(),
    committee_id: uuid("committee_id")
      .notNull()
      .references(() => committees.id, { onDelete: "cascade" }),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    token_hash: text("token_hash").notNull(),
    created_at: createdAt(),
    last_used_at: tstz("last_used_at"),
    revoked_at: tstz("revoked_at"),
  },
  (t) => [
    uniqueIndex("committee_calendar_subscriptions_token_uq").on(t.token_hash),
    uniqueIndex("committee_calendar_subscriptions_live_uq").on(t.committee_id, t.user_id).where(sql`revoked_at is null`),
  ],
);
