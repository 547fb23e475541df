// What the deadline rules need, for many people at once (one query). Dates come back as ISO text.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
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
  const ids = sql.join(
    personIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
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
    where p.id in (${ids})
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
