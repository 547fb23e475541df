// Reads an uploaded file in a worker thread, with limits (records.ts, xlsx.ts), a memory cap and
// a hard deadline: a hostile file costs one worker, never the event loop that answers requests.
import { Worker } from "node:worker_threads";
import { PARSE_LIMITS, UnreadableFileError, type ParsedFile, type ParseLimits } from "./records.ts";
import type { LimitName } from "./xlsx.ts";

/** Heap of the parsing worker: a 20 MB JSON file needs ~250 MB of objects. */
const WORKER_HEAP_MB = 768;

const workerUrl = new URL(import.meta.url.endsWith(".ts") ? "./parser.worker.ts" : "./parser.worker.js", import.meta.url);

export async function parseFile(bytes: Uint8Array, overrides: Partial<ParseLimits> = {}): Promise<ParsedFile> {
  const limits: ParseLimits = { ...PARSE_LIMITS, ...overrides };
  return new Promise<ParsedFile>((resolve, reject) => {
    const worker = new Worker(workerUrl, { workerData: { bytes, limits }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      fn();
      void worker.terminate();
    };
    // The reader checks its time budget between steps; this is the backstop for a step that hangs.
    const deadline = setTimeout(
      () => settle(() => reject(new UnreadableFileError(`La lecture du fichier dépasse la durée autorisée (${limits.timeMs / 1000} s) : découpez-le (par exemple par département).`, "time"))),
      limits.timeMs + 5_000,
    );
    worker.on("message", (message: { ok: true; parsed: ParsedFile } | { ok: false; message: string | null; limit: LimitName | null; internal?: string }) => {
      if (message.ok) settle(() => resolve(message.parsed));
      else if (message.message !== null) settle(() => reject(new UnreadableFileError(message.message!, message.limit ?? undefined)));
      else settle(() => reject(new Error(message.internal)));
    });
    worker.on("error", (error: Error & { code?: string }) => {
      if (error.code === "ERR_WORKER_OUT_OF_MEMORY") {
        settle(() => reject(new UnreadableFileError(`La lecture du fichier dépasse la mémoire autorisée (${WORKER_HEAP_MB} Mo) : découpez-le (par exemple par département).`, "inflated_size")));
      } else settle(() => reject(error));
    });
    worker.on("exit", (code) => settle(() => reject(new Error(`import parser exited with code ${code}`))));
  });
}
