import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, jsonb, pgTable, text, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { DeadlineDates } from "../../../common/domain/deadlines.ts";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";

export const people = pgTable(
  "people",
  {
    id: pk(),
    first_names: text("first_names").notNull(),
    last_name: text("last_name").notNull(),
    birth_name: text("birth_name"),
    birth_date: date("birth_date", { mode: "string" }).notNull(),
    /** normalizeName() of the names: accents, case and punctuation ignored (duplicates, search). */
    last_name_key: text("last_name_key").notNull(),
    birth_name_key: text("birth_name_key"),
    /** The first of the first names. */
    first_name_key: text("first_name_key").notNull(),
    /** "last_name birth_name first_names", normalized: what the name search matches. */
    search_key: text("search_key").notNull(),
    email: text("email"),
    phone: text("phone"),
    street: text("street"),
    complement: text("complement"),
    postal_code: text("postal_code"),
    commune_code: text("commune_code"),
    /**
     * CAF or MSA number (numéro allocataire), stored upper-case. The household's: the allocataire and
     * their spouse or partner share it (both are held to the RSA's duties), so two files may hold it.
     */
    caf_number: text("caf_number"),
    france_travail_id: text("france_travail_id"),
    department_id: text("department_id"),
    /** AES-256-GCM with a key derived from SPIE_SECRET; never sent whole. */
    nir_encrypted: text("nir_encrypted"),
    /** HMAC-SHA-256 of the cleaned NIR: duplicate detection without decrypting. */
    nir_hash: text("nir_hash"),
    rsa_right_opened_on: date("rsa_right_opened_on", { mode: "string" }),
    rsa_status: text("rsa_status"),
    situation_flags: text("situation_flags").array().notNull().default(sql`'{}'::text[]`),
    territory_id: uuid("territory_id").references(() => territories.id),
    /**
     * Due date of the pending legal deadline (orientation or contract), null when none is owed or it
     * is done; and of the contact deadline. Derived data, written by the pure rules of
     * common/domain/deadlines.ts in the transaction of every change that moves them
     * (pathway/stored-deadlines.ts) and by a job when a territory's settings change, so the lists'
     * "overdue" and "no contact" filters and the coordinators' queues are indexed predicates
     * (common/domain/deadlines.ts storedDeadlines). Null contact_due_on: the person is not followed
     * (RSA right refused). `pending_step`: the legal step awaited ("orientation" | "contract").
     * `deadline_dates`: each deadline's dates, shown by lists; null = not computed yet (backfill job).
     */
    legal_due_on: date("legal_due_on", { mode: "string" }),
    contact_due_on: date("contact_due_on", { mode: "string" }),
    /**
     * Set when a coordinator merged this file into another (server/features/merge): the file is a
     * tombstone — its rows moved to the kept file, it is no longer listed, searched nor a duplicate
     * candidate, and reading it answers the kept file's id (problem `merged`, 410).
     */
    merged_into: uuid("merged_into").references((): AnyPgColumn => people.id),
    merged_at: tstz("merged_at"),
    /**
     * The earliest of the two due dates ('infinity' when neither is known): the "urgency" order of
     * the lists, indexed with the id like the other orders. Generated, never written.
     */
    urgent_due_on: date("urgent_due_on", { mode: "string" }).generatedAlwaysAs(sql`coalesce(least(legal_due_on, contact_due_on), 'infinity'::date)`),
    pending_step: text("pending_step"),
    deadline_dates: jsonb("deadline_dates").$type<DeadlineDates>(),
    /**
     * The file has an active référent. Derived from team_members by a trigger (migration
     * 0021_people_has_referent), whatever writes the team, so "without référent" is an indexed predicate.
     */
    has_referent: boolean("has_referent").notNull().default(false),
    created_by: uuid("created_by").references(() => users.id),
    created_at: createdAt(),
    updated_at: updatedAt(),
  },
  (t) => [
    index("people_birth_first_name_idx").on(t.birth_date, t.first_name_key),
    // The household's number, shared by spouses: looked up, not unique (the service serialises the
    // creations of one number instead, see createPerson).
    index("people_caf_number_idx").on(t.caf_number).where(sql`caf_number is not null`),
    index("people_ft_idx").on(t.france_travail_id),
    index("people_department_id_idx").on(t.department_id),
    // One file per person: concurrent creations with one NIR cannot both pass the duplicate check (the
    // service turns a violation into the same 409 as the check).
    uniqueIndex("people_nir_hash_key").on(t.nir_hash).where(sql`nir_hash is not null`),
    index("people_territory_idx").on(t.territory_id),
    // The coordinators' queues, each walked in its order (territory, due date…, id), and the backfill.
    index("people_territory_legal_due_idx").on(t.territory_id, t.legal_due_on).where(sql`legal_due_on is not null`),
    // Not (…, id): an index-only walk of it for every territory tempts the planner into scanning it
    // for the "no contact" filter of a team's list (seconds at 1 M); the queue sorts ties itself.
    // Without tombstones, so that the queue's capped count is an index-only walk: a LIMITed
    // sequential scan starts where the previous scan of the table stopped (synchronized scans) and
    // its time depends on luck.
    index("people_territory_contact_due_idx").on(t.territory_id, t.contact_due_on).where(sql`merged_into is null`),
    // Merged files (tombstones) left out of the queues' indexes: their capped counts are index-only
    // walks, with no heap read per row to check merged_into.
    index("people_queue_orientation_idx").on(t.territory_id, t.legal_due_on, t.created_at, t.id).where(sql`pending_step = 'orientation' and merged_into is null`),
    index("people_queue_contract_idx").on(t.territory_id, t.legal_due_on, t.id).where(sql`pending_step = 'contract' and merged_into is null`),
    index("people_queue_no_referent_idx").on(t.territory_id, t.created_at, t.id).where(sql`not has_referent and merged_into is null`),
    index("people_deadlines_missing_idx").on(t.id).where(sql`deadline_dates is null`),
    // Lists: one index per sort order, ending with the id (the keyset's tie-breaker), walked in
    // either direction; name search by trigrams (LIKE '%…%') and by prefix (short queries).
    index("people_name_sort_idx").on(t.last_name_key, t.first_name_key, t.id),
    index("people_updated_sort_idx").on(t.updated_at, t.id),
    index("people_birth_sort_idx").on(t.birth_date, t.id),
    index("people_urgency_sort_idx").on(t.urgent_due_on, t.id),
    index("people_search_trgm_idx").using("gin", t.search_key.op("gin_trgm_ops")),
    index("people_search_prefix_idx").on(t.search_key.op("text_pattern_ops")),
    // Duplicate detection: the close birth dates (~35) read in this index alone (index-only scan),
    // the trigram similarity of each key computed there, the heap read for the best 50 only.
    index("people_birth_search_idx").on(t.birth_date, t.search_key, t.id).where(sql`merged_into is null`),
  ],
);

/** The accompaniment team: who follows the person, for which structure; one référent unique. */
export const team_members = pgTable(
  "team_members",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    user_id: uuid("user_id")
      .notNull()
      .references(() => users.id),
    membership_id: uuid("membership_id")
      .notNull()
      .references(() => memberships.id),
    structure_id: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    is_referent: boolean("is_referent").notNull().default(false),
    joined_at: tstz("joined_at").notNull().defaultNow(),
    left_at: tstz("left_at"),
    /**
     * Copies of the person's stored due dates (people.legal_due_on / contact_due_on), kept by
     * triggers (migration 0023): the "overdue" and "no contact" counts of a large "my people" list
     * walk the caller's seats in one index range instead of probing a team row per person.
     */
    legal_due_on: date("legal_due_on", { mode: "string" }),
    contact_due_on: date("contact_due_on", { mode: "string" }),
    /**
     * Copies of the person's name sort keys (people.last_name_key / first_name_key), kept by the same
     * triggers (migration 0027): a page of "my people" in name order, at any offset, is one index
     * range of the caller's seats instead of a walk of every person probing a team row each.
     */
    last_name_key: text("last_name_key"),
    first_name_key: text("first_name_key"),
  },
  (t) => [
    uniqueIndex("team_members_one_referent_key").on(t.person_id).where(sql`is_referent and left_at is null`),
    uniqueIndex("team_members_active_key").on(t.person_id, t.membership_id).where(sql`left_at is null`),
    // "My people" driven from the caller's memberships; a user's seats and référent flags.
    index("team_members_membership_person_idx").on(t.membership_id, t.person_id).where(sql`left_at is null`),
    index("team_members_user_idx").on(t.user_id, t.person_id, t.is_referent).where(sql`left_at is null`),
    index("team_members_membership_legal_due_idx").on(t.membership_id, t.legal_due_on, t.person_id).where(sql`left_at is null and legal_due_on is not null`),
    index("team_members_membership_contact_due_idx").on(t.membership_id, t.contact_due_on, t.person_id).where(sql`left_at is null and contact_due_on is not null`),
    index("team_members_membership_name_idx").on(t.membership_id, t.last_name_key, t.first_name_key, t.person_id).where(sql`left_at is null`),
  ],
);

export const join_requests = pgTable(
  "join_requests",
  {
    id: pk(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    requester_user_id: uuid("requester_user_id")
      .notNull()
      .references(() => users.id),
    membership_id: uuid("membership_id")
      .notNull()
      .references(() => memberships.id),
    message: text("message"),
    /** pending | approved | rejected | cancelled */
    status: text("status").notNull().default("pending"),
    created_at: createdAt(),
    decided_at: tstz("decided_at"),
    decided_by: uuid("decided_by").references(() => users.id),
    decision_reason: text("decision_reason"),
  },
  (t) => [
    uniqueIndex("join_requests_pending_key").on(t.person_id, t.membership_id).where(sql`status = 'pending'`),
    index("join_requests_person_idx").on(t.person_id),
  ],
);

/** What happened on the pathway, for the timeline. */
export const person_events = pgTable(
  "person_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    person_id: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    at: tstz("at").notNull().defaultNow(),
    type: text("type").notNull(),
    actor_user_id: uuid("actor_user_id").references(() => users.id),
    actor_membership_id: uuid("actor_membership_id").references(() => memberships.id),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index("person_events_person_at_idx").on(t.person_id, t.at)],
);
