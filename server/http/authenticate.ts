// Resolves the caller of every /api request from a bearer token or the session cookie, refuses
// anonymous calls to non-public routes, and checks the CSRF token of cookie-authenticated writes
// (public routes included: logging out is a write; only login, which issues the token, is exempt).
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import { SESSION_HEADERS } from "../../common/schemas/auth.ts";
import { actorFromSession, actorFromToken } from "../features/auth/auth.service.ts";
import { isPublicRoute } from "../policy/gate.ts";
import { DomainError } from "./errors.ts";

export const SESSION_COOKIE = "spie_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

declare module "fastify" {
  interface FastifyContextConfig {
    /** false: no CSRF check on this write even with a session cookie (login only: it issues the token). */
    csrf?: boolean;
  }
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function setSessionCookie(reply: FastifyReply, value: string, secure: boolean, maxAgeSeconds: number): void {
  reply.setCookie(SESSION_COOKIE, value, { path: "/", httpOnly: true, sameSite: "lax", secure, maxAge: maxAgeSeconds });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/", httpOnly: true, sameSite: "lax", secure });
}

export function installAuthentication(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.addHook("preHandler", async (request, reply) => {
    if (!request.url.startsWith("/api/v1/")) return;
    const deps = app.deps;
    const authorization = request.headers.authorization;
    if (authorization) {
      const [scheme, token] = authorization.split(" ");
      if (scheme?.toLowerCase() !== "bearer" || !token) throw new DomainError("unauthenticated", "En-tête Authorization invalide : « Bearer <jeton> » attendu.");
      request.actor = await actorFromToken(deps, token);
      if (!request.actor) throw new DomainError("unauthenticated", "Jeton d'accès inconnu ou révoqué.");
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        request.actor = await actorFromSession(deps, cookie);
        if (!request.actor) clearSessionCookie(reply, deps.config.secureCookies);
        else if (request.actor.session_expiry) {
          // The web app warns before the session ends (and offers to stay signed in).
          reply.header(SESSION_HEADERS.idle, request.actor.session_expiry.idle_expires_at.toISOString());
          reply.header(SESSION_HEADERS.absolute, request.actor.session_expiry.expires_at.toISOString());
        }
      }
    }
    if (!request.actor) {
      if (isPublicRoute(request) || request.is404) return;
      throw new DomainError("unauthenticated", "Connectez-vous pour accéder à cette ressource.");
    }
    if (request.actor.via === "session" && !SAFE_METHODS.has(request.method) && request.routeOptions.config.csrf !== false) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== "string" || !request.actor.csrf_token || !sameSecret(sent, request.actor.csrf_token)) {
        throw new DomainError("csrf_failed", "Jeton CSRF manquant ou invalide : rechargez la page.");
      }
    }
  });
}
