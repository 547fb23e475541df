// HTTP edge of the user's notifications (their own only; no person data beyond the message).
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "../../../common/zod.ts";
import { notificationList } from "../../../common/schemas/pathway.ts";
import { ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import { listNotifications, markRead } from "./notifications.repository.ts";

export async function notificationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Notifications"];

  r.get("/api/v1/notifications", { schema: { tags, summary: "Mes notifications (les 50 dernières)", response: { 200: notificationList } }, config: { access: "signed_in" } }, async (request) => {
    const c = ctx(request);
    const { rows, unread } = await listNotifications(c.db, c.actor.user_id);
    return {
      items: rows.map((n) => ({ id: n.id, person_id: n.person_id, type: n.type, message: n.message, created_at: n.created_at.toISOString(), read_at: n.read_at?.toISOString() ?? null })),
      unread,
    };
  });

  r.post("/api/v1/notifications/:id/read", { schema: { tags, summary: "Marquer une notification comme lue", params: z.object({ id: z.uuid() }) }, config: { access: "signed_in" } }, async (request, reply) => {
    const c = ctx(request);
    if (!(await markRead(c.db, c.actor.user_id, request.params.id))) throw new DomainError("not_found", "Notification introuvable.");
    return reply.status(204).send();
  });
}
