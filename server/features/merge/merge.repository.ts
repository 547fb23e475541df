// Data access of a merge: what each part of a file counts, and the moves. Plain queries; the rules
// (who, when, what wins) live in merge.service.ts and server/policy.
import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/**
 * Every table holding a part of a person's file, and how it is reached from the person. A new table
 * with a person_id must be added here (merge.int.test.ts checks that every foreign key to people is).
 */
export const PERSON_PARTS = [
  "diagnostic_versions",
  "orientations",
  "reorientation_requests",
  "contracts",
  "contract_versions",
  "objectives",
  "actions",
  "notes",
  "note_versions",
  "team_members",
  "join_requests",
  "notifications",
  "person_events",
  "access_log",
  "cohort_members",
  "unmet_needs",
  "committee_submissions",
  "committee_decisions",
  "referrals",
] as const;
export type PersonPart = (typeof PERSON_PARTS)[number];

/** Tables reached through their parent (they follow it): counted, never moved themselves. */
const THROUGH: Partial<Record<PersonPart, { parent: string; key: string }>> = {
  contract_versions: { parent: "contracts", key: "contract_id" },
  note_versions: { parent: "notes", key: "note_id" },
};

/** Rows per part of each file, in one query. */
export async function countParts(db: Db, personIds: string[]): Promise<Map<string, Record<PersonPart, number>>> {
  const selects = PERSON_PARTS.map((part) => {
    const through = THROUGH[part];
    const from = through
      ? sql`${sql.identifier(part)} c join ${sql.identifier(through.parent)} p on p.id = c.${sql.identifier(through.key)} where p.person_id = people.id`
      : sql`${sql.identifier(part)} c where c.person_id = people.id`;
    return sql`(select count(*)::int from ${from}) as ${sql.identifier(part)}`;
  });
  const result = (await db.execute(sql`select people.id::text as id, ${sql.join(selects, sql`, `)} from people where people.id in (${sql.join(
    personIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`)) as unknown as { rows: (Record<PersonPart, number> & { id: string })[] };
  return new Map(result.rows.map(({ id, ...counts }) => [id, Object.fromEntries(PERSON_PARTS.map((p) => [p, Number(counts[p])])) as Record<PersonPart, number>]));
}

/** Locks both rows for the merge (in id order: two merges of the same pair cannot deadlock). */
export async function lockPeople(db: Db, ids: string[]): Promise<{ id: string; merged_into: string | null; nir_hash: string | null }[]> {
  const result = (await db.execute(sql`select id::text as id, merged_into::text as merged_into, nir_hash from people where id in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}) order by id for update`)) as unknown as { rows: { id: string; merged_into: string | null; nir_hash: string | null }[] };
  return result.rows;
}

export async function pendingReorientations(db: Db, personId: string): Promise<number> {
  const result = (await db.execute(sql`select count(*)::int as n from reorientation_requests where person_id = ${personId}::uuid and status = 'pending'`)) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}

/**
 * The merged file's diagnostic versions become the first ones of the kept file (1…m), the kept
 * file's are shifted after them (so its current diagnostic stays current), and the kept file's
 * orientations name their diagnostic version shifted the same way.
 */
export async function moveDiagnosticVersions(db: Db, keptId: string, mergedId: string): Promise<void> {
  const result = (await db.execute(sql`select count(*)::int as n from diagnostic_versions where person_id = ${mergedId}::uuid`)) as unknown as { rows: { n: number }[] };
  const m = Number(result.rows[0]?.n ?? 0);
  if (m === 0) return;
  // Through negative numbers: the unique (person_id, version) index holds at every row.
  await db.execute(sql`update diagnostic_versions set version = -(version + ${m}::int) where person_id = ${keptId}::uuid`);
  await db.execute(sql`update diagnostic_versions dv set person_id = ${keptId}::uuid, version = -n.rank
    from (select id, row_number() over (order by version) as rank from diagnostic_versions where person_id = ${mergedId}::uuid) n where dv.id = n.id`);
  await db.execute(sql`update diagnostic_versions set version = -version where person_id = ${keptId}::uuid`);
  await db.execute(sql`update orientations set recommendation = jsonb_set(recommendation, '{diagnostic_version}', to_jsonb((recommendation->>'diagnostic_version')::int + ${m}::int))
    where person_id = ${keptId}::uuid and (recommendation->>'diagnostic_version')::int > 0`);
}

/**
 * Team: a seat the kept file already has (same membership) ends; the merged file's référent stays
 * référent only when the kept file has none. Then every team row moves.
 */
export async function moveTeam(db: Db, keptId: string, mergedId: string): Promise<void> {
  await db.execute(sql`update team_members m set left_at = now(), is_referent = false
    where m.person_id = ${mergedId}::uuid and m.left_at is null
      and exists (select 1 from team_members k where k.person_id = ${keptId}::uuid and k.left_at is null and k.membership_id = m.membership_id)`);
  await db.execute(sql`update team_members m set is_referent = false
    where m.person_id = ${mergedId}::uuid and m.is_referent
      and exists (select 1 from team_members k where k.person_id = ${keptId}::uuid and k.left_at is null and k.is_referent)`);
  await db.execute(sql`update team_members set person_id = ${keptId}::uuid where person_id = ${mergedId}::uuid`);
}

/** Pending join requests the kept file already has (same membership) or no longer needs (a seat) are cancelled; all move. */
export async function moveJoinRequests(db: Db, keptId: string, mergedId: string, userId: string): Promise<void> {
  await db.execute(sql`update join_requests j set status = 'cancelled', decided_at = now(), decided_by = ${userId}::uuid,
      decision_reason = 'Dossier fusionné : une demande ou une place existait déjà dans le dossier conservé'
    where j.person_id = ${mergedId}::uuid and j.status = 'pending'
      and (exists (select 1 from join_requests k where k.person_id = ${keptId}::uuid and k.status = 'pending' and k.membership_id = j.membership_id)
        or exists (select 1 from team_members t where t.person_id = ${keptId}::uuid and t.left_at is null and t.membership_id = j.membership_id))`);
  await db.execute(sql`update join_requests set person_id = ${keptId}::uuid where person_id = ${mergedId}::uuid`);
}

/** The tables moved as they are (their children follow through their own foreign keys). */
const MOVED_AS_IS = ["orientations", "reorientation_requests", "contracts", "objectives", "actions", "notes", "notifications", "person_events", "access_log", "unmet_needs", "committee_submissions", "committee_decisions", "referrals"] as const;

export async function moveRows(db: Db, keptId: string, mergedId: string): Promise<void> {
  // A cohort stay of the merged file where the kept file already has a current stay ends the day of
  // the merge (one current stay per person and cohort); the kept file's stay continues.
  await db.execute(sql`update cohort_members m set left_on = current_date, exit_reason = 'erreur_ajout', exit_comment = 'Dossier en double fusionné'
    where m.person_id = ${mergedId}::uuid and m.left_on is null
      and exists (select 1 from cohort_members k where k.person_id = ${keptId}::uuid and k.cohort_id = m.cohort_id and k.left_on is null)`);
  await db.execute(sql`update cohort_members set person_id = ${keptId}::uuid where person_id = ${mergedId}::uuid`);
  for (const table of MOVED_AS_IS) {
    await db.execute(sql`update ${sql.identifier(table)} set person_id = ${keptId}::uuid where person_id = ${mergedId}::uuid`);
  }
}

/** Foreign keys to people(id) of the schema (the test checks PERSON_PARTS covers them all). */
export async function tablesReferencingPeople(db: Db): Promise<string[]> {
  const result = (await db.execute(sql`select distinct cl.relname as name from pg_constraint c join pg_class cl on cl.oid = c.conrelid
    where c.contype = 'f' and c.confrelid = 'people'::regclass and cl.relname <> 'people' and not cl.relispartition order by 1`)) as unknown as { rows: { name: string }[] };
  return result.rows.map((r) => r.name);
}
