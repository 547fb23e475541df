// Messages to a user about a pathway (the former référent after a réorientation, the requester of
// a réorientation once decided, coordinators when one is requested). Plain queries.
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { notifications } from "./notifications.tables.ts";

export async function notify(db: Db, userIds: string[], values: { person_id: string | null; type: string; message: string }): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(unique.map((user_id) => ({ user_id, ...values })));
}

export async function listNotifications(db: Db, userId: string, limit = 50) {
  const [rows, [unread]] = await Promise.all([
    db.select().from(notifications).where(eq(notifications.user_id, userId)).orderBy(desc(notifications.created_at)).limit(limit),
    db.select({ n: count() }).from(notifications).where(and(eq(notifications.user_id, userId), isNull(notifications.read_at))),
  ]);
  return { rows, unread: unread?.n ?? 0 };
}

/** Marks one of the user's notifications as read; false when it is not theirs or does not exist. */
export async function markRead(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ read_at: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.user_id, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}
