// Domain errors and their HTTP form, in one place: services throw DomainError with a code, the
// error handler turns every error into an RFC 9457 problem+json answer. Nothing else maps errors.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { FieldError, Problem } from "../../common/problem.ts";
import { PROBLEM_CONTENT_TYPE } from "../../common/problem.ts";
import { loggableError } from "../db/errors.ts";

const CODES = {
  validation_failed: [400, "Données invalides"],
  invalid_json: [400, "Corps de requête illisible"],
  unauthenticated: [401, "Authentification requise"],
  invalid_credentials: [401, "Identifiants incorrects"],
  csrf_failed: [403, "Jeton CSRF manquant ou invalide"],
  forbidden: [403, "Action non autorisée"],
  not_found: [404, "Ressource introuvable"],
  method_not_allowed: [405, "Méthode non autorisée"],
  duplicate_person: [409, "Cette personne a peut-être déjà un dossier"],
  conflict: [409, "Conflit avec l'état actuel"],
  gone: [410, "Lien expiré ou déjà utilisé"],
  /** A merged file (tombstone): `merged_into` names the kept file, which the web opens. */
  merged: [410, "Dossier fusionné"],
  payload_too_large: [413, "Requête trop volumineuse"],
  unsupported_media_type: [415, "Type de contenu non pris en charge"],
  too_many_requests: [429, "Trop de tentatives"],
  internal: [500, "Erreur interne du serveur"],
  unavailable: [503, "Service indisponible"],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof CODES;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;
  constructor(code: ErrorCode, detail?: string, options: { errors?: FieldError[]; extensions?: Record<string, unknown> } = {}) {
    super(detail ?? CODES[code][1]);
    this.code = code;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
  }
  get status(): number {
    return CODES[this.code][0];
  }
}

/** A validation failure on named fields, raised by services for checks a schema cannot do. */
export function fieldErrors(errors: FieldError[], detail = "Certains champs sont invalides."): DomainError {
  return new DomainError("validation_failed", detail, { errors });
}

export function problem(code: ErrorCode, detail?: string, extra: Partial<Problem> = {}): Problem {
  const [status, title] = CODES[code];
  return { type: `urn:spie:problem:${code}`, title, status, code, ...(detail ? { detail } : {}), ...extra };
}

function zodFieldErrors(error: FastifyError & { validation: { instancePath?: string; keyword: string; message?: string; params: Record<string, unknown> }[] }, context: string | undefined): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.validation) {
    const base = (issue.instancePath ?? "/").split("/").filter(Boolean).join(".");
    if (issue.keyword === "unrecognized_keys" && Array.isArray(issue.params.keys)) {
      for (const key of issue.params.keys as string[]) {
        out.push({ field: base ? `${base}.${key}` : key, code: "unknown_field", message: `Champ inconnu : « ${key} »` });
      }
      continue;
    }
    out.push({ field: base || (context ?? "body"), code: issue.keyword, message: issue.message ?? "Valeur invalide" });
  }
  return out;
}

function fastifyCodeToProblem(error: FastifyError): Problem | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return problem("invalid_json", "Le corps de la requête n'est pas un JSON valide.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return problem("payload_too_large", "La requête dépasse la taille autorisée.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return problem("unsupported_media_type", "Envoyez du JSON (Content-Type: application/json).");
    default:
      break;
  }
  if (error.statusCode === 429) return problem("too_many_requests", error.message);
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code: ErrorCode = error.statusCode === 404 ? "not_found" : error.statusCode === 413 ? "payload_too_large" : error.statusCode === 415 ? "unsupported_media_type" : "validation_failed";
    return problem(code, error.message);
  }
  return undefined;
}

/**
 * Errors the router raises before any route runs (Fastify's `frameworkErrors`): a path that is not
 * valid percent-encoding ("%ED%A0%80") or a path parameter longer than the router accepts. Both
 * address no resource: 404 problem+json, like a malformed id.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = error.code === "FST_ERR_BAD_URL" || error.code === "FST_ERR_MAX_PARAM_LENGTH" ? problem("not_found", "Aucune ressource à cette adresse.") : (fastifyCodeToProblem(error) ?? problem("validation_failed", "Requête invalide."));
  void reply
    .status(body.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send({ ...body, instance: request.url.split("?")[0], request_id: request.id });
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let body: Problem;
    if (error instanceof DomainError) {
      body = problem(error.code, error.message, { ...(error.errors ? { errors: error.errors } : {}), ...error.extensions });
    } else if (hasZodFastifySchemaValidationErrors(error) && (error as { validationContext?: string }).validationContext === "params") {
      // A malformed id in the path: no resource lives at that address (the web shows "introuvable").
      body = problem("not_found", "Aucune ressource à cette adresse.");
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const context = (error as { validationContext?: string }).validationContext;
      body = problem("validation_failed", context === "querystring" ? "Paramètres de requête invalides." : "Certains champs sont invalides.", {
        errors: zodFieldErrors(error, context),
      });
    } else if (isResponseSerializationError(error)) {
      request.log.error({ err: { message: error.message, issues: error.cause.issues.map((i) => ({ path: i.path, code: i.code })) } }, "response does not match its schema");
      body = problem("internal");
    } else {
      const mapped = fastifyCodeToProblem(error);
      if (mapped) body = mapped;
      else {
        // Without the query's values nor the database's detail: they hold personal data.
        request.log.error({ error: loggableError(error) }, "unhandled error");
        body = problem("internal", "Une erreur inattendue est survenue. Réessayez ; si elle persiste, contactez l'assistance en donnant l'identifiant de requête.");
      }
    }
    body.instance = request.url.split("?")[0];
    body.request_id = request.id;
    return reply.status(body.status).type(PROBLEM_CONTENT_TYPE).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/")) {
      return reply.status(404).type(PROBLEM_CONTENT_TYPE).send({ ...problem("not_found", "Aucune ressource à cette adresse."), instance: request.url.split("?")[0], request_id: request.id });
    }
    return reply.status(404).type("text/plain").send("Page introuvable");
  });
}
