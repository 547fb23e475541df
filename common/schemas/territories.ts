import { z } from "../zod.ts";
import { id } from "./common.ts";

export const PERIMETER_KINDS = ["region", "departement", "epci", "commune"] as const;
export type PerimeterKind = (typeof PERIMETER_KINDS)[number];

export const territory = z.object({
  id,
  name: z.string(),
  perimeter: z.array(z.object({ kind: z.enum(PERIMETER_KINDS), code: z.string(), name: z.string() })),
});
export type Territory = z.infer<typeof territory>;

export const commune = z.object({
  code: z.string(),
  name: z.string(),
  postal_codes: z.array(z.string()),
  departement: z.string(),
  region: z.string(),
  epci: z.string().nullable(),
});
export type Commune = z.infer<typeof commune>;

export const communeSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const perimeterItem = z.strictObject({
  kind: z.enum(PERIMETER_KINDS),
  code: z.string().trim().min(1).max(20),
});
export type PerimeterItemBody = z.infer<typeof perimeterItem>;

export const territoryCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  perimeter: z.array(perimeterItem).min(1, "Choisissez au moins une zone du périmètre").max(500),
});
export type TerritoryCreateBody = z.infer<typeof territoryCreateBody>;
export const territoryUpdateBody = territoryCreateBody.partial();
export type TerritoryUpdateBody = z.infer<typeof territoryUpdateBody>;

/** A territory's page: its perimeter, what it covers, its calendar, what the caller may do. */
export const territoryDetail = territory.extend({
  departements: z.array(z.object({ code: z.string(), name: z.string() })),
  communes_count: z.number().int(),
  /** The most populated communes covered (the page shows them; the count tells the rest). */
  communes_sample: z.array(z.object({ code: z.string(), name: z.string() })),
  calendar: z.object({
    zone: z.string(),
    zone_label: z.string(),
    time_zone: z.string(),
    /** The départements do not share one calendar: the first one's applies. */
    mixed: z.boolean(),
    year: z.number().int(),
    holidays: z.array(z.object({ date: z.string(), name: z.string() })),
  }),
  /** Computed by the server's policy. */
  permissions: z.object({
    update: z.boolean(),
    read_settings: z.boolean(),
    update_settings: z.boolean(),
    read_queues: z.boolean(),
    read_counts: z.boolean(),
    /** Create a structure in this territory (platform admins, its coordinators). */
    create_structure: z.boolean(),
  }),
});
export type TerritoryDetail = z.infer<typeof territoryDetail>;

export const QUEUE_KINDS = ["awaiting_orientation", "awaiting_contract", "reorientation_requests", "join_requests", "without_referent", "without_contact"] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
export const QUEUE_LABELS: Record<QueueKind, string> = {
  awaiting_orientation: "En attente d'orientation",
  awaiting_contract: "Orientés, sans contrat d'engagement",
  reorientation_requests: "Demandes de réorientation",
  join_requests: "Demandes à rejoindre une équipe",
  without_referent: "Sans référent·e",
  without_contact: "Sans contact depuis 3 mois",
};

export const queueItem = z.object({
  person_id: id,
  first_names: z.string(),
  last_name: z.string(),
  birth_date: z.string(),
  /** When the wait started (RSA right opening, orientation notification, request, last contact…). */
  since: z.string().nullable(),
  /** The legal or territory deadline, when the queue has one. */
  due_on: z.string().nullable(),
  /** Days left until due_on (negative: overdue). */
  days_left: z.number().int().nullable(),
  status: z.enum(["ok", "soon", "overdue"]).nullable(),
  /** The request waiting for a decision (réorientation and join requests). */
  request_id: id.nullable(),
});
export type QueueItem = z.infer<typeof queueItem>;

/** Queues count up to this many people; past it the count reads "1 000+" (count_is_capped). */
export const QUEUE_COUNT_CAP = 1000;
/** Items of a queue shown at once (the workspace's first page, and each page of one queue). */
export const QUEUE_PAGE_SIZE = 20;
const queue = z.object({
  /** The number of people waiting, at most QUEUE_COUNT_CAP. */
  count: z.number().int(),
  /** More than QUEUE_COUNT_CAP are waiting: show "1 000+". */
  count_is_capped: z.boolean(),
  items: z.array(queueItem),
});
export const territoryQueues = z.object({
  territory_id: id,
  today: z.string(),
  awaiting_orientation: queue,
  awaiting_contract: queue,
  reorientation_requests: queue,
  join_requests: queue,
  without_referent: queue,
  without_contact: queue,
});
export type TerritoryQueues = z.infer<typeof territoryQueues>;

export const queueParams = z.object({ id, kind: z.enum(QUEUE_KINDS, "File d'attente inconnue") });
/** Pages of one queue, in its order; page numbers reach the first QUEUE_COUNT_CAP people. */
export const queuePageQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(QUEUE_COUNT_CAP / QUEUE_PAGE_SIZE).default(1),
});
export const queuePage = queue.extend({ territory_id: id, today: z.string(), kind: z.enum(QUEUE_KINDS), page: z.number().int(), page_size: z.number().int() });
export type QueuePage = z.infer<typeof queuePage>;

const countOnly = z.object({ count: z.number().int() });
export const territoryCounts = z.object({
  territory_id: id,
  today: z.string(),
  awaiting_orientation: countOnly,
  awaiting_contract: countOnly,
  reorientation_requests: countOnly,
  join_requests: countOnly,
  without_referent: countOnly,
  without_contact: countOnly,
});
export type TerritoryCounts = z.infer<typeof territoryCounts>;

export const territoryPeopleQuery = z.strictObject({ q: z.string().trim().min(2).max(100) });
export const territoryPeople = z.object({
  items: z.array(z.object({ person_id: id, first_names: z.string(), last_name: z.string(), birth_date: z.string(), commune_name: z.string().nullable() })),
  /** More people match than listed: refine the search. */
  truncated: z.boolean(),
});

export const perimeterSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(100),
  kind: z.enum(["region", "departement", "epci"]),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const perimeterOption = z.object({ kind: z.enum(PERIMETER_KINDS), code: z.string(), name: z.string(), context: z.string().nullable() });
export type PerimeterOption = z.infer<typeof perimeterOption>;
