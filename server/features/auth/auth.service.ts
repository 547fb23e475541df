// Accounts, sessions and bearer tokens. Session cookies and tokens are random secrets; only their
// SHA-256 is stored. Failed logins are counted in the database so limits hold across instances.
import type { Config } from "../../config.ts";
import { randomToken, sha256 } from "../../crypto.ts";
import type { Db } from "../../db/client.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import * as repo from "./auth.repository.ts";
import { burnPasswordCheck, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from "./passwords.ts";

export const TOKEN_PREFIX = "spie_";

export interface AuthDeps {
  db: Db;
  config: Config;
}

function idleSince(config: Config): Date {
  return new Date(Date.now() - config.sessionIdleMinutes * 60_000);
}

async function actorFor(db: Db, user: repo.UserRow, via: Actor["via"], extra: Partial<Actor>): Promise<Actor> {
  return {
    user_id: user.id,
    name: user.name,
    email: user.email,
    is_admin: user.is_admin,
    memberships: await repo.activeMemberships(db, user.id),
    via,
    session_id: null,
    csrf_token: null,
    token_id: null,
    ...extra,
  };
}

/**
 * Opens a session. Limits, counted in the database (they hold across instances) and atomically
 * (repo.reserveLoginAttempt: the attempt is reserved before the slow argon2 check, then forgiven
 * when the password is right, so N concurrent guesses cannot all pass the check):
 * - per account (any address): `loginMaxFailures` failures in `loginWindowMinutes`, then even the
 *   right password is refused until the window slides;
 * - per client address: refused once `loginMaxAccountsPerIp` distinct accounts have failed from
 *   it in the window. Distinct accounts, not failures: the agents of a France Travail agency or a
 *   département behind one NAT who mistype their own password add one each, and a right password
 *   forgives that account's failures, so they are only locked out together when the address is
 *   clearly trying many accounts (password spraying); one account hammered from that address
 *   is stopped by the account limit alone.
 * Refused attempts are not counted (the window slides back open). The message is the same for an
 * unknown account and a wrong password (no account enumeration), and a limit answers 429 whether
 * the account exists or not.
 */
export async function login(deps: AuthDeps, email: string, password: string, clientIp: string): Promise<{ cookie: string; actor: Actor }> {
  const { db, config } = deps;
  const accountKey = `email:${sha256(email.trim().toLowerCase())}`;
  const reserved = await repo.reserveLoginAttempt(db, accountKey, clientIp, {
    maxPerAccount: config.loginMaxFailures,
    maxAccountsPerIp: config.loginMaxAccountsPerIp,
    since: new Date(Date.now() - config.loginWindowMinutes * 60_000),
  });
  if ("refused" in reserved) {
    throw new DomainError("too_many_requests", `Trop de tentatives de connexion. Réessayez dans ${config.loginWindowMinutes} minutes.`, {
      extensions: { retry_after_seconds: config.loginWindowMinutes * 60 },
    });
  }
  const user = await repo.findUserByEmail(db, email);
  const ok = user?.password_hash && !user.disabled_at ? await verifyPassword(user.password_hash, password) : (await burnPasswordCheck(password), false);
  // A wrong password leaves the reserved row: it is the failure.
  if (!user || !ok) throw new DomainError("invalid_credentials", "Adresse e-mail ou mot de passe incorrect.");
  await repo.clearLoginFailures(db, accountKey);
  return openSession(deps, user);
}

/** A new browser session for an account already authenticated (password, or an identity provider). */
export async function openSession(deps: AuthDeps, user: repo.UserRow): Promise<{ cookie: string; actor: Actor }> {
  const { db, config } = deps;
  const cookie = randomToken();
  const csrf = randomToken(24);
  const sessionId = sha256(cookie);
  await repo.insertSession(db, {
    id: sessionId,
    user_id: user.id,
    csrf_token: csrf,
    expires_at: new Date(Date.now() + config.sessionAbsoluteHours * 3_600_000),
  });
  return { cookie, actor: await actorFor(db, user, "session", { session_id: sessionId, csrf_token: csrf }) };
}

export async function logout(deps: AuthDeps, actor: Actor): Promise<void> {
  if (actor.session_id) await repo.deleteSession(deps.db, actor.session_id);
}

/** The actor of a session cookie, or null when the session is unknown, idle or expired. */
export async function actorFromSession(deps: AuthDeps, cookie: string): Promise<Actor | null> {
  const { db, config } = deps;
  const session = await repo.findLiveSession(db, sha256(cookie), idleSince(config));
  if (!session) return null;
  const user = await repo.findUserById(db, session.user_id);
  if (!user || user.disabled_at) return null;
  if (Date.now() - session.last_seen_at.getTime() > 60_000) await repo.touchSession(db, session.id);
  return actorFor(db, user, "session", { session_id: session.id, csrf_token: session.csrf_token });
}

export async function actorFromToken(deps: AuthDeps, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const { db } = deps;
  const row = await repo.findLiveToken(db, sha256(token));
  if (!row) return null;
  const user = await repo.findUserById(db, row.user_id);
  if (!user || user.disabled_at) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.markTokenUsed(db, row.id);
  return actorFor(db, user, "token", { token_id: row.id });
}

export async function createToken(db: Db, email: string, name: string): Promise<{ id: string; token: string }> {
  const user = await repo.findUserByEmail(db, email);
  if (!user) throw new DomainError("not_found", `Aucun compte pour ${email}.`);
  const token = `${TOKEN_PREFIX}${randomToken(32)}`;
  const row = await repo.insertToken(db, { user_id: user.id, name, token_hash: sha256(token) });
  return { id: row.id, token };
}

export async function changePassword(deps: AuthDeps, actor: Actor, current: string, next: string): Promise<void> {
  const user = await repo.findUserById(deps.db, actor.user_id);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
    throw fieldErrors([{ field: "current_password", code: "invalid", message: "Mot de passe actuel incorrect" }]);
  }
  checkPasswordStrength(next, "new_password");
  await repo.updateUser(deps.db, user.id, { password_hash: await hashPassword(next) });
  await repo.deleteUserSessions(deps.db, user.id, actor.session_id ?? undefined);
}

export function checkPasswordStrength(password: string, field = "password"): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw fieldErrors([{ field, code: "too_small", message: `Le mot de passe doit contenir ${MIN_PASSWORD_LENGTH} caractères au moins.` }]);
  }
}

export async function purgeExpiredSessions(deps: AuthDeps): Promise<number> {
  return repo.deleteExpiredSessions(deps.db, idleSince(deps.config));
}
