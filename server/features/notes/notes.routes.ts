// HTTP edge of notes.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { note, noteCreateBody, noteList, noteUpdateBody } from "../../../common/schemas/notes.ts";
import { idParams } from "../../../common/schemas/common.ts";
import { ctx } from "../../http/context.ts";
import { granted } from "../../policy/gate.ts";
import * as service from "./notes.service.ts";


export async function noteRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Notes"];

  r.get("/api/v1/people/:id/notes", { schema: { tags, summary: "Notes que je peux lire (selon leur visibilité)", params: idParams, response: { 200: noteList } }, config: { access: { person: "read", resource: "notes", action: "read" } } }, async (request) =>
    service.listNotes(ctx(request), granted(request)),
  );

  r.post(
    "/api/v1/people/:id/notes",
    { schema: { tags, summary: "Écrire une note (visible par l'équipe, par moi seul·e, ou aussi par la personne)", params: idParams, body: noteCreateBody, response: { 201: note } }, config: { access: { person: "write_notes", resource: "notes", action: "create" } } },
    async (request, reply) => reply.status(201).send(await service.createNote(ctx(request), granted(request), request.body)),
  );

  r.patch(
    "/api/v1/notes/:id",
    {
      schema: { tags, summary: "Corriger ma note, dans les 24 heures qui suivent son écriture (l'état précédent est conservé)", params: idParams, body: noteUpdateBody, response: { 200: note } },
      config: { access: { person: "write_notes", via: "note", resource: "note", action: "update" } },
    },
    async (request) => service.correctNote(ctx(request), granted(request), request.params.id, request.body),
  );

  r.delete(
    "/api/v1/notes/:id",
    { schema: { tags, summary: "Supprimer ma note, dans les 24 heures qui suivent son écriture (elle est conservée dans l'historique)", params: idParams }, config: { access: { person: "write_notes", via: "note", resource: "note", action: "update" } } },
    async (request, reply) => {
      await service.deleteNote(ctx(request), granted(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
