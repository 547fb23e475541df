// Benchmark of the referral lists (issue 10) — not a test. Builds, with set-based SQL, BENCH_REFERRALS
// fictional referrals (default 100,000) of 20,000 fictional people to 200 structures, one in five to
// one large structure (its inbox), in a dedicated PostgreSQL database, then times through real HTTP
// (the app listening on 127.0.0.1, bearer tokens) at 1 client the structure's inbox ("Orientations
// reçues", its filters) and "Mes orientations" of a professional with 560 people, beside the lists'
// main query written by hand in SQL, and prints the table with the machine's load.
//
//   npm run bench:referrals                       (100,000 referrals)
//   BENCH_REFERRALS=10000 BENCH_REQUESTS=100 npm run bench:referrals
//   BENCH_REBUILD=1 …   rebuild the database even when a built one with the same volume exists
import { performance } from "node:perf_hooks";
import pg from "pg";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { createToken } from "../server/features/auth/auth.service.ts";
import { admin, benchDatabaseUrl, built, machine, step } from "./database.ts";

const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 100_000);
const PEOPLE = 20_000;
const STRUCTURES = 200;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const DB_NAME = `spie_bench_referrals_${REFERRALS}`;
const benchUrl = benchDatabaseUrl(DB_NAME);

async function build(): Promise<void> {
  console.log(`Construction de ${DB_NAME}…`);
  await admin(async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
  });
  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 2 });
  await migrate(database.db);
  await database.close();
  const c = new pg.Client({ connectionString: benchUrl });
  await c.connect();
  await c.query("create function bench_uuid(k text, g bigint) returns uuid language sql immutable as $$ select overlay(overlay(md5(k || g) placing '4' from 13) placing '8' from 17)::uuid $$");
  await c.query("create table bench_meta (done boolean not null default false, pro_user uuid, receiver_user uuid, big_structure uuid)");
  await step(
    c,
    "territoire, structures, services, professionnels",
    `
    insert into territories (id, name) values (bench_uuid('t', 1), 'Aisne fictive');
    insert into territory_perimeters (territory_id, kind, code) values (bench_uuid('t', 1), 'departement', '02');
    insert into structures (id, name, territory_id, commune_code) select bench_uuid('s', g), 'Structure fictive ' || g, bench_uuid('t', 1), '02408' from generate_series(0, ${STRUCTURES}) g;
    insert into services (id, structure_id, source, source_id, status, nom, description, date_maj, eligibility, eligibility_departements)
      select bench_uuid('v', g), bench_uuid('s', g), 'bench', 'bench--' || g, 'published', 'Service fictif ' || g, 'Un service fictif.', current_date, '{}', '{}' from generate_series(1, ${STRUCTURES}) g;
    insert into users (id, email, name) values
      (bench_uuid('u', 1), 'pro560@bench.spie.example.org', 'Professionnelle Fictive 560'),
      (bench_uuid('u', 2), 'autre@bench.spie.example.org', 'Professionnel Fictif'),
      (bench_uuid('u', 3), 'receveuse@bench.spie.example.org', 'Receveuse Fictive');
    insert into memberships (id, user_id, structure_id, role) values
      (bench_uuid('m', 1), bench_uuid('u', 1), bench_uuid('s', 0), 'professional'),
      (bench_uuid('m', 2), bench_uuid('u', 2), bench_uuid('s', 0), 'professional'),
      (bench_uuid('m', 3), bench_uuid('u', 3), bench_uuid('s', 1), 'professional');
    insert into bench_meta (pro_user, receiver_user, big_structure) values (bench_uuid('u', 1), bench_uuid('u', 3), bench_uuid('s', 1));
  `,
  );
  await step(
    c,
    `${PEOPLE.toLocaleString("fr-FR")} personnes et leurs équipes (560 pour la professionnelle mesurée)`,
    `
    insert into people (id, first_names, last_name, birth_date, last_name_key, first_name_key, search_key, territory_id)
      select bench_uuid('p', g), 'Fictive', 'Exemple-' || g, date '1980-01-01' + (g % 9000), 'exemple ' || g, 'fictive', 'exemple ' || g || ' fictive', bench_uuid('t', 1)
      from generate_series(0, ${PEOPLE - 1}) g;
    insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
      select bench_uuid('p', g), case when g < 560 then bench_uuid('u', 1) else bench_uuid('u', 2) end, case when g < 560 then bench_uuid('m', 1) else bench_uuid('m', 2) end, bench_uuid('s', 0), true
      from generate_series(0, ${PEOPLE - 1}) g;
  `,
  );
  await step(
    c,
    `${REFERRALS.toLocaleString("fr-FR")} orientations (1 sur 5 vers la grande structure) et leur première étape`,
    `
    insert into referrals (id, person_id, service_id, service_name, receiving_structure_id, sender_user_id, sender_membership_id, reason, shared_person,
                           consent_recorded_by_user_id, consent_recorded_at, status, sent_at, due_at, remind_at, time_zone, calendar_zone, answered_at)
      select bench_uuid('r', g), bench_uuid('p', g % ${PEOPLE}), bench_uuid('v', s.n), 'Service fictif ' || s.n, bench_uuid('s', s.n),
             case when g % ${PEOPLE} < 560 then bench_uuid('u', 1) else bench_uuid('u', 2) end, case when g % ${PEOPLE} < 560 then bench_uuid('m', 1) else bench_uuid('m', 2) end,
             'Motif fictif.', jsonb_build_object('first_names', 'Fictive', 'last_name', 'Exemple-' || (g % ${PEOPLE}), 'phone', null, 'email', null),
             bench_uuid('u', 1), t.sent, st.status, t.sent, t.sent + interval '3 days', t.sent + interval '2 days', 'Europe/Paris', 'metropole',
             case when st.status <> 'sent' and st.status <> 'expired' then t.sent + interval '1 day' end
      from generate_series(1, ${REFERRALS}) g
      cross join lateral (select case when g % 5 = 0 then 1 else 2 + g % ${STRUCTURES - 1} end as n) s
      cross join lateral (select now() - ((g * 7919) % 525600) * interval '1 minute' as sent) t
      cross join lateral (select (array['sent','sent','in_review','accepted','accepted','refused','refused','completed','completed','expired'])[1 + (g / 7) % 10] as status) st;
    insert into referral_transitions (referral_id, from_status, to_status, at, actor_kind, actor_user_id)
      select id, null, 'sent', sent_at, 'user', sender_user_id from referrals;
  `,
  );
  await step(c, "vacuum analyze", "vacuum analyze");
  await c.query("update bench_meta set done = true");
  await c.end();
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeAll(count: number, run: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function main(): Promise<void> {
  console.log(`Orientations — banc d'essai (${REFERRALS.toLocaleString("fr-FR")} orientations, ${PEOPLE.toLocaleString("fr-FR")} personnes, ${STRUCTURES} structures, ${REQUESTS} requêtes par mesure, 1 client)`);
  console.log(`Machine avant : ${await machine()}`);
  if (!(await built(DB_NAME))) await build();
  else console.log(`Base ${DB_NAME} déjà construite : réutilisée (BENCH_REBUILD=1 pour la reconstruire).`);

  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 10 });
  await migrate(database.db);
  const sqlPool = new pg.Pool({ connectionString: benchUrl, max: 2 });
  const meta = (await sqlPool.query<{ pro_user: string; big_structure: string }>("select pro_user, big_structure from bench_meta")).rows[0]!;
  const pro = (await createToken(database.db, "pro560@bench.spie.example.org", "bench")).token;
  const receiver = (await createToken(database.db, "receveuse@bench.spie.example.org", "bench")).token;
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: benchUrl, SPIE_JOBS: "0" });
  const app = await buildApp({ config, db: database.db, logger: false });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });

  // The lists' main query, by hand.
  const inboxSql = {
    text: `(select r.id, r.status, r.shared_person, r.service_name, r.sent_at, r.due_at from referrals r where r.receiving_structure_id = $1 and r.status in ('sent','in_review') order by r.due_at, r.id limit 20)
           union all
           (select r.id, r.status, r.shared_person, r.service_name, r.sent_at, r.due_at from referrals r where r.receiving_structure_id = $1 and r.status not in ('sent','in_review') order by r.sent_at desc, r.id desc limit 20)
           limit 20`,
    values: [meta.big_structure],
  };
  const sentSql = {
    text: `select r.id, r.status, r.shared_person, r.service_name, r.sent_at, r.due_at from referrals r
           where exists (select 1 from team_members tm where tm.person_id = r.person_id and tm.left_at is null and tm.user_id = $1)
           order by r.sent_at desc, r.id desc limit 20`,
    values: [meta.pro_user],
  };
  const cases = [
    { name: "orientations reçues (grande structure)", url: "/api/v1/referrals?direction=received", token: receiver, sql: inboxSql },
    { name: "  idem, en retard", url: "/api/v1/referrals?direction=received&overdue=true", token: receiver },
    { name: "  idem, état « à l'étude »", url: "/api/v1/referrals?direction=received&status=in_review", token: receiver },
    { name: "  idem, page 50", url: "/api/v1/referrals?direction=received&page=50", token: receiver },
    { name: "mes orientations (560 personnes)", url: "/api/v1/referrals?direction=sent", token: pro, sql: sentSql },
    { name: "  idem, état « acceptée »", url: "/api/v1/referrals?direction=sent&status=accepted", token: pro },
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const headers = { authorization: `Bearer ${c.token}` };
    for (let i = 0; i < 10; i++) {
      const res = await fetch(url + c.url, { headers });
      if (res.status !== 200) throw new Error(`${c.url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const sample = (await (await fetch(url + c.url, { headers })).json()) as { total: number };
    const http = await timeAll(REQUESTS, async () => {
      const res = await fetch(url + c.url, { headers });
      if (res.status !== 200) throw new Error(`${c.url}: ${res.status}`);
      await res.arrayBuffer();
    });
    const bySql = c.sql ? await timeAll(REQUESTS, async () => void (await sqlPool.query(c.sql.text, c.sql.values))) : null;
    rows.push([c.name, http.p50.toFixed(1), http.p95.toFixed(1), bySql ? bySql.p95.toFixed(1) : "—", sample.total.toLocaleString("fr-FR")]);
    console.log(`  mesuré : ${c.name.trim()}`);
  }
  const header = ["route", "1 client p50", "1 client p95", "SQL main p95", "total"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
  const worst = Math.max(...rows.map((r) => Number(r[2])));
  console.log(`\nPire p95 à 1 client : ${worst.toFixed(1)} ms (objectif < 50 ms). Temps en ms. Machine après : ${await machine()}`);
  await app.close();
  await sqlPool.end();
  await database.close();
  if (process.env.BENCH_DROP === "1") await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
