// The messaging layer: every message spie sends (invitations and password resets today; referral
// notices, reminders and committee dispatches next) is a `messages` row, sent by the durable job
// `message.send` (retried with back-off by the queue). Without SMTP_URL, messages stay in the
// outbox (status "outbox"), listed for the platform admins: never lost silently.
import { and, desc, eq, type SQL } from "drizzle-orm";
import type { MESSAGE_STATUSES } from "../../../common/schemas/messaging.ts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import { createMailer, type Mailer } from "./mailer.ts";
import { messages } from "./messaging.tables.ts";
import { render, templateLabel, type TemplateName } from "./templates.ts";

export const MESSAGE_JOB = "message.send";
export const MESSAGE_MAX_ATTEMPTS = 5;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export interface OutgoingMessage {
  channel: "email";
  to: string;
  template: TemplateName;
  data: Record<string, string>;
  /** What the message is about (an invitation, a password reset…). */
  related?: { type: string; id: string };
}

/**
 * Records the message and queues its sending. Call it inside the transaction that creates what the
 * message is about: both are committed together, or neither. Answers the message id.
 */
export async function sendMessage(db: Db, message: OutgoingMessage): Promise<string> {
  render(message.template, message.data); // a missing variable fails now, not in the worker
  const [row] = await db
    .insert(messages)
    .values({
      channel: message.channel,
      recipient: message.to.trim().toLowerCase(),
      template: message.template,
      data: message.data,
      related_type: message.related?.type ?? null,
      related_id: message.related?.id ?? null,
    })
    .returning({ id: messages.id });
  await enqueue(db, MESSAGE_JOB, { message_id: row!.id }, { maxAttempts: MESSAGE_MAX_ATTEMPTS });
  return row!.id;
}

function errorText(error: unknown): string {
  const e = error as { message?: string; responseCode?: number; code?: string };
  return (e?.message ?? String(error)).slice(0, 500);
}

/**
 * The `message.send` job: renders and sends through SMTP. The SMTP error is stored on the message
 * (the platform admins see it); the job's own error, which the worker logs, names the message id and
 * the SMTP code only (an SMTP answer may quote the address). The link is erased once sent.
 */
export function messageJob(config: Pick<Config, "smtpUrl" | "mailFrom">): JobHandler {
  let mailer: Mailer | null | undefined;
  return async (payload, { db, log, attempt = 1, maxAttempts = MESSAGE_MAX_ATTEMPTS }) => {
    const id = String(payload.message_id);
    const [message] = await db.select().from(messages).where(eq(messages.id, id));
    if (!message || message.status === "sent") return;
    mailer ??= createMailer(config);
    if (!mailer) {
      await db.update(messages).set({ status: "outbox", updated_at: new Date() }).where(eq(messages.id, id));
      log.info({ message_id: id }, "message kept in the outbox (no SMTP_URL)");
      return;
    }
    try {
      const sent = await mailer.send(message.recipient, render(message.template, message.data ?? {}));
      await db
        .update(messages)
        .set({ status: "sent", sent_at: new Date(), data: null, provider_message_id: sent.messageId, attempts: message.attempts + 1, last_error: null, updated_at: new Date() })
        .where(eq(messages.id, id));
      log.info({ message_id: id }, "message sent");
    } catch (error) {
      const last = attempt >= maxAttempts;
      await db
        .update(messages)
        .set({ status: last ? "failed" : "queued", attempts: message.attempts + 1, last_error: errorText(error), updated_at: new Date() })
        .where(eq(messages.id, id));
      const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code ?? "inconnu";
      throw new Error(`envoi du message ${id} impossible (code ${code})`, { cause: error });
    }
  };
}

/** The outbox for the platform admins: newest first, without the messages' content. */
export async function listMessages(db: Db, query: { status?: MessageStatus | undefined; limit: number }) {
  const where: SQL[] = [];
  if (query.status) where.push(eq(messages.status, query.status));
  const rows = await db
    .select()
    .from(messages)
    .where(and(...where))
    .orderBy(desc(messages.created_at), desc(messages.id))
    .limit(query.limit);
  return rows.map((m) => ({
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    template_label: templateLabel(m.template),
    related: m.related_type && m.related_id ? { type: m.related_type, id: m.related_id } : null,
    status: m.status as MessageStatus,
    attempts: m.attempts,
    last_error: m.last_error,
    created_at: m.created_at.toISOString(),
    sent_at: m.sent_at?.toISOString() ?? null,
  }));
}
