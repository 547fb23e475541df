// Worker thread that reads an uploaded data·inclusion file (see parse.ts): the CPU-heavy part of an
// import (inflating, scanning, JSON.parse) never runs on the server's event loop.
import { parentPort, workerData } from "node:worker_threads";
import { parseDataInclusionFile, UnreadableFileError, type ParseLimits } from "./records.ts";

const { bytes, limits } = workerData as { bytes: Uint8Array; limits: ParseLimits };
try {
  parentPort!.postMessage({ ok: true, parsed: parseDataInclusionFile(bytes, limits) });
} catch (error) {
  if (error instanceof UnreadableFileError) parentPort!.postMessage({ ok: false, message: error.message, limit: error.limit ?? null });
  else parentPort!.postMessage({ ok: false, message: null, limit: null, internal: error instanceof Error ? error.message : String(error) });
}
