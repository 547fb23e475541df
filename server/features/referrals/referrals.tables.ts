// Referrals to a service of the directory and every move of their life (see common/domain/referrals.ts).
import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, jsonb, pgTable, text, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { services } from "../directory/directory.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";

/** What was sent of the person: the name, and the contact the person agreed to share. */
export interface SharedPerson {
  first_names: string;
  last_name: string;
  phone: string | null;
  email: string | null;
}

export const referrals = pgTable(
  "referrals",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    /** The service; its name is kept (service_name) if it is removed from the directory. */
    service_id: uuid("service_id").references(() => services.id, { onDelete: "set null" }),
    service_name: text("service_name").notNull(),
    /** The service's structure when sent: its members answer. */
    receiving_structure_id: uuid("receiving_structure_id")
      .notNull()
      .references(() => structures.id),
    /** The receiving structure had no member on the platform: it answers through a signed e-mailed link. */
    by_link: boolean("by_link").notNull().default(false),
    /** The address the link was sent to (the service's or structure's contact e-mail). */
    link_email: text("link_email"),
    /** Renewing the link bumps the version: older links stop working. */
    link_version: integer("link_version").notNull().default(0),
    link_expires_at: tstz("link_expires_at"),
    sender_user_id: uuid("sender_user_id").references(() => users.id),
    sender_membership_id: uuid("sender_membership_id").references(() => memberships.id),
    reason: text("reason").notNull(),
    situation: text("situation"),
    prerequisites_met: text("prerequisites_met").array().notNull().default(sql`'{}'::text[]`),
    availability: text("availability"),
    /** phone | email | referent */
    contact_preference: text("contact_preference"),
    shared_person: jsonb("shared_person").$type<SharedPerson>().notNull(),
    consent_recorded_by_user_id: uuid("consent_recorded_by_user_id").references(() => users.id),
    consent_recorded_at: tstz("consent_recorded_at").notNull(),
    /** sent | in_review | accepted | refused | redirected | expired | cancelled | started | completed */
    status: text("status").notNull().default("sent"),
    sent_at: tstz("sent_at").notNull(),
    /** sent_at + 72 working hours at the receiving structure (its calendar zone and time zone). */
    due_at: tstz("due_at").notNull(),
    /** The receiving structure's time zone and calendar zone: the offsets answered and the working days counted. */
    time_zone: text("time_zone").notNull(),
    calendar_zone: text("calendar_zone").notNull(),
    /** The receiving side's first answer (à l'étude, acceptée, refusée, réorientée). */
    answered_at: tstz("answered_at"),
    planned_start: date("planned_start", { mode: "string" }),
    outcome: text("outcome"),
    redirected_from_id: uuid("redirected_from_id").references((): AnyPgColumn => referrals.id),
    redirected_to_id: uuid("redirected_to_id").references((): AnyPgColumn => referrals.id),
    /** When the reminder goes to the receiver: 24 working hours before the due time (sent_at + 48 working hours). */
    remind_at: tstz("remind_at").notNull(),
    reminded_at: tstz("reminded_at"),
    escalated_at: tstz("escalated_at"),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("referrals_person_idx").on(t.person_id, t.status, t.sent_at),
    // The inbox: open ones first, by due time; then the others, newest first.
    index("referrals_inbox_open_idx").on(t.receiving_structure_id, t.due_at, t.id).where(sql`status in ('sent', 'in_review')`),
    index("referrals_received_sent_idx").on(t.receiving_structure_id, t.sent_at, t.id),
    // The inbox filtered by state: open ones by due time (and the overdue count), closed ones newest first.
    index("referrals_received_status_due_idx").on(t.receiving_structure_id, t.status, t.due_at, t.id),
    index("referrals_received_status_sent_idx").on(t.receiving_structure_id, t.status, t.sent_at, t.id),
    // "Mes orientations": newest first, filtered by the team (or reached from the people through referrals_person_idx).
    index("referrals_sent_at_idx").on(t.sent_at, t.id),
    // The jobs: open referrals by due time.
    index("referrals_open_due_idx").on(t.due_at).where(sql`status in ('sent', 'in_review')`),
  ],
);

export const referral_transitions = pgTable(
  "referral_transitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    referral_id: uuid("referral_id")
      .notNull()
      .references(() => referrals.id, { onDelete: "cascade" }),
    /** null for the sending itself. */
    from_status: text("from_status"),
    to_status: text("to_status").notNull(),
    at: tstz("at").notNull().defaultNow(),
    /** user (a signed-in member), link (whoever held the signed link), system (a job). */
    actor_kind: text("actor_kind").notNull(),
    actor_user_id: uuid("actor_user_id").references(() => users.id),
    actor_membership_id: uuid("actor_membership_id").references(() => memberships.id),
    reason_codes: text("reason_codes").array().notNull().default(sql`'{}'::text[]`),
    message: text("message"),
    share_reason_with_person: boolean("share_reason_with_person"),
    planned_start: date("planned_start", { mode: "string" }),
    outcome: text("outcome"),
    redirect_referral_id: uuid("redirect_referral_id").references((): AnyPgColumn => referrals.id),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [index("referral_transitions_referral_idx").on(t.referral_id, t.seq)],
);
