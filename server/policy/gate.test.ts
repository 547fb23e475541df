// The gate is the only place that decides access to a file and writes the access log: a service
// that asks the policy for one person or writes the log itself would be a second, unchecked gate.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../paths.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("one gate", () => {
  const root = repoRoot();
  const features = sources(join(root, "server", "features"));

  it("no feature writes the access log (only server/policy does)", () => {
    const writers = features.filter((f) => !f.includes("access-log") && /\brecordAccess\s*\(/.test(readFileSync(f, "utf8")));
    expect(writers.map((f) => relative(root, f))).toEqual([]);
  });

  it("no feature decides access to one person itself (the route declares it, the gate decides)", () => {
    const deciders = features.filter((f) => /\b(personAccess|requirePersonAccess|decide)\s*\(/.test(readFileSync(f, "utf8").replace(/^import .*$/gm, "").replace(/\/\/.*$/gm, "")));
    expect(deciders.map((f) => relative(root, f))).toEqual([]);
  });
});
