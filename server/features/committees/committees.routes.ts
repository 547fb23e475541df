// HTTP edge of the committees. Every route is "signed_in": the service asks policy/committees.ts
// about the committee (404 when the caller may not know it) and, for a submission, policy/people.ts
// about the person. One is "public": the private calendar URL, whose secret is the capability
// (checked by the service against its owner's current rights, see policy/committees.ts).
import multipart from "@fastify/multipart";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import { attachmentDisposition, SUBMISSION_DOCUMENT_LIMITS_TEXT, SUBMISSION_DOCUMENT_MAX_BYTES } from "../../../common/domain/committee-documents.ts";
import { idParams } from "../../../common/schemas/common.ts";
import {
  agendaView,
  attendanceBody,
  calendarSubscriptionCreated,
  calendarTokenParams,
  charterBody,
  charterQuery,
  charterView,
  committeeCreateBody,
  committeeList,
  committeeListQuery,
  committeeUpdateBody,
  committeeView,
  decisionBody,
  decisionView,
  minutesView,
  sessionCreateBody,
  sessionList,
  memberOptions,
  sessionsQuery,
  sessionUpdateBody,
  sessionView,
  signatureView,
  submissionCreateBody,
  submissionCreated,
  submissionDocumentList,
  submissionDocumentView,
} from "../../../common/schemas/committees.ts";
import { ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import * as service from "./committees.service.ts";
import * as documents from "./documents.service.ts";

export async function committeeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Comités"];
  const access = "signed_in" as const;

  r.post("/api/v1/committees", { schema: { tags, summary: "Créer un comité (coordination du territoire)", body: committeeCreateBody, response: { 201: committeeView } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.createCommittee(ctx(request), request.body)),
  );
  r.get("/api/v1/committees", { schema: { tags, summary: "Comités visibles (par territoire)", querystring: committeeListQuery, response: { 200: committeeList } }, config: { access } }, async (request) =>
    service.listCommittees(ctx(request), request.query.territory_id),
  );
  r.get("/api/v1/committees/:id", { schema: { tags, summary: "Un comité", params: idParams, response: { 200: committeeView } }, config: { access } }, async (request) => service.getCommittee(ctx(request), request.params.id));
  r.patch("/api/v1/committees/:id", { schema: { tags, summary: "Modifier un comité (récurrence, membres…)", params: idParams, body: committeeUpdateBody, response: { 200: committeeView } }, config: { access } }, async (request) =>
    service.updateCommittee(ctx(request), request.params.id, request.body),
  );
  r.get("/api/v1/committees/:id/member-options", { schema: { tags, summary: "Personnes désignables (structures du territoire et leurs membres)", params: idParams, response: { 200: memberOptions } }, config: { access } }, async (request) =>
    service.memberOptions(ctx(request), request.params.id),
  );
  r.get("/api/v1/committees/:id/sessions", { schema: { tags, summary: "Séances (dates ISO 8601 avec le décalage du territoire)", params: idParams, querystring: sessionsQuery, response: { 200: sessionList } }, config: { access } }, async (request) =>
    service.listSessions(ctx(request), request.params.id, request.query),
  );
  r.post("/api/v1/committees/:id/sessions", { schema: { tags, summary: "Ajouter une séance (avec un motif)", params: idParams, body: sessionCreateBody, response: { 201: sessionView } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.addSession(ctx(request), request.params.id, request.body)),
  );
  r.get("/api/v1/committees/:id/calendar.ics", { schema: { tags, summary: "Calendrier iCalendar (RFC 5545) des séances", params: idParams }, config: { access } }, async (request, reply) => {
    const { ics, filename } = await service.calendarIcs(ctx(request), request.params.id);
    return reply.type("text/calendar; charset=utf-8").header("content-disposition", `inline; filename="${filename}"`).send(ics);
  });
  r.post("/api/v1/committees/:id/calendar-subscription", { schema: { tags, summary: "Adresse privée d'abonnement au calendrier (montrée une fois ; remplace la précédente)", params: idParams, response: { 201: calendarSubscriptionCreated } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.subscribeCalendar(ctx(request), request.params.id)),
  );
  r.delete("/api/v1/committees/:id/calendar-subscription", { schema: { tags, summary: "Révoquer son adresse d'abonnement au calendrier", params: idParams, response: { 204: z.null() } }, config: { access } }, async (request, reply) => {
    await service.unsubscribeCalendar(ctx(request), request.params.id);
    return reply.status(204).send(null);
  });
  // The secret in the path is the capability: calendar apps send no cookie.
  r.get(
    "/api/v1/committee-calendars/:token.ics",
    {
      schema: { tags, summary: "Calendrier iCalendar par l'adresse privée d'abonnement (sans session ; dates, heures et lieux des séances, aucune personne)", security: [], params: calendarTokenParams },
      config: { access: "public" },
    },
    async (request, reply) => {
      const { ics, filename } = await service.calendarBySubscription(app.deps, request.params.token, request.id);
      return reply.type("text/calendar; charset=utf-8").header("content-disposition", `inline; filename="${filename}"`).header("cache-control", "private, max-age=300").send(ics);
    },
  );
  r.post("/api/v1/committees/:id/submissions", { schema: { tags, summary: "Saisir le comité (fiche de saisine)", params: idParams, body: submissionCreateBody, response: { 201: submissionCreated } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.submit(ctx(request), request.params.id, request.body)),
  );
  await app.register(async (scope) => {
    // Multipart only here: a document is 5 Mo at most, one file per request.
    await scope.register(multipart, { limits: { fileSize: SUBMISSION_DOCUMENT_MAX_BYTES, files: 1, fields: 0, parts: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      "/api/v1/committee-submissions/:id/documents",
      {
        schema: {
          tags,
          summary: "Joindre un document à une saisine (équipe de la personne, avant l'arrêt de l'ordre du jour)",
          description: `Envoi multipart (champ \`file\`). ${SUBMISSION_DOCUMENT_LIMITS_TEXT} Le type est reconnu à son contenu ; un type déclaré qui ne correspond pas est refusé. Refus en problem+json nommant le champ \`file\` : 400 (type), 413 (taille), 409 (nombre, ou ordre du jour arrêté).`,
          consumes: ["multipart/form-data"],
          params: idParams,
          response: { 201: submissionDocumentView },
        },
        config: { access },
      },
      async (request, reply) => {
        const doc = await documents.uploadDocument(ctx(request), request.params.id, async () => {
          if (Number(request.headers["content-length"] ?? 0) > SUBMISSION_DOCUMENT_MAX_BYTES + 64 * 1024) throw documents.tooLarge();
          if (!request.isMultipart()) {
            throw new DomainError("unsupported_media_type", "Envoyez le document en multipart/form-data (champ « file »).", { errors: [{ field: documents.DOCUMENT_FIELD, code: "multipart_required", message: "Envoyez le document en multipart/form-data" }] });
          }
          try {
            const file = await request.file();
            if (!file || file.fieldname !== documents.DOCUMENT_FIELD) throw fieldErrors([{ field: documents.DOCUMENT_FIELD, code: "required", message: "Choisissez un document à joindre" }], "Aucun document reçu (champ « file »).");
            return { file_name: file.filename, declared_type: file.mimetype, bytes: await file.toBuffer() };
          } catch (error) {
            if (error instanceof DomainError) throw error;
            if ((error as { code?: string }).code === "FST_REQ_FILE_TOO_LARGE") throw documents.tooLarge();
            throw fieldErrors([{ field: documents.DOCUMENT_FIELD, code: "unreadable_file", message: "Envoi incomplet ou mal formé" }], "L'envoi du document est incomplet ou mal formé : réessayez.");
          }
        });
        return reply.status(201).send(doc);
      },
    );
  });
  r.get("/api/v1/committee-submissions/:id/documents", { schema: { tags, summary: "Documents joints à une saisine", params: idParams, response: { 200: submissionDocumentList } }, config: { access } }, async (request) =>
    documents.listDocuments(ctx(request), request.params.id),
  );
  r.get("/api/v1/committee-submission-documents/:id", { schema: { tags, summary: "Télécharger un document joint à une saisine", params: idParams }, config: { access } }, async (request, reply) => {
    const doc = await documents.downloadDocument(ctx(request), request.params.id);
    return reply
      .type(doc.media_type)
      .header("content-disposition", attachmentDisposition(doc.file_name))
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-store")
      .send(Buffer.from(doc.content.buffer, doc.content.byteOffset, doc.content.byteLength));
  });
  r.delete("/api/v1/committee-submission-documents/:id", { schema: { tags, summary: "Retirer un document d'une saisine (équipe de la personne, avant l'arrêt de l'ordre du jour)", params: idParams, response: { 204: z.null() } }, config: { access } }, async (request, reply) => {
    await documents.deleteDocument(ctx(request), request.params.id);
    return reply.status(204).send(null);
  });
  r.patch("/api/v1/committee-sessions/:id", { schema: { tags, summary: "Déplacer, annuler, reporter une séance, ou envoyer son compte rendu", params: idParams, body: sessionUpdateBody, response: { 200: sessionView } }, config: { access } }, async (request) =>
    service.updateSession(ctx(request), request.params.id, request.body),
  );
  r.get("/api/v1/committee-sessions/:id/agenda", { schema: { tags, summary: "Ordre du jour (les situations pour les membres ayant signé la charte, sinon leur nombre)", params: idParams, response: { 200: agendaView } }, config: { access } }, async (request) =>
    service.agenda(ctx(request), request.params.id),
  );
  r.post("/api/v1/committee-sessions/:id/attendance", { schema: { tags, summary: "Présences", params: idParams, body: attendanceBody, response: { 200: z.object({ items: z.array(z.object({ member_id: z.string(), status: z.string(), substitute_user_id: z.string().nullable() })) }) } }, config: { access } }, async (request) =>
    service.recordAttendance(ctx(request), request.params.id, request.body),
  );
  r.post("/api/v1/committee-sessions/:id/decisions", { schema: { tags, summary: "Décision sur une situation", params: idParams, body: decisionBody, response: { 201: decisionView } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.recordDecision(ctx(request), request.params.id, request.body)),
  );
  r.get("/api/v1/committee-sessions/:id/minutes", { schema: { tags, summary: "Compte rendu (document)", params: idParams, response: { 200: minutesView } }, config: { access } }, async (request) => service.minutes(ctx(request), request.params.id));
  r.get("/api/v1/committee-sessions/:id/minutes.pdf", { schema: { tags, summary: "Compte rendu (PDF)", params: idParams }, config: { access } }, async (request, reply) => {
    const { pdf, filename } = await service.minutesPdf(ctx(request), request.params.id);
    return reply.type("application/pdf").header("content-disposition", `inline; filename="${filename}"`).send(pdf);
  });
  r.get("/api/v1/charters", { schema: { tags, summary: "Charte de confidentialité en vigueur d'un territoire", querystring: charterQuery, response: { 200: charterView } }, config: { access } }, async (request) =>
    service.currentCharter(ctx(request), request.query.territory_id),
  );
  r.post("/api/v1/charters", { schema: { tags, summary: "Nouvelle version de la charte d'un territoire", body: charterBody, response: { 201: charterView } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.writeCharter(ctx(request), request.body)),
  );
  r.post("/api/v1/charters/:id/signatures", { schema: { tags, summary: "Signer la charte (version en vigueur)", params: idParams, response: { 201: signatureView } }, config: { access } }, async (request, reply) =>
    reply.status(201).send(await service.signCharter(ctx(request), request.params.id)),
  );
}
