// The access log: every read or write of a person's data, written in the same transaction as the
// operation when there is one. Shown to the person's team.
import { count, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { users } from "../auth/auth.tables.ts";
import { memberships, structures } from "../structures/structures.tables.ts";
import { access_log } from "./access-log.tables.ts";

export type AccessAction = "read" | "list" | "create" | "update" | "duplicate_check" | "export";

export interface AccessEntry {
  person_id: string;
  membership_id: string | null;
  reason: string;
  action: AccessAction;
  resource: string;
}

export async function recordAccess(ctx: Ctx, entries: AccessEntry[], db: Db = ctx.db): Promise<void> {
  if (entries.length === 0) return;
  await db.insert(access_log).values(
    entries.map((e) => ({
      ...e,
      user_id: ctx.actor.user_id,
      route: ctx.route,
      via: ctx.actor.via,
      request_id: ctx.requestId,
    })),
  );
}

export async function listAccessLog(db: Db, personId: string, page: number, pageSize: number) {
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: access_log.id,
        at: access_log.at,
        user_name: users.name,
        structure_name: structures.name,
        action: access_log.action,
        resource: access_log.resource,
        route: access_log.route,
        reason: access_log.reason,
      })
      .from(access_log)
      .innerJoin(users, eq(users.id, access_log.user_id))
      .leftJoin(memberships, eq(memberships.id, access_log.membership_id))
      .leftJoin(structures, eq(structures.id, memberships.structure_id))
      .where(eq(access_log.person_id, personId))
      .orderBy(desc(access_log.at), desc(access_log.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(access_log).where(eq(access_log.person_id, personId)),
  ]);
  return { items: items.map((i) => ({ ...i, id: String(i.id), at: i.at.toISOString() })), total: total?.n ?? 0 };
}
