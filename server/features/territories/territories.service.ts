// Territories: named perimeters of the official geography, created and changed by platform admins
// (policy/territories.ts). Their calendar (time zone, public holidays) follows from their départements.
import { CALENDAR_ZONE_LABELS, publicHolidays, territoryCalendar, todayIn } from "../../../common/domain/territory-calendar.ts";
import type { PerimeterItemBody, PerimeterKind, TerritoryCreateBody, TerritoryDetail, TerritoryUpdateBody } from "../../../common/schemas/territories.ts";
import type { FieldError } from "../../../common/problem.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import type { Actor } from "../../policy/actor.ts";
import { mayAdministerTerritories, territoryPermissions } from "../../policy/territories.ts";
import { communesInPerimeter, getDepartement, isValidPerimeter, resolveCommuneCode, type PerimeterItem } from "./geography.ts";
import * as repo from "./territories.repository.ts";

const KIND_LABELS: Record<PerimeterKind, string> = { region: "région", departement: "département", epci: "EPCI", commune: "commune" };

/** Checks and normalises a perimeter: known codes (a former commune code becomes the current one), each once. */
export function normalizePerimeter(perimeter: PerimeterItemBody[]): PerimeterItem[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const out: PerimeterItem[] = [];
  perimeter.forEach((item, i) => {
    const code = item.kind === "commune" ? (resolveCommuneCode(item.code) ?? item.code) : item.kind === "departement" ? item.code.toUpperCase() : item.code;
    if (!isValidPerimeter(item.kind, code)) {
      errors.push({ field: `perimeter.${i}.code`, code: "unknown_code", message: `Aucun(e) ${KIND_LABELS[item.kind]} n'a le code « ${item.code} »` });
      return;
    }
    const key = `${item.kind}:${code}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ kind: item.kind, code });
  });
  if (errors.length) throw fieldErrors(errors);
  return out;
}

/** Départements of the perimeters seen lately (walking every commune of France costs ~10 ms of CPU). */
const departementsMemo = new Map<string, string[]>();

/** The départements a perimeter covers, by code (memoised by the perimeter's codes: pure data). */
export function departementsOf(perimeter: readonly PerimeterItem[]): string[] {
  const key = perimeter.map((p) => `${p.kind}:${p.code}`).sort().join(",");
  let found = departementsMemo.get(key);
  if (!found) {
    found = [...new Set(communesInPerimeter(perimeter).map((c) => c.departement))].sort();
    if (departementsMemo.size >= 1000) departementsMemo.delete(departementsMemo.keys().next().value!);
    departementsMemo.set(key, found);
  }
  return [...found];
}

/** The territory's time zone and calendar (defaults to metropolitan France for an unknown territory). */
export async function calendarOf(db: Db, territoryId: string) {
  const t = await repo.findTerritoryWithPerimeter(db, territoryId);
  return territoryCalendar(t ? departementsOf(t.perimeter) : []);
}

/** Today in the territory's time zone. */
export async function territoryToday(db: Db, territoryId: string, now: Date = new Date()): Promise<string> {
  return todayIn((await calendarOf(db, territoryId)).time_zone, now);
}

function detail(actor: Actor, t: repo.TerritoryWithPerimeter, now: Date = new Date()): TerritoryDetail {
  const communes = communesInPerimeter(t.perimeter);
  const departements = [...new Set(communes.map((c) => c.departement))].sort();
  const calendar = territoryCalendar(departements);
  const year = Number(todayIn(calendar.time_zone, now).slice(0, 4));
  const { read: _read, ...permissions } = territoryPermissions(actor, t.id);
  return {
    ...t,
    departements: departements.map((code) => ({ code, name: getDepartement(code)?.name ?? code })),
    communes_count: communes.length,
    communes_sample: communes.slice(0, 30).map((c) => ({ code: c.code, name: c.name })),
    calendar: { ...calendar, zone_label: CALENDAR_ZONE_LABELS[calendar.zone], year, holidays: publicHolidays(year, calendar.zone) },
    permissions,
  };
}

function mustAdminister(actor: Actor): void {
  if (!mayAdministerTerritories(actor)) throw new DomainError("forbidden", "Seuls les administrateurs de la plateforme créent et modifient les territoires.");
}

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  if (await repo.findTerritoryByName(db, name, exceptId)) {
    throw new DomainError("conflict", `Un territoire s'appelle déjà « ${name} ».`, { errors: [{ field: "name", code: "taken", message: "Ce nom est déjà pris par un autre territoire" }] });
  }
}

export async function getTerritory(ctx: Ctx, id: string): Promise<TerritoryDetail> {
  const t = await repo.findTerritoryWithPerimeter(ctx.db, id);
  if (!t || !territoryPermissions(ctx.actor, id).read) throw new DomainError("not_found", "Territoire introuvable.");
  return detail(ctx.actor, t);
}

/** Creates a territory (CLI and API share it: the CLI passes an operator actor). */
export async function createTerritory(db: Db, actor: Actor, body: TerritoryCreateBody): Promise<TerritoryDetail> {
  mustAdminister(actor);
  const perimeter = normalizePerimeter(body.perimeter);
  await assertNameFree(db, body.name);
  const id = await repo.insertTerritory(db, body.name, perimeter);
  return detail(actor, (await repo.findTerritoryWithPerimeter(db, id))!);
}

export async function updateTerritory(db: Db, actor: Actor, id: string, body: TerritoryUpdateBody): Promise<TerritoryDetail> {
  mustAdminister(actor);
  if (!(await repo.findTerritory(db, id))) throw new DomainError("not_found", "Territoire introuvable.");
  const perimeter = body.perimeter === undefined ? undefined : normalizePerimeter(body.perimeter);
  if (body.name !== undefined) await assertNameFree(db, body.name, id);
  await repo.updateTerritory(db, id, { name: body.name, perimeter });
  return detail(actor, (await repo.findTerritoryWithPerimeter(db, id))!);
}
