// Small fetch wrapper for the spie API: same-origin session cookie, CSRF header on unsafe methods,
// RFC 9457 problem+json errors turned into ApiError, 401 → back to the login page.
import type { z } from "zod";
import type { FieldError, Problem } from "../../../common/problem.ts";
import { SESSION_HEADERS } from "../../../common/session-headers.ts";

export const API_BASE = "/api/v1";

/** An API answer that is not a success, carrying the RFC 9457 problem the server sent. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

// ---- CSRF token: kept in memory only, read from GET /me (and the login answer). ----
let csrfToken: string | null = null;
let csrfRefresh: Promise<void> | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called by the auth feature: how to (re)load the token (GET /me). */
let csrfLoader: (() => Promise<void>) | null = null;
export function setCsrfLoader(loader: () => Promise<void>): void {
  csrfLoader = loader;
}

async function refreshCsrfToken(): Promise<void> {
  if (!csrfLoader) return;
  csrfRefresh ??= csrfLoader().finally(() => {
    csrfRefresh = null;
  });
  await csrfRefresh;
}

// ---- 401 handling: the app decides where to go (the login page, remembering the current page). ----
let unauthorizedHandler: (() => void) | null = null;
export function setUnauthorizedHandler(handler: () => void): void {
  unauthorizedHandler = handler;
}

// ---- The session's deadlines, read from every answer (the session warning listens). ----
export interface SessionDeadlines {
  /** Epoch milliseconds, in the browser's clock (corrected by the server's Date header). */
  idleExpiresAt: number;
  expiresAt: number;
}
let sessionListener: ((deadlines: SessionDeadlines) => void) | null = null;
export function onSessionDeadlines(listener: ((deadlines: SessionDeadlines) => void) | null): void {
  sessionListener = listener;
}

/** The server's clock minus the browser's (from the Date header), so that deadlines hold on a skewed clock. */
export function clockSkew(dateHeader: string | null, browserNow = Date.now()): number {
  const server = dateHeader ? Date.parse(dateHeader) : NaN;
  // The Date header has a 1-second precision: ignore small differences.
  return Number.isFinite(server) && Math.abs(server - browserNow) > 2_000 ? server - browserNow : 0;
}

export function readSessionDeadlines(headers: Headers, browserNow = Date.now()): SessionDeadlines | null {
  const idle = Date.parse(headers.get(SESSION_HEADERS.idle) ?? "");
  const absolute = Date.parse(headers.get(SESSION_HEADERS.absolute) ?? "");
  if (!Number.isFinite(idle) || !Number.isFinite(absolute)) return null;
  const skew = clockSkew(headers.get("date"), browserNow);
  return { idleExpiresAt: idle - skew, expiresAt: absolute - skew };
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
const UNSAFE: ReadonlySet<Method> = new Set(["POST", "PATCH", "PUT", "DELETE"]);

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions<T> {
  method?: Method;
  body?: unknown;
  query?: QueryParams;
  /**
   * Zod schema of the success answer (from common/schemas): checked, drift is reported in the console.
   * Left out by the calls of every page's first load (who am I, the public directory's search, the
   * commune look-up), which must not load zod (web/bundle-budget.ts): the server serialises each
   * answer through its schema anyway.
   */
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
  /** Do not go to the login page on 401 (the login call itself, the "who am I" probe). */
  noAuthRedirect?: boolean;
}

const STATUS_TITLES: Record<number, string> = {
  400: "Requête invalide",
  401: "Authentification requise",
  403: "Accès refusé",
  404: "Ressource introuvable",
  409: "Conflit",
  422: "Données invalides",
  429: "Trop de requêtes",
  500: "Erreur du serveur",
  502: "Service indisponible",
  503: "Service indisponible",
  504: "Service indisponible",
};

export function buildUrl(path: string, query?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const qs = search.toString();
  return `${API_BASE}${path}${qs ? `?${qs}` : ""}`;
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: "about:blank",
    title: STATUS_TITLES[response.status] ?? "Erreur inattendue",
    status: response.status,
    code: `http_${response.status}`,
  };
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("json")) return fallback;
  try {
    const body: unknown = await response.json();
    if (typeof body !== "object" || body === null) return fallback;
    const raw = body as Record<string, unknown>;
    return {
      ...raw,
      type: typeof raw.type === "string" ? raw.type : fallback.type,
      title: typeof raw.title === "string" ? raw.title : fallback.title,
      status: typeof raw.status === "number" ? raw.status : response.status,
      code: typeof raw.code === "string" ? raw.code : fallback.code,
      detail: typeof raw.detail === "string" ? raw.detail : undefined,
      errors: Array.isArray(raw.errors) ? (raw.errors as FieldError[]) : undefined,
    };
  } catch {
    return fallback;
  }
}

async function send<T>(path: string, options: RequestOptions<T>, retried: boolean): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json, application/problem+json" };
  // A FormData body (a file upload) sets its own multipart Content-Type with its boundary.
  const form = typeof FormData !== "undefined" && options.body instanceof FormData ? options.body : null;
  if (options.body !== undefined && !form) headers["Content-Type"] = "application/json";
  if (UNSAFE.has(method)) {
    if (csrfToken === null && !options.noAuthRedirect) await refreshCsrfToken();
    if (csrfToken !== null) headers["X-CSRF-Token"] = csrfToken;
  }

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: "include",
      body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError({
      type: "about:blank",
      title: "Service injoignable",
      status: 0,
      code: "network_error",
      detail: "Le service ne répond pas. Vérifiez votre connexion à internet puis réessayez.",
    });
  }

  const deadlines = readSessionDeadlines(response.headers);
  if (deadlines) sessionListener?.(deadlines);

  if (!response.ok) {
    const problem = await readProblem(response);
    // A stale CSRF token (session renewed elsewhere): reload it once and retry.
    if (response.status === 403 && UNSAFE.has(method) && !retried && /csrf/i.test(problem.code)) {
      setCsrfToken(null);
      await refreshCsrfToken();
      return send(path, options, true);
    }
    if (response.status === 401 && !options.noAuthRedirect) unauthorizedHandler?.();
    throw new ApiError(problem);
  }

  if (response.status === 204 || response.headers.get("content-length") === "0") return undefined as T;
  const data: unknown = await response.json();
  if (!options.schema) return data as T;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    // Contract drift: keep the UI working, make it visible to developers.
    console.error(`Réponse inattendue de ${method} ${path}`, parsed.error.issues);
    return data as T;
  }
  return parsed.data;
}

export function apiRequest<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  return send(path, options, false);
}

export const api = {
  get: <T>(path: string, schema?: z.ZodType<T>, query?: QueryParams, signal?: AbortSignal) =>
    apiRequest<T>(path, { schema, query, signal }),
  post: <T = void>(path: string, body?: unknown, schema?: z.ZodType<T>) =>
    apiRequest<T>(path, { method: "POST", body: body ?? {}, schema }),
  patch: <T = void>(path: string, body: unknown, schema?: z.ZodType<T>) =>
    apiRequest<T>(path, { method: "PATCH", body, schema }),
  delete: (path: string) => apiRequest<void>(path, { method: "DELETE" }),
  /** POST multipart/form-data (files), with the same CSRF header, errors and session handling. */
  upload: <T = void>(path: string, form: FormData, schema?: z.ZodType<T>) => apiRequest<T>(path, { method: "POST", body: form, schema }),
};
