// Reads the one-time links of messages not yet sent (still in the messages table), for tests that
// run without an SMTP server. Tests of the sending itself use server/test/smtp.ts.
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { messages } from "../features/messaging/messaging.tables.ts";

async function lastLink(db: Db, to: string, template: string): Promise<string> {
  const [row] = await db
    .select({ data: messages.data })
    .from(messages)
    .where(and(eq(messages.recipient, to.toLowerCase()), eq(messages.template, template)))
    .orderBy(desc(messages.created_at))
    .limit(1);
  const link = row?.data?.link;
  if (!link) throw new Error(`no ${template} message with a link for ${to}`);
  return link.split("/").at(-1)!;
}

export const invitationToken = (db: Db, to: string) => lastLink(db, to, "invitation");
export const resetToken = (db: Db, to: string) => lastLink(db, to, "password_reset");
