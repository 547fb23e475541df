// What the deadline rules need, for many people at once (one query). Dates come back as ISO text.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { arrayLiteral } from "../../db/sql.ts";

export { arrayLiteral };
import type { StoredDeadlines } from "../../../common/domain/deadlines.ts";
import type { RsaStatus } from "../../../common/domain/person.ts";

export interface DeadlineFacts {
  person_id: string;
  territory_id: string | null;
  rsa_right_opened_on: string | null;
  rsa_status: RsaStatus | null;
  file_created_on: string;
  first_orientation_on: string | null;
  latest_orientation_notified_on: string | null;
  contracts_signed_on: string[];
  /** Latest contact: a note recording a contact (not an author-only one), or a contract signature. */
  last_contact_on: string | null;
}

export async function deadlineFacts(db: Db, personIds: string[]): Promise<DeadlineFacts[]> {
  if (personIds.length === 0) return [];
  const result = (await db.execute(sql`
    select p.id as person_id,
      p.territory_id,
      p.rsa_right_opened_on::text as rsa_right_opened_on,
      p.rsa_status,
      (p.created_at at time zone 'UTC')::date::text as file_created_on,
      (select min(o.decided_on)::text from orientations o where o.person_id = p.id) as first_orientation_on,
      (select o.notified_on::text from orientations o where o.person_id = p.id order by o.decided_on desc, o.created_at desc limit 1) as latest_orientation_notified_on,
      coalesce((select array_agg(c.signed_on::text) from contracts c where c.person_id = p.id and c.signed_on is not null), '{}') as contracts_signed_on,
      greatest(
        (select max(n.occurred_on) from notes n where n.person_id = p.id and n.contact_kind is not null and n.visibility <> 'author' and n.deleted_at is null),
        (select max(c.signed_on) from contracts c where c.person_id = p.id)
      )::text as last_contact_on
    from people p
    where p.id = any(${arrayLiteral(personIds)}::uuid[])
  `)) as unknown as { rows: Record<string, unknown>[] };
  return result.rows.map((r) => ({
    person_id: String(r.person_id),
    territory_id: (r.territory_id as string | null) ?? null,
    rsa_right_opened_on: (r.rsa_right_opened_on as string | null) ?? null,
    rsa_status: (r.rsa_status as RsaStatus | null) ?? null,
    file_created_on: String(r.file_created_on),
    first_orientation_on: (r.first_orientation_on as string | null) ?? null,
    latest_orientation_notified_on: (r.latest_orientation_notified_on as string | null) ?? null,
    contracts_signed_on: parseTextArray(r.contracts_signed_on),
    last_contact_on: (r.last_contact_on as string | null) ?? null,
  }));
}

/** node-postgres and PGlite both parse text[]; be lenient with a raw "{a,b}" literal. */
function parseTextArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
  return [];
}

/** Writes the stored deadlines of many people in one statement (one array parameter per column). */
export async function storeDueDates(db: Db, rows: ({ person_id: string } & StoredDeadlines)[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    update people p set legal_due_on = v.legal_due_on, contact_due_on = v.contact_due_on, pending_step = v.pending_step, deadline_dates = v.deadline_dates
    from unnest(${arrayLiteral(rows.map((r) => r.person_id))}::uuid[], ${arrayLiteral(rows.map((r) => r.legal_due_on))}::date[], ${arrayLiteral(rows.map((r) => r.contact_due_on))}::date[],
      ${arrayLiteral(rows.map((r) => r.pending_step))}::text[], ${arrayLiteral(rows.map((r) => JSON.stringify(r.deadline_dates)))}::jsonb[])
      as v(id, legal_due_on, contact_due_on, pending_step, deadline_dates)
    where p.id = v.id and (p.legal_due_on is distinct from v.legal_due_on or p.contact_due_on is distinct from v.contact_due_on
      or p.pending_step is distinct from v.pending_step or p.deadline_dates is distinct from v.deadline_dates)
  `);
}

/** A batch of people of a territory (or without one), by id, for the recompute job. */
export async function personIdsOfTerritory(db: Db, territoryId: string | null, afterId: string | null, limit: number): Promise<string[]> {
  const result = (await db.execute(sql`
    select id from people
    where ${territoryId ? sql`territory_id = ${territoryId}::uuid` : sql`territory_id is null`} ${afterId ? sql`and id > ${afterId}::uuid` : sql``}
    order by id limit ${limit}
  `)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => String(r.id));
}

/** People whose deadlines were never computed (rows older than the columns, or written by SQL). */
export async function personIdsWithoutDueDates(db: Db, limit: number): Promise<string[]> {
  const result = (await db.execute(sql`select id from people where deadline_dates is null order by id limit ${limit}`)) as unknown as { rows: { id: string }[] };
  return result.rows.map((r) => String(r.id));
}
