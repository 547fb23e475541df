import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import {
  apiTokenList,
  changePasswordBody,
  loginBody,
  me,
  passwordResetBody,
  passwordResetRequestBody,
  passwordResetRequested,
  SESSION_HEADERS,
  sessionList,
  sessionRefreshAnswer,
  userAccount,
  userUpdateBody,
} from "../../../common/schemas/auth.ts";
import { ctx } from "../../http/context.ts";
import { clearSessionCookie, setSessionCookie } from "../../http/authenticate.ts";
import type { Actor, ActorMembership, SessionExpiry } from "../../policy/actor.ts";
import { canImportDirectory } from "../../policy/directory.ts";
import { mayReadOutbox } from "../../policy/accounts.ts";
import { mayReadCohorts } from "../../policy/cohorts.ts";
import { actingMemberships, administeredStructures, coordinatorTerritories, mayChangeStructureTerritory } from "../../policy/roles.ts";
import { homeOf, mayAdministerTerritories, steeredTerritories } from "../../policy/territories.ts";
import { mayRecordUnmetNeed, unmetNeedTerritories } from "../../policy/unmet-needs.ts";
import { logoutAnswer } from "../../../common/schemas/proconnect.ts";
import { logoutUrl as proconnectLogoutUrl } from "../proconnect/proconnect.service.ts";
import * as auth from "./auth.service.ts";

function membershipView(m: ActorMembership) {
  return {
    id: m.id,
    role: m.role,
    structure: { id: m.structure_id, name: m.structure_name },
    territory: m.territory_id ? { id: m.territory_id, name: m.territory_name ?? "" } : null,
  };
}

function sessionExpiryView(e: SessionExpiry) {
  return { idle_expires_at: e.idle_expires_at.toISOString(), expires_at: e.expires_at.toISOString() };
}

export function meView(actor: Actor) {
  const acting = actingMemberships(actor);
  return {
    user: { id: actor.user_id, email: actor.email, name: actor.name, is_admin: actor.is_admin },
    memberships: actor.memberships.map(membershipView),
    csrf_token: actor.csrf_token,
    via: actor.via,
    session: actor.session_expiry ? sessionExpiryView(actor.session_expiry) : null,
    permissions: {
      create_person: acting.length > 0,
      import_directory: canImportDirectory(actor),
      manage_territories: mayChangeStructureTerritory(actor),
      read_outbox: mayReadOutbox(actor),
      administered_structures: administeredStructures(actor),
      acting_memberships: acting.map(membershipView),
      home: homeOf(actor),
      administer_territories: mayAdministerTerritories(actor),
      coordinated_territories: [...coordinatorTerritories(actor)].map(([id, m]) => ({ id, name: m.territory_name ?? "" })),
      steered_territories: [...steeredTerritories(actor)].map(([id, name]) => ({ id, name })),
      read_cohorts: mayReadCohorts(actor),
      record_unmet_needs: mayRecordUnmetNeed(actor),
      unmet_needs_territories: [...unmetNeedTerritories(actor)].map(([id, name]) => ({ id, name })),
    },
  };
}

const idParams = z.object({ id: z.uuid("Identifiant invalide") });
const tokenParams = z.object({ token: z.string().min(20).max(100) });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Authentification"];

  r.post(
    "/api/v1/auth/login",
    { config: { access: "public", csrf: false }, schema: { tags, summary: "Ouvrir une session (cookie)", body: loginBody, response: { 200: me } } },
    async (request, reply) => {
      const { cookie, actor } = await auth.login(app.deps, request.body.email, request.body.password, request.ip, request.headers["user-agent"]);
      setSessionCookie(reply, cookie, app.deps.config.secureCookies, app.deps.config.sessionAbsoluteHours * 3600);
      if (actor.session_expiry) {
        reply.header(SESSION_HEADERS.idle, actor.session_expiry.idle_expires_at.toISOString());
        reply.header(SESSION_HEADERS.absolute, actor.session_expiry.expires_at.toISOString());
      }
      request.log.info({ user_id: actor.user_id }, "login");
      return meView(actor);
    },
  );

  r.post(
    "/api/v1/auth/logout",
    // Public so that a stale cookie can still be cleared; with a live session the CSRF token is
    // required (authenticate.ts), or any site could log the user out.
    {
      config: { access: "public" },
      schema: { tags, summary: "Fermer la session (200 et logout_url quand elle venait de ProConnect : le navigateur y va ensuite)", response: { 204: z.null(), 200: logoutAnswer } },
    },
    async (request, reply) => {
      const logoutUrl = await proconnectLogoutUrl(app.deps, request.actor?.session_id ?? null);
      if (request.actor) await auth.logout(app.deps, request.actor);
      clearSessionCookie(reply, app.deps.config.secureCookies);
      if (logoutUrl) return reply.status(200).send({ logout_url: logoutUrl });
      return reply.status(204).send(null);
    },
  );

  r.get("/api/v1/me", { schema: { tags, summary: "Le compte connecté, ses appartenances et rôles", response: { 200: me } }, config: { access: "signed_in" } }, async (request) => meView(ctx(request).actor));

  r.post(
    "/api/v1/me/session/refresh",
    {
      config: { access: "signed_in" },
      schema: {
        tags,
        summary: "Rester connecté : repart de zéro pour le délai d'inactivité de la session",
        description: "La limite absolue de la session ne bouge pas. Pour un jeton d'API : `session` vaut null.",
        response: { 200: sessionRefreshAnswer },
      },
    },
    async (request, reply) => {
      const expiry = await auth.refreshSession(app.deps, ctx(request).actor);
      if (expiry) {
        reply.header(SESSION_HEADERS.idle, expiry.idle_expires_at.toISOString());
        reply.header(SESSION_HEADERS.absolute, expiry.expires_at.toISOString());
      }
      return { session: expiry ? sessionExpiryView(expiry) : null };
    },
  );

  r.post(
    "/api/v1/me/password",
    { schema: { tags, summary: "Changer son mot de passe", body: changePasswordBody, response: { 204: z.null() } }, config: { access: "signed_in" } },
    async (request, reply) => {
      await auth.changePassword(app.deps, ctx(request).actor, request.body.current_password, request.body.new_password);
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/v1/auth/password-reset",
    {
      config: { access: "public", csrf: false },
      schema: {
        tags,
        summary: "Mot de passe oublié : recevoir un lien par e-mail",
        description: "Répond 202 avec le même message, que le compte existe ou non. Un compte actif reçoit un lien à usage unique valable une heure.",
        body: passwordResetRequestBody,
        response: { 202: passwordResetRequested },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(app.deps, request.body.email);
      return reply.status(202).send({ detail: auth.RESET_REQUESTED });
    },
  );

  r.post(
    "/api/v1/auth/password-reset/:token",
    {
      config: { access: "public", csrf: false },
      schema: {
        tags,
        summary: "Choisir un nouveau mot de passe avec le lien reçu",
        description: "Le lien ne sert qu'une fois ; toutes les sessions du compte sont fermées. Les jetons d'API restent valides.",
        params: tokenParams,
        body: passwordResetBody,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.resetPassword(app.deps, request.params.token, request.body.password);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/me/sessions",
    { config: { access: "signed_in" }, schema: { tags, summary: "Mes sessions ouvertes", response: { 200: sessionList } } },
    async (request) => ({ items: await auth.listSessions(app.deps, ctx(request).actor) }),
  );

  r.delete(
    "/api/v1/me/sessions/:id",
    { config: { access: "signed_in" }, schema: { tags, summary: "Fermer une de mes sessions (la session courante : se déconnecter)", params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      const { current } = await auth.endSession(app.deps, ctx(request).actor, request.params.id);
      if (current) clearSessionCookie(reply, app.deps.config.secureCookies);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/me/tokens",
    { config: { access: "signed_in" }, schema: { tags, summary: "Mes jetons d'API (sans leur secret)", response: { 200: apiTokenList } } },
    async (request) => ({ items: await auth.listOwnTokens(app.deps, ctx(request).actor) }),
  );

  r.delete(
    "/api/v1/me/tokens/:id",
    { config: { access: "signed_in" }, schema: { tags, summary: "Révoquer un de mes jetons d'API", params: idParams, response: { 204: z.null() } } },
    async (request, reply) => {
      await auth.revokeOwnToken(app.deps, ctx(request).actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  r.patch(
    "/api/v1/users/:id",
    {
      config: { access: { capability: "manage_accounts" } },
      schema: {
        tags,
        summary: "Désactiver ou réactiver un compte (administrateurs de la plateforme)",
        description: "Un compte désactivé ne peut plus se connecter ; ses sessions sont fermées et ses jetons refusés.",
        params: idParams,
        body: userUpdateBody,
        response: { 200: userAccount },
      },
    },
    async (request) => auth.setDeactivated(app.deps, ctx(request).actor, request.params.id, request.body.deactivated),
  );
}
