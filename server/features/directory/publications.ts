// The directory announces the services that become visible (created as published, imported, or
// published later) with a durable job: features that care (unmet needs: tell the professionals whose
// needs a new service fits) handle it in server/jobs/handlers.ts. The directory knows none of them.
import type { Db } from "../../db/client.ts";
import { enqueue } from "../../jobs/queue.ts";

export const SERVICES_PUBLISHED_JOB = "directory.services-published";

/** Queues the announcement; call it in the transaction that publishes the services. */
export async function announcePublished(db: Db, serviceIds: string[], at: Date = new Date()): Promise<void> {
  if (serviceIds.length === 0) return;
  await enqueue(db, SERVICES_PUBLISHED_JOB, { service_ids: serviceIds, published_at: at.toISOString() });
}

/** The payload of the job, checked (an old or hand-made job never crashes the handler). */
export function publishedPayload(payload: Record<string, unknown>): { service_ids: string[]; published_at: Date } {
  const ids = Array.isArray(payload.service_ids) ? payload.service_ids.filter((v): v is string => typeof v === "string" && /^[0-9a-f-]{36}$/i.test(v)) : [];
  const at = typeof payload.published_at === "string" ? new Date(payload.published_at) : new Date();
  return { service_ids: ids, published_at: Number.isNaN(at.getTime()) ? new Date() : at };
}
