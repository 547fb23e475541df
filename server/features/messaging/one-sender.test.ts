// Project rule: every message that leaves spie goes through the one messaging layer. Only its
// mailer talks to SMTP (imports nodemailer); features call sendMessage().
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../paths.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("one messaging layer", () => {
  it("has nodemailer imported by server/features/messaging/mailer.ts only", () => {
    const root = repoRoot();
    const importers = ["server", "common", "web", "bin"]
      .flatMap((dir) => sources(join(root, dir)))
      .filter((file) => /from\s+["']nodemailer["']|require\(["']nodemailer["']\)|import\(["']nodemailer["']\)/.test(readFileSync(file, "utf8")))
      .map((file) => relative(root, file));
    expect(importers).toEqual(["server/features/messaging/mailer.ts"]);
  });
});
