import { basename, extname } from "node:path";
import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { importQuery, importReport } from "../../../common/schemas/directory.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import { DomainError } from "../../http/errors.ts";
import { SERVICE_FIELDS, STRUCTURE_FIELDS, dataInclusionServices, dataInclusionStructures, hsdsServices, toCsv } from "./export.ts";
import { importFile } from "./directory.service.ts";
import { UnreadableFileError } from "./import/import.service.ts";

/** Largest file accepted by the import (the national validator takes 5 MB; a département's JSON can be larger). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const TOO_LARGE = `Le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo : découpez-le (par exemple par département) et importez les morceaux l'un après l'autre.`;

/** A producer name from a file name: "Offre CD02 (mars).xlsx" → "offre-cd02-mars". */
export function sourceFromFilename(filename: string): string {
  const slug = normalizeName(basename(filename, extname(filename))).replace(/ /g, "-").slice(0, 60).replace(/-+$/, "");
  return slug || "import";
}

export async function importExportRoutes(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 5, parts: 6 } });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/v1/imports/data-inclusion",
    {
      schema: {
        tags: ["Annuaire — échanges"],
        summary: "Importer un fichier data·inclusion (tableur .xlsx ou JSON)",
        description:
          "Envoi multipart (champ `fichier`). Chaque ligne est validée contre le schéma data·inclusion v1 ; les lignes valides sont créées ou mises à jour par (source, id) en une transaction, les invalides sont rapportées (feuille, ligne, champ, raison). Réimporter le même fichier ne change rien. Réservé aux administrateurs de la plateforme et aux coordinateurs.",
        consumes: ["multipart/form-data"],
        querystring: importQuery,
        response: { 200: importReport },
      }, config: { access: "signed_in" } },
    async (request) => {
      const readFile = async () => {
        const declared = Number(request.headers["content-length"] ?? 0);
        if (declared > MAX_IMPORT_BYTES + 64 * 1024) throw new DomainError("payload_too_large", TOO_LARGE);
        if (!request.isMultipart()) throw new DomainError("unsupported_media_type", "Envoyez le fichier en multipart/form-data (champ « fichier »).");
        try {
          const file = await request.file();
          if (!file) throw new DomainError("validation_failed", "Aucun fichier reçu.", { errors: [{ field: "fichier", code: "required", message: "Choisissez un fichier à importer" }] });
          return { bytes: await file.toBuffer(), source: request.query.source ?? sourceFromFilename(file.filename) };
        } catch (error) {
          if (error instanceof DomainError) throw error;
          if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw new DomainError("payload_too_large", TOO_LARGE);
          throw new DomainError("validation_failed", "L'envoi du fichier est incomplet ou mal formé : réessayez.", { errors: [{ field: "fichier", code: "unreadable_file", message: "Envoi incomplet" }] });
        }
      };
      try {
        // The service asks the policy (server/policy/directory.ts) before the file is read.
        return await importFile({ db: request.server.deps.db, actor: request.actor }, readFile, { dryRun: request.query.dry_run ?? false });
      } catch (error) {
        if (error instanceof UnreadableFileError) {
          throw new DomainError("validation_failed", `Fichier illisible : ${error.message}`, { errors: [{ field: "fichier", code: "unreadable_file", message: error.message }] });
        }
        throw error;
      }
    },
  );

  const exportTags = ["Annuaire — échanges"];
  const json = (summary: string, load: () => Promise<unknown>) => ({
    config: { access: "public" as const },
    schema: { tags: exportTags, summary, security: [] },
    handler: async () => load(),
  });
  const db = () => app.deps.db;
  r.get("/api/v1/exports/data-inclusion/structures.json", json("Structures publiées, au format data·inclusion v1 (JSON)", () => dataInclusionStructures(db())));
  r.get("/api/v1/exports/data-inclusion/services.json", json("Services publiés, au format data·inclusion v1 (JSON)", () => dataInclusionServices(db())));
  r.get("/api/v1/exports/hsds/services.json", json("Services publiés, au format Open Referral HSDS 3.0 (JSON)", () => hsdsServices(db())));
  r.get(
    "/api/v1/exports/data-inclusion/structures.csv",
    { config: { access: "public" }, schema: { tags: exportTags, summary: "Structures publiées, au format data·inclusion v1 (CSV)", security: [] } },
    async (_request, reply) => reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="structures.csv"').send(toCsv(await dataInclusionStructures(db()), STRUCTURE_FIELDS)),
  );
  r.get(
    "/api/v1/exports/data-inclusion/services.csv",
    { config: { access: "public" }, schema: { tags: exportTags, summary: "Services publiés, au format data·inclusion v1 (CSV)", security: [] } },
    async (_request, reply) => reply.type("text/csv; charset=utf-8").header("content-disposition", 'attachment; filename="services.csv"').send(toCsv(await dataInclusionServices(db()), SERVICE_FIELDS)),
  );
}
