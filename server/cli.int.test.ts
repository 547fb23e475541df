// The operators' CLI, run as a real process on a real embedded database (PGlite on disk).
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./db/client.ts";
import { actorFromToken } from "./features/auth/auth.service.ts";
import { loadConfig } from "./config.ts";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "spie-cli-"));
const cli = join(import.meta.dirname, "cli.ts");

async function spie(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, SPIE_DATA_DIR: dataDir, DATABASE_URL: "", NODE_ENV: "development" } });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Only once: the CLI runs on the embedded database whatever SPIE_TEST_DB says.
describe.runIf(process.env.SPIE_TEST_DB !== "postgres")("spie CLI", () => {
  it("migrates, seeds the demo once, adds users and memberships, creates tokens", { timeout: 120_000 }, async () => {
    expect((await spie("migrate")).stdout).toMatch(/Migrations appliquées|à jour/);
    expect((await spie("migrate")).stdout).toContain("La base est à jour.");
    const seeded = await spie("seed", "demo");
    expect(seeded.stdout).toContain("Données de démonstration chargées.");
    expect(seeded.stdout).toContain("camille.demo@demo.spie.example.org");
    expect((await spie("seed", "demo")).stdout).toContain("rien n'a été chargé");

    const admin = await spie("user", "add", "--email", "premiere.admin@test.spie.example.org", "--name", "Première Admin", "--password", "mot-de-passe-solide", "--role", "admin");
    expect(admin.code).toBe(0);
    expect(admin.stdout).toContain("Administrateur·rice de la plateforme.");

    const weak = await spie("user", "add", "--email", "faible@test.spie.example.org", "--name", "Faible", "--password", "court");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("12 caractères");

    const membership = await spie("user", "add", "--email", "premiere.admin@test.spie.example.org", "--name", "Première Admin", "--structure", "Mission locale de Laon", "--role", "professional");
    expect(membership.stdout).toContain("Rôle professional ajouté dans Mission locale de Laon.");
    const badRole = await spie("user", "add", "--email", "x@test.spie.example.org", "--name", "X", "--password", "mot-de-passe-solide", "--structure", "Mission locale de Laon", "--role", "chef");
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("rôle inconnu");

    const token = await spie("token", "create", "--email", "premiere.admin@test.spie.example.org", "--name", "Logiciel du département");
    expect(token.code).toBe(0);
    const secret = token.stdout.trim().split("\n").pop()!;
    expect(secret).toMatch(/^spie_/);

    const database = await openDatabase({ pgliteDir: join(dataDir, "pglite") });
    try {
      const actor = await actorFromToken({ db: database.db, config: loadConfig({}) }, secret);
      expect(actor?.is_admin).toBe(true);
      expect(actor?.memberships.map((m) => m.structure_name)).toEqual(["Mission locale de Laon"]);
    } finally {
      await database.close();
    }
    expect((await spie("token", "list", "--email", "premiere.admin@test.spie.example.org")).stdout).toContain("Logiciel du département");
  });

  it("creates, lists and edits territories", { timeout: 120_000 }, async () => {
    const added = await spie("territory", "add", "--name", "Aisne CLI", "--departement", "02");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Territoire créé");
    expect(added.stdout).toMatch(/departement 02 \(Aisne\)/);
    expect(added.stdout).toContain("fuseau Europe/Paris");
    const id = /([0-9a-f-]{36}) {2}Aisne CLI/.exec(added.stdout)?.[1];
    expect(id).toBeDefined();

    const noPerimeter = await spie("territory", "add", "--name", "Sans périmètre");
    expect(noPerimeter.code).toBe(1);
    expect(noPerimeter.stderr).toContain("indiquez le périmètre");
    const unknown = await spie("territory", "add", "--name", "Inconnu", "--departement", "20");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("perimeter.0.code");

    const edited = await spie("territory", "edit", id!, "--name", "Aisne et Mayotte CLI", "--departement", "02,976");
    expect(edited.code, edited.stderr).toBe(0);
    expect(edited.stdout).toContain("Aisne et Mayotte CLI");
    expect(edited.stdout).toMatch(/departement 976 \(Mayotte\)/);

    const list = await spie("territory", "list");
    expect(list.stdout).toContain(`${id}  Aisne et Mayotte CLI`);
    const missing = await spie("territory", "edit", "Nulle part", "--name", "X");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Territoire introuvable");
  });
});
