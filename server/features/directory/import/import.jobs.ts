// Large imports as durable jobs (issue 7): the upload is stored in `directory_imports` and a
// `directory-import` job (server/jobs) reads, validates and writes it in batches, recording its
// progress; `GET /api/v1/imports/{id}` follows it. A job interrupted by a crash is claimed again
// when its lease expires and simply runs again: unchanged records are skipped (content hash).
import { eq, getTableColumns } from "drizzle-orm";
import type { ImportJob } from "../../../../common/schemas/directory.ts";
import type { Db } from "../../../db/client.ts";
import { enqueue, extendLease } from "../../../jobs/queue.ts";
import type { JobContext } from "../../../jobs/worker.ts";
import { importDataInclusion } from "./import.service.ts";
import { directory_imports } from "./imports.tables.ts";
import { UnreadableFileError } from "./records.ts";

export const IMPORT_JOB = "directory-import";

/** Progress is written at most this often (each write is a query). */
const PROGRESS_EVERY_MS = 500;

export async function queueImport(db: Db, values: { file: Uint8Array; source: string; dryRun: boolean; filename: string | null; createdBy: string | null; total: number }): Promise<ImportJob> {
  const [row] = await db
    .insert(directory_imports)
    .values({ file: values.file, source: values.source, dry_run: values.dryRun, filename: values.filename, created_by: values.createdBy, total: values.total })
    .returning();
  // Several attempts only for a crash (the handler records every other failure itself).
  await enqueue(db, IMPORT_JOB, { import_id: row!.id }, { maxAttempts: 3 });
  return view(row!);
}

function view(row: typeof directory_imports.$inferSelect): ImportJob {
  return {
    id: row.id,
    status: row.status as ImportJob["status"],
    phase: (row.phase as ImportJob["phase"]) ?? null,
    done: row.done,
    total: row.total,
    source: row.source,
    dry_run: row.dry_run,
    filename: row.filename,
    error: row.error,
    report: row.report ?? null,
    created_at: row.created_at.toISOString(),
    started_at: row.started_at?.toISOString() ?? null,
    finished_at: row.finished_at?.toISOString() ?? null,
  };
}

export async function findImport(db: Db, id: string): Promise<ImportJob | undefined> {
  const { file: _file, ...columns } = getTableColumns(directory_imports);
  const [row] = await db.select(columns).from(directory_imports).where(eq(directory_imports.id, id));
  return row ? view({ ...row, file: null }) : undefined;
}

/** The job: reads the stored file, imports it with progress, stores the report or the reason it failed. */
export async function runImportJob(payload: Record<string, unknown>, context: JobContext): Promise<void> {
  const { db, log } = context;
  const id = String(payload.import_id);
  const [row] = await db.select().from(directory_imports).where(eq(directory_imports.id, id));
  if (!row || row.status === "done" || row.status === "failed") return;
  const finish = (values: Partial<typeof directory_imports.$inferInsert>) =>
    db
      .update(directory_imports)
      .set({ ...values, file: null, finished_at: new Date() })
      .where(eq(directory_imports.id, id));
  if (!row.file) {
    await finish({ status: "failed", error: "Le fichier de cet import n'est plus disponible : envoyez-le à nouveau." });
    return;
  }
  await db.update(directory_imports).set({ status: "running", phase: "validation", started_at: new Date() }).where(eq(directory_imports.id, id));
  let last = 0;
  try {
    const report = await importDataInclusion(db, row.file, {
      source: row.source,
      dryRun: row.dry_run,
      onProgress: async (p) => {
        const now = Date.now();
        if (now - last < PROGRESS_EVERY_MS && p.done < p.total) return;
        last = now;
        await db.update(directory_imports).set({ phase: p.phase, done: p.done, total: p.total }).where(eq(directory_imports.id, id));
        if (context.jobId !== undefined) await extendLease(db, context.jobId);
      },
    });
    await finish({ status: "done", phase: null, report });
    log.info({ import_id: id, services: report.services.valid, structures: report.structures.valid, invalid: report.services.invalid + report.structures.invalid }, "directory import done");
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      await finish({ status: "failed", error: `Fichier illisible : ${error.message}` });
      return;
    }
    log.error({ import_id: id, err: error instanceof Error ? error.message : String(error) }, "directory import failed");
    await finish({ status: "failed", error: "L'import a échoué sur une erreur interne : les lots déjà écrits sont conservés ; réessayez (les lignes inchangées seront ignorées) ou contactez l'équipe de la plateforme." });
  }
}
