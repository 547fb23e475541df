// A real SMTP server inside the test (smtp-server on 127.0.0.1, a free port), keeping the mails it
// receives, parsed with mailparser. `refuse` makes it answer every mail with a permanent error.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { Db } from "../db/client.ts";
import type { Config } from "../config.ts";
import { platformJobs } from "../jobs/handlers.ts";
import { runOnce } from "../jobs/worker.ts";

export interface ReceivedMail {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string;
}

export interface TestSmtp {
  url: string;
  mails: ReceivedMail[];
  /** Refuse the next mails with an SMTP error (true) or accept them again (false). */
  refuse: boolean;
  /** The mails sent to that address. */
  to(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    url: "",
    mails: [],
    refuse: false,
    to: (address) => state.mails.filter((m) => m.to === address.toLowerCase()),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      if (state.refuse) {
        stream.resume();
        stream.on("end", () => callback(Object.assign(new Error("Boîte pleine (refus du serveur de test)"), { responseCode: 552 })));
        return;
      }
      simpleParser(stream).then(
        (mail) => {
          const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
          state.mails.push({
            to: (to?.value[0]?.address ?? "").toLowerCase(),
            from: mail.from?.text ?? "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            html: typeof mail.html === "string" ? mail.html : "",
          });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  state.url = `smtp://127.0.0.1:${port}`;
  return state;
}

/** Runs every due job (the messages' sending) like the worker would; answers how many ran. */
export async function runDueJobs(db: Db, config: Config): Promise<number> {
  const registry = platformJobs(config);
  const log = { info: () => {}, error: () => {} };
  let n = 0;
  while (await runOnce(registry, { db, log })) n++;
  return n;
}

/** The token at the end of the first link to `path` in the text. */
export function linkToken(text: string, path: "invitation" | "mot-de-passe" | "orientation-externe"): string {
  const match = new RegExp(`https?://\\S+/${path}/([A-Za-z0-9_.-]+)`).exec(text);
  if (!match) throw new Error(`no /${path}/ link in the mail`);
  return match[1]!;
}
