// `spie import data-inclusion FILE`: the same import as the admin page (same limits, batches of
// WRITE_BATCH rows), run directly rather than as a job, with progress on stderr and the report printed.
import { readFileSync, statSync } from "node:fs";
import type { ImportIssue, ImportReport } from "../../../../common/schemas/directory.ts";
import type { Db } from "../../../db/client.ts";
import { MAX_IMPORT_BYTES, sourceFromFilename } from "../import-export.routes.ts";
import { importDataInclusion, UnreadableFileError, type ImportProgress } from "./import.service.ts";

function line(issue: ImportIssue): string {
  const where = [issue.sheet, issue.row !== null ? `ligne ${issue.row}` : null, issue.field].filter(Boolean).join(" · ");
  return `  ${where} : ${issue.message}${issue.value !== null && !issue.message.includes(issue.value) ? ` (valeur : ${issue.value})` : ""}`;
}

export function formatReport(report: ImportReport): string {
  const c = (label: string, k: ImportReport["structures"]) =>
    `${label} : ${k.received} lue(s), ${k.valid} valide(s), ${k.invalid} invalide(s) — ${k.created} créée(s), ${k.updated} mise(s) à jour, ${k.unchanged} inchangée(s)`;
  const out = [
    `Import data·inclusion (${report.format}, source « ${report.source} »)${report.dry_run ? " — essai à blanc, rien n'a été écrit" : ""}`,
    c("Structures", report.structures),
    c("Services", report.services),
  ];
  if (report.warnings.length) out.push(`Avertissements (${report.warnings.length}) :`, ...report.warnings.map(line));
  if (report.errors.length) out.push(`Lignes ignorées car invalides — ${report.errors.length + report.errors_omitted} erreur(s) :`, ...report.errors.map(line));
  if (report.errors_omitted) out.push(`  … et ${report.errors_omitted} autre(s) erreur(s) non listée(s).`);
  return out.join("\n");
}

/** Runs the import and prints the report; returns the exit code (1 when nothing could be read). */
export async function runDataInclusionImport(db: Db, file: string, options: { source?: string; dryRun?: boolean; json?: boolean }): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    console.error(`Erreur : fichier introuvable : ${file}`);
    return 1;
  }
  if (size > MAX_IMPORT_BYTES) {
    console.error(`Erreur : le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo : découpez-le (par exemple par département).`);
    return 1;
  }
  try {
    let last = 0;
    const onProgress = (p: ImportProgress) => {
      const now = Date.now();
      if (now - last < 1000 && p.done < p.total) return;
      last = now;
      console.error(`${p.phase === "validation" ? "Validation" : "Écriture"} : ${p.done.toLocaleString("fr-FR")} / ${p.total.toLocaleString("fr-FR")}`);
    };
    const report = await importDataInclusion(db, readFileSync(file), { source: options.source ?? sourceFromFilename(file), dryRun: options.dryRun ?? false, onProgress });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } catch (error) {
    if (error instanceof UnreadableFileError) {
      console.error(`Erreur : fichier illisible : ${error.message}`);
      return 1;
    }
    throw error;
  }
}
