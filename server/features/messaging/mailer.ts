// The one module that talks to an SMTP server (the only importer of nodemailer: every message that
// leaves spie goes through the messaging layer, see messaging.ts and docs/messaging.md).
import nodemailer from "nodemailer";
import type { Config } from "../../config.ts";
import type { Rendered } from "./templates.ts";

export interface Mailer {
  send(to: string, mail: Rendered): Promise<{ messageId: string }>;
  close(): void;
}

/** The SMTP mailer of SMTP_URL, or null when none is configured (messages stay in the outbox). */
export function createMailer(config: Pick<Config, "smtpUrl" | "mailFrom">): Mailer | null {
  if (!config.smtpUrl) return null;
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(to, mail) {
      const info = await transport.sendMail({ from: config.mailFrom, to, subject: mail.subject, text: mail.text, html: mail.html });
      return { messageId: String(info.messageId ?? "") };
    },
    close: () => transport.close(),
  };
}
