// Import of data·inclusion data: every record is validated against the official schema and the
// directory's rules; valid ones are upserted by (source, id), invalid ones are reported (sheet,
// row, field, reason) and skipped. A record identical to what was imported last time (same hash)
// is left untouched, so re-running the same file changes nothing.
// Large files (issue 7): the file is read in a worker thread with limits (parse.ts), validation
// yields to the event loop every few hundred records, and records are written in batches of at
// most WRITE_BATCH rows (multi-row inserts under PostgreSQL's 65,535 bind parameters), each batch
// in its own transaction — one transaction for the whole import when it fits in one batch.
import { createHash } from "node:crypto";
import { isStructureType } from "../../structures/structure-types.ts";
import type { ImportIssue, ImportReport } from "../../../../common/schemas/directory.ts";
import type { Db } from "../../../db/client.ts";
import { getTableColumns } from "drizzle-orm";
import { structures as structuresTable } from "../../structures/structures.tables.ts";
import { services as servicesTable } from "../directory.tables.ts";
import { getCommune, resolveCommuneCode } from "../../territories/geography.ts";
import { listTerritories } from "../../territories/territories.repository.ts";
import { communeInPerimeter } from "../../territories/geography.ts";
import { announcePublished } from "../publications.ts";
import { serviceRuleIssues, structureRuleIssues } from "../checks.ts";
import * as repo from "../directory.repository.ts";
import { searchColumns } from "../eligibility.ts";
import { directoryChanged } from "../search.ts";
import { parseFile } from "./parse.ts";
import type { ParsedFile, RawRecord } from "./records.ts";
import { rangeIssues, schemaIssues } from "./validate.ts";

export interface ImportOptions {
  /** Producer name for records without `source` (spreadsheets). */
  source: string;
  dryRun?: boolean;
  /** An already parsed file (the route parsed it to choose between inline and job). */
  parsed?: ParsedFile;
  /** Called after each validated slice and each written batch. */
  onProgress?: (progress: ImportProgress) => Promise<void> | void;
}

export interface ImportProgress {
  phase: "validation" | "ecriture";
  done: number;
  total: number;
}

/** PostgreSQL's limit of bind parameters in one statement. */
export const MAX_BIND_PARAMETERS = 65_535;
/** Rows per write batch: short transactions (PGlite serialises queries), under the bind-parameter limit. */
export const WRITE_BATCH = Math.min(200, Math.floor(MAX_BIND_PARAMETERS / Math.max(Object.keys(getTableColumns(servicesTable)).length, Object.keys(getTableColumns(structuresTable)).length)));
/** Ids per look-up query (one bind parameter each). */
const LOOKUP_CHUNK = 10_000;
/** Errors listed in a report; beyond, they are counted in `errors_omitted` (rows are still counted invalid). */
export const MAX_REPORTED_ERRORS = 5_000;
/** Records validated between two yields to the event loop. */
const VALIDATION_SLICE = 250;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

interface Valid {
  record: RawRecord;
  source: string;
  id: string;
  hash: string;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const strs = (v: unknown): string[] | null => (Array.isArray(v) && v.length > 0 ? v.map(String) : null);

/** Stable hash of a record's content (keys sorted). */
export function recordHash(data: Record<string, unknown>): string {
  const sorted = Object.keys(data)
    .sort()
    .map((k) => [k, data[k]]);
  return createHash("sha256").update(JSON.stringify(sorted)).digest("base64url");
}

function issue(record: RawRecord, id: string | null, i: { field: string | null; value: string | null; message: string; code: string }): ImportIssue {
  return { sheet: record.sheet, row: record.row, id, field: i.field, value: i.value, message: i.message, code: i.code };
}

/** A file-level problem: the file could not be read at all (nothing was imported). */
export { UnreadableFileError } from "./records.ts";

export async function importDataInclusion(db: Db, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const parsed = options.parsed ?? (await parseFile(bytes));
  const errors: ImportIssue[] = [];
  const counts = () => ({ received: 0, valid: 0, invalid: 0, created: 0, updated: 0, unchanged: 0 });
  const report: ImportReport = { format: parsed.format, source: options.source, dry_run: Boolean(options.dryRun), structures: counts(), services: counts(), errors, errors_omitted: 0, warnings: parsed.warnings };
  const reportIssues = (list: ImportIssue[]) => {
    for (const i of list) {
      if (errors.length < MAX_REPORTED_ERRORS) errors.push(i);
      else report.errors_omitted++;
    }
  };
  const progress = async (p: ImportProgress) => {
    if (options.onProgress) await options.onProgress(p);
  };
  const total = parsed.records.length;
  let checked = 0;
  const step = async () => {
    if (++checked % VALIDATION_SLICE === 0) {
      await progress({ phase: "validation", done: checked, total });
      await yieldToEventLoop();
    }
  };

  // 1. Structures: schema + rules, duplicates within the file.
  const structures = new Map<string, Valid>();
  const invalidStructures = new Map<string, RawRecord>();
  for (const record of parsed.records.filter((r) => r.kind === "structure")) {
    await step();
    report.structures.received++;
    const data: Record<string, unknown> = { ...record.data, source: str(record.data.source) ?? options.source };
    const id = str(data.id);
    const issues = [...schemaIssues("structure", data), ...rangeIssues("structure", data), ...structureRuleIssues(data)];
    const key = `${data.source}\u0000${id}`;
    const earlier = structures.get(key) ?? (id ? invalidStructures.get(key) : undefined);
    if (id && earlier) issues.push({ field: "id", value: id, code: "duplicate_id", message: `Identifiant déjà utilisé par une autre structure du fichier (ligne ${"record" in earlier ? earlier.record.row : earlier.row})` });
    if (issues.length) {
      report.structures.invalid++;
      reportIssues(issues.map((i) => issue(record, id, i)));
      if (id && !earlier) invalidStructures.set(key, record);
      continue;
    }
    structures.set(key, { record: { ...record, data }, source: String(data.source), id: id!, hash: recordHash(data) });
  }

  // 2. Services: schema + rules + their structure (in this file, or imported before).
  const services = new Map<string, Valid & { structureKey: string }>();
  const seenServices = new Map<string, number>();
  const pending: { record: RawRecord; data: Record<string, unknown>; id: string | null; issues: { field: string | null; value: string | null; message: string; code: string }[]; structureKey: string }[] = [];
  for (const record of parsed.records.filter((r) => r.kind === "service")) {
    await step();
    report.services.received++;
    const data: Record<string, unknown> = { ...record.data, source: str(record.data.source) ?? options.source };
    const id = str(data.id);
    const issues: { field: string | null; value: string | null; message: string; code: string }[] = [...schemaIssues("service", data), ...rangeIssues("service", data), ...serviceRuleIssues(data)];
    const key = `${data.source}\u0000${id}`;
    const earlierRow = seenServices.get(key);
    if (id && earlierRow !== undefined) issues.push({ field: "id", value: id, code: "duplicate_id", message: `Identifiant déjà utilisé par un autre service du fichier (ligne ${earlierRow})` });
    else if (id) seenServices.set(key, record.row);
    const structureId = str(data.structure_id);
    const structureKey = `${data.source}\u0000${structureId}`;
    const invalidStructure = invalidStructures.get(structureKey);
    if (structureId && invalidStructure) {
      issues.push({ field: "structure_id", value: structureId, code: "invalid_structure", message: `La structure de ce service est invalide (feuille ${invalidStructure.sheet}, ligne ${invalidStructure.row}) : corrigez-la d'abord` });
    }
    pending.push({ record, data, id, issues, structureKey });
  }
  const missingStructureIds = [...new Set(pending.filter((p) => !structures.has(p.structureKey) && !invalidStructures.has(p.structureKey)).map((p) => p.structureKey))];
  const knownBefore = new Set<string>();
  for (const [source, ids] of groupBySource(missingStructureIds)) {
    for (const part of chunks(ids, LOOKUP_CHUNK)) for (const row of await repo.structuresBySourceIds(db, source, part)) knownBefore.add(`${source}\u0000${row.source_id}`);
  }
  for (const p of pending) {
    const structureId = str(p.data.structure_id);
    if (structureId && !structures.has(p.structureKey) && !invalidStructures.has(p.structureKey) && !knownBefore.has(p.structureKey)) {
      p.issues.push({ field: "structure_id", value: structureId, code: "unknown_structure", message: `Structure « ${structureId} » introuvable : ni dans ce fichier, ni importée auparavant` });
    }
    if (p.issues.length) {
      report.services.invalid++;
      reportIssues(p.issues.map((i) => issue(p.record, p.id, i)));
      continue;
    }
    services.set(`${p.data.source}\u0000${p.id}`, { record: { ...p.record, data: p.data }, source: String(p.data.source), id: p.id!, hash: recordHash(p.data), structureKey: p.structureKey });
  }
  report.structures.valid = structures.size;
  report.services.valid = services.size;
  await progress({ phase: "validation", done: total, total });

  // 3. Upsert in batches.
  const toWrite = structures.size + services.size;
  let written = 0;
  const wrote = async (n: number) => {
    written += n;
    await progress({ phase: "ecriture", done: written, total: toWrite });
    await yieldToEventLoop();
  };
  type Runner = (fn: (tx: Db) => Promise<void>) => Promise<void>;
  // `base` reads outside the batches: the transaction itself when everything fits in one.
  const write = async (base: Db, batch: Runner) => {
    const territories = await listTerritories(base);
    const structureIds = new Map<string, string>();
    for (const [source, allIds] of groupBySource([...structures.keys()])) {
      for (const ids of chunks(allIds, WRITE_BATCH)) {
        await batch(async (tx) => {
          const existing = new Map((await repo.structuresBySourceIds(tx, source, ids)).map((r) => [r.source_id, r]));
          const inserts: ReturnType<typeof structureColumns>[] = [];
          for (const id of ids) {
            const valid = structures.get(`${source}\u0000${id}`)!;
            const row = existing.get(id);
            // A record claimed by a platform structure: its services belong to the platform structure.
            if (row) structureIds.set(`${source}\u0000${id}`, row.claimed_by_id ?? row.id);
            if (row && row.import_hash === valid.hash) {
              report.structures.unchanged++;
              continue;
            }
            if (options.dryRun) {
              report.structures[row ? "updated" : "created"]++;
              continue;
            }
            const values = structureColumns(valid, territories);
            if (row) {
              await repo.updateStructureColumns(tx, row.id, values);
              report.structures.updated++;
            } else inserts.push(values);
          }
          for (const inserted of await repo.insertStructures(tx, inserts)) structureIds.set(`${source}\u0000${inserted.source_id}`, inserted.id);
          report.structures.created += inserts.length;
        });
        await wrote(ids.length);
      }
    }
    const missing = [...new Set([...services.values()].map((s) => s.structureKey).filter((k) => !structureIds.has(k)))];
    for (const [source, ids] of groupBySource(missing)) {
      for (const part of chunks(ids, LOOKUP_CHUNK)) for (const row of await repo.structuresBySourceIds(base, source, part)) structureIds.set(`${source}\u0000${row.source_id}`, row.claimed_by_id ?? row.id);
    }
    for (const [source, allIds] of groupBySource([...services.keys()])) {
      for (const ids of chunks(allIds, WRITE_BATCH)) {
        await batch(async (tx) => {
          const existing = new Map((await repo.servicesBySourceIds(tx, source, ids)).map((r) => [r.source_id, r]));
          const inserts: repo.ServiceInsert[] = [];
          for (const id of ids) {
            const valid = services.get(`${source}\u0000${id}`)!;
            const row = existing.get(id);
            const structureId = structureIds.get(valid.structureKey);
            if (row && row.import_hash === valid.hash && row.structure_id === structureId) {
              report.services.unchanged++;
              continue;
            }
            if (options.dryRun || !structureId) {
              report.services[row ? "updated" : "created"]++;
              continue;
            }
            const values = serviceColumns(valid, structureId);
            if (row) {
              await repo.updateService(tx, row.id, values);
              report.services.updated++;
            } else inserts.push({ ...values, status: "published" });
          }
          // New services are published: the features that wait for them are told (unmet needs).
          await announcePublished(tx, await repo.insertServices(tx, inserts));
          report.services.created += inserts.length;
        });
        await wrote(ids.length);
      }
    }
  };
  if (options.dryRun) await write(db, (fn) => fn(db));
  else {
    try {
      if (toWrite <= WRITE_BATCH) await db.transaction(async (tx) => write(tx as unknown as Db, (fn) => fn(tx as unknown as Db)));
      else await write(db, (fn) => db.transaction(async (tx) => fn(tx as unknown as Db)));
    } finally {
      // Searches that cached national services while the batches ran read them again.
      directoryChanged();
    }
  }
  return report;
}

function groupBySource(keys: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const key of keys) {
    const [source, id] = key.split("\u0000") as [string, string];
    if (!id || id === "null") continue;
    const list = out.get(source);
    if (list) list.push(id);
    else out.set(source, [id]);
  }
  return out;
}

function structureColumns(valid: Valid, territories: Awaited<ReturnType<typeof listTerritories>>) {
  const d = valid.record.data;
  const code = str(d.code_insee) ? (resolveCommuneCode(String(d.code_insee)) ?? null) : null;
  const reseaux = strs(d.reseaux_porteurs);
  return {
    name: String(d.nom).trim(),
    siret: str(d.siret),
    type: reseaux?.find(isStructureType) ?? null,
    reseaux_porteurs: reseaux,
    description: str(d.description),
    street: str(d.adresse),
    complement: str(d.complement_adresse),
    postal_code: str(d.code_postal),
    commune_code: code,
    commune: str(d.commune) ?? (code ? (getCommune(code)?.name ?? null) : null),
    phone: str(d.telephone),
    email: str(d.courriel),
    website: str(d.site_web),
    horaires_accueil: str(d.horaires_accueil),
    accessibilite_lieu: str(d.accessibilite_lieu),
    lien_source: str(d.lien_source),
    latitude: num(d.latitude),
    longitude: num(d.longitude),
    date_maj: String(d.date_maj),
    source: valid.source,
    source_id: valid.id,
    import_hash: valid.hash,
    territory_id: code ? (territories.find((t) => communeInPerimeter(code, t.perimeter))?.id ?? null) : null,
  };
}

function serviceColumns(valid: Valid, structureId: string): repo.ServiceInsert {
  const d = valid.record.data;
  const code = str(d.code_insee) ? (resolveCommuneCode(String(d.code_insee)) ?? null) : null;
  const zone = strs(d.zone_eligibilite);
  return {
    structure_id: structureId,
    source: valid.source,
    source_id: valid.id,
    nom: String(d.nom).trim(),
    description: String(d.description).trim(),
    type: str(d.type),
    thematiques: strs(d.thematiques),
    frais: str(d.frais),
    frais_precisions: str(d.frais_precisions),
    publics: strs(d.publics),
    publics_precisions: str(d.publics_precisions),
    conditions_acces: str(d.conditions_acces),
    commune: str(d.commune) ?? (code ? (getCommune(code)?.name ?? null) : null),
    code_insee: code,
    code_postal: str(d.code_postal),
    adresse: str(d.adresse),
    complement_adresse: str(d.complement_adresse),
    latitude: num(d.latitude),
    longitude: num(d.longitude),
    telephone: str(d.telephone),
    courriel: str(d.courriel),
    contact_nom_prenom: str(d.contact_nom_prenom),
    modes_accueil: strs(d.modes_accueil),
    zone_eligibilite: zone,
    modes_mobilisation: strs(d.modes_mobilisation),
    lien_mobilisation: str(d.lien_mobilisation),
    mobilisable_par: strs(d.mobilisable_par),
    mobilisation_precisions: str(d.mobilisation_precisions),
    volume_horaire_hebdomadaire: num(d.volume_horaire_hebdomadaire),
    nombre_semaines: num(d.nombre_semaines),
    horaires_accueil: str(d.horaires_accueil),
    lien_source: str(d.lien_source),
    date_maj: String(d.date_maj),
    import_hash: valid.hash,
    ...searchColumns({ zone_eligibilite: zone, code_insee: code }),
  };
}
