// A directory URL (?code_insee=…&thematiques=…&page=2), read with the API's own schema so that a
// bad shared link is told at once, naming the parameter ("Le paramètre « page » doit être un
// nombre entier"), instead of a vague error or a silently different search.
import type { z } from "../../../../common/zod.ts";
import { serviceSearchQuery } from "../../../../common/schemas/directory.ts";
import type { QueryParams } from "../../api/client.ts";

/** The URL parameters sent to the API (the others — commune, cp — only label the commune). */
export const SEARCH_LINK_PARAMS = ["code_insee", "departement", "thematiques", "spie_thematique", "publics", "types", "frais", "modes_accueil", "q", "page"] as const;

export interface ParamError {
  field: string;
  message: string;
}

export type SearchLink = { ok: true; query: QueryParams; page: number } | { ok: false; errors: ParamError[] };

type Issue = z.core.$ZodIssue;

/** "Le paramètre « page » doit être un nombre entier (reçu : « abc »)." */
export function paramMessage(field: string, issue: Pick<Issue, "code" | "message"> & Record<string, unknown>, received: string | undefined): string {
  const shown = received !== undefined ? ` (reçu : « ${received.length > 40 ? `${received.slice(0, 40)}…` : received} »)` : "";
  const name = `Le paramètre « ${field} »`;
  if (issue.code === "invalid_type" && (issue.expected === "number" || issue.expected === "int")) return `${name} doit être un nombre entier${shown}.`;
  if (issue.code === "too_small" && issue.origin === "number") return `${name} doit être un nombre supérieur ou égal à ${String(issue.minimum)}${shown}.`;
  if (issue.code === "too_big" && issue.origin === "number") return `${name} doit être un nombre inférieur ou égal à ${String(issue.maximum)}${shown}.`;
  if (issue.code === "invalid_value") return `${name} n'accepte pas cette valeur${shown}.`;
  const message = issue.message.replace(/\.$/, "");
  return `${name} est invalide${shown} : ${message.charAt(0).toLowerCase()}${message.slice(1)}.`;
}

/** The API query of a directory URL, or the parameters that make it invalid. */
export function parseSearchLink(params: URLSearchParams, pageSize: number): SearchLink {
  const raw: Record<string, string> = {};
  for (const key of SEARCH_LINK_PARAMS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") raw[key] = value;
  }
  const parsed = serviceSearchQuery.safeParse({ ...raw, page_size: String(pageSize) });
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? "");
        return { field, message: paramMessage(field, issue as Issue & Record<string, unknown>, raw[field]) };
      }),
    };
  }
  const query: QueryParams = { ...raw, page: parsed.data.page, page_size: pageSize };
  return { ok: true, query, page: parsed.data.page };
}

/** The same URL without the given parameters (and back to the first page). */
export function withoutParams(params: URLSearchParams, fields: readonly string[]): string {
  const next = new URLSearchParams(params);
  for (const field of fields) next.delete(field);
  next.delete("page");
  const search = next.toString();
  return search ? `?${search}` : "";
}
