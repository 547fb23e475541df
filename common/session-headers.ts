// The response headers carrying a cookie session's deadlines on every /api/v1 answer, without zod:
// the web's API client reads them in the first load of every page (web/bundle-budget.ts).
// Re-exported by common/schemas/auth.ts with the rest of the auth contract.

/** Response headers carrying the session's deadlines on every cookie-authenticated /api/v1 answer. */
export const SESSION_HEADERS = { idle: "x-session-idle-expires-at", absolute: "x-session-expires-at" } as const;
