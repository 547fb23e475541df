// What of an error may be written to the logs. Database errors carry personal data: Drizzle's
// message and `.params` hold the query's values, PostgreSQL's `.detail` quotes them ("Key
// (nir_hash)=(…)", "Failing row contains (…)"), and even its message may ("invalid input syntax
// for type uuid: "…""). Of a database error only the SQL state, the constraint, table and column
// names and the stack frames are kept; other errors keep their message.

const SQLSTATE = /^[0-9A-Z]{5}$/;

interface DbErrorFields {
  code?: unknown;
  severity?: unknown;
  routine?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  schema?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
}

function isDatabaseError(error: object): boolean {
  const e = error as DbErrorFields;
  return (typeof e.code === "string" && SQLSTATE.test(e.code) && ("severity" in e || "routine" in e)) || "params" in e || error.constructor?.name === "DrizzleQueryError";
}

/** The stack frames only: the first line of a stack repeats the message. */
function frames(error: Error): string | undefined {
  return error.stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .slice(0, 15)
    .join("\n");
}

const text = (v: unknown) => (typeof v === "string" && v.length <= 128 ? v : undefined);

export function loggableError(error: unknown): Record<string, unknown> {
  if (!error || typeof error !== "object") return { type: typeof error };
  const chain: object[] = [];
  for (let e: unknown = error; e && typeof e === "object" && chain.length < 5; e = (e as DbErrorFields).cause) chain.push(e);
  if (chain.some(isDatabaseError)) {
    const db = (chain.find((e) => typeof (e as DbErrorFields).code === "string" && SQLSTATE.test((e as DbErrorFields).code as string)) ?? {}) as DbErrorFields;
    const out: Record<string, unknown> = {
      type: "database",
      sqlstate: text(db.code),
      constraint: text(db.constraint),
      table: text(db.table),
      column: text(db.column),
      routine: text(db.routine),
      stack: error instanceof Error ? frames(error) : undefined,
    };
    return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
  }
  const e = error as Error & { code?: unknown };
  return { type: e.name ?? "Error", message: e.message, ...(typeof e.code === "string" ? { code: e.code } : {}), stack: frames(e) };
}

/** One line for a log field or a job's last error: the message, or for a database error its SQL state and names. */
export function errorSummary(error: unknown): string {
  const e = loggableError(error);
  if (e.type === "database") return ["database error", e.sqlstate, e.constraint ?? e.table].filter(Boolean).join(" ");
  return typeof e.message === "string" ? e.message : String(e.type);
}
