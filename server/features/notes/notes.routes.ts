// HTTP edge of notes.
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { note, noteCreateBody, noteList } from "../../../common/schemas/notes.ts";
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
}
