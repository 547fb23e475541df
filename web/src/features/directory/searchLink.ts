// A directory URL (?code_insee=…&thematiques=…&page=2) and the API query it stands for. Its
// parameters are checked once, by the API with its schema (common/schemas/directory.ts,
// `serviceSearchQuery`), whose problem+json names each bad one: the page shows them ("Le paramètre
// « page » : Nombre attendu") with the same search without them, instead of a vague error or a
// silently different search. Not checked again here: zod stays out of the directory's first load
// (web/bundle-budget.ts).
import type { FieldError } from "../../../../common/problem.ts";
import type { QueryParams } from "../../api/client.ts";

/** The URL parameters sent to the API (the others — commune, cp — only label the commune). */
export const SEARCH_LINK_PARAMS = ["code_insee", "departement", "thematiques", "spie_thematique", "publics", "types", "frais", "modes_accueil", "q", "page"] as const;

export interface ParamError {
  /** The URL parameter. */
  field: string;
  message: string;
}

/** The API query of a directory URL: its search parameters as written, and the page size. */
export function searchLinkQuery(params: URLSearchParams, pageSize: number): QueryParams {
  const query: QueryParams = {};
  for (const key of SEARCH_LINK_PARAMS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") query[key] = value;
  }
  query.page_size = pageSize;
  return query;
}

/** The parameters the API refused (the field errors of its problem), each named. */
export function refusedParams(errors: readonly FieldError[]): ParamError[] {
  return errors.map((e) => {
    // A list parameter's item ("publics.1") is the parameter itself in the URL.
    const field = e.field.split(".")[0] ?? e.field;
    return { field, message: `Le paramètre « ${field} » : ${e.message}` };
  });
}

/** The same URL without the given parameters (and back to the first page). */
export function withoutParams(params: URLSearchParams, fields: readonly string[]): string {
  const next = new URLSearchParams(params);
  for (const field of fields) next.delete(field);
  next.delete("page");
  const search = next.toString();
  return search ? `?${search}` : "";
}
