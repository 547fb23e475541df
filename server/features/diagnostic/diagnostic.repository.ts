// Data access for diagnostic versions. Plain queries; rules live in the service.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../auth/auth.tables.ts";
import { people } from "../people/people.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { diagnostic_versions } from "./diagnostic.tables.ts";

export type DiagnosticVersionRow = typeof diagnostic_versions.$inferSelect & { author_name: string; structure_name: string | null };

function withAuthors(db: Db) {
  return db
    .select({
      id: diagnostic_versions.id,
      person_id: diagnostic_versions.person_id,
      version: diagnostic_versions.version,
      content: diagnostic_versions.content,
      author_user_id: diagnostic_versions.author_user_id,
      author_membership_id: diagnostic_versions.author_membership_id,
      created_at: diagnostic_versions.created_at,
      author_name: users.name,
      structure_name: structures.name,
    })
    .from(diagnostic_versions)
    .innerJoin(users, eq(users.id, diagnostic_versions.author_user_id))
    .leftJoin(memberships, eq(memberships.id, diagnostic_versions.author_membership_id))
    .leftJoin(structures, eq(structures.id, memberships.structure_id))
    .$dynamic();
}

export async function latestVersion(db: Db, personId: string): Promise<DiagnosticVersionRow | undefined> {
  const [row] = await withAuthors(db).where(eq(diagnostic_versions.person_id, personId)).orderBy(desc(diagnostic_versions.version)).limit(1);
  return row;
}

export async function findVersion(db: Db, personId: string, version: number): Promise<DiagnosticVersionRow | undefined> {
  const [row] = await withAuthors(db).where(and(eq(diagnostic_versions.person_id, personId), eq(diagnostic_versions.version, version)));
  return row;
}

export async function listVersions(db: Db, personId: string): Promise<DiagnosticVersionRow[]> {
  return withAuthors(db).where(eq(diagnostic_versions.person_id, personId)).orderBy(asc(diagnostic_versions.version));
}

export async function insertVersion(db: Db, values: typeof diagnostic_versions.$inferInsert): Promise<void> {
  await db.insert(diagnostic_versions).values(values);
}

/** Locks the person's row until the end of the transaction: saves of one diagnostic are serialised. */
export async function lockPerson(db: Db, personId: string): Promise<void> {
  await db.execute(sql`select ${people.id} from ${people} where ${people.id} = ${personId} for update`);
}

/** Latest version number of each person (0 when none). */
export async function latestVersionNumbers(db: Db, personIds: string[]): Promise<Map<string, number>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .select({ person_id: diagnostic_versions.person_id, version: sql<number>`max(${diagnostic_versions.version})`.mapWith(Number) })
    .from(diagnostic_versions)
    .where(sql`${diagnostic_versions.person_id} in (${sql.join(personIds.map((id) => sql`${id}`), sql`, `)})`)
    .groupBy(diagnostic_versions.person_id);
  return new Map(rows.map((r) => [r.person_id, r.version]));
}
