// The link from an action to a service of the directory (issue 3): the service must exist and be
// visible in the directory (published, or suspended for a while); its name is stored with the
// action so that the plan stays readable if the service is archived later.
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { fieldErrors } from "../../http/errors.ts";
import { services } from "../directory/directory.tables.ts";

const LINKABLE = ["published", "suspended"];

export async function resolveService(db: Db, serviceId: string | null | undefined, label: string | null | undefined): Promise<{ service_id: string | null; service_label: string | null }> {
  if (!serviceId) return { service_id: null, service_label: label || null };
  const [row] = await db.select({ id: services.id, nom: services.nom, status: services.status }).from(services).where(eq(services.id, serviceId));
  if (!row) throw fieldErrors([{ field: "service_id", code: "unknown_service", message: "Ce service n'existe pas dans l'annuaire" }]);
  if (!LINKABLE.includes(row.status)) throw fieldErrors([{ field: "service_id", code: "service_unavailable", message: "Ce service n'est pas publié dans l'annuaire" }]);
  return { service_id: row.id, service_label: row.nom };
}
