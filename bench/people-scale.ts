// Benchmark of the people lists and the file routes at the scale of a département and of France
// (issue 12) — not a test. Builds, with set-based SQL, BENCH_PEOPLE fictional people (30 % in the
// Aisne's territory), 2.1 team rows per person, BENCH_EVENTS timeline events and 3 access-log rows
// per person, in a dedicated PostgreSQL database, then times every person-scoped list and file route
// and the coordinators' queues of the Aisne (all six, then each one's first page) and territory-wide
// search through real HTTP (the app listening on 127.0.0.1, bearer tokens) at 1 and 8 clients,
// beside the query written by hand in SQL, and prints the table with the machine's load. A base
// built by an older version gets the columns added since filled by SQL (upgrade()).
//
//   npm run bench:people                                   (1,000,000 people; 10k: BENCH_PEOPLE=10000)
//   BENCH_PEOPLE=10000 BENCH_EVENTS=20 BENCH_REQUESTS=200 npm run bench:people
//   BENCH_REBUILD=1 …   rebuild the database even when a built one with the same volumes exists
//
// The database spie_bench_people_<people>_<events> is kept between runs (it takes minutes to build
// at 1 M) and reused when present; BENCH_DROP=1 drops it at the end.
import { performance } from "node:perf_hooks";
import pg from "pg";
import { normalizeName } from "../common/domain/text.ts";
import { buildApp } from "../server/app.ts";
import { loadConfig } from "../server/config.ts";
import { openDatabase } from "../server/db/client.ts";
import { migrate } from "../server/db/migrate.ts";
import { createToken } from "../server/features/auth/auth.service.ts";
import { QUEUE_KINDS, type QueueKind } from "../common/schemas/territories.ts";
import { admin, benchDatabaseUrl, built, machine, step } from "./database.ts";

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
/** Timeline events per person (the issue's 20 M at 1 M people = 20). */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const AISNE = Math.round(PEOPLE * 0.3);
const POOL = Math.max(20, Math.round(PEOPLE / 560));
const DB_NAME = `spie_bench_people_${PEOPLE}_${EVENTS}`;
const benchUrl = benchDatabaseUrl(DB_NAME);

// Syllables of the fictional last names: "Fictif-Bamoru"… 27,000 combinations, ~37 people each per million.
const SYLLABLES = ["ba", "mo", "ru", "ki", "lo", "ta", "ne", "vi", "so", "pa", "du", "re", "mi", "ga", "zo", "fe", "li", "no", "tu", "ca", "po", "si", "la", "be", "ko", "da", "me", "ri", "vo", "sa"];
const FIRST_NAMES = ["Test", "Exemple", "Fictif", "Fictive", "Essai", "Modèle", "Démo", "Témoin"];

function syllableSql(expr: string): string {
  return `(array[${SYLLABLES.map((s) => `'${s}'`).join(",")}])[1 + (${expr}) % ${SYLLABLES.length}]`;
}

/** Builds the volumes with set-based SQL; secondary indexes dropped during the load, rebuilt after. */
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
  // Deterministic person ids, valid UUID v4 (the API validates them).
  await c.query("create function bench_uuid(g bigint) returns uuid language sql immutable as $$ select overlay(overlay(md5('p' || g) placing '4' from 13) placing '8' from 17)::uuid $$");
  await c.query("create table bench_meta (done boolean not null default false, aisne uuid, pro_user uuid, big_user uuid)");
  const BIG = ["people", "team_members", "person_events", "access_log", "orientations"];
  const indexes = (await c.query<{ indexname: string; indexdef: string }>("select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename = any($1) and indexname not like '%_pkey'", [BIG])).rows;
  for (const i of indexes) await c.query(`drop index ${i.indexname}`);
  // Foreign keys are not checked during the load (the generated rows satisfy them by construction).
  await c.query("set session_replication_role = replica");
  await c.query("set maintenance_work_mem = '256MB'");
  await step(
    c,
    "territoires, structures, professionnels",
    `
    insert into territories (name) select 'Territoire fictif ' || g from generate_series(1, 20) g;
    insert into territories (name) values ('Aisne fictive');
    insert into territory_perimeters (territory_id, kind, code) select id, 'departement', '02' from territories where name = 'Aisne fictive';
    insert into structures (name, territory_id) select 'Structure fictive ' || t.name, t.id from territories t;
    insert into users (email, name) select 'pool' || g || '@bench.spie.example.org', 'Professionnel Fictif ' || g from generate_series(1, ${POOL}) g;
    insert into users (email, name) values ('pro560@bench.spie.example.org', 'Professionnelle Fictive 560'), ('aisne@bench.spie.example.org', 'Agent Fictif Aisne');
    insert into memberships (user_id, structure_id, role)
      select u.id, s.id, 'professional' from users u
      join lateral (select id from structures order by name offset (abs(hashtext(u.email)) % 21) limit 1) s on true;
    update memberships set structure_id = (select s.id from structures s join territories t on t.id = s.territory_id where t.name = 'Aisne fictive')
      where user_id in (select id from users where email in ('pro560@bench.spie.example.org', 'aisne@bench.spie.example.org'));
    insert into bench_meta (aisne, pro_user, big_user) select
      (select id from territories where name = 'Aisne fictive'),
      (select id from users where email = 'pro560@bench.spie.example.org'),
      (select id from users where email = 'aisne@bench.spie.example.org');
    create temporary table pool as select row_number() over (order by u.email) - 1 as n, u.id as user_id, m.id as membership_id, m.structure_id
      from users u join memberships m on m.user_id = u.id where u.email like 'pool%';
    create temporary table others as select row_number() over (order by id) - 1 as n, id from territories where name <> 'Aisne fictive';
  `,
  );
  const last = `'Fictif-' || ${syllableSql("g")} || ${syllableSql("g / 30")} || ${syllableSql("g / 900")}`;
  await step(
    c,
    `${PEOPLE.toLocaleString("fr-FR")} personnes`,
    `
    insert into people (id, first_names, last_name, birth_date, last_name_key, first_name_key, search_key, commune_code, territory_id,
                        rsa_right_opened_on, rsa_status, created_at, updated_at)
    select bench_uuid(g), f.first, initcap(${last}), date '1960-01-01' + ((g::bigint * 7919) % 14000)::int,
      lower(${last}), lower(f.first), lower(${last}) || ' ' || lower(f.first), '02408',
      case when g <= ${AISNE} then (select aisne from bench_meta) else (select id from others where n = g % 20) end,
      current_date - (g * 31) % 900, 'droit_ouvert_versable',
      now() - ((g * 17) % 1100) * interval '1 day', now() - ((g * 13) % 1000) * interval '1 day'
    from generate_series(1, ${PEOPLE}) g
    cross join lateral (select (array[${FIRST_NAMES.map((n) => `'${n}'`).join(",")}])[1 + g % ${FIRST_NAMES.length}] as first) f
  `,
  );
  // Normalised keys as the app writes them (normalizeName: no accents, hyphens as spaces).
  await step(c, "clés de nom", `update people set last_name_key = replace(last_name_key, '-', ' '), first_name_key = translate(first_name_key, 'éè', 'ee'), search_key = translate(replace(search_key, '-', ' '), 'éè', 'ee')`);
  await step(
    c,
    "équipes (référent·e, 2ᵉ professionnel·le, agent de l'Aisne)",
    `
    insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
      select bench_uuid(g), p.user_id, p.membership_id, p.structure_id, true
      from generate_series(561, ${PEOPLE}) g join pool p on p.n = g % ${POOL};
    insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
      select bench_uuid(g), m.user_id, m.id, m.structure_id, true
      from generate_series(1, 560) g, memberships m where m.user_id = (select pro_user from bench_meta);
    insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
      select bench_uuid(g), p.user_id, p.membership_id, p.structure_id, false
      from generate_series(${AISNE + 1}, ${PEOPLE}) g join pool p on p.n = (g + 7) % ${POOL};
    insert into team_members (person_id, user_id, membership_id, structure_id, is_referent)
      select bench_uuid(g), m.user_id, m.id, m.structure_id, false
      from generate_series(1, ${AISNE}) g, memberships m where m.user_id = (select big_user from bench_meta);
  `,
  );
  await step(
    c,
    "orientations (70 % des personnes de l'Aisne)",
    `
    insert into orientations (person_id, track, structure_id, decided_on, notified_on, recommended_track, recommendation, decided_by_user_id)
      select bench_uuid(g), 'professionnelle', m.structure_id, current_date - (g % 300) - 2, current_date - (g % 300), 'professionnelle', '{"score":1,"reasons":[],"diagnostic_version":0}', m.user_id
      from generate_series(1, ${AISNE}) g, memberships m where m.user_id = (select big_user from bench_meta) and g % 10 >= 3;
  `,
  );
  await step(c, "référent·e de chaque dossier (has_referent)", FILL_HAS_REFERENT);
  await step(c, "échéances stockées", FILL_DEADLINES);
  await step(c, "échéances recopiées sur les sièges d'équipe", FILL_TEAM_DUE_DATES);
  const types = ["note_added", "diagnostic_saved", "contract_updated", "person_updated"];
  await step(
    c,
    `${(PEOPLE * EVENTS).toLocaleString("fr-FR")} événements`,
    `
    insert into person_events (person_id, at, type, actor_user_id, data)
      select bench_uuid(g), now() - (g % 1000 + e) * interval '1 day', (array[${types.map((t) => `'${t}'`).join(",")}])[1 + e % ${types.length}], p.user_id, '{}'
      from generate_series(1, ${PEOPLE}) g join pool p on p.n = g % ${POOL}, generate_series(1, ${EVENTS}) e
  `,
  );
  await step(
    c,
    `${(PEOPLE * 3).toLocaleString("fr-FR")} lignes du journal des accès`,
    `
    insert into access_log (at, user_id, membership_id, person_id, action, resource, route, reason, via)
      select now() - (g % 300 + e) * interval '1 day', p.user_id, p.membership_id, bench_uuid(g), 'read', 'person', 'GET /api/v1/people/:id', 'team', 'session'
      from generate_series(1, ${PEOPLE}) g join pool p on p.n = g % ${POOL}, generate_series(1, 3) e
  `,
  );
  await c.query("set session_replication_role = origin");
  const t0 = performance.now();
  // access_log is partitioned: its indexes read "ON ONLY public.access_log" (the parent alone);
  // recreated without ONLY they are built on every partition again.
  for (const i of indexes) await c.query(i.indexdef.replace(" ON ONLY ", " ON "));
  console.log(`  ${indexes.length} index recréés — ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  await step(c, "vacuum analyze", "vacuum analyze");
  await c.query("update bench_meta set done = true");
  await c.end();
}

// The stored deadlines, as the pure rules compute them with the default settings (no contract, no
// note, RSA right open: orientation due 42 days after the right opened, done by the orientation
// decision; contract due a month after the notification; contact 3 months after the file's creation).
const FILL_DEADLINES = `
  update people p set
    legal_due_on = case when o.notified_on is null then p.rsa_right_opened_on + 42 else (o.notified_on + interval '1 month')::date end,
    contact_due_on = ((p.created_at at time zone 'UTC')::date + interval '3 months')::date,
    pending_step = case when o.person_id is null then 'orientation' else 'contract' end,
    deadline_dates = jsonb_build_object(
      'orientation', jsonb_build_object('started_on', p.rsa_right_opened_on, 'due_on', p.rsa_right_opened_on + 42, 'done_on', o.decided_on),
      'contract', case when o.person_id is null then null else jsonb_build_object('started_on', o.notified_on, 'due_on', (o.notified_on + interval '1 month')::date, 'done_on', null) end,
      'contact', jsonb_build_object('started_on', (p.created_at at time zone 'UTC')::date, 'due_on', ((p.created_at at time zone 'UTC')::date + interval '3 months')::date, 'done_on', null))
  from people q left join orientations o on o.person_id = q.id
  where q.id = p.id`;
// What the team_members trigger keeps (it does not fire during the load: replication role).
// What the team_members / people triggers keep (migration 0023): each seat carries its person's due dates.
const FILL_TEAM_DUE_DATES = "update team_members tm set legal_due_on = p.legal_due_on, contact_due_on = p.contact_due_on from people p where p.id = tm.person_id";
const FILL_HAS_REFERENT = "update people p set has_referent = true where exists (select 1 from team_members tm where tm.person_id = p.id and tm.is_referent and tm.left_at is null)";

/** A database built before a column existed gets it filled the way the build does. */
async function upgrade(): Promise<void> {
  const c = new pg.Client({ connectionString: benchUrl });
  await c.connect();
  try {
    if ((await c.query("select 1 from people where deadline_dates is null limit 1")).rowCount) {
      console.log("Mise à niveau de la base construite :");
      await c.query("set maintenance_work_mem = '256MB'");
      await step(c, "échéances stockées (étape, dates)", FILL_DEADLINES);
      await step(c, "échéances recopiées sur les sièges d'équipe", FILL_TEAM_DUE_DATES);
      await step(c, "vacuum analyze people, team_members", "vacuum analyze people, team_members");
    }
    // The coordinator of the Aisne (the queues), added to bases built before the queues were measured.
    await c.query(`
      insert into users (email, name) values ('coord@bench.spie.example.org', 'Coordinatrice Fictive Aisne') on conflict do nothing;
      insert into memberships (user_id, structure_id, role)
        select u.id, s.id, 'coordinator' from users u, structures s join territories t on t.id = s.territory_id
        where u.email = 'coord@bench.spie.example.org' and t.name = 'Aisne fictive'
          and not exists (select 1 from memberships m where m.user_id = u.id);
    `);
  } finally {
    await c.end();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timeAll(count: number, concurrency: number, run: () => Promise<void>): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  let next = 0;
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
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

interface Case {
  name: string;
  url: () => string;
  token: string;
  sql?: { text: string; values: unknown[] } | undefined;
}

async function main(): Promise<void> {
  console.log(`Personnes — banc d'essai (${PEOPLE.toLocaleString("fr-FR")} personnes dont ${AISNE.toLocaleString("fr-FR")} dans l'Aisne, ${EVENTS} événements par personne, ${REQUESTS} requêtes par mesure)`);
  console.log(`Machine avant : ${await machine()}`);
  if (!(await built(DB_NAME))) await build();
  else console.log(`Base ${DB_NAME} déjà construite : réutilisée (BENCH_REBUILD=1 pour la reconstruire).`);

  const database = await openDatabase({ databaseUrl: benchUrl, poolSize: 20 });
  await migrate(database.db);
  await upgrade();
  const sqlPool = new pg.Pool({ connectionString: benchUrl, max: 8 });
  const meta = (await sqlPool.query<{ pro_user: string; big_user: string; aisne: string }>("select pro_user, big_user, aisne from bench_meta")).rows[0]!;
  const pro = (await createToken(database.db, "pro560@bench.spie.example.org", "bench")).token;
  const big = (await createToken(database.db, "aisne@bench.spie.example.org", "bench")).token;
  const coord = (await createToken(database.db, "coord@bench.spie.example.org", "bench")).token;
  const proPeople = (await sqlPool.query<{ person_id: string }>("select person_id from team_members where user_id = $1 and left_at is null order by person_id", [meta.pro_user])).rows.map((r) => r.person_id);
  const names = (await sqlPool.query<{ last_name: string }>("select last_name from people where territory_id = (select aisne from bench_meta) order by id limit 50")).rows.map((r) => r.last_name.slice("Fictif-".length));
  let k = 0;
  const cycle = <T>(list: T[]): T => list[k++ % list.length]!;

  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_URL: benchUrl, SPIE_JOBS: "0" });
  const app = await buildApp({ config, db: database.db, logger: false });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });

  // The hand-written SQL of the list page (what the route's main query does, without the rest).
  const handList = (userId: string, extra: string, values: unknown[] = []) => ({
    text: `select p.id, p.first_names, p.last_name, p.birth_date from people p
           where exists (select 1 from team_members tm join memberships m on m.id = tm.membership_id where tm.person_id = p.id and tm.user_id = $1 and tm.left_at is null and m.ended_at is null) ${extra}
           order by p.last_name_key, p.first_name_key, p.id limit 20`,
    values: [userId, ...values],
  });
  const today = new Date().toISOString().slice(0, 10);
  const queueSql: Record<QueueKind, { where: string; order: string; from?: string }> = {
    awaiting_orientation: { where: "p.pending_step = 'orientation'", order: "p.legal_due_on nulls last, p.created_at, p.id" },
    awaiting_contract: { where: "p.pending_step = 'contract'", order: "p.legal_due_on, p.id" },
    reorientation_requests: { from: "join reorientation_requests r on r.person_id = p.id and r.status = 'pending'", where: "true", order: "r.created_at, r.id" },
    join_requests: { from: "join join_requests j on j.person_id = p.id and j.status = 'pending'", where: "true", order: "j.created_at, j.id" },
    without_referent: { where: "not p.has_referent", order: "p.created_at, p.id" },
    without_contact: { where: `p.contact_due_on < '${today}'`, order: "p.contact_due_on, p.id" },
  };
  const handQueue = (kind: QueueKind) => ({
    text: `select p.id, p.first_names, p.last_name, p.birth_date, p.legal_due_on, p.contact_due_on from people p ${queueSql[kind].from ?? ""}
           where p.territory_id = $1 and p.merged_into is null and ${queueSql[kind].where} order by ${queueSql[kind].order} limit 20`,
    values: [meta.aisne],
  });
  const cases: Case[] = [
    { name: "mes personnes, pro. 560 dossiers", url: () => "/api/v1/people", token: pro, sql: handList(meta.pro_user, "") },
    { name: "  idem, filtre « en retard »", url: () => "/api/v1/people?overdue=true", token: pro, sql: handList(meta.pro_user, "and p.legal_due_on < $2", [today]) },
    { name: `liste de ${AISNE.toLocaleString("fr-FR")} dossiers, page 1`, url: () => "/api/v1/people", token: big, sql: handList(meta.big_user, "") },
    { name: "  idem, page 40", url: () => "/api/v1/people?page=40", token: big },
    { name: "  idem, tri mise à jour", url: () => "/api/v1/people?sort=-updated_at", token: big },
    {
      name: "  idem, recherche par nom",
      url: () => `/api/v1/people?q=${encodeURIComponent(cycle(names))}`,
      token: big,
      sql: handList(meta.big_user, "and p.search_key like $2", [`%${normalizeName(names[0]!)}%`]),
    },
    { name: "  idem, filtre « en retard »", url: () => "/api/v1/people?overdue=true", token: big, sql: handList(meta.big_user, "and p.legal_due_on < $2", [today]) },
    { name: "  idem, filtre « sans contact »", url: () => "/api/v1/people?no_contact_3_months=true", token: big, sql: handList(meta.big_user, "and p.contact_due_on < $2", [today]) },
    { name: "un dossier (GET personne)", url: () => `/api/v1/people/${cycle(proPeople)}`, token: pro, sql: { text: "select * from people where id = $1", values: [proPeople[0]] } },
    { name: "  chronologie", url: () => `/api/v1/people/${cycle(proPeople)}/timeline`, token: pro, sql: { text: "select * from person_events where person_id = $1 order by at desc limit 500", values: [proPeople[0]] } },
    { name: "  parcours", url: () => `/api/v1/people/${cycle(proPeople)}/pathway`, token: pro },
    // The coordinators' queues of the Aisne (every person of the territory), page 1, beside the
    // hand-written query of the page (each queue is an index walk on the stored deadlines).
    { name: `files d'attente (les 6, page 1), territoire de ${AISNE.toLocaleString("fr-FR")}`, url: () => `/api/v1/territories/${meta.aisne}/queues`, token: coord },
    ...QUEUE_KINDS.map((kind) => ({ name: `  file ${kind}`, url: () => `/api/v1/territories/${meta.aisne}/queues/${kind}`, token: coord, sql: handQueue(kind) })),
    {
      name: "  recherche dans tout le territoire",
      url: () => `/api/v1/territories/${meta.aisne}/people?q=${encodeURIComponent(cycle(names))}`,
      token: coord,
      sql: { text: "select id, first_names, last_name from people where territory_id = $1 and search_key like $2 order by last_name_key, first_name_key, id limit 21", values: [meta.aisne, `%${normalizeName(names[0]!)}%`] },
    },
  ];

  const rows: string[][] = [];
  for (const c of cases) {
    const headers = { authorization: `Bearer ${c.token}` };
    for (let i = 0; i < 10; i++) {
      const res = await fetch(url + c.url(), { headers });
      if (res.status !== 200) throw new Error(`${c.url()}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }
    const sample = (await (await fetch(url + c.url(), { headers })).json()) as { total?: number; total_is_capped?: boolean; count?: number; count_is_capped?: boolean; items?: unknown[] };
    if (sample.total === undefined && sample.count !== undefined) Object.assign(sample, { total: sample.count, total_is_capped: sample.count_is_capped });
    const cells = [c.name];
    for (const concurrency of [1, 8]) {
      const http = await timeAll(REQUESTS, concurrency, async () => {
        const res = await fetch(url + c.url(), { headers });
        if (res.status !== 200) throw new Error(`${c.url()}: ${res.status}`);
        await res.arrayBuffer();
      });
      cells.push(http.p50.toFixed(1), http.p95.toFixed(1));
      if (concurrency === 1) {
        const bySql = c.sql ? await timeAll(REQUESTS, 1, async () => void (await sqlPool.query(c.sql!.text, c.sql!.values))) : null;
        cells.push(bySql ? bySql.p95.toFixed(1) : "—");
      }
    }
    cells.push(sample.total !== undefined ? `${sample.total.toLocaleString("fr-FR")}${sample.total_is_capped ? "+" : ""}` : String(sample.items?.length ?? "—"));
    rows.push(cells);
    console.log(`  mesuré : ${c.name.trim()}`);
  }
  const header = ["route", "1 client p50", "1 client p95", "SQL main p95", "8 clients p50", "8 clients p95", "total"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
  const worst = Math.max(...rows.map((r) => Number(r[2])));
  console.log(`\nPire p95 à 1 client : ${worst.toFixed(1)} ms (objectif < 20 ms). Temps en ms. Machine après : ${await machine()}`);

  await app.close();
  await sqlPool.end();
  await database.close();
  if (process.env.BENCH_DROP === "1") await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
