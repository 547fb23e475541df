// ProConnect sign-in (OpenID Connect, authorization code flow with PKCE, state and nonce) with
// openid-client. The provider's configuration is discovered on first use, not at start-up: spie
// starts, and password sign-in works, while ProConnect is unreachable.
//
// Accounts are never created here. A ProConnect identity opens a session on:
// 1. the account already linked to it (user_identities: provider "proconnect", subject = sub);
// 2. else, on first sign-in, the active account with the same e-mail, which gets linked. ProConnect
//    only federates identity providers that verify the professional e-mail they send (it is the
//    key ProConnect itself relies on), so an absent `email_verified` claim counts as verified; an
//    explicit `email_verified: false` is refused;
// 3. else the pending invitation for that e-mail (invitations.ts hook);
// 4. else nothing: the browser goes back to the login page with « Aucun compte spie… ».
import * as oidc from "openid-client";
import type { Config, ProConnectConfig } from "../../config.ts";
import type { Crypto } from "../../crypto.ts";
import { randomToken, sha256 } from "../../crypto.ts";
import type { Db } from "../../db/client.ts";
import type { ProConnectError } from "../../../common/domain/proconnect.ts";
import type { Actor } from "../../policy/actor.ts";
import * as authRepo from "../auth/auth.repository.ts";
import { openSession } from "../auth/auth.service.ts";
import { acceptPendingInvitation } from "./invitations.ts";
import * as repo from "./proconnect.repository.ts";

export const PROVIDER = "proconnect";
/** ProConnect's claims: given_name and usual_name (name and family_name accepted as fallbacks). */
export const SCOPE = "openid email given_name usual_name";
export const LOGIN_TTL_MS = 10 * 60_000;
export const CALLBACK_PATH = "/api/v1/auth/proconnect/callback";
export const POST_LOGOUT_PATH = "/connexion";

export interface ProConnectDeps {
  db: Db;
  config: Config;
  crypto: Crypto;
}

/** A failure the user is told about (by code, on the login page); `log` is for the operators (no personal data). */
export class ProConnectFailure extends Error {
  readonly code: ProConnectError;
  constructor(code: ProConnectError, log: string) {
    super(log);
    this.code = code;
  }
}

const discovered = new WeakMap<ProConnectConfig, Promise<oidc.Configuration>>();

function isLoopback(url: URL): boolean {
  return ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

/** The provider's configuration, discovered once per app (again after a failure). */
async function configuration(settings: ProConnectConfig): Promise<oidc.Configuration> {
  let pending = discovered.get(settings);
  if (!pending) {
    const issuer = new URL(settings.issuer);
    pending = oidc.discovery(issuer, settings.clientId, { client_secret: settings.clientSecret }, oidc.ClientSecretPost(settings.clientSecret), {
      // http only for a provider on this machine (tests, local development): see config.ts.
      execute: issuer.protocol === "http:" && isLoopback(issuer) ? [oidc.allowInsecureRequests] : [],
      timeout: 10,
    });
    discovered.set(settings, pending);
    pending.catch(() => discovered.delete(settings));
  }
  return pending;
}

function settingsOf(config: Config): ProConnectConfig {
  if (!config.proconnect) throw new Error("ProConnect n'est pas configuré.");
  return config.proconnect;
}

export function redirectUri(config: Config): string {
  return `${config.publicUrl}${CALLBACK_PATH}`;
}

/** A spie page to come back to: a local path only (no other site, no API). */
export function safeReturnPath(value: string | undefined): string {
  if (!value || !/^\/(?![/\\])[^\s\\]*$/.test(value) || value.startsWith("/api/")) return "/";
  return value;
}

/**
 * Starts a sign-in: a state (single use, 10 minutes), a nonce and a PKCE verifier kept server-side,
 * the state also given to the browser (cookie), and the provider's authorization URL.
 */
export async function beginLogin(deps: ProConnectDeps, returnTo: string | undefined): Promise<{ url: string; state: string }> {
  const settings = settingsOf(deps.config);
  let config: oidc.Configuration;
  try {
    config = await configuration(settings);
  } catch (error) {
    throw new ProConnectFailure("proconnect_indisponible", `discovery failed: ${errorName(error)}`);
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await repo.deleteExpiredLogins(deps.db);
  await repo.insertLogin(deps.db, {
    id: sha256(state),
    provider: PROVIDER,
    nonce,
    code_verifier: verifier,
    return_to: safeReturnPath(returnTo),
    expires_at: new Date(Date.now() + LOGIN_TTL_MS),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri(deps.config),
    scope: SCOPE,
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  return { url: url.href, state };
}

export interface ProConnectClaims {
  sub: string;
  email: string;
  email_verified: boolean | undefined;
  given_name: string | undefined;
  usual_name: string | undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/**
 * Ends a sign-in at the callback: the state must be the one this browser started with and still
 * be pending (it is consumed), the code is exchanged with the PKCE verifier, the ID token checked
 * by openid-client (signature, issuer, audience, expiry, nonce), then the userinfo read.
 * Returns the new session, or throws a ProConnectFailure.
 */
export async function completeLogin(
  deps: ProConnectDeps,
  query: URLSearchParams,
  browserState: string | undefined,
): Promise<{ cookie: string; actor: Actor; returnTo: string; userId: string }> {
  const settings = settingsOf(deps.config);
  const state = query.get("state");
  const login = state ? await repo.consumeLogin(deps.db, sha256(state)) : undefined;
  if (!state || !login || browserState !== state) throw new ProConnectFailure("proconnect_etat_invalide", "unknown, expired or foreign state");
  if (query.has("error")) throw new ProConnectFailure("proconnect_annule", `provider error: ${query.get("error")?.slice(0, 60)}`);

  let config: oidc.Configuration;
  try {
    config = await configuration(settings);
  } catch (error) {
    throw new ProConnectFailure("proconnect_indisponible", `discovery failed: ${errorName(error)}`);
  }
  const currentUrl = new URL(redirectUri(deps.config));
  currentUrl.search = query.toString();
  let idToken: string;
  let claims: ProConnectClaims;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: login.code_verifier,
      expectedState: state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims || !tokens.id_token) throw new Error("no ID token");
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    const email = str(info.email) ?? str(idClaims.email);
    if (!email) throw new Error("no e-mail claim");
    const verified = info.email_verified ?? idClaims.email_verified;
    claims = {
      sub: idClaims.sub,
      email: email.toLowerCase(),
      email_verified: typeof verified === "boolean" ? verified : undefined,
      given_name: str(info.given_name) ?? str(idClaims.given_name),
      usual_name: str(info.usual_name) ?? str(info.family_name) ?? str(idClaims.usual_name) ?? str(idClaims.family_name) ?? str(info.name),
    };
    idToken = tokens.id_token;
  } catch (error) {
    throw new ProConnectFailure("proconnect_echec", `code exchange or token validation failed: ${errorName(error)}`);
  }

  const user = await accountFor(deps, claims);
  const { cookie, actor } = await openSession(deps, user);
  await repo.insertOidcSession(deps.db, { session_id: actor.session_id!, provider: PROVIDER, id_token: deps.crypto.encrypt(idToken) });
  return { cookie, actor, returnTo: login.return_to, userId: user.id };
}

/** The account this identity signs in to (linking it on first sign-in), or a failure. */
export async function accountFor(deps: ProConnectDeps, claims: ProConnectClaims): Promise<authRepo.UserRow> {
  const linked = await repo.findUserByIdentity(deps.db, PROVIDER, claims.sub);
  if (linked) {
    if (linked.disabled_at) throw new ProConnectFailure("proconnect_compte_desactive", "linked account disabled");
    return linked;
  }
  if (claims.email_verified === false) throw new ProConnectFailure("proconnect_email_non_verifie", "email_verified is false");
  const existing = await authRepo.findUserByEmail(deps.db, claims.email);
  if (existing) {
    if (existing.disabled_at) throw new ProConnectFailure("proconnect_compte_desactive", "account with this e-mail disabled");
    await repo.linkIdentity(deps.db, existing.id, PROVIDER, claims.sub);
    return existing;
  }
  const invited = await acceptPendingInvitation(deps, claims);
  if (invited) {
    await repo.linkIdentity(deps.db, invited.id, PROVIDER, claims.sub);
    return invited;
  }
  throw new ProConnectFailure("proconnect_aucun_compte", "no account nor invitation for this e-mail");
}

/**
 * Where the browser goes after spie's logout when the session came from ProConnect: the provider's
 * end_session_endpoint with the session's ID token and the post-logout page; null otherwise (or
 * when the provider is unreachable: the spie session ends anyway). Call before the session is deleted.
 */
export async function logoutUrl(deps: ProConnectDeps, sessionId: string | null): Promise<string | null> {
  if (!deps.config.proconnect || !sessionId) return null;
  const row = await repo.findOidcSession(deps.db, sessionId);
  if (!row) return null;
  try {
    const config = await configuration(deps.config.proconnect);
    if (!config.serverMetadata().end_session_endpoint) return null;
    return oidc.buildEndSessionUrl(config, {
      id_token_hint: deps.crypto.decrypt(row.id_token),
      post_logout_redirect_uri: `${deps.config.publicUrl}${POST_LOGOUT_PATH}`,
      state: randomToken(16),
    }).href;
  } catch {
    return null;
  }
}

/** An error's class and code, never its message nor body (they may carry claims). */
function errorName(error: unknown): string {
  if (!(error instanceof Error)) return "unknown";
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name}/${code}` : error.name;
}
