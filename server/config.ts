// Configuration comes from the environment only (12-factor). See README "Configuration".
import { resolve } from "node:path";

export interface Config {
  env: "development" | "production" | "test";
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  secret: string;
  /** Cookies flagged Secure (on by default in production; behind TLS). */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  loginMaxFailures: number;
  /** Distinct accounts failing from one client address before that address is refused. */
  loginMaxAccountsPerIp: number;
  loginWindowMinutes: number;
  logLevel: string;
  trustProxy: boolean;
  /** Run the background job worker in this process. */
  jobsEnabled: boolean;
  jobsPollSeconds: number;
  /** smtp://user:pass@host:587 (or smtps://…): e-mails go out through it. Absent: they stay in the outbox. */
  smtpUrl: string | undefined;
  /** The From of every e-mail. */
  mailFrom: string;
  /** The address people open spie at, for the links in e-mails (no trailing slash). */
  publicUrl: string;
  /** ProConnect sign-in (OpenID Connect); null (off) when its variables are absent. */
  proconnect: ProConnectConfig | null;
}

export interface ProConnectConfig {
  /** Issuer identifier: discovery at `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
}

export const DEMO_SECRET = "spie-demo-secret-change-me-in-production";

export class ConfigError extends Error {}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new ConfigError(`${name} doit être un entier positif (reçu « ${raw} »)`);
  return value;
}

function publicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`SPIE_PUBLIC_URL doit être une adresse http(s) complète (reçu « ${raw} »)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ConfigError(`SPIE_PUBLIC_URL doit commencer par http:// ou https:// (reçu « ${raw} »)`);
  return url.toString().replace(/\/+$/, "");
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

function url(name: string, raw: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(`${name} doit être une adresse web complète (reçu « ${raw} »)`);
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname))) {
    throw new ConfigError(`${name} doit être une adresse https (http seulement sur la machine locale, pour les essais)`);
  }
  return parsed;
}

/** All three ProConnect variables, or none (ProConnect off). */
function proconnectConfig(env: NodeJS.ProcessEnv): ProConnectConfig | null {
  const names = ["PROCONNECT_ISSUER", "PROCONNECT_CLIENT_ID", "PROCONNECT_CLIENT_SECRET"] as const;
  const given = names.filter((n) => env[n]);
  if (given.length === 0) return null;
  const missing = names.filter((n) => !env[n]);
  if (missing.length > 0) throw new ConfigError(`ProConnect : ${missing.join(", ")} manquant (les trois variables vont ensemble).`);
  return {
    issuer: url("PROCONNECT_ISSUER", env.PROCONNECT_ISSUER!).href.replace(/\/$/, ""),
    clientId: env.PROCONNECT_CLIENT_ID!,
    clientSecret: env.PROCONNECT_CLIENT_SECRET!,
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.NODE_ENV === "production" ? "production" : env.NODE_ENV === "test" ? "test" : "development";
  const secret = env.SPIE_SECRET ?? DEMO_SECRET;
  if (mode === "production") {
    if (secret === DEMO_SECRET || secret.length < 32) {
      throw new ConfigError("En production, SPIE_SECRET doit être défini (32 caractères au moins) et différent du secret de démonstration.");
    }
    if (!env.SPIE_PUBLIC_URL) throw new ConfigError("En production, SPIE_PUBLIC_URL doit être défini (adresse publique de spie, pour les liens des e-mails).");
    if (env.SPIE_DEMO === "1") throw new ConfigError("Les données de démonstration sont interdites en production (SPIE_DEMO=1).");
  }
  const port = int(env, "PORT", 3000);
  const proconnect = proconnectConfig(env);
  if (proconnect && mode === "production" && !env.SPIE_PUBLIC_URL) {
    throw new ConfigError("ProConnect : SPIE_PUBLIC_URL (l'adresse publique de spie) doit être défini en production.");
  }
  return {
    env: mode,
    host: env.HOST ?? "0.0.0.0",
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.SPIE_DATA_DIR ?? "data"),
    secret,
    secureCookies: env.SPIE_SECURE_COOKIES ? env.SPIE_SECURE_COOKIES === "1" : mode === "production",
    sessionIdleMinutes: int(env, "SPIE_SESSION_IDLE_MINUTES", 30),
    sessionAbsoluteHours: int(env, "SPIE_SESSION_ABSOLUTE_HOURS", 12),
    loginMaxFailures: int(env, "SPIE_LOGIN_MAX_FAILURES", 5),
    loginMaxAccountsPerIp: int(env, "SPIE_LOGIN_MAX_ACCOUNTS_PER_IP", 20),
    loginWindowMinutes: int(env, "SPIE_LOGIN_WINDOW_MINUTES", 15),
    logLevel: env.LOG_LEVEL ?? (mode === "test" ? "silent" : "info"),
    trustProxy: env.SPIE_TRUST_PROXY === "1",
    jobsEnabled: env.SPIE_JOBS !== "0",
    jobsPollSeconds: int(env, "SPIE_JOBS_POLL_SECONDS", 5),
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.SPIE_MAIL_FROM || "spie <ne-pas-repondre@spie.localhost>",
    publicUrl: publicUrl(env.SPIE_PUBLIC_URL || `http://localhost:${int(env, "PORT", 3000)}`),
    proconnect,
  };
}
