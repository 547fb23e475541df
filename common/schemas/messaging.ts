import { z } from "../zod.ts";
import { id } from "./common.ts";

export const MESSAGE_STATUSES = ["queued", "sent", "failed", "outbox"] as const;
export const MESSAGE_STATUS_LABELS: Record<(typeof MESSAGE_STATUSES)[number], string> = {
  queued: "En attente d'envoi",
  sent: "Envoyé",
  failed: "Échec",
  outbox: "Dans la boîte d'envoi (pas de serveur SMTP)",
};

export const messageListQuery = z.strictObject({
  status: z.enum(MESSAGE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A message as the platform admins see it in the outbox: never its content (it may carry a one-time link). */
export const messageItem = z.object({
  id,
  channel: z.string(),
  recipient: z.string(),
  template: z.string(),
  template_label: z.string(),
  related: z.object({ type: z.string(), id: z.string() }).nullable(),
  status: z.enum(MESSAGE_STATUSES),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  created_at: z.string(),
  sent_at: z.string().nullable(),
});
export type MessageItem = z.infer<typeof messageItem>;
export const messageList = z.object({ items: z.array(messageItem), smtp_configured: z.boolean() });
