import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { messageList, messageListQuery } from "../../../common/schemas/messaging.ts";
import { listMessages } from "./messaging.ts";

export async function messagingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/messages",
    {
      config: { access: { capability: "read_outbox" } },
      schema: {
        tags: ["Messages"],
        summary: "Messages envoyés par spie (administrateurs de la plateforme)",
        description:
          "Destinataire, modèle, objet lié, état (queued, sent, failed avec l'erreur, outbox quand aucun serveur SMTP n'est configuré) et dates ; jamais le contenu, qui peut porter un lien à usage unique.",
        querystring: messageListQuery,
        response: { 200: messageList },
      },
    },
    async (request) => ({ items: await listMessages(app.deps.db, request.query), smtp_configured: Boolean(app.deps.config.smtpUrl) }),
  );
}
