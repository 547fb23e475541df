// Benchmark of duplicate detection (issue 9) against BENCH_PEOPLE people (1,000,000 by default) —
// not a test. The people come, read-only, from the database of bench/people-scale.ts
// (spie_bench_people_<N>_20) when it is built, copied into a dedicated database migrated with the
// current schema (spie_bench_duplicates_<N>); otherwise they are generated here with the same
// fictional names ("Fictif-Bamoru Test") and birth dates spread over 1960–1998.
//
// Each query is a near-duplicate of an existing person (one day off, one typo, names swapped, day
// and month swapped, or identical), so the answer must name that person (recall is printed). Timed at
// 1 client: the hand-written SQL of the look-up, the repository + scoring (findDuplicates and
// duplicateVerdict), and POST /api/v1/people answering 409 (app.inject: validation, policy, the
// look-up, the scoring, the team of the candidates and the access-log rows; no network).
//
//   npm run bench:duplicates                       (1,000,000 people)
//   BENCH_PEOPLE=20000 BENCH_REQUESTS=200 npm run bench:duplicates
//   BENCH_REBUILD=1 …   rebuild the copy;  BENCH_DROP=1 …   drop the copy at the end
import { execSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { duplicateVerdict, nearBirthDates, TRIGRAM_RECALL } from "../common/domain/duplicates.ts";
import { normalizeName } from "../common/domain/text.ts";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { createToken } from "../server/features/auth/auth.service.ts";
import { findDuplicates } from "../server/features/people/people.repository.ts";
import { nameKeys } from "../server/features/people/people.service.ts";
import { machine } from "./database.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const SOURCE = `spie_bench_people_${PEOPLE}_20`;
const DB_NAME = `spie_bench_duplicates_${PEOPLE}`;
const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const urlOf = (name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};
const benchUrl = urlOf(DB_NAME);

const SYLLABLES = ["ba", "mo", "ru", "ki", "lo", "ta", "ne", "vi", "so", "pa", "du", "re", "mi", "ga", "zo", "fe", "li", "no", "tu", "ca", "po", "si", "la", "be", "ko", "da", "me", "ri", "vo", "sa"];
const FIRST_NAMES = ["Test", "Exemple", "Fictif", "Fictive", "Essai", "Modèle", "Démo", "Témoin"];
const syllable = (expr: string) => `(array[${SYLLABLES.map((s) => `'${s}'`).join(",")}])[1 + (${expr}) % ${SYLLABLES.length}]`;

async function withClient<T>(url: string, run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  return withClient(adminUrl, async (c) => (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1);
}

async function ready(name: string, table: string): Promise<boolean> {
  if (!(await databaseExists(name))) return false;
  return withClient(urlOf(name), async (c) => Boolean((await c.query(`select done from ${table}`).catch(() => null))?.rows[0]?.done));
}

async function step(c: pg.Client, label: string, text: string): Promise<void> {
  const t0 = performance.now();
  await c.query(text);
  console.log(`  ${label} — ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const COLUMNS = "id, first_names, last_name, birth_date, last_name_key, first_name_key, search_key, commune_code, created_at, updated_at";

async function build(): Promise<void> {
  console.log(`Construction de ${DB_NAME}…`);
  await withClient(adminUrl, async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
  });
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 2 });
  await migrate(database.db);
  await database.close();
  await withClient(benchUrl, async (c) => {
    await c.query("create table bench_duplicates_meta (done boolean not null default false, source text)");
    const indexes = (await c.query<{ indexname: string; indexdef: string }>("select indexname, indexdef from pg_indexes where tablename = 'people' and indexname not like '%_pkey'")).rows;
    for (const i of indexes) await c.query(`drop index ${i.indexname}`);
    let source = "générées";
    if (await ready(SOURCE, "bench_meta")) {
      // Read-only copy of the scale bench's people (names, keys, birth dates), without their territory.
      const t0 = performance.now();
      const psql = (db: string) => `psql "${urlOf(db)}" -v ON_ERROR_STOP=1 -q`;
      execSync(`${psql(SOURCE)} -c "\\copy (select ${COLUMNS} from people) to stdout" | ${psql(DB_NAME)} -c "\\copy people (${COLUMNS}) from stdin"`, { stdio: "inherit", shell: "/bin/bash" });
      console.log(`  ${PEOPLE.toLocaleString("fr-FR")} personnes copiées de ${SOURCE} (lecture seule) — ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      source = SOURCE;
    } else {
      const last = `'Fictif-' || ${syllable("g")} || ${syllable("g / 30")} || ${syllable("g / 900")}`;
      await step(
        c,
        `${PEOPLE.toLocaleString("fr-FR")} personnes générées`,
        `insert into people (first_names, last_name, birth_date, last_name_key, first_name_key, search_key, commune_code)
         select f.first, initcap(${last}), date '1960-01-01' + ((g::bigint * 7919) % 14000)::int,
           replace(lower(${last}), '-', ' '), translate(lower(f.first), 'éè', 'ee'), translate(replace(lower(${last}), '-', ' ') || ' ' || lower(f.first), 'éè', 'ee'), '02408'
         from generate_series(1, ${PEOPLE}) g
         cross join lateral (select (array[${FIRST_NAMES.map((n) => `'${n}'`).join(",")}])[1 + g % ${FIRST_NAMES.length}] as first) f`,
      );
    }
    const t0 = performance.now();
    for (const i of indexes) await c.query(i.indexdef);
    console.log(`  ${indexes.length} index de people recréés — ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await step(c, "vacuum analyze", "vacuum analyze people");
    await c.query("insert into bench_duplicates_meta (done, source) values (true, $1)", [source]);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Probe {
  target: string;
  kind: string;
  body: { first_names: string; last_name: string; birth_date: string };
}

function shift(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A near-duplicate of an existing person, by one of the issue's five ways. */
function probeOf(row: { id: string; first_names: string; last_name: string; birth_date: string }, i: number): Probe {
  const [y, m, d] = row.birth_date.split("-");
  switch (i % 5) {
    case 0:
      return { target: row.id, kind: "un jour d'écart", body: { first_names: row.first_names, last_name: row.last_name, birth_date: shift(row.birth_date, 1) } };
    case 1: {
      const typo = row.last_name.slice(0, -2) + row.last_name.slice(-1) + row.last_name.slice(-2, -1);
      return { target: row.id, kind: "faute de frappe", body: { first_names: row.first_names, last_name: typo, birth_date: row.birth_date } };
    }
    case 2:
      return { target: row.id, kind: "nom et prénom inversés", body: { first_names: row.last_name, last_name: row.first_names, birth_date: row.birth_date } };
    case 3:
      return { target: row.id, kind: "jour et mois inversés", body: { first_names: row.first_names, last_name: row.last_name, birth_date: Number(d) <= 12 ? `${y}-${d}-${m}` : shift(row.birth_date, -1) } };
    default:
      return { target: row.id, kind: "identique (accents, casse)", body: { first_names: row.first_names.toUpperCase(), last_name: normalizeName(row.last_name), birth_date: row.birth_date } };
  }
}

async function time(probes: Probe[], run: (p: Probe) => Promise<string[]>): Promise<{ p50: number; p95: number; p99: number; recall: number }> {
  const times: number[] = [];
  let found = 0;
  for (const p of probes) {
    const t0 = performance.now();
    const ids = await run(p);
    times.push(performance.now() - t0);
    if (ids.includes(p.target)) found++;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), recall: found / probes.length };
}

async function main(): Promise<void> {
  console.log(`Doublons — banc d'essai (${PEOPLE.toLocaleString("fr-FR")} personnes, ${REQUESTS} recherches par mesure, 1 client)`);
  console.log(`Machine avant : ${await machine()}`);
  if (process.env.BENCH_REBUILD === "1" || !(await ready(DB_NAME, "bench_duplicates_meta"))) await build();
  else console.log(`Base ${DB_NAME} déjà construite : réutilisée (BENCH_REBUILD=1 pour la reconstruire).`);

  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 4 });
  await migrate(database.db);
  const sql = new pg.Client({ connectionString: benchUrl });
  await sql.connect();
  const source = (await sql.query<{ source: string }>("select source from bench_duplicates_meta")).rows[0]?.source;
  console.log(`Personnes : ${source === SOURCE ? `copiées de ${SOURCE}` : "générées ici"}`);

  // A professional of a fictional structure, with a token (the 409 path of the API).
  await sql.query("insert into structures (name) select 'Structure fictive du banc' where not exists (select 1 from structures where name = 'Structure fictive du banc')");
  await sql.query("insert into users (email, name) values ('doublons@bench.spie.example.org', 'Professionnelle Fictive') on conflict do nothing");
  await sql.query(`insert into memberships (user_id, structure_id, role) select u.id, s.id, 'professional' from users u, structures s
    where u.email = 'doublons@bench.spie.example.org' and s.name = 'Structure fictive du banc' and not exists (select 1 from memberships m where m.user_id = u.id)`);
  const token = (await createToken(database.db, "doublons@bench.spie.example.org", "bench")).token;

  const sample = (
    await sql.query<{ id: string; first_names: string; last_name: string; birth_date: string }>(
      `select id, first_names, last_name, birth_date::text as birth_date from people where merged_into is null order by md5(id::text || 'doublons') limit ${REQUESTS}`,
    )
  ).rows;
  const probes = sample.map(probeOf);

  // The hand-written SQL of the look-up by similarity (the identifiers are plain index probes): the
  // close birth dates and the trigram similarity read in people_birth_search_idx alone, then the
  // best 50 rows.
  const HAND = `select p.id, p.first_names, p.last_name, p.birth_name, p.birth_date from people p join (
      select id from people where birth_date = any($1::date[]) and merged_into is null and similarity(search_key, $2) >= $3
      order by similarity(search_key, $2) desc limit 50) c on c.id = p.id`;
  const hand = async (p: Probe) => {
    const r = await sql.query<{ id: string }>(HAND, [nearBirthDates(p.body.birth_date), nameKeys(p.body).search_key, TRIGRAM_RECALL]);
    return r.rows.map((x) => x.id);
  };
  const repository = async (p: Probe) => {
    const rows = await findDuplicates(database.db, { search_key: nameKeys(p.body).search_key, birth_date: p.body.birth_date });
    return rows.filter((r) => duplicateVerdict(p.body, r) !== null).map((r) => r.person_id);
  };
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: benchUrl, SPIE_JOBS: "0" });
  const app = await buildApp({ config, db: database.db, logger: false });
  const api = async (p: Probe) => {
    const res = await app.inject({ method: "POST", url: "/api/v1/people", headers: { authorization: `Bearer ${token}` }, payload: p.body });
    if (res.statusCode !== 409) return [];
    return (res.json() as { candidates: { person_id: string }[] }).candidates.map((c) => c.person_id);
  };

  // Warm-up (plans, caches), then the measures.
  for (const p of probes.slice(0, 20)) {
    await hand(p);
    await repository(p);
  }
  const plan = await sql.query(`explain (analyze, buffers) ${HAND}`, [
    nearBirthDates(probes[0]!.body.birth_date),
    nameKeys(probes[0]!.body).search_key,
    TRIGRAM_RECALL,
  ]);
  console.log(`\nPlan de la recherche écrite à la main (1re recherche) :\n${plan.rows.map((r) => `  ${r["QUERY PLAN"]}`).join("\n")}`);
  // The time PostgreSQL itself spends on the hand-written query (EXPLAIN ANALYZE's execution time):
  // what remains of a look-up once the client's round trip and the machine's other work are left out.
  const executions: number[] = [];
  for (const p of probes) {
    const r = await sql.query(`explain (analyze, timing off, format json) ${HAND}`, [nearBirthDates(p.body.birth_date), nameKeys(p.body).search_key, TRIGRAM_RECALL]);
    executions.push(Number((r.rows[0] as { "QUERY PLAN": { "Execution Time": number }[] })["QUERY PLAN"][0]!["Execution Time"]));
  }
  executions.sort((a, b) => a - b);
  const rows: [string, Awaited<ReturnType<typeof time>>][] = [
    ["exécution dans PostgreSQL (EXPLAIN ANALYZE de la requête à la main)", { p50: percentile(executions, 50), p95: percentile(executions, 95), p99: percentile(executions, 99), recall: NaN }],
    ["SQL écrit à la main (dates proches + similarity, index seul)", await time(probes, hand)],
    ["findDuplicates + duplicateVerdict (dépôt + règles)", await time(probes, repository)],
    ["POST /api/v1/people → 409 (app.inject)", await time(probes, api)],
  ];
  const kinds = [...new Set(probes.map((p) => p.kind))];
  console.log(`\nRecherches : ${kinds.join(", ")} (autant de chaque)\n`);
  console.log("| mesure | p50 (ms) | p95 (ms) | p99 (ms) | doublon retrouvé |");
  console.log("|---|---|---|---|---|");
  for (const [name, r] of rows) console.log(`| ${name} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${Number.isNaN(r.recall) ? "—" : `${(r.recall * 100).toFixed(1)} %`} |`);
  const worst = Math.max(...rows.slice(1).map(([, r]) => r.p95));
  console.log(`\nPire p95 à 1 client : ${worst.toFixed(1)} ms (objectif < 50 ms). Machine après : ${await machine()}`);
  await app.close();
  await sql.end();
  await database.close();
  if (process.env.BENCH_DROP === "1") await withClient(adminUrl, (c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
}

await main();
