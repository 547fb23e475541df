// A territory's settings of the pathway rules: orientation thresholds, whether structures decide
// orientations themselves, deadline warnings. Absent settings are the documented defaults.
import type { TerritorySettingsBody } from "../../../common/schemas/orientation.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { territorySettingsPermissions } from "../../policy/territories.ts";
import { queueTerritoryRecompute } from "../pathway/stored-deadlines.ts";
import { findTerritory } from "../territories/territories.repository.ts";
import { effectiveSettings } from "./orientation.service.ts";
import * as repo from "./orientation.repository.ts";

async function view(ctx: Ctx, territoryId: string) {
  const settings = await repo.territorySettings(ctx.db, territoryId);
  return { territory_id: territoryId, settings, effective: effectiveSettings(settings), can_update: territorySettingsPermissions(ctx.actor, territoryId).update };
}

export async function getTerritorySettings(ctx: Ctx, territoryId: string) {
  if (!(await findTerritory(ctx.db, territoryId)) || !territorySettingsPermissions(ctx.actor, territoryId).read) throw new DomainError("not_found", "Territoire introuvable.");
  return view(ctx, territoryId);
}

export async function updateTerritorySettings(ctx: Ctx, territoryId: string, body: TerritorySettingsBody) {
  const permissions = territorySettingsPermissions(ctx.actor, territoryId);
  if (!(await findTerritory(ctx.db, territoryId)) || !permissions.read) throw new DomainError("not_found", "Territoire introuvable.");
  if (!permissions.update) throw new DomainError("forbidden", "Seule l'équipe de coordination du territoire peut modifier ses règles.");
  const rule = effectiveSettings(body).orientation_rule;
  if (rule.professional_max_score >= rule.socio_professional_max_score) {
    throw fieldErrors([{ field: "orientation_rule.socio_professional_max_score", code: "invalid_range", message: "Le seuil socio-professionnel doit dépasser le seuil professionnel" }]);
  }
  await ctx.db.transaction(async (tx) => {
    await repo.saveTerritorySettings(tx, territoryId, body, ctx.actor.user_id);
    await queueTerritoryRecompute(tx, territoryId);
  });
  return view(ctx, territoryId);
}
