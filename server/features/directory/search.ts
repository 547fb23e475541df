// Directory search: one SQL statement finds the eligible services, ranks them (nearest in-person
// services first, remote ones kept at the end), counts them and computes the facets; a second one
// reads the page's rows. Every filter is an indexed array overlap or a full-text match.
import { sql, type SQL } from "drizzle-orm";
import { PUBLICS, TOUS_PUBLICS } from "../../../common/domain/directory.ts";
import { normalizeName } from "../../../common/domain/text.ts";
import type { Db } from "../../db/client.ts";

/** Words that carry no meaning in a search ("aide à la mobilité" → aide, mobilité). */
const STOP_WORDS = new Set(["a", "au", "aux", "avec", "ce", "d", "dans", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "sur", "un", "une"]);

/**
 * A French full-text query (to_tsquery syntax) from what a person typed: accents and case ignored,
 * word order free (all words must match), a trailing plural s/x dropped and every word matched as
 * a prefix of the stemmed words ("velos" finds "vélo", "atelier" finds "ateliers"). Null when
 * nothing searchable is left.
 */
export function frenchPrefixQuery(input: string): string | null {
  const words = normalizeName(input)
    .split(" ")
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .map((w) => (w.length > 3 && /[sx]$/.test(w) ? w.slice(0, -1) : w))
    .filter((w) => /^[a-z0-9]+$/.test(w));
  const unique = [...new Set(words)].slice(0, 10);
  return unique.length ? unique.map((w) => `${w}:*`).join(" & ") : null;
}

export interface SearchCriteria {
  today: string;
  /** Structures whose services are left out (sensitive ones, for anonymous visitors). */
  excludeStructures?: string[] | undefined;
  /** The searched commune and its eligibility keys. */
  commune?: { code: string; departement: string; epci: string | null; keys: string[] } | undefined;
  departement?: string | undefined;
  thematiques?: string[] | undefined;
  /**
   * The thématiques a SPIE thematic allows (`spie_thematique`): the thématique facet counts only
   * these, as choosing a category then searches its sub-values among them.
   */
  thematiqueScope?: string[] | undefined;
  publics?: string[] | undefined;
  types?: string[] | undefined;
  frais?: string[] | undefined;
  modes_accueil?: string[] | undefined;
  tsquery?: string | null | undefined;
  point?: { latitude: number; longitude: number } | undefined;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  id: string;
  tier: number | null;
  distance_km: number | null;
}

export interface SearchOutcome {
  total: number;
  hits: SearchHit[];
  facets: { thematiques: Map<string, number>; types: Map<string, number>; publics: Map<string, number> };
}

const textArray = (values: readonly string[]) => sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`}::text[]`;

/** Visible in the public directory: published, or suspended until a day that has passed. */
export function visibleSql(today: string, alias: "s" | "services" = "s"): SQL {
  const t = sql.raw(alias);
  return sql`(${t}.status = 'published' or (${t}.status = 'suspended' and ${t}.suspended_until < ${today}::date))`;
}

/** Offered only remotely: "à distance" without "en présentiel". */
const REMOTE_ONLY = sql`(s.modes_accueil @> '{a-distance}'::text[] and not (s.modes_accueil @> '{en-presentiel}'::text[]))`;
/** Eligible everywhere (no zone) or in all of France: the same for every place searched. */
const NATIONAL_KEYS = ["*", "france"];
const NATIONAL = sql`s.eligibility && '{*,france}'::text[]`;

/**
 * The filters that do not depend on the place searched. When a place is searched, its eligibility
 * index alone selects a few hundred rows: the other filters are then written so that the planner
 * does not combine them with their own (much larger) GIN posting lists, which costs more than
 * checking those rows (`coalesce(…)` is not indexable).
 *
 * The three faceted filters (thématiques, publics, types) are kept apart: a facet counts, for each
 * of its values, what the search answers when that value replaces the facet's own filter (the
 * others kept). So each facet is counted on the rows matching the other two, with the same
 * predicates as the search itself (`facetFilterSql`), and "Jeunes (3)" gives 3 results.
 */
interface Filters {
  where: SQL[];
  thematiques: SQL;
  publics: SQL;
  types: SQL;
}

function filterSql(c: SearchCriteria, indexed: boolean): Filters {
  const col = (name: string, empty: string) => (indexed ? sql.raw(`s.${name}`) : sql.raw(`coalesce(s.${name}, '${empty}')`));
  const where: SQL[] = [visibleSql(c.today)];
  if (c.excludeStructures?.length) where.push(sql`s.structure_id <> all(${`{${c.excludeStructures.join(",")}}`}::uuid[])`);
  if (c.frais?.length) where.push(sql`s.frais = any(${textArray(c.frais)})`);
  if (c.modes_accueil?.length) where.push(sql`${col("modes_accueil", "{}")} && ${textArray(c.modes_accueil)}`);
  if (c.tsquery) where.push(sql`${col("search_vector", "")} @@ to_tsquery('spie_french', ${c.tsquery})`);
  return {
    where,
    thematiques: c.thematiques?.length ? sql`coalesce(s.thematiques && ${textArray(c.thematiques)}, false)` : sql`true`,
    publics: c.publics?.length ? sql`coalesce(s.publics && ${textArray(c.publics)}, false)` : sql`true`,
    types: c.types?.length ? sql`coalesce(s.type = any(${textArray(c.types)}), false)` : sql`true`,
  };
}

/** The faceted filters as columns of the scanned rows (m_th, m_pub, m_ty). */
function facetFlagsSql(f: Filters): SQL {
  return sql`${f.thematiques} as m_th, ${f.publics} as m_pub, ${f.types} as m_ty`;
}

/** The place searched (a commune's eligibility keys, a département), national keys left out. */
function localPlaceSql(c: SearchCriteria): SQL[] {
  const where: SQL[] = [];
  if (c.commune) where.push(sql`s.eligibility && ${textArray(c.commune.keys.filter((k) => !NATIONAL_KEYS.includes(k)))}`);
  if (c.departement) where.push(sql`s.eligibility_departements && ${textArray([c.departement])}`);
  return where;
}

// Ranking, in SQL (local services) and in TypeScript (cached national ones): keep the two equal.
function tierSql(c: SearchCriteria): SQL {
  if (c.commune) {
    return sql`case when ${REMOTE_ONLY} then 5 when s.code_insee = ${c.commune.code} then 0
      when s.location_epci = ${c.commune.epci ?? ""} then 1 when s.location_departement = ${c.commune.departement} then 2
      when s.code_insee is null then 4 else 3 end`;
  }
  if (c.departement) return sql`case when ${REMOTE_ONLY} then 5 when s.location_departement = ${c.departement} then 0 when s.code_insee is null then 4 else 3 end`;
  return sql`null::int`;
}

interface Placed {
  code_insee: string | null;
  location_epci: string | null;
  location_departement: string | null;
  remote: boolean;
  latitude: number | null;
  longitude: number | null;
}

export function tierOf(r: Placed, c: Pick<SearchCriteria, "commune" | "departement">): number | null {
  if (c.commune) {
    if (r.remote) return 5;
    if (r.code_insee === c.commune.code) return 0;
    if (r.location_epci !== null && r.location_epci === (c.commune.epci ?? "")) return 1;
    if (r.location_departement === c.commune.departement) return 2;
    return r.code_insee === null ? 4 : 3;
  }
  if (c.departement) {
    if (r.remote) return 5;
    if (r.location_departement === c.departement) return 0;
    return r.code_insee === null ? 4 : 3;
  }
  return null;
}

function distanceSql(c: SearchCriteria): SQL {
  if (!c.point) return sql`null::float8`;
  return sql`case when s.latitude is not null and s.longitude is not null and not ${REMOTE_ONLY} then
    6371 * 2 * asin(sqrt(power(sin(radians(s.latitude - ${c.point.latitude}) / 2), 2)
      + cos(radians(${c.point.latitude})) * cos(radians(s.latitude)) * power(sin(radians(s.longitude - ${c.point.longitude}) / 2), 2))) end`;
}

const radians = (d: number) => (d * Math.PI) / 180;
export function distanceOf(r: Placed, point: SearchCriteria["point"]): number | null {
  if (!point || r.latitude === null || r.longitude === null || r.remote) return null;
  const a = Math.sin(radians(r.latitude - point.latitude) / 2) ** 2 + Math.cos(radians(point.latitude)) * Math.cos(radians(r.latitude)) * Math.sin(radians(r.longitude - point.longitude) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(a));
}

function rankSql(c: SearchCriteria): SQL {
  return c.tsquery ? sql`ts_rank(s.search_vector, to_tsquery('spie_french', ${c.tsquery}))` : sql`0::real`;
}

interface RankedHit {
  id: string;
  tier: number | null;
  dist: number | null;
  rank: number;
  nom: string;
}

/** tier (nulls first), distance (nulls last), text rank (desc), name, id — as the SQL `order by`. */
export function compareHits(a: RankedHit, b: RankedHit): number {
  if (a.tier !== b.tier) return a.tier === null ? -1 : b.tier === null ? 1 : a.tier - b.tier;
  if (a.dist !== b.dist) return a.dist === null ? 1 : b.dist === null ? -1 : a.dist - b.dist;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.nom !== b.nom) return a.nom < b.nom ? -1 : 1; // the database orders names by code point (C collation)
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

type Facets = SearchOutcome["facets"];

/** Total, facets and the first hits (ordered) of the services matching the filters and `where`. */
async function matched(db: Db, f: Filters, where: SQL[], c: SearchCriteria, limit: number, offset: number): Promise<{ total: number; hits: RankedHit[]; facets: Facets }> {
  const result = await db.execute(sql`
    with base as materialized (
      select s.id, s.thematiques, s.type, s.publics, s.nom, ${tierSql(c)} as tier, ${distanceSql(c)} as dist, ${rankSql(c)} as rank, ${facetFlagsSql(f)}
      from services s
      where ${sql.join([...f.where, ...where], sql` and `)}
    ),
    matched as materialized (select id, tier, dist, rank, nom from base where m_th and m_pub and m_ty),
    page as (
      select id, tier, dist, rank, nom from matched
      order by tier nulls first, dist nulls last, rank desc, nom, id
      limit ${limit} offset ${offset}
    )
    select
      (select count(*) from matched)::int as total,
      (select coalesce(json_agg(json_build_object('id', id, 'tier', tier, 'dist', dist, 'rank', rank, 'nom', nom) order by tier nulls first, dist nulls last, rank desc, nom, id), '[]'::json) from page) as hits,
      ${facetsSql(c)}
  `);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
  return { total: Number(row.total), hits: parseJson(row.hits) as RankedHit[], facets: facetsOf(row) };
}

const PUBLIC_VALUES = PUBLICS.map((p) => p.value);

/**
 * The facets, over the rows of `base` (every filter but the faceted ones applied, flags m_th, m_pub,
 * m_ty for those): a value counts the rows that the search with that value as its facet's filter
 * would answer — a category, the services having one of its sub-values (within the SPIE
 * thematic's, if one is chosen); a public, the services for that public or for all
 * (`tous-publics` always matches, as in the search); a type, the services of that type.
 */
function facetsSql(c: SearchCriteria): SQL {
  const scope = c.thematiqueScope ? sql` and t = any(${textArray(c.thematiqueScope)})` : sql``;
  return sql`
  (select coalesce(json_object_agg(c, n), '{}'::json) from (
    select c, count(*)::int as n from (
      select distinct b.id, split_part(t, '--', 1) as c from base b, unnest(b.thematiques) t where b.m_pub and b.m_ty${scope}
    ) x group by c
  ) f) as f_thematiques,
  (select coalesce(json_object_agg(type, n), '{}'::json) from (
    select type, count(*)::int as n from base where m_th and m_pub and type is not null group by type
  ) f) as f_types,
  (select coalesce(json_object_agg(p, n), '{}'::json) from (
    select p, count(*)::int as n from base b, unnest(${textArray(PUBLIC_VALUES)}) p
    where b.m_th and b.m_ty and b.publics && array[p, ${TOUS_PUBLICS}::text] group by p
  ) f) as f_publics`;
}

function facetsOf(row: Record<string, unknown>): Facets {
  return { thematiques: toMap(row.f_thematiques), types: toMap(row.f_types), publics: toMap(row.f_publics) };
}

// ---- national services, cached ---------------------------------------------------------------
// Services eligible everywhere or in all of France match every place: with the same filters, their
// count, facets and list are the same for every commune. They are read once and kept a short while
// (or until a service is written through this process), which spares most of the work of a search.

interface NationalRow extends Placed {
  id: string;
  nom: string;
  rank: number;
}
interface NationalPart {
  total: number;
  facets: Facets;
  rows: NationalRow[];
}

const NATIONAL_TTL_MS = 30_000;
const NATIONAL_MAX_ENTRIES = 500;
let version = 0;
const nationalCache = new WeakMap<Db, Map<string, { at: number; version: number; value: Promise<NationalPart> }>>();

/** Called when services are written: cached national parts are read again. */
export function directoryChanged(): void {
  version++;
}

async function readNational(db: Db, c: SearchCriteria): Promise<NationalPart> {
  const f = filterSql(c, false);
  const result = await db.execute(sql`
    with base as materialized (
      select s.id, s.thematiques, s.type, s.publics, s.nom, s.code_insee, s.location_epci, s.location_departement, s.latitude, s.longitude,
        coalesce(${REMOTE_ONLY}, false) as remote, ${rankSql(c)} as rank, ${facetFlagsSql(f)}
      from services s
      where ${sql.join([...f.where, NATIONAL], sql` and `)}
    ),
    matched as materialized (select * from base where m_th and m_pub and m_ty)
    select
      (select count(*) from matched)::int as total,
      (select coalesce(json_agg(json_build_array(id, nom, rank, code_insee, location_epci, location_departement, latitude, longitude, remote)), '[]'::json) from matched) as rows,
      ${facetsSql(c)}
  `);
  const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
  const rows = (parseJson(row.rows) as [string, string, number, string | null, string | null, string | null, number | null, number | null, boolean][]).map(
    ([id, nom, rank, code_insee, location_epci, location_departement, latitude, longitude, remote]) => ({ id, nom, rank, code_insee, location_epci, location_departement, latitude, longitude, remote }),
  );
  return { total: Number(row.total), facets: facetsOf(row), rows };
}

function nationalPart(db: Db, c: SearchCriteria): Promise<NationalPart> {
  const key = JSON.stringify([c.today, c.excludeStructures ?? [], c.thematiques ?? [], c.thematiqueScope ?? null, c.publics ?? [], c.types ?? [], c.frais ?? [], c.modes_accueil ?? [], c.tsquery ?? null]);
  let cache = nationalCache.get(db);
  if (!cache) nationalCache.set(db, (cache = new Map()));
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.version === version && now - hit.at < NATIONAL_TTL_MS) return hit.value;
  const value = readNational(db, c);
  value.catch(() => cache.delete(key));
  cache.delete(key);
  cache.set(key, { at: now, version, value });
  if (cache.size > NATIONAL_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return value;
}

function mergeFacets(a: Facets, b: Facets): Facets {
  const sum = (x: Map<string, number>, y: Map<string, number>) => {
    const out = new Map(x);
    for (const [k, n] of y) out.set(k, (out.get(k) ?? 0) + n);
    return out;
  };
  return { thematiques: sum(a.thematiques, b.thematiques), types: sum(a.types, b.types), publics: sum(a.publics, b.publics) };
}

const km = (d: number | null) => (d === null ? null : Math.round(d * 10) / 10);

export async function searchServices(db: Db, c: SearchCriteria): Promise<SearchOutcome> {
  const offset = (c.page - 1) * c.pageSize;
  if (!c.commune && !c.departement) {
    const all = await matched(db, filterSql(c, true), [], c, c.pageSize, offset);
    return { total: all.total, facets: all.facets, hits: all.hits.map((h) => ({ id: h.id, tier: h.tier, distance_km: km(h.dist) })) };
  }
  // A place is searched: local services (their zone names the place) are ranked by the database,
  // national ones (cached) here, and the two ordered lists are merged.
  const [local, national] = await Promise.all([
    matched(db, filterSql(c, false), [...localPlaceSql(c), sql`not (${NATIONAL})`], c, offset + c.pageSize, 0),
    nationalPart(db, c),
  ]);
  const nationalHits: RankedHit[] = national.rows.map((r) => ({ id: r.id, tier: tierOf(r, c), dist: distanceOf(r, c.point), rank: r.rank, nom: r.nom }));
  const page = [...local.hits, ...nationalHits].sort(compareHits).slice(offset, offset + c.pageSize);
  return {
    total: local.total + national.total,
    facets: mergeFacets(local.facets, national.facets),
    hits: page.map((h) => ({ id: h.id, tier: h.tier, distance_km: km(h.dist) })),
  };
}

function parseJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}

function toMap(value: unknown): Map<string, number> {
  return new Map(Object.entries((parseJson(value) ?? {}) as Record<string, number>));
}
