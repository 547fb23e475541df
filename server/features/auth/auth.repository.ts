// Data access for accounts, sessions, tokens and login failures. No rules here.
import { and, count, countDistinct, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { planOnce } from "../../db/plan-once.ts";
import type { ActorMembership } from "../../policy/actor.ts";
import { structures, memberships } from "../structures/structures.tables.ts";
import { territories } from "../territories/territories.tables.ts";
import { api_tokens, login_failures, password_resets, sessions, users } from "./auth.tables.ts";

/** Advisory lock key spaces (first int of the two-int form) for the login limits. */
const LOCK_ACCOUNT = 74_201_101;
const LOCK_IP = 74_201_102;

export type UserRow = typeof users.$inferSelect;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(db: Db, values: { email: string; name: string; password_hash: string | null; is_admin?: boolean }): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ ...values, email: values.email.trim().toLowerCase() })
    .returning();
  return row!;
}

export async function updateUser(db: Db, id: string, values: Partial<Pick<UserRow, "name" | "password_hash" | "is_admin" | "disabled_at" | "last_login_at">>): Promise<void> {
  await db.update(users).set({ ...values, updated_at: new Date() }).where(eq(users.id, id));
}

export async function activeMemberships(db: Db, userId: string): Promise<ActorMembership[]> {
  const rows = await db
    .select({
      id: memberships.id,
      structure_id: structures.id,
      structure_name: structures.name,
      role: memberships.role,
      territory_id: structures.territory_id,
      territory_name: territories.name,
    })
    .from(memberships)
    .innerJoin(structures, eq(structures.id, memberships.structure_id))
    .leftJoin(territories, eq(territories.id, structures.territory_id))
    // A deactivated structure's memberships give nothing: the one place members lose access.
    .where(and(eq(memberships.user_id, userId), isNull(memberships.ended_at), isNull(structures.deactivated_at)))
    .orderBy(structures.name, memberships.role);
  return rows as ActorMembership[];
}

export async function insertSession(db: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(values);
}

/** A live session and its account, in one query (every cookie-authenticated request). */
export async function findLiveSession(db: Db, id: string, idleSince: Date) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), gt(sessions.expires_at, new Date()), gt(sessions.last_seen_at, idleSince)));
  return row;
}

export async function findLiveSessionWithUser(db: Db, id: string, idleSince: Date) {
  const [row] = await planOnce(
    db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.user_id))
      .where(and(eq(sessions.id, id), gt(sessions.expires_at, new Date()), gt(sessions.last_seen_at, idleSince))),
  );
  return row;
}

/** Marks the session as seen now; answers the time written. */
export async function touchSession(db: Db, id: string): Promise<Date> {
  const now = new Date();
  await db.update(sessions).set({ last_seen_at: now }).where(eq(sessions.id, id));
  return now;
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteUserSessions(db: Db, userId: string, exceptId?: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.user_id, userId), exceptId ? sql`${sessions.id} <> ${exceptId}` : undefined));
}

export async function listUserSessions(db: Db, userId: string, idleSince: Date) {
  return db
    .select()
    .from(sessions)
    .where(and(eq(sessions.user_id, userId), gt(sessions.expires_at, new Date()), gt(sessions.last_seen_at, idleSince)))
    .orderBy(desc(sessions.last_seen_at));
}

/** Deletes one session of the user by its public id; answers its (hashed) id, or null. */
export async function deleteUserSessionByPublicId(db: Db, userId: string, publicId: string): Promise<string | null> {
  const rows = await db
    .delete(sessions)
    .where(and(eq(sessions.user_id, userId), eq(sessions.public_id, publicId)))
    .returning({ id: sessions.id });
  return rows[0]?.id ?? null;
}

export async function deleteExpiredSessions(db: Db, idleSince: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(or(lt(sessions.expires_at, new Date()), lt(sessions.last_seen_at, idleSince)))
    .returning({ id: sessions.id });
  return rows.length;
}

export async function insertToken(db: Db, values: typeof api_tokens.$inferInsert) {
  const [row] = await db.insert(api_tokens).values(values).returning();
  return row!;
}

/** A live token and its account, in one query (every bearer-authenticated request). */
export async function findLiveTokenWithUser(db: Db, tokenHash: string) {
  const [row] = await planOnce(
    db
      .select({ token: api_tokens, user: users })
      .from(api_tokens)
      .innerJoin(users, eq(users.id, api_tokens.user_id))
      .where(and(eq(api_tokens.token_hash, tokenHash), isNull(api_tokens.revoked_at))),
  );
  return row;
}

export async function markTokenUsed(db: Db, id: string): Promise<void> {
  await db.update(api_tokens).set({ last_used_at: new Date() }).where(eq(api_tokens.id, id));
}

export async function listTokens(db: Db, userId: string) {
  return db.select().from(api_tokens).where(eq(api_tokens.user_id, userId)).orderBy(api_tokens.created_at);
}

export async function revokeToken(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(api_tokens)
    .set({ revoked_at: new Date() })
    .where(and(eq(api_tokens.id, id), isNull(api_tokens.revoked_at)))
    .returning({ id: api_tokens.id });
  return rows.length > 0;
}

export async function revokeUserToken(db: Db, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .update(api_tokens)
    .set({ revoked_at: new Date() })
    .where(and(eq(api_tokens.id, id), eq(api_tokens.user_id, userId), isNull(api_tokens.revoked_at)))
    .returning({ id: api_tokens.id });
  return rows.length > 0;
}

export async function countRecentResets(db: Db, userId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(password_resets)
    .where(and(eq(password_resets.user_id, userId), gt(password_resets.created_at, since)));
  return row?.n ?? 0;
}

export async function insertPasswordReset(db: Db, values: typeof password_resets.$inferInsert) {
  const [row] = await db.insert(password_resets).values(values).returning();
  return row!;
}

export async function findLiveReset(db: Db, tokenHash: string) {
  const [row] = await db
    .select()
    .from(password_resets)
    .where(and(eq(password_resets.token_hash, tokenHash), isNull(password_resets.used_at), gt(password_resets.expires_at, new Date())));
  return row;
}

/** Marks the link used, once: false when another request used it first. */
export async function useReset(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(password_resets)
    .set({ used_at: new Date() })
    .where(and(eq(password_resets.id, id), isNull(password_resets.used_at)))
    .returning({ id: password_resets.id });
  return rows.length > 0;
}

export async function useAllResets(db: Db, userId: string): Promise<void> {
  await db
    .update(password_resets)
    .set({ used_at: new Date() })
    .where(and(eq(password_resets.user_id, userId), isNull(password_resets.used_at)));
}

export interface LoginLimits {
  /** Failed attempts per account in the window. */
  maxPerAccount: number;
  /** Distinct accounts that failed from one address in the window. */
  maxAccountsPerIp: number;
  since: Date;
}

/**
 * Reserves a login attempt, atomically: under transaction-scoped advisory locks on the account
 * and on the address (always in that order, in two key spaces, so no deadlock), counts the
 * failures and in-flight attempts in the window and, when under both limits, inserts this
 * attempt's row. Concurrent attempts cannot all pass the check before any failure is counted.
 * Returns the row id, or the limit that refused.
 */
export async function reserveLoginAttempt(db: Db, accountKey: string, ip: string, limits: LoginLimits): Promise<{ id: string } | { refused: "account" | "ip" }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_ACCOUNT}::int, hashtext(${accountKey}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_IP}::int, hashtext(${ip}))`);
    const [account] = await tx
      .select({ n: count() })
      .from(login_failures)
      .where(and(eq(login_failures.account_key, accountKey), gt(login_failures.at, limits.since)));
    if ((account?.n ?? 0) >= limits.maxPerAccount) return { refused: "account" as const };
    const [address] = await tx
      .select({ n: countDistinct(login_failures.account_key) })
      .from(login_failures)
      .where(and(eq(login_failures.ip, ip), gt(login_failures.at, limits.since)));
    if ((address?.n ?? 0) >= limits.maxAccountsPerIp) return { refused: "ip" as const };
    const [row] = await tx.insert(login_failures).values({ account_key: accountKey, ip }).returning({ id: login_failures.id });
    return { id: row!.id };
  });
}

/** A successful login: the account's failures (from every address) are forgiven. */
export async function clearLoginFailures(db: Db, accountKey: string): Promise<void> {
  await db.delete(login_failures).where(eq(login_failures.account_key, accountKey));
}
