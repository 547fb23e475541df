// A query PostgreSQL plans once per connection instead of at every request.
import { createHash } from "node:crypto";

interface Preparable<T> {
  toSQL(): { sql: string };
  prepare(name: string): { execute(): Promise<T> };
}

/**
 * Runs a Drizzle query as a named prepared statement, named by a hash of its text: each pooled
 * connection parses it once, and after five runs PostgreSQL may keep a generic plan. A file's joins
 * (an orientation with its structure, référent and decider: eight tables) cost 1–2 ms of planning
 * at every request otherwise, more than running them (bench/people-scale.ts, the pathway).
 *
 * Only for queries keyed by one id (a person, a contract, a session), whose best plan does not
 * depend on the value. Never for lists filtered by a territory, dates or a search text: a generic
 * plan chosen for a territory of 300,000 people would be wrong for one of 300. The name follows the
 * text, so a query whose text changes (a list of ids of another length) is another statement; PGlite
 * runs it as any other query.
 */
export function planOnce<T>(query: Preparable<T>): Promise<T> {
  const name = `spie_${createHash("sha1").update(query.toSQL().sql).digest("hex").slice(0, 24)}`;
  return query.prepare(name).execute();
}
