// ProConnect sign-in at the HTTP edge: the browser is sent to the provider and back, then to the web
// app (the home page, the page it came from, or the login page with `?erreur=<code>`).
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import { authProviders, proconnectCallbackQuery, proconnectLoginQuery } from "../../../common/schemas/proconnect.ts";
import { setSessionCookie } from "../../http/authenticate.ts";
import { DomainError } from "../../http/errors.ts";
import { logout } from "../auth/auth.service.ts";
import { beginLogin, completeLogin, LOGIN_TTL_MS, ProConnectFailure } from "./proconnect.service.ts";

/** The state of the sign-in this browser started (checked against the provider's answer). */
export const STATE_COOKIE = "spie_oidc_state";
const COOKIE_PATH = "/api/v1/auth/proconnect";

export async function proconnectRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Authentification"];
  const secure = app.deps.config.secureCookies;
  const clearState = (reply: FastifyReply) => reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: "lax", secure });
  const notConfigured = () => new DomainError("not_found", "ProConnect n'est pas configuré.");
  const toLoginPage = (reply: FastifyReply, code: string) => reply.redirect(`/connexion?erreur=${code}`, 302);

  r.get(
    "/api/v1/auth/providers",
    { config: { access: "public" }, schema: { tags, summary: "Les moyens de connexion proposés (mot de passe toujours ; ProConnect s'il est configuré)", response: { 200: authProviders } } },
    async () => ({ proconnect: app.deps.config.proconnect !== null }),
  );

  r.get(
    "/api/v1/auth/proconnect/login",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "S'identifier avec ProConnect : redirige vers ProConnect (404 s'il n'est pas configuré)",
        querystring: proconnectLoginQuery,
        response: { 302: z.null().describe("Vers ProConnect, ou vers /connexion?erreur=proconnect_indisponible") },
      },
    },
    async (request, reply) => {
      if (!app.deps.config.proconnect) throw notConfigured();
      try {
        const { url, state } = await beginLogin(app.deps, request.query.retour);
        reply.setCookie(STATE_COOKIE, state, { path: COOKIE_PATH, httpOnly: true, sameSite: "lax", secure, maxAge: LOGIN_TTL_MS / 1000 });
        return reply.redirect(url, 302);
      } catch (error) {
        if (!(error instanceof ProConnectFailure)) throw error;
        request.log.warn({ proconnect: error.code, reason: error.message }, "proconnect login refused");
        return toLoginPage(reply, error.code);
      }
    },
  );

  r.get(
    "/api/v1/auth/proconnect/callback",
    {
      config: { access: "public" },
      schema: {
        tags,
        summary: "Retour de ProConnect : ouvre la session (cookie) et redirige vers spie (404 si ProConnect n'est pas configuré)",
        querystring: proconnectCallbackQuery,
        response: { 302: z.null().describe("Vers la page demandée une fois connecté, ou vers /connexion?erreur=<code>") },
      },
    },
    async (request, reply) => {
      if (!app.deps.config.proconnect) throw notConfigured();
      const raw = request.url.includes("?") ? request.url.slice(request.url.indexOf("?") + 1) : "";
      const browserState = request.cookies[STATE_COOKIE];
      clearState(reply);
      try {
        const { cookie, actor, returnTo } = await completeLogin(app.deps, new URLSearchParams(raw), browserState);
        // A session already open in this browser ends: one account at a time.
        if (request.actor?.session_id) await logout(app.deps, request.actor);
        setSessionCookie(reply, cookie, secure, app.deps.config.sessionAbsoluteHours * 3600);
        request.log.info({ user_id: actor.user_id }, "login proconnect");
        return reply.redirect(returnTo, 302);
      } catch (error) {
        if (!(error instanceof ProConnectFailure)) throw error;
        request.log.warn({ proconnect: error.code, reason: error.message }, "proconnect sign-in refused");
        return toLoginPage(reply, error.code);
      }
    },
  );
}
