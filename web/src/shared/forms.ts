// Field errors of a form, keyed by the snake_case dotted path the API uses ("address.commune_code"),
// filled either from the shared zod schema (client side) or from a problem's errors[] (server side).
import type { z } from "zod";
import { isApiError, type ApiError } from "../api/client.ts";

export type FieldErrors = Record<string, string>;

/** Friendlier wording for the generic zod messages users meet most. */
function issueMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1) {
    return "Ce champ est obligatoire.";
  }
  if (issue.code === "invalid_format" && issue.format === "date") {
    return value === "" || value === undefined ? "Ce champ est obligatoire." : "Date invalide.";
  }
  if (issue.code === "invalid_format" && issue.format === "email") {
    return "Adresse électronique invalide (exemple : nom@domaine.fr).";
  }
  return issue.message;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

export function zodFieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".");
    errors[key] ??= issueMessage(issue, valueAt(input, issue.path));
  }
  return errors;
}

export function problemFieldErrors(error: ApiError): FieldErrors {
  const errors: FieldErrors = {};
  for (const fieldError of error.fieldErrors) errors[fieldError.field] ??= fieldError.message;
  return errors;
}

/**
 * Validates `input` with a schema of common/schemas.
 * Returns the parsed value, or the field errors.
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: zodFieldErrors(result.error.issues, input) };
}

/** The error of a field or of one of its sub-paths ("situation_flags.0" for "situation_flags"). */
export function errorFor(errors: FieldErrors, key: string): string | undefined {
  if (errors[key] !== undefined) return errors[key];
  const prefix = `${key}.`;
  for (const [path, message] of Object.entries(errors)) if (path.startsWith(prefix)) return message;
  return undefined;
}

/** Props for a DSFR Input/Select in error state. */
export function errorState(message: string | undefined): { state?: "error"; stateRelatedMessage?: string } {
  return message === undefined ? {} : { state: "error", stateRelatedMessage: message };
}

/** Returns the form field a path belongs to: the longest declared key it starts with. */
export function fieldOf(path: string, keys: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const key of keys) {
    if ((path === key || path.startsWith(`${key}.`)) && (best === undefined || key.length > best.length)) best = key;
  }
  return best;
}

/**
 * Shows an API error in a form: its field errors on the fields, or else its detail above the form
 * (a network or unexpected error gets a plain French sentence).
 */
export function failWithApiError(error: unknown, fail: (errors: FieldErrors, message: string | null) => void): void {
  if (!isApiError(error)) return fail({}, "Erreur inattendue, réessayez.");
  const mapped = problemFieldErrors(error);
  fail(mapped, Object.keys(mapped).length > 0 ? null : (error.problem.detail ?? error.problem.title));
}
