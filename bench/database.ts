// What every benchmark does with its dedicated PostgreSQL database: the admin connection, the
// database's URL, "already built?" (kept between runs, BENCH_REBUILD=1 forces a rebuild) and timed
// build steps. Not a benchmark itself.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";

export const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** The URL of the benchmark's own database, on the admin URL's server. */
export function benchDatabaseUrl(name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs with a connection to the server's admin database (create, drop, look up databases). */
export async function admin<T>(run: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

/** The database exists and its build finished (bench_meta.done), unless BENCH_REBUILD=1. */
export async function built(name: string): Promise<boolean> {
  if (process.env.BENCH_REBUILD === "1") return false;
  const exists = await admin(async (c) => (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount === 1);
  if (!exists) return false;
  const c = new pg.Client({ connectionString: benchDatabaseUrl(name) });
  await c.connect();
  try {
    const r = await c.query("select done from bench_meta").catch(() => null);
    return Boolean(r?.rows[0]?.done);
  } finally {
    await c.end();
  }
}

/** One build statement, with its duration printed. */
export async function step(c: pg.Client, label: string, text: string): Promise<void> {
  const t0 = performance.now();
  await c.query(text);
  console.log(`  ${label} — ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * The machine, for comparing figures across machines: its load and cores, a CPU yardstick (what a
 * request does most: JSON out and in, 2,000 times a 50-row page) and the PostgreSQL round trip
 * (`select 1` through node-postgres, p50 of 300). A slower machine shows in both before any route.
 */
export async function machine(): Promise<string> {
  const [one, five] = loadavg();
  const page = { items: Array.from({ length: 50 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`, last_name: "FICTIF", first_names: "Exemple", birth_date: "1990-01-01", due_on: null, flags: ["a", "b"] })) };
  const cpuStart = performance.now();
  for (let i = 0; i < 2_000; i++) JSON.parse(JSON.stringify(page));
  const cpu = performance.now() - cpuStart;
  const roundTrip = await admin(async (c) => {
    const times: number[] = [];
    for (let i = 0; i < 300; i++) {
      const t = performance.now();
      await c.query("select 1");
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[150]!;
  });
  return `charge ${one!.toFixed(2)} / ${five!.toFixed(2)} (1 / 5 min), ${cpus().length} cœurs ; étalon CPU ${cpu.toFixed(0)} ms, aller-retour PostgreSQL ${roundTrip.toFixed(3)} ms`;
}
