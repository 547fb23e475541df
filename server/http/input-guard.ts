// Text the database cannot store never gets past the edge: before any schema runs, every string
// (and every key) of the body, the query string and the path parameters is checked for the NUL
// character and lone UTF-16 surrogates. The body and the query answer 400 naming the field; a path
// parameter answers 404 (no resource lives at such an address).
import type { FastifyInstance } from "fastify";
import type { FieldError } from "../../common/problem.ts";
import { unstorableText } from "../../common/domain/text.ts";
import { DomainError } from "./errors.ts";

/** The fields holding text that cannot be stored, walked without recursion (bodies may nest deep). */
export function unstorableFields(root: unknown, limit = 20): FieldError[] {
  const out: FieldError[] = [];
  const stack: { value: unknown; path: string }[] = [{ value: root, path: "" }];
  const at = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length > 0 && out.length < limit) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const message = unstorableText(value);
      if (message) out.push({ field: path, code: "invalid_characters", message });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: at(path, i) });
    } else if (value && typeof value === "object") {
      const entries = Object.entries(value as Record<string, unknown>);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i]!;
        const message = unstorableText(key);
        if (message) out.push({ field: at(path, JSON.stringify(key).slice(1, -1)), code: "invalid_characters", message: `Nom de champ invalide. ${message}` });
        else stack.push({ value: child, path: at(path, key) });
      }
    }
  }
  return out;
}

export function installInputGuard(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    if (unstorableFields(request.params, 1).length > 0) throw new DomainError("not_found", "Aucune ressource à cette adresse.");
    const query = unstorableFields(request.query);
    if (query.length > 0) throw new DomainError("validation_failed", "Paramètres de requête invalides.", { errors: query });
    const body = unstorableFields(request.body);
    if (body.length > 0) throw new DomainError("validation_failed", "Certains champs contiennent des caractères interdits.", { errors: body.map((e) => ({ ...e, field: e.field || "body" })) });
  });
}
