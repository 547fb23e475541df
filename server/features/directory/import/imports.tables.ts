import { boolean, index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import type { ImportReport } from "../../../../common/schemas/directory.ts";
import { bytea, createdAt, pk, tstz } from "../../../db/columns.ts";
import { users } from "../../auth/auth.tables.ts";

/**
 * Large directory imports, run as durable jobs (issue 7): the uploaded file waits here until the
 * job reads it (then it is dropped), with the progress and the final report.
 */
export const directory_imports = pgTable(
  "directory_imports",
  {
    id: pk(),
    /** queued → running → done | failed */
    status: text("status").notNull().default("queued"),
    /** validation | ecriture while running. */
    phase: text("phase"),
    done: integer("done").notNull().default(0),
    total: integer("total").notNull().default(0),
    source: text("source").notNull(),
    dry_run: boolean("dry_run").notNull().default(false),
    filename: text("filename"),
    created_by: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    /** The uploaded file, until the job has read it. */
    file: bytea("file"),
    report: jsonb("report").$type<ImportReport>(),
    /** Why the import failed (French, shown to the user). */
    error: text("error"),
    created_at: createdAt(),
    started_at: tstz("started_at"),
    finished_at: tstz("finished_at"),
  },
  (t) => [index("directory_imports_created_idx").on(t.created_at)],
);
