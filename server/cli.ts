#!/usr/bin/env node
// The operators' command line: `spie <command>`. Run `spie --help`.
import { Command, InvalidArgumentError } from "commander";
import { MEMBERSHIP_ROLES, type MembershipRole } from "../common/domain/roles.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import { DatabaseLockedError } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { DomainError } from "./http/errors.ts";
import { openConfiguredDatabase, serve, stopOnSignals } from "./server.ts";
import { demoLogins, seedDemo, isEmpty, type SeedResult } from "./features/demo/seed.ts";
import { DEMO_PASSWORD } from "./features/demo/demo-data.ts";
import * as admin from "./features/auth/admin.ts";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("un numéro de port (0-65535)");
  return n;
}

async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await migrate(database.db);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/** Where e-mails go: the SMTP server, or the outbox (never lost silently). */
function mailLine(config: Config): string {
  if (config.smtpUrl) return `E-mails : envoyés par le serveur SMTP de SMTP_URL, expéditeur ${config.mailFrom}, liens vers ${config.publicUrl}.`;
  return "E-mails : SMTP_URL n'est pas défini, les e-mails (invitations, mots de passe oubliés) ne partent pas : ils restent dans la boîte d'envoi, visible des administrateurs de la plateforme (page « Messages »).";
}

function printLogins(result: SeedResult): void {
  console.log(`\nComptes de démonstration (mot de passe : ${DEMO_PASSWORD}) :`);
  for (const login of result.logins) console.log(`  ${login.email.padEnd(42)} ${login.name} — ${login.roles}`);
}

const program = new Command("spie").description("Plateforme du Service public de l'insertion et de l'emploi").showHelpAfterError();

program
  .command("migrate")
  .description("Appliquer les migrations de la base de données")
  .action(async () => {
    const applied = await withDatabase((d) => migrate(d.db));
    console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "La base est à jour.");
  });

program
  .command("serve")
  .description("Servir l'application (migre la base d'abord)")
  .option("--port <n>", "port d'écoute (défaut : PORT ou 3000)", port)
  .action(async (options: { port?: number }) => {
    const config = loadConfig();
    if (options.port !== undefined) config.port = options.port;
    const running = await serve(config);
    stopOnSignals(running);
    console.log(`spie écoute sur ${running.url}`);
    console.log(mailLine(config));
  });

program
  .command("start")
  .description("Démarrer avec les données de démonstration si la base est vide (npm start)")
  .option("--port <n>", "port d'écoute", port)
  .action(async (options: { port?: number }) => {
    const config = loadConfig();
    if (options.port !== undefined) config.port = options.port;
    let seed: SeedResult | undefined;
    const running = await serve(config, {
      beforeListen: async (database) => {
        if (config.env !== "production" && (await isEmpty(database.db))) seed = await seedDemo(database.db);
      },
    });
    stopOnSignals(running);
    console.log(`\nspie est prêt : ${running.url}`);
    console.log(`Documentation de l'API : ${running.url}/api/docs`);
    console.log(`Base de données : ${config.databaseUrl ? "PostgreSQL (DATABASE_URL)" : `PGlite embarquée dans ${config.dataDir}`}`);
    console.log(mailLine(config));
    if (seed?.seeded) console.log("Données de démonstration chargées (personnes fictives).");
    if (config.env !== "production") printLogins(seed ?? { seeded: false, logins: demoLogins() });
  });

program
  .command("seed")
  .description("Charger un jeu de données")
  .argument("<set>", "jeu de données : demo")
  .action(async (set: string) => {
    if (set !== "demo") throw new InvalidArgumentError(`jeu de données inconnu « ${set} » (attendu : demo)`);
    const config = loadConfig();
    if (config.env === "production") throw new ConfigError("Les données de démonstration sont interdites en production.");
    const result = await withDatabase((d) => seedDemo(d.db));
    console.log(result.seeded ? "Données de démonstration chargées." : "La base contient déjà des comptes : rien n'a été chargé.");
    printLogins(result);
  });

const user = program.command("user").description("Comptes utilisateurs");
user
  .command("add")
  .description("Créer un compte, ou ajouter une appartenance à un compte existant (--role admin seul : administrateur de la plateforme)")
  .requiredOption("--email <email>", "adresse e-mail (identifiant de connexion)")
  .requiredOption("--name <name>", "nom affiché")
  .option("--password <password>", "mot de passe (12 caractères au moins) ; obligatoire pour un nouveau compte")
  .option("--structure <id>", "identifiant (ou nom exact) de la structure")
  .option("--role <role>", `rôle : ${[...MEMBERSHIP_ROLES, "admin"].join(", ")}`)
  .action(async (options: { email: string; name: string; password?: string; structure?: string; role?: string }) => {
    if (options.role && options.role !== "admin" && !MEMBERSHIP_ROLES.includes(options.role as MembershipRole)) {
      throw new InvalidArgumentError(`rôle inconnu « ${options.role} » (attendu : ${[...MEMBERSHIP_ROLES, "admin"].join(", ")})`);
    }
    if (options.structure && (!options.role || options.role === "admin")) throw new InvalidArgumentError("--structure demande un --role de structure");
    if (options.role && options.role !== "admin" && !options.structure) throw new InvalidArgumentError(`--role ${options.role} demande --structure (identifiant ou nom exact de la structure)`);
    const result = await withDatabase((d) => admin.addUser(d.db, { ...options, role: options.role as MembershipRole | "admin" | undefined }));
    console.log(result);
  });

const token = program.command("token").description("Jetons d'accès pour les systèmes partenaires");
token
  .command("create")
  .description("Créer un jeton agissant avec les droits du compte (affiché une seule fois)")
  .requiredOption("--email <email>", "compte dont le jeton porte les droits")
  .requiredOption("--name <label>", "libellé (ex. « Logiciel RSA du département »)")
  .action(async (options: { email: string; name: string }) => {
    const created = await withDatabase((d) => admin.createToken(d.db, options.email, options.name));
    console.log(`Jeton ${created.id} créé. Copiez-le maintenant, il ne sera plus affiché :\n${created.token}`);
  });
token
  .command("list")
  .description("Lister les jetons d'un compte")
  .requiredOption("--email <email>")
  .action(async (options: { email: string }) => {
    const rows = await withDatabase((d) => admin.listTokens(d.db, options.email));
    for (const r of rows) console.log(`${r.id}  ${r.revoked_at ? "révoqué " : "actif   "} ${r.name}  (créé ${r.created_at.toISOString()}, utilisé ${r.last_used_at?.toISOString() ?? "jamais"})`);
    if (rows.length === 0) console.log("Aucun jeton.");
  });
token
  .command("revoke")
  .description("Révoquer un jeton")
  .argument("<id>", "identifiant du jeton")
  .action(async (id: string) => {
    const done = await withDatabase((d) => admin.revokeToken(d.db, id));
    console.log(done ? "Jeton révoqué." : "Aucun jeton actif avec cet identifiant.");
  });

program
  .command("structure")
  .description("Structures")
  .command("list")
  .description("Lister les structures (identifiant, nom)")
  .action(async () => {
    const rows = await withDatabase((d) => admin.listStructures(d.db));
    for (const r of rows) console.log(`${r.id}  ${r.name}`);
  });

function collect(value: string, previous: string[]): string[] {
  return [...previous, ...value.split(",").map((v) => v.trim()).filter(Boolean)];
}

interface PerimeterOptions {
  region: string[];
  departement: string[];
  epci: string[];
  commune: string[];
}

function perimeterOf(options: PerimeterOptions): { kind: "region" | "departement" | "epci" | "commune"; code: string }[] {
  return (["region", "departement", "epci", "commune"] as const).flatMap((kind) => options[kind].map((code) => ({ kind, code })));
}

function printTerritory(t: { id: string; name: string; perimeter: { kind: string; code: string; name: string }[]; communes_count?: number; calendar?: { time_zone: string; zone_label: string } }): void {
  const perimeter = t.perimeter.map((p) => `${p.kind} ${p.code} (${p.name})`).join(", ");
  console.log(`${t.id}  ${t.name}  —  ${perimeter || "périmètre vide"}`);
  if (t.calendar) console.log(`  ${t.communes_count ?? 0} communes ; fuseau ${t.calendar.time_zone} ; jours fériés : ${t.calendar.zone_label}`);
}

const territoryCommand = program.command("territory").description("Territoires (périmètres de la géographie officielle)");
const perimeterOptions = (command: Command) =>
  command
    .option("--region <code>", "code INSEE de région (répétable, ou séparés par des virgules)", collect, [])
    .option("--departement <code>", "code de département, ex. 02 (répétable)", collect, [])
    .option("--epci <siren>", "SIREN d'EPCI (répétable)", collect, [])
    .option("--commune <code>", "code INSEE de commune (répétable)", collect, []);
perimeterOptions(territoryCommand.command("add").description("Créer un territoire").requiredOption("--name <name>", "nom du territoire")).action(
  async (options: PerimeterOptions & { name: string }) => {
    const perimeter = perimeterOf(options);
    if (perimeter.length === 0) throw new InvalidArgumentError("indiquez le périmètre : --departement, --region, --epci ou --commune");
    const { createTerritory } = await import("./features/territories/territories.service.ts");
    const created = await withDatabase((d) => createTerritory(d.db, admin.OPERATOR, { name: options.name, perimeter }));
    console.log("Territoire créé :");
    printTerritory(created);
  },
);
territoryCommand
  .command("list")
  .description("Lister les territoires (identifiant, nom, périmètre)")
  .action(async () => {
    const { listTerritories } = await import("./features/territories/territories.repository.ts");
    const rows = await withDatabase((d) => listTerritories(d.db));
    for (const t of rows) printTerritory(t);
    if (rows.length === 0) console.log("Aucun territoire. Créez-en un : spie territory add --name Aisne --departement 02");
  });
perimeterOptions(
  territoryCommand
    .command("edit")
    .description("Renommer un territoire ou remplacer son périmètre (les options de périmètre données remplacent tout le périmètre)")
    .argument("<id>", "identifiant (ou nom exact) du territoire")
    .option("--name <name>", "nouveau nom"),
).action(async (idOrName: string, options: PerimeterOptions & { name?: string }) => {
  const perimeter = perimeterOf(options);
  if (!options.name && perimeter.length === 0) throw new InvalidArgumentError("rien à changer : indiquez --name ou un périmètre");
  const { updateTerritory } = await import("./features/territories/territories.service.ts");
  const { listTerritories } = await import("./features/territories/territories.repository.ts");
  const updated = await withDatabase(async (d) => {
    const found = (await listTerritories(d.db)).find((t) => t.id === idOrName || t.name === idOrName);
    if (!found) throw new DomainError("not_found", `Territoire introuvable : « ${idOrName} » (voir « spie territory list »).`);
    return updateTerritory(d.db, admin.OPERATOR, found.id, { ...(options.name ? { name: options.name } : {}), ...(perimeter.length ? { perimeter } : {}) });
  });
  console.log("Territoire modifié :");
  printTerritory(updated);
});

program
  .command("import")
  .description("Importer des données")
  .command("data-inclusion")
  .description("Importer un fichier data·inclusion (modèle de tableur .xlsx ou JSON de l'API) dans l'annuaire et afficher le rapport")
  .argument("<fichier>", "chemin du fichier .xlsx ou .json")
  .option("--source <nom>", "producteur des lignes sans colonne « source » (défaut : le nom du fichier)")
  .option("--dry-run", "valider et compter sans rien écrire")
  .option("--json", "afficher le rapport en JSON")
  .action(async (file: string, options: { source?: string; dryRun?: boolean; json?: boolean }) => {
    const { runDataInclusionImport } = await import("./features/directory/import/import.cli.ts");
    process.exitCode = await withDatabase((d) => runDataInclusionImport(d.db, file, options));
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseLockedError || error instanceof InvalidArgumentError) console.error(`Erreur : ${error.message}`);
  else if (error instanceof DomainError) console.error(`Erreur : ${error.message}${error.errors ? ` (${error.errors.map((e) => `${e.field} : ${e.message}`).join(" ; ")})` : ""}`);
  else console.error(error);
  process.exitCode = 1;
});
