import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, pk, tstz, updatedAt } from "../../db/columns.ts";

/**
 * Every message spie sends (e-mails today), one row each: who, which template, about what, and
 * where it stands. `data` holds the template's variables (the one-time link among them) only until
 * the message is sent: it is erased then. See docs/messaging.md.
 */
export const messages = pgTable(
  "messages",
  {
    id: pk(),
    /** "email" (the only channel so far). */
    channel: text("channel").notNull(),
    /** The address the message goes to. */
    recipient: text("recipient").notNull(),
    /** Template name (server/features/messaging/templates.ts). */
    template: text("template").notNull(),
    data: jsonb("data").$type<Record<string, string>>(),
    /** What the message is about, e.g. "invitation" + its id. */
    related_type: text("related_type"),
    related_id: text("related_id"),
    /** queued → sent | failed; outbox when no SMTP server is configured (kept for the platform admins). */
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    last_error: text("last_error"),
    /** The Message-ID the SMTP server accepted. */
    provider_message_id: text("provider_message_id"),
    created_at: createdAt(),
    updated_at: updatedAt(),
    sent_at: tstz("sent_at"),
  },
  (t) => [index("messages_created_idx").on(t.created_at), index("messages_related_idx").on(t.related_type, t.related_id)],
);
