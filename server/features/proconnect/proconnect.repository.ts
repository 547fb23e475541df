// Data access for OpenID Connect sign-ins: logins in flight, identities, provider sessions. No rules here.
import { and, eq, gt, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { user_identities, users } from "../auth/auth.tables.ts";
import type { UserRow } from "../auth/auth.repository.ts";
import { oidc_logins, oidc_sessions } from "./proconnect.tables.ts";

export type LoginRow = typeof oidc_logins.$inferSelect;

export async function insertLogin(db: Db, values: typeof oidc_logins.$inferInsert): Promise<void> {
  await db.insert(oidc_logins).values(values);
}

/** Deletes and returns the login in flight if it has not expired: a state is used once. */
export async function consumeLogin(db: Db, id: string): Promise<LoginRow | undefined> {
  const [row] = await db
    .delete(oidc_logins)
    .where(and(eq(oidc_logins.id, id), gt(oidc_logins.expires_at, new Date())))
    .returning();
  return row;
}

export async function deleteExpiredLogins(db: Db): Promise<void> {
  await db.delete(oidc_logins).where(lt(oidc_logins.expires_at, new Date()));
}

export async function findUserByIdentity(db: Db, provider: string, subject: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(user_identities)
    .innerJoin(users, eq(users.id, user_identities.user_id))
    .where(and(eq(user_identities.provider, provider), eq(user_identities.subject, subject)));
  return row?.user;
}

/** Links the identity to the account; a concurrent first sign-in that linked it already is no error. */
export async function linkIdentity(db: Db, userId: string, provider: string, subject: string): Promise<void> {
  await db.insert(user_identities).values({ user_id: userId, provider, subject }).onConflictDoNothing();
}

export async function insertOidcSession(db: Db, values: typeof oidc_sessions.$inferInsert): Promise<void> {
  await db.insert(oidc_sessions).values(values);
}

export async function findOidcSession(db: Db, sessionId: string) {
  const [row] = await db.select().from(oidc_sessions).where(eq(oidc_sessions.session_id, sessionId));
  return row;
}
