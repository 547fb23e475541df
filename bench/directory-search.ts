// Benchmark of the directory search (issue 3) — not a test. Loads 100,000 generated services spread
// over France into a dedicated PostgreSQL database, then times three searches (commune + thematic,
// commune + text, whole département) through the real HTTP endpoint at 1 and 16 concurrent clients,
// and the same queries written by hand in SQL, and prints p50 / p95 and the ratio.
//
//   npm run bench:directory                   (on the project's Node 24: types are stripped natively)
//   DATABASE_URL=postgres://… BENCH_SERVICES=100000 BENCH_REQUESTS=400 npm run bench:directory
//
// The database `spie_bench_directory` is created (dropped first) on the server of DATABASE_URL
// (default: the local server), and dropped at the end unless BENCH_KEEP=1.
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { THEMATIQUE_CATEGORIES, THEMATIQUES, PUBLICS, TYPES_SERVICE, expandThematiques, publicsFilter } from "../common/domain/directory.ts";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { communeKeys, searchColumns } from "../server/features/directory/eligibility.ts";
import { frenchPrefixQuery } from "../server/features/directory/search.ts";
import { getCommune } from "../server/features/territories/geography.ts";

const SERVICES = Number(process.env.BENCH_SERVICES ?? 100_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const DB_NAME = "spie_bench_directory";
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const benchUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

// Deterministic pseudo-random numbers (mulberry32), so that two runs load the same data.
let seed = 20260314;
function random(): number {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * max) }, () => pick(list)))];

// Names and descriptions: a few meaningful words (what people search for) among many fillers, so
// that a searched word appears in a few percent of the services, as in real data.
const WORDS = ["atelier", "accompagnement", "permis", "mobilité", "logement", "emploi", "formation", "numérique", "santé", "budget", "garde", "enfants", "vélo", "voiture", "CV", "entretien", "droits", "alimentation", "insertion", "jeunes", "parents", "solidaire", "conseil", "aide", "bénévoles", "informatique", "français", "handicap", "retraite", "transport"];
const FILLERS = Array.from({ length: 600 }, (_, i) => `mot${i.toString(36)}`);
const descriptionWord = () => (random() < 0.12 ? pick(WORDS) : pick(FILLERS));
const QUERY_WORDS = ["permis", "logement", "atelier vélo", "numérique", "garde enfants", "emploi jeunes", "santé", "budget"];

async function createDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
}

async function dropDatabase(): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.end();
}

async function load(client: pg.Client): Promise<{ communes: string[]; departements: string[] }> {
  // The 8,000 most populated communes: services and searches concentrate where people live.
  const all = createRequire(import.meta.url)("@etalab/decoupage-administratif/data/communes.json") as { code: string; type: string; population?: number }[];
  const communes = all.filter((c) => c.type === "commune-actuelle" && getCommune(c.code)).sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const weighted = communes.slice(0, 8000).map((c) => c.code);
  const structureCount = Math.ceil(SERVICES / 10);
  const start = performance.now();
  const structureIds: string[] = [];
  for (let i = 0; i < structureCount; i += 1000) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let j = i; j < Math.min(i + 1000, structureCount); j++) {
      const code = pick(weighted);
      values.push(`Structure fictive ${j}`, code, "bench", `bench--s${j}`);
      const k = values.length;
      rows.push(`($${k - 3}, $${k - 2}, $${k - 1}, $${k})`);
    }
    const res = await client.query<{ id: string }>(`insert into structures (name, commune_code, source, source_id) values ${rows.join(",")} returning id`, values);
    structureIds.push(...res.rows.map((r) => r.id));
  }
  const thematiques = THEMATIQUES.map((t) => t.value);
  const publics = PUBLICS.map((p) => p.value).filter((p) => p !== "tous-publics");
  const types = TYPES_SERVICE.map((t) => t.value);
  const today = new Date().toISOString().slice(0, 10);
  const COLUMNS = ["structure_id", "source", "source_id", "status", "nom", "description", "type", "thematiques", "publics", "code_insee", "modes_accueil", "zone_eligibilite", "date_maj", "eligibility", "eligibility_departements", "location_departement", "location_epci"];
  for (let i = 0; i < SERVICES; i += 500) {
    const values: unknown[] = [];
    const rows: string[] = [];
    for (let j = i; j < Math.min(i + 500, SERVICES); j++) {
      const code = pick(weighted);
      const c = getCommune(code)!;
      const r = random();
      // 40 % a commune, 25 % an EPCI, 30 % a département, 4 % all of France, 1 % no zone (anywhere).
      const zone = r < 0.4 ? [code] : r < 0.65 && c.epci ? [c.epci] : r < 0.95 ? [c.departement] : r < 0.99 ? ["france"] : null;
      const m = random();
      const modes = m < 0.8 ? ["en-presentiel"] : m < 0.9 ? ["a-distance"] : ["en-presentiel", "a-distance"];
      const nom = `${pick(WORDS)} ${pick(WORDS)} ${j}`;
      const description = Array.from({ length: 30 }, descriptionWord).join(" ");
      const row = [
        pick(structureIds), "bench", `bench--v${j}`, random() < 0.95 ? "published" : "draft", nom, description, pick(types),
        some(thematiques, 3), random() < 0.3 ? ["tous-publics"] : some(publics, 2), modes[0] === "a-distance" && modes.length === 1 ? null : code, modes, zone, today,
      ];
      const cols = searchColumns({ zone_eligibilite: zone, code_insee: row[9] as string | null });
      row.push(cols.eligibility, cols.eligibility_departements, cols.location_departement, cols.location_epci);
      const base = values.length;
      values.push(...row);
      rows.push(`(${COLUMNS.map((_, k) => `$${base + k + 1}`).join(",")})`);
    }
    await client.query(`insert into services (${COLUMNS.join(",")}) values ${rows.join(",")}`, values);
    if ((i / 500) % 40 === 0) process.stdout.write(`\r  ${i.toLocaleString("fr-FR")} services…`);
  }
  await client.query("analyze structures; analyze services");
  console.log(`\r  ${SERVICES.toLocaleString("fr-FR")} services in ${structureCount.toLocaleString("fr-FR")} structures loaded in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  const departements = [...new Set(communes.slice(0, 2000).map((x) => getCommune(x.code)!.departement))];
  return { communes: weighted.slice(0, 500), departements };
}

interface Query {
  kind: string;
  url: string;
  sql: { text: string; values: unknown[] };
}

const textArray = (values: readonly string[]) => `{${values.map((v) => `"${v}"`).join(",")}}`;

/** The search of the endpoint, written by hand: same filters, order, page, count and facets. */
function handSql(where: string[], values: unknown[], tier: string): { text: string; values: unknown[] } {
  return {
    text: `with m as materialized (
        select id, thematiques, type, publics, nom, ${tier} as tier from services s
        where (s.status = 'published' or (s.status = 'suspended' and s.suspended_until < current_date)) and ${where.join(" and ")}
      ), p as (select id from m order by tier, nom, id limit 20)
      select (select count(*) from m) as total,
        (select json_agg(s.*) from services s join p on p.id = s.id) as items,
        (select json_object_agg(c, n) from (select c, count(*) n from (select distinct id, split_part(t, '--', 1) c from m, unnest(thematiques) t) x group by c) f) as f1,
        (select json_object_agg(type, n) from (select type, count(*) n from m group by type) f) as f2,
        (select json_object_agg(p, n) from (select p, count(*) n from m, unnest(publics) p group by p) f) as f3`,
    values,
  };
}

function queries(communes: string[], departements: string[]): Record<string, () => Query> {
  const remoteOnly = `(s.modes_accueil @> '{a-distance}' and not s.modes_accueil @> '{en-presentiel}')`;
  const communeTier = (k: { code: string; epci: string | null; departement: string }) =>
    `case when ${remoteOnly} then 5 when s.code_insee = '${k.code}' then 0 when s.location_epci = '${k.epci ?? ""}' then 1 when s.location_departement = '${k.departement}' then 2 when s.code_insee is null then 4 else 3 end`;
  return {
    "commune + thématique": () => {
      const k = communeKeys(pick(communes))!;
      const category = pick(THEMATIQUE_CATEGORIES).value;
      return {
        kind: "commune + thématique",
        url: `/api/v1/services?code_insee=${k.code}&thematiques=${category}`,
        sql: handSql(["s.eligibility && $1::text[]", "s.thematiques && $2::text[]"], [textArray(k.keys), textArray(expandThematiques([category]).values)], communeTier(k)),
      };
    },
    "commune + texte": () => {
      const k = communeKeys(pick(communes))!;
      const q = pick(QUERY_WORDS);
      return {
        kind: "commune + texte",
        url: `/api/v1/services?code_insee=${k.code}&q=${encodeURIComponent(q)}`,
        sql: handSql(["s.eligibility && $1::text[]", "s.search_vector @@ to_tsquery('spie_french', $2)"], [textArray(k.keys), frenchPrefixQuery(q)], communeTier(k)),
      };
    },
    "département entier": () => {
      const d = pick(departements);
      const p = pick(PUBLICS).value;
      return {
        kind: "département entier",
        url: `/api/v1/services?departement=${d}&publics=${p}`,
        sql: handSql(["s.eligibility_departements && $1::text[]", "s.publics && $2::text[]"], [textArray(["*", d]), textArray(publicsFilter([p]))], `case when ${remoteOnly} then 5 when s.location_departement = '${d}' then 0 when s.code_insee is null then 4 else 3 end`),
      };
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeAll(count: number, concurrency: number, run: () => Promise<void>): Promise<{ p50: number; p95: number; rps: number }> {
  const times: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), rps: times.length / elapsed };
}

async function main(): Promise<void> {
  console.log(`Annuaire — banc d'essai de la recherche (${SERVICES.toLocaleString("fr-FR")} services, ${REQUESTS} requêtes par mesure)`);
  await createDatabase();
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 20 });
  await migrate(database.db);
  const loader = new pg.Client({ connectionString: benchUrl });
  await loader.connect();
  const { communes, departements } = await load(loader);

  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: benchUrl, SPIE_JOBS: "0" });
  const app = await buildApp({ config, db: database.db, logger: false });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const sqlPool = new pg.Pool({ connectionString: benchUrl, max: 16 });

  const all = queries(communes, departements);
  const rows: string[][] = [];
  for (const [name, make] of Object.entries(all)) {
    // Warm-up (plans, caches, JIT).
    for (let i = 0; i < 30; i++) {
      const q = make();
      const res = await fetch(url + q.url);
      if (res.status !== 200) throw new Error(`${q.url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      await sqlPool.query(q.sql.text, q.sql.values);
    }
    const sample = await (await fetch(url + make().url)).json();
    for (const concurrency of [1, 16]) {
      const http = await timeAll(REQUESTS, concurrency, async () => {
        const res = await fetch(url + make().url);
        await res.arrayBuffer();
      });
      const bySql = await timeAll(REQUESTS, concurrency, async () => {
        const q = make();
        await sqlPool.query(q.sql.text, q.sql.values);
      });
      rows.push([name, String(concurrency), http.p50.toFixed(1), http.p95.toFixed(1), http.rps.toFixed(0), bySql.p50.toFixed(1), bySql.p95.toFixed(1), (http.p95 / bySql.p95).toFixed(2), String((sample as { total: number }).total)]);
    }
  }
  const header = ["recherche", "clients", "HTTP p50 ms", "HTTP p95 ms", "HTTP req/s", "SQL p50 ms", "SQL p95 ms", "ratio p95", "résultats (ex.)"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
  const worst = Math.max(...rows.map((r) => Number(r[3])));
  console.log(`\nPire p95 HTTP : ${worst.toFixed(1)} ms (objectif < 50 ms). Ratio = p95 HTTP / p95 SQL à la main (objectif ≤ 2).`);

  await app.close();
  await sqlPool.end();
  await loader.end();
  await database.close();
  if (process.env.BENCH_KEEP !== "1") await dropDatabase();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
