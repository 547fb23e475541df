// Accounts, sessions and bearer tokens. Session cookies and tokens are random secrets; only their
// SHA-256 is stored. Failed logins are counted in the database so limits hold across instances.
import type { Config } from "../../config.ts";
import { randomToken, sha256 } from "../../crypto.ts";
import type { Db } from "../../db/client.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { onMembershipsChanged, type Actor, type ActorMembership, type SessionExpiry } from "../../policy/actor.ts";
import { mayDeactivate } from "../../policy/accounts.ts";
import { sendMessage } from "../messaging/messaging.ts";
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

/**
 * The memberships of each live session or token, kept MEMBERSHIP_CACHE_TTL_MS: a request then costs
 * the session (or token) and user look-ups only, which still catch a logout, a revoked token or a
 * disabled account at once. A membership change on this instance forgets the user's entries
 * (policy/actor.ts membershipsChanged); on another instance the entry lives at most the TTL.
 */
export const MEMBERSHIP_CACHE_TTL_MS = 30_000;
const MEMBERSHIP_CACHE_MAX = 10_000;
const membershipCache = new Map<string, { user_id: string; memberships: ActorMembership[]; until: number }>();
onMembershipsChanged((userId) => {
  if (userId === null) membershipCache.clear();
  else for (const [key, entry] of membershipCache) if (entry.user_id === userId) membershipCache.delete(key);
});

async function membershipsFor(db: Db, userId: string, cacheKey: string | null): Promise<ActorMembership[]> {
  const now = Date.now();
  const hit = cacheKey ? membershipCache.get(cacheKey) : undefined;
  if (hit && hit.until > now && hit.user_id === userId) return hit.memberships;
  const memberships = await repo.activeMemberships(db, userId);
  if (cacheKey) {
    if (membershipCache.size >= MEMBERSHIP_CACHE_MAX) membershipCache.delete(membershipCache.keys().next().value!);
    membershipCache.set(cacheKey, { user_id: userId, memberships, until: now + MEMBERSHIP_CACHE_TTL_MS });
  }
  return memberships;
}

export async function actorFor(db: Db, user: repo.UserRow, via: Actor["via"], extra: Partial<Actor>, cacheKey: string | null = null): Promise<Actor> {
  return {
    user_id: user.id,
    name: user.name,
    email: user.email,
    is_admin: user.is_admin,
    memberships: await membershipsFor(db, user.id, cacheKey),
    via,
    session_id: null,
    csrf_token: null,
    token_id: null,
    ...extra,
  };
}

/**
 * The actor of an enabled account, its memberships read afresh (no cache): for a capability held
 * on a user's behalf without their session (a private calendar URL). Null for an unknown or
 * disabled account.
 */
export async function actorOfUser(db: Db, userId: string, via: Actor["via"]): Promise<Actor | null> {
  const user = await repo.findUserById(db, userId);
  if (!user || user.disabled_at) return null;
  return actorFor(db, user, via, {});
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
export async function login(deps: AuthDeps, email: string, password: string, clientIp: string, userAgent?: string): Promise<{ cookie: string; actor: Actor }> {
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
  return openSession(deps, user, userAgent);
}

/** Opens a session for the account (after a login, or an accepted invitation) and notes the sign-in. */
export async function openSession(deps: AuthDeps, user: repo.UserRow, userAgent?: string): Promise<{ cookie: string; actor: Actor }> {
  const { db, config } = deps;
  const cookie = randomToken();
  const csrf = randomToken(24);
  const sessionId = sha256(cookie);
  const now = new Date();
  const expiresAt = new Date(now.getTime() + config.sessionAbsoluteHours * 3_600_000);
  await repo.insertSession(db, {
    id: sessionId,
    user_id: user.id,
    csrf_token: csrf,
    user_agent: shortUserAgent(userAgent),
    last_seen_at: now,
    expires_at: expiresAt,
  });
  await repo.updateUser(db, user.id, { last_login_at: now });
  return { cookie, actor: await actorFor(db, user, "session", { session_id: sessionId, csrf_token: csrf, session_expiry: sessionExpiry(config, now, expiresAt) }) };
}

/** "Firefox · Linux": enough to recognise one's own sessions, nothing more is kept. */
export function shortUserAgent(ua: string | undefined): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /(Chrome|Chromium)\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : null;
  const system = /Windows/.test(ua) ? "Windows" : /Android/.test(ua) ? "Android" : /(iPhone|iPad)/.test(ua) ? "iOS" : /Mac OS/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
  const parts = [browser, system].filter(Boolean);
  return parts.length ? parts.join(" · ") : "Autre client";
}

export async function logout(deps: AuthDeps, actor: Actor): Promise<void> {
  if (actor.session_id) await repo.deleteSession(deps.db, actor.session_id);
}

/** The actor of a session cookie, or null when the session is unknown, idle or expired. */
export async function actorFromSession(deps: AuthDeps, cookie: string): Promise<Actor | null> {
  const { db, config } = deps;
  const found = await repo.findLiveSessionWithUser(db, sha256(cookie), idleSince(config));
  if (!found) return null;
  const { session, user } = found;
  if (user.disabled_at) return null;
  let lastSeen = session.last_seen_at;
  if (Date.now() - lastSeen.getTime() > 60_000) lastSeen = await repo.touchSession(db, session.id);
  return actorFor(
    db,
    user,
    "session",
    { session_id: session.id, csrf_token: session.csrf_token, session_expiry: sessionExpiry(config, lastSeen, session.expires_at) },
    `session:${session.id}`,
  );
}

function sessionExpiry(config: Config, lastSeen: Date, expiresAt: Date): SessionExpiry {
  return { idle_expires_at: new Date(lastSeen.getTime() + config.sessionIdleMinutes * 60_000), expires_at: expiresAt };
}

/**
 * "Rester connecté": the session's idle timer starts again now (the absolute limit never moves).
 * Answers the new deadlines; null for a token (no idle timer).
 */
export async function refreshSession(deps: AuthDeps, actor: Actor): Promise<SessionExpiry | null> {
  if (actor.via !== "session" || !actor.session_id) return null;
  const session = await repo.findLiveSession(deps.db, actor.session_id, idleSince(deps.config));
  if (!session) throw new DomainError("unauthenticated", "Votre session a expiré : reconnectez-vous.");
  const lastSeen = await repo.touchSession(deps.db, session.id);
  return sessionExpiry(deps.config, lastSeen, session.expires_at);
}

export async function actorFromToken(deps: AuthDeps, token: string): Promise<Actor | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const { db } = deps;
  const found = await repo.findLiveTokenWithUser(db, sha256(token));
  if (!found) return null;
  const { token: row, user } = found;
  if (user.disabled_at) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) await repo.markTokenUsed(db, row.id);
  return actorFor(db, user, "token", { token_id: row.id }, `token:${row.id}`);
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

/** Validity of a "mot de passe oublié" link. */
export const RESET_VALIDITY_MINUTES = 60;
/** At most this many links per account per validity window (a mailbox is not to be flooded). */
export const RESET_MAX_PER_WINDOW = 3;
export const RESET_REQUESTED = "Si un compte actif existe pour cette adresse, un e-mail contenant un lien pour choisir un nouveau mot de passe vient d'être envoyé. Le lien est valable une heure.";

/**
 * "Mot de passe oublié": the same answer, whether the account exists or not (the caller learns
 * nothing). An active account gets a one-time link valid one hour (its SHA-256 stored), through
 * the messaging layer; no more than RESET_MAX_PER_WINDOW links an hour.
 */
export async function requestPasswordReset(deps: AuthDeps, email: string): Promise<void> {
  const { db, config } = deps;
  const user = await repo.findUserByEmail(db, email);
  const since = new Date(Date.now() - RESET_VALIDITY_MINUTES * 60_000);
  if (!user || user.disabled_at) return;
  await db.transaction(async (tx) => {
    if ((await repo.countRecentResets(tx, user.id, since)) >= RESET_MAX_PER_WINDOW) return;
    const token = randomToken(32);
    const reset = await repo.insertPasswordReset(tx, { user_id: user.id, token_hash: sha256(token), expires_at: new Date(Date.now() + RESET_VALIDITY_MINUTES * 60_000) });
    await sendMessage(tx, {
      channel: "email",
      to: user.email,
      template: "password_reset",
      data: { link: `${config.publicUrl}/mot-de-passe/${token}` },
      related: { type: "password_reset", id: reset.id },
    });
  });
}

/**
 * Sets the new password of a valid, unused link. The link and every other pending link of the account
 * are used up, and every session of the account ends (whoever had it open must sign in again). API
 * tokens stay: they belong to partner systems and are revoked on their own (Mon compte).
 */
export async function resetPassword(deps: AuthDeps, token: string, password: string): Promise<void> {
  const { db } = deps;
  checkPasswordStrength(password);
  const reset = await repo.findLiveReset(db, sha256(token));
  if (!reset) throw new DomainError("gone", "Ce lien n'est plus valable : il a expiré ou a déjà servi. Faites une nouvelle demande.");
  const user = await repo.findUserById(db, reset.user_id);
  if (!user || user.disabled_at) throw new DomainError("gone", "Ce lien n'est plus valable. Faites une nouvelle demande.");
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (!(await repo.useReset(tx, reset.id))) throw new DomainError("gone", "Ce lien a déjà servi.");
    await repo.useAllResets(tx, user.id);
    await repo.updateUser(tx, user.id, { password_hash: hash });
    await repo.deleteUserSessions(tx, user.id);
    await repo.clearLoginFailures(tx, `email:${sha256(user.email)}`);
  });
}

export async function listSessions(deps: AuthDeps, actor: Actor) {
  const rows = await repo.listUserSessions(deps.db, actor.user_id, idleSince(deps.config));
  return rows.map((s) => ({
    id: s.public_id,
    created_at: s.created_at.toISOString(),
    last_seen_at: s.last_seen_at.toISOString(),
    expires_at: s.expires_at.toISOString(),
    user_agent: s.user_agent,
    current: s.id === actor.session_id,
  }));
}

/** Ends one of the caller's sessions (the current one too: that is logging out). Answers whether it was the current one. */
export async function endSession(deps: AuthDeps, actor: Actor, publicId: string): Promise<{ current: boolean }> {
  const ended = await repo.deleteUserSessionByPublicId(deps.db, actor.user_id, publicId);
  if (!ended) throw new DomainError("not_found", "Session introuvable.");
  return { current: ended === actor.session_id };
}

export async function listOwnTokens(deps: AuthDeps, actor: Actor) {
  const rows = await repo.listTokens(deps.db, actor.user_id);
  return rows.map((r) => ({ id: r.id, name: r.name, created_at: r.created_at.toISOString(), last_used_at: r.last_used_at?.toISOString() ?? null, revoked_at: r.revoked_at?.toISOString() ?? null }));
}

export async function revokeOwnToken(deps: AuthDeps, actor: Actor, id: string): Promise<void> {
  if (!(await repo.revokeUserToken(deps.db, actor.user_id, id))) throw new DomainError("not_found", "Jeton introuvable ou déjà révoqué.");
}

/** Platform admins deactivate (every session ends, tokens are refused) or reactivate an account. */
export async function setDeactivated(deps: AuthDeps, actor: Actor, userId: string, deactivated: boolean) {
  const user = await repo.findUserById(deps.db, userId);
  if (!user) throw new DomainError("not_found", "Compte introuvable.");
  const decision = mayDeactivate(actor, user);
  if (!decision.allowed) throw new DomainError("forbidden", decision.reason);
  await deps.db.transaction(async (tx) => {
    await repo.updateUser(tx, user.id, { disabled_at: deactivated ? (user.disabled_at ?? new Date()) : null });
    if (deactivated) await repo.deleteUserSessions(tx, user.id);
  });
  const updated = (await repo.findUserById(deps.db, userId))!;
  return {
    id: updated.id,
    email: updated.email,
    name: updated.name,
    deactivated_at: updated.disabled_at?.toISOString() ?? null,
    last_login_at: updated.last_login_at?.toISOString() ?? null,
  };
}

export async function purgeExpiredSessions(deps: AuthDeps): Promise<number> {
  return repo.deleteExpiredSessions(deps.db, idleSince(deps.config));
}
