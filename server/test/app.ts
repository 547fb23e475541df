// An application on a fresh test database, and clients that log in like a browser or a partner.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildApp } from "../app.ts";
import { loadConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import { createToken } from "../features/auth/auth.service.ts";
import { testDatabase } from "./db.ts";
import { TEST_PASSWORD } from "./factories.ts";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ...env });
  const app = await buildApp({ config, db: database.db });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, headers: Record<string, string>): Client {
  const request = (options: InjectOptions) => app.inject({ ...options, headers: { ...headers, ...(options.headers ?? {}) } as InjectOptions["headers"] });
  return {
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, payload) => request({ method: "POST", url, ...(payload === undefined ? {} : { payload: payload as InjectOptions["payload"] }) }),
    patch: (url, payload) => request({ method: "PATCH", url, payload: payload as InjectOptions["payload"] }),
    put: (url, payload) => request({ method: "PUT", url, payload: payload as InjectOptions["payload"] }),
    delete: (url) => request({ method: "DELETE", url }),
  };
}

/** Logs in through the API and returns a client sending the session cookie and CSRF token. */
export async function loginAs(app: FastifyInstance, email: string, password = TEST_PASSWORD): Promise<Client> {
  const response = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password } });
  if (response.statusCode !== 200) throw new Error(`login failed for ${email}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "spie_session");
  return client(app, { cookie: `spie_session=${cookie!.value}`, "x-csrf-token": response.json().csrf_token });
}

/** A partner-system client with a bearer token of the user. */
export async function tokenClient(app: FastifyInstance, database: Database, email: string): Promise<Client> {
  const { token } = await createToken(database.db, email, "test");
  return client(app, { authorization: `Bearer ${token}` });
}

export function anonymous(app: FastifyInstance): Client {
  return client(app, {});
}
