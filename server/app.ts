// Builds the HTTP application: one Fastify instance serving the API under /api and the web app.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import type { DestinationStream } from "pino";
import type { Config } from "./config.ts";
import { createCrypto } from "./crypto.ts";
import type { Db } from "./db/client.ts";
import { installInputGuard } from "./http/input-guard.ts";
import { errorSummary, loggableError } from "./db/errors.ts";
import { frameworkErrors, installErrorHandling } from "./http/errors.ts";
import { installAuthentication, SESSION_COOKIE } from "./http/authenticate.ts";
import { installAccessGate } from "./policy/gate.ts";
import { repoRoot } from "./paths.ts";
import { authRoutes } from "./features/auth/auth.routes.ts";
import { peopleRoutes } from "./features/people/people.routes.ts";
import { mergeRoutes } from "./features/merge/merge.routes.ts";
import { territoryRoutes } from "./features/territories/territories.routes.ts";
import { structureRoutes } from "./features/structures/structures.routes.ts";
import { diagnosticRoutes } from "./features/diagnostic/diagnostic.routes.ts";
import { orientationRoutes } from "./features/orientation/orientation.routes.ts";
import { contractRoutes } from "./features/contracts/contracts.routes.ts";
import { actionPlanRoutes } from "./features/action-plan/action-plan.routes.ts";
import { noteRoutes } from "./features/notes/notes.routes.ts";
import { pathwayRoutes } from "./features/pathway/pathway.routes.ts";
import { notificationRoutes } from "./features/pathway/notifications.routes.ts";
import { directoryRoutes } from "./features/directory/directory.routes.ts";
import { importExportRoutes } from "./features/directory/import-export.routes.ts";
import { messagingRoutes } from "./features/messaging/messaging.routes.ts";
import { invitationRoutes } from "./features/invitations/invitations.routes.ts";
import { proconnectRoutes } from "./features/proconnect/proconnect.routes.ts";
import { cohortRoutes } from "./features/cohorts/cohorts.routes.ts";
import { unmetNeedRoutes } from "./features/unmet-needs/unmet-needs.routes.ts";
import { committeeRoutes } from "./features/committees/committees.routes.ts";
import { referralRoutes } from "./features/referrals/referrals.routes.ts";

export interface AppOptions {
  config: Config;
  db: Db;
  /** Serve the built web app from dist/web (off in API tests). */
  serveWeb?: boolean;
  logger?: FastifyServerOptions["logger"];
  /** Where the default logger writes (tests read it back); standard output when absent. */
  logStream?: DestinationStream;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, db } = options;
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      // Logs carry ids, never personal data: no bodies, no query strings, no cookies, no query
      // parameters nor database details of an error.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url.split("?")[0], remote: req.ip }),
        res: (res) => ({ status: res.statusCode }),
        err: (err: unknown) => {
          const safe = loggableError(err);
          return { ...safe, type: String(safe.type), message: errorSummary(err), stack: String(safe.stack ?? "") };
        },
      },
      redact: { paths: ["req.headers.authorization", "req.headers.cookie", `req.cookies.${SESSION_COOKIE}`], remove: true },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  });
  app.decorate("deps", { db, config, crypto: createCrypto(config.secret) });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  installInputGuard(app);
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
  });

  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "API spie",
        version: "1.0.0",
        description:
          "API du Service public de l'insertion et de l'emploi. JSON en snake_case, erreurs au format RFC 9457 (application/problem+json). Authentification : cookie de session (navigateur, avec en-tête X-CSRF-Token pour les écritures) ou jeton `Authorization: Bearer` (systèmes partenaires).",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs" });
  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () => app.swagger());

  app.get("/api/health", { config: { access: "public" }, schema: { hide: true } }, async (_request, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: "ok" };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: "unreachable" });
    }
  });

  installAuthentication(app);
  installAccessGate(app);
  await app.register(authRoutes);
  await app.register(territoryRoutes);
  await app.register(structureRoutes);
  await app.register(peopleRoutes);
  await app.register(mergeRoutes);
  await app.register(diagnosticRoutes);
  await app.register(orientationRoutes);
  await app.register(contractRoutes);
  await app.register(actionPlanRoutes);
  await app.register(noteRoutes);
  await app.register(pathwayRoutes);
  await app.register(notificationRoutes);
  await app.register(directoryRoutes);
  await app.register(importExportRoutes);
  await app.register(messagingRoutes);
  await app.register(invitationRoutes);
  await app.register(proconnectRoutes);
  await app.register(cohortRoutes);
  await app.register(unmetNeedRoutes);
  await app.register(committeeRoutes);
  await app.register(referralRoutes);

  const webDir = join(repoRoot(), "dist", "web");
  if (options.serveWeb && existsSync(join(webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: webDir, wildcard: false, index: false });
    app.get("/*", { schema: { hide: true } }, async (request, reply) => {
      if (request.url.startsWith("/api/")) return reply.callNotFound();
      return reply.type("text/html").sendFile("index.html");
    });
  }
  return app;
}
