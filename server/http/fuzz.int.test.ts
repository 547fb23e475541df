// Fuzzing every route of the OpenAPI document with input derived from its own schema: wrong
// types, NUL bytes, lone surrogates, huge numbers and strings, far dates, unknown fields and
// malformed path ids, sent by a logged-in user whose memberships get the requests past the
// access checks (real ids in paths and bodies), so that bodies are validated deep down.
// Nothing may answer 5xx; a malformed path id answers 404. A route of the document that got no
// request fails the test, so new routes are fuzzed without anyone remembering to add them.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InjectOptions, LightMyRequestResponse } from "fastify";
import { loginAs, testApp, type Client, type TestApp } from "../test/app.ts";
import * as f from "../test/factories.ts";

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  default?: unknown;
};
interface Parameter {
  in: "path" | "query" | "header" | "cookie";
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}
type Path = (string | number)[];

const NUL = "Test\u0000fictif";
const SURROGATE = "Test\ud800fictif";
const HUGE_STRING = "x".repeat(100_000);
const HUGE_NUMBERS = [1e308, 2 ** 53, 2_147_483_648, -2_147_483_649, -1, 1.5];
const FAR_DATES = ["9999-12-31", "0001-01-01", "2999-01-01", "1899-12-31"];
/** Values a schema without bounds accepts and that may break later reads once stored. */
const POISONS: unknown[] = [...FAR_DATES, ...HUGE_NUMBERS];
const JAVASCRIPT_URLS = ["javascript:alert(1)", "data:text/html,x"];
/** Values every schema must refuse where they land: far dates in date fields, out-of-range integers, script links. */
const MUST_REFUSE: unknown[] = [...FAR_DATES, 1e308, 2 ** 53, 2_147_483_648, -2_147_483_649, ...JAVASCRIPT_URLS];

let t: TestApp;
/** Who sends the requests: a professional, a coordinator, a platform admin (see beforeAll). */
const actors: Client[] = [];
/** Sessions for the logout route, one per request (logging out ends the session). */
const spareSessions: Client[] = [];
/** Real ids, by the first segment of the path after /api/v1 (and by body field name). */
const ids: Record<string, string> = {};
/** Ids that destructive requests may consume (a member removed, a request decided). */
const victims: Record<string, string> = {};
/** A person without orientation yet, whose file the fuzz edits (her RSA dates drive a deadline). */
let bare: string;

beforeAll(async () => {
  t = await testApp();
  const db = t.database.db;
  const aisne = await f.territory(db, "Aisne fuzz", [{ kind: "departement", code: "02" }]);
  const cd = await f.structure(db, { name: "Conseil départemental fictif (fuzz)", territory_id: aisne.id, commune_code: "02408" });
  const ml = await f.structure(db, { name: "Mission locale fictive (fuzz)", territory_id: aisne.id });
  // A professional of the CD (référent of the people), a coordinator of the territory, a platform
  // admin who also administers the CD: each route is fuzzed as the first of them it lets through.
  const proUser = await f.user(db, [{ structure_id: cd.id, role: "professional" }], { name: "Fuzz Professionnelle" });
  const coordUser = await f.user(db, [{ structure_id: ml.id, role: "coordinator" }], { name: "Fuzz Coordination" });
  const adminUser = await f.user(db, [{ structure_id: cd.id, role: "structure_admin" }], { is_admin: true, name: "Fuzz Administration" });
  const other = await f.user(db, [{ structure_id: ml.id, role: "professional" }], { name: "Autre Fictif" });
  const victim = await f.user(db, [{ structure_id: cd.id, role: "professional" }], { name: "Victime Fictive" });
  const pro = await loginAs(t.app, proUser.email);
  const coord = await loginAs(t.app, coordUser.email);
  actors.push(pro, coord, await loginAs(t.app, adminUser.email));
  for (let i = 0; i < 10; i++) spareSessions.push(await loginAs(t.app, proUser.email));
  const otherClient = await loginAs(t.app, other.email);
  const professional = proUser.memberships[0]!.id;
  const actor = pro;

  const ok = async (res: Promise<LightMyRequestResponse>, what: string) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
    return r.json() as Record<string, unknown> & { id: string };
  };
  const person = await ok(
    actor.post("/api/v1/people", { first_names: "Personne", last_name: "Fuzz-Fictive", birth_date: "1990-01-10", address: { commune_code: "02408" }, territory_id: aisne.id, membership_id: professional }),
    "person",
  );
  await ok(actor.request({ method: "PUT", url: `/api/v1/people/${person.id}/diagnostic`, payload: { base_version: 0, thematics: { logement: { weight: "fort" } } } }), "diagnostic");
  await ok(coord.post(`/api/v1/people/${person.id}/orientations`, { track: "sociale", structure_id: cd.id, referent_membership_id: professional, reason: "Raison fictive" }), "orientation");
  const contract = await ok(actor.post(`/api/v1/people/${person.id}/contracts`, { objectives: "Objectif fictif", starts_on: "2024-01-01", ends_on: "2024-12-31" }), "contract");
  const objective = await ok(actor.post(`/api/v1/people/${person.id}/objectives`, { thematic: "logement", title: "Trouver un logement" }), "objective");
  const action = await ok(actor.post(`/api/v1/objectives/${objective.id}/actions`, { title: "Rendez-vous fictif" }), "action");
  await ok(actor.post(`/api/v1/people/${person.id}/notes`, { body: "Note fictive" }), "note");
  const reorientation = await ok(actor.post(`/api/v1/people/${person.id}/reorientation-requests`, { reason: "Raison fictive" }), "reorientation");
  const join = await ok(otherClient.post(`/api/v1/people/${person.id}/join-requests`, {}), "join request");
  const svc = await f.service(db, cd.id);
  const suggestion = await ok(actor.post(`/api/v1/services/${svc.id}/suggestions`, { message: "Une correction fictive à apporter" }), "suggestion");
  bare = (await ok(actor.post("/api/v1/people", { first_names: "Personne", last_name: "Fuzz-Sans-Orientation", birth_date: "1991-02-11", rsa_status: "droit_ouvert_versable", rsa_right_opened_on: "2024-01-02", membership_id: professional }), "bare person")).id;
  const team = await ok(actor.get(`/api/v1/people/${person.id}/team`), "team");
  const cohort = await ok(coord.post("/api/v1/cohorts", { territory_id: aisne.id, name: "Cohorte fictive (fuzz)", criteria: { single_parent: true }, starts_on: "2024-01-01" }), "cohort");
  await ok(coord.post(`/api/v1/cohorts/${cohort.id}/members`, { person_ids: [person.id] }), "cohort member");
  const notifications = (await ok(otherClient.get("/api/v1/notifications"), "notifications")) as unknown as { items: { id: string }[] };

  // A committee of the territory with the fuzz's professional appointed and the charter signed; the
  // person submitted to its first session.
  const committee = await ok(
    coord.post("/api/v1/committees", {
      name: "CTO fuzz",
      kind: "cto",
      territory_id: aisne.id,
      location: "Salle fictive",
      recurrence: { first_date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10), time: "08:30", interval_weeks: 2 },
      submission_deadline: { days_before: 2, time: "14:00" },
      max_situations: 10,
      members: [{ structure_id: cd.id, user_id: proUser.id }],
    }),
    "committee",
  );
  const charter = await ok(coord.post("/api/v1/charters", { territory_id: aisne.id, text: "Charte fictive (fuzz)." }), "charter");
  await ok(actor.post(`/api/v1/charters/${charter.id}/signatures`), "signature");
  const submission = (await ok(
    actor.post(`/api/v1/committees/${committee.id}/submissions`, { person_id: person.id, blocking_points: "Point fictif", actions_tried: "Action fictive", question: "Question fictive", consent: true }),
    "submission",
  )) as unknown as { id: string; session: { id: string } };

  Object.assign(ids, {
    committees: committee.id,
    "committee-sessions": submission.session.id,
    charters: charter.id,
    person_id: person.id,
    submission_id: submission.id,
    people: person.id,
    structures: cd.id,
    "directory/structures": cd.id,
    territories: aisne.id,
    contracts: contract.id,
    objectives: objective.id,
    actions: action.id,
    services: svc.id,
    "service-suggestions": suggestion.id,
    "join-requests": join.id,
    "reorientation-requests": reorientation.id,
    notifications: notifications.items[0]?.id ?? randomUUID(),
    cohorts: cohort.id,
    cohort_id: cohort.id,
    // Body fields.
    structure_id: cd.id,
    proposed_structure_id: ml.id,
    membership_id: professional,
    referent_membership_id: professional,
    member_id: (team as unknown as { members: { id: string }[] }).members[0]!.id,
    service_id: svc.id,
    objective_id: objective.id,
    territory_id: aisne.id,
  });
  victims.membership_id = victim.memberships[0]!.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

// ---- Valid samples from a JSON schema ----------------------------------------------------------

function nonNull(schema: Schema): Schema {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return nonNull(alternatives.find((s) => s.type !== "null") ?? alternatives[0]!);
  if (Array.isArray(schema.type)) return { ...schema, type: schema.type.find((x) => x !== "null") ?? "null" };
  return schema;
}

const PATTERN_CANDIDATES = ["02408", "02", "02000", "fuzz-fictif", "0612345678", "ABC123", "1", "a", "08:30"];

function sampleString(s: Schema, name: string): string {
  if (s.format === "uuid") return ids[name] ?? randomUUID();
  if (s.format === "date") return "2024-01-15";
  if (s.format === "date-time") return new Date().toISOString();
  if (s.format === "email") return "fuzz@exemple.fr";
  if (s.format === "uri") return "https://exemple.fr/fictif";
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const found = PATTERN_CANDIDATES.find((c) => re.test(c));
    if (found) return found;
  }
  let text = "Texte fictif pour les essais";
  if (s.minLength && text.length < s.minLength) text = text.padEnd(s.minLength, ".");
  if (s.maxLength && text.length > s.maxLength) text = text.slice(0, s.maxLength);
  return text;
}

/** A valid value of the schema with its required members only. */
function sample(schema: Schema, name = ""): unknown {
  const s = nonNull(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case "string":
      return sampleString(s, name);
    case "integer":
    case "number":
      return Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1));
    case "boolean":
      return false;
    case "array":
      return s.minItems && s.items ? Array.from({ length: s.minItems }, () => sample(s.items!, name)) : [];
    case "object": {
      const out: Record<string, unknown> = {};
      for (const key of s.required ?? []) if (s.properties?.[key]) out[key] = sample(s.properties[key], key);
      return out;
    }
    case "null":
      return null;
    default:
      return s.default ?? "Texte fictif";
  }
}

// ---- Bad values -------------------------------------------------------------------------------

/** Every leaf and inner node of a body schema, with the bad values to put there. */
function badValues(schema: Schema, name: string): unknown[] {
  const s = nonNull(schema);
  const type = s.enum ? "string" : s.type;
  switch (type) {
    case "string": {
      const out: unknown[] = [NUL, SURROGATE, 12345, {}];
      if (!s.enum) out.push(HUGE_STRING);
      if (s.format === "date") out.push(...FAR_DATES);
      if (s.format === "uuid") out.push("pas-un-identifiant", "00000000-0000-0000-0000-000000000000");
      if (s.format === "uri" || /(^|[_.])(lien|site|web|website|url|link)s?([_.]|$)/.test(name)) out.push(...JAVASCRIPT_URLS);
      return out;
    }
    case "integer":
    case "number":
      return [...HUGE_NUMBERS, "12", true];
    case "boolean":
      return ["oui", 1];
    case "array":
      return ["Texte fictif", [NUL], [SURROGATE], Array.from({ length: 1000 }, () => "x")];
    case "object":
      return ["Texte fictif", [], { champ_inconnu: 1 }, { [NUL]: 1 }];
    default:
      return [NUL, 2 ** 53];
  }
}

function walk(schema: Schema, path: Path, visit: (path: Path, schema: Schema) => void): void {
  const s = nonNull(schema);
  visit(path, schema);
  if (s.type === "object" && s.properties) for (const [key, child] of Object.entries(s.properties)) walk(child, [...path, key], visit);
  if (s.type === "array" && s.items) walk(s.items, [...path, 0], visit);
}

/** A copy of the base with the value at the path, intermediate objects sampled from the schema. */
function setAt(base: unknown, root: Schema, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const s = nonNull(root);
  const [head, ...rest] = path;
  if (typeof head === "number") {
    const item = s.items ?? {};
    const list = Array.isArray(base) ? [...(base as unknown[])] : [];
    list[head] = setAt(list[head] ?? sample(item), item, rest, value);
    return list;
  }
  const object = base && typeof base === "object" && !Array.isArray(base) ? { ...(base as Record<string, unknown>) } : {};
  const child = s.properties?.[head!] ?? {};
  object[head!] = setAt(object[head!] ?? sample(child, head!), child, rest, value);
  return object;
}

// ---- The run ----------------------------------------------------------------------------------

interface Sent {
  route: string;
  what: string;
  status: number;
}

describe("fuzzing every route from its OpenAPI schema", () => {
  it("answers no 5xx, and 404 for malformed path ids", async () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const started = Date.now();
    const sent: Sent[] = [];
    const covered = new Set<string>();
    /** Bad input that was not refused as it should be (accepted, or refused without naming the field). */
    const refused: Sent[] = [];
    const all: string[] = [];

    /** Per route, the actor its valid request let through. */
    const chosen = new Map<string, Client>();
    const send = async (route: string, what: string, options: InjectOptions, as?: Client) => {
      const client = route.endsWith("/logout") ? spareSessions.pop() : (as ?? chosen.get(route) ?? actors[0]);
      if (!client) throw new Error("no spare session left for the logout route");
      const res = await client.request(options);
      covered.add(route);
      sent.push({ route, what, status: res.statusCode });
      return res;
    };

    const operations = Object.entries(doc.paths)
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })))
      .filter(({ path }) => path.startsWith("/api/v1/"));

    /** Every GET route with real ids (both people for the routes of a person). */
    const readAll = async (what: string, only?: (path: string) => boolean) => {
      for (const { path, method, op } of operations) {
        if (method !== "GET" || (only && !only(path))) continue;
        const route = `${method} ${path}`;
        const prefix = path.replace(/^\/api\/v1\//, "").split("/{")[0]!;
        for (const id of prefix === "people" ? [ids.people!, bare] : [ids[prefix] ?? randomUUID()]) {
          const real = path.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "version" ? "1" : id));
          const required = (op.parameters ?? []).filter((p) => p.in === "query" && p.required).map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name)))}`);
          await send(route, what, { method: "GET", url: required.length ? `${real}?${required.join("&")}` : real });
        }
      }
    };

    for (const { path, method, op } of operations) {
      const route = `${method} ${path}`;
      all.push(route);
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === "path");
      const queryParams = params.filter((p) => p.in === "query");
      const prefix = path.replace(/^\/api\/v1\//, "").split("/{")[0]!;
      const realParam = (p: Parameter): string => {
        if (p.name === "id") return route === "PATCH /api/v1/people/{id}" ? bare : (ids[prefix] ?? randomUUID());
        if (p.name === "version") return "1";
        if (p.name === "membership_id") return victims.membership_id!;
        return String(sample(p.schema, p.name));
      };
      const url = (overrides: Record<string, string> = {}, query = "") =>
        path.replace(/\{(\w+)\}/g, (_m, name: string) => overrides[name] ?? realParam(pathParams.find((p) => p.name === name)!)) + (query ? `?${query}` : "");
      const bodySchema = op.requestBody?.content?.["application/json"]?.schema;
      const baseQuery = queryParams
        .filter((p) => p.required)
        .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema, p.name)))}`)
        .join("&");
      const baseBody = bodySchema ? sample(bodySchema) : undefined;
      /** Bodies carrying a version must carry the current one to get past the 409. */
      const fresh = async (body: unknown): Promise<unknown> => {
        if (!body || typeof body !== "object" || !("base_version" in (body as object)) || typeof (body as { base_version: unknown }).base_version !== "number") return body;
        const current = await (chosen.get(route) ?? actors[0]!).get(url());
        const version = current.statusCode === 200 ? (current.json() as { version?: number }).version : undefined;
        return version === undefined ? body : { ...(body as object), base_version: version };
      };
      const withBody = async (what: string, body: unknown, urlOverride?: string) =>
        send(route, what, {
          method: method as InjectOptions["method"],
          url: urlOverride ?? url({}, baseQuery),
          ...(bodySchema ? { payload: JSON.stringify(body), headers: { "content-type": "application/json" } } : {}),
        });

      // The valid request, as each actor until one gets through; then the whole body replaced by nonsense.
      let through: Client | undefined;
      let past: Client | undefined;
      for (const candidate of route.endsWith("/logout") ? [actors[0]!] : actors) {
        chosen.set(route, candidate);
        const res = await withBody("valid", await fresh(baseBody));
        if (res.statusCode < 300) through = candidate;
        else if (![401, 403, 404].includes(res.statusCode)) past ??= candidate;
        if (through) break;
      }
      chosen.set(route, through ?? past ?? actors[0]!);
      if (bodySchema) {
        for (const nonsense of [[], "Texte fictif", null, 42, { champ_inconnu: 1 }]) await withBody(`body=${JSON.stringify(nonsense)}`, nonsense);
        for (const [what, raw] of [
          ["nested arrays", "[".repeat(100_000) + "]".repeat(100_000)],
          ["nested objects", '{"a":'.repeat(50_000) + "1" + "}".repeat(50_000)],
          ["truncated JSON", '{"a":'],
          ["escaped NUL key", '{"\\u0000":"\\ud800"}'],
        ] as const) {
          await send(route, `body ${what}`, { method: method as InjectOptions["method"], url: url({}, baseQuery), payload: raw, headers: { "content-type": "application/json" } });
        }
      }

      // Malformed path parameters: 404, the resource at that address does not exist.
      for (const p of pathParams) {
        for (const bad of ["pas-un-identifiant", "1", "2147483648", "-1", "%00", "%ED%A0%80", "1e308", encodeURIComponent("x".repeat(500))]) {
          const res = await withBody(`path ${p.name}=${bad}`, baseBody, url({ [p.name]: bad }, baseQuery));
          if (res.statusCode !== 404 && !(p.name === "version" && bad === "1")) sent.push({ route, what: `path ${p.name}=${bad} is not 404`, status: 1000 + res.statusCode });
        }
      }

      // Query parameters: each one wrong, and one unknown.
      for (const p of queryParams) {
        for (const bad of ["%00", "a%00b", "%ED%A0%80", "%F0", "2147483648", "1e308", "9007199254740993", "-1", "NaN", "", "9999-12-31", HUGE_STRING]) {
          const others = baseQuery.split("&").filter((kv) => kv && !kv.startsWith(`${p.name}=`));
          const res = await withBody(`query ${p.name}=${bad.slice(0, 20)}`, baseBody, url({}, [...others, `${p.name}=${bad}`].join("&")));
          if (bad.includes("%00") && !(res.statusCode === 400 && (res.json() as { errors?: { field: string }[] }).errors?.some((e) => e.field === p.name))) {
            refused.push({ route, what: `query ${p.name}=${bad}: ${res.statusCode}, not a 400 naming « ${p.name} »`, status: res.statusCode });
          }
        }
        await withBody(`query ${p.name} twice`, baseBody, url({}, [baseQuery, `${p.name}=a&${p.name}=b`].filter(Boolean).join("&")));
      }
      await withBody("query unknown", baseBody, url({}, [baseQuery, "champ_inconnu=1"].filter(Boolean).join("&")));

      // Every field of the body, one at a time.
      if (bodySchema) {
        const targets: { path: Path; schema: Schema }[] = [];
        walk(bodySchema, [], (p, s) => {
          if (p.length > 0) targets.push({ path: p, schema: s });
        });
        for (const target of targets) {
          const name = String(target.path.filter((x) => typeof x === "string").at(-1) ?? "");
          for (const bad of badValues(target.schema, name)) {
            const mutated = setAt(baseBody, bodySchema, target.path, bad);
            const body = target.path.join(".") === "base_version" ? mutated : await fresh(mutated);
            const what = `body ${target.path.join(".")}=${JSON.stringify(bad).slice(0, 30)}`;
            const res = await withBody(what, body);
            const field = target.path.join(".");
            if (bad === NUL || bad === SURROGATE) {
              // Refused at the edge, with the field named.
              const named = res.statusCode === 400 && (res.json() as { errors?: { field: string }[] }).errors?.some((e) => e.field === field);
              if (!named) refused.push({ route, what: `${what}: ${res.statusCode}, not a 400 naming « ${field} »`, status: res.statusCode });
            } else if (MUST_REFUSE.includes(bad) && res.statusCode < 400 && !(typeof bad === "string" && nonNull(target.schema).format !== "date" && !bad.includes(":"))) {
              refused.push({ route, what: `${what}: accepted (${res.statusCode})`, status: res.statusCode });
            }
            // A write that was accepted must not break the reads (a date in year 9999…).
            if (res.statusCode < 300 && POISONS.includes(bad)) {
              // "My people", the directory search, the read of what was written, the pathway summary.
              await readAll(`after ${route} with ${what}`, (p) => p === "/api/v1/people" || p === "/api/v1/services" || p === path || p.endsWith("/pathway"));
            }
          }
        }
      }
    }

    // Whatever the writes stored must not break the reads afterwards.
    await readAll("read after all the writes");

    const errors = sent.filter((s) => s.status >= 500 && s.status < 1000);
    const not404 = sent.filter((s) => s.status >= 1000);
    const byRoute = new Map<string, number>();
    for (const s of errors) byRoute.set(s.route, (byRoute.get(s.route) ?? 0) + 1);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${sent.length - not404.length} requests on ${covered.size} routes in ${seconds} s; ${errors.length} answers 5xx on ${byRoute.size} routes; ${not404.length} malformed path ids not answered 404; ${refused.length} bad values not refused as they should`,
    );
    const deep = all.filter((route) => sent.some((s) => s.route === route && s.what === "valid" && s.status < 300));
    console.log(`fuzz: the valid request of ${deep.length} of ${all.length} routes answered 2xx; not: ${all.filter((r) => !deep.includes(r)).join(", ")}`);
    for (const [route, n] of byRoute) console.log(`  ${n} × ${route}`);
    for (const s of [...errors, ...not404].slice(0, 2000)) console.log(`  ${s.status} ${s.route} — ${s.what}`);
    for (const s of refused.slice(0, 500)) console.log(`  REFUSE ${s.route} — ${s.what}`);

    expect(all.filter((route) => !covered.has(route)), "routes of the OpenAPI document without any request").toEqual([]);
    expect(all.length).toBeGreaterThan(60);
    // The requests get past authentication and access checks: bodies are validated deep down. Routes
    // added with invitations, password resets, ProConnect and the contract lifecycle need their own
    // fixtures (tokens, pending requests) to answer 2xx on their sample: 79 of 105 do today.
    expect(deep.length / all.length).toBeGreaterThan(0.7);
    expect(errors.map((s) => `${s.status} ${s.route} — ${s.what}`)).toEqual([]);
    expect(refused.map((s) => `${s.route} — ${s.what}`)).toEqual([]);
    expect(not404.map((s) => `${s.status - 1000} ${s.route} — ${s.what}`)).toEqual([]);
  }, 240_000);
});
