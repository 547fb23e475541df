// What a service receives for one request: the dependencies, who is calling, and where from.
import type { FastifyRequest } from "fastify";
import type { Config } from "../config.ts";
import type { Crypto } from "../crypto.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "../policy/actor.ts";
import { DomainError } from "./errors.ts";

export interface AppDeps {
  db: Db;
  config: Config;
  crypto: Crypto;
}

export interface Ctx extends AppDeps {
  actor: Actor;
  requestId: string;
  /** "GET /api/v1/people/:id", for the access log. */
  route: string;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function ctx(request: FastifyRequest): Ctx {
  if (!request.actor) throw new DomainError("unauthenticated");
  return {
    ...request.server.deps,
    actor: request.actor,
    requestId: request.id,
    route: `${request.method} ${request.routeOptions.url ?? request.url}`,
  };
}
