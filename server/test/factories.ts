// Test data builders: obviously fictional people and organisations, written through the real
// repositories into a real database.
import type { MembershipRole } from "../../common/domain/roles.ts";
import type { Db } from "../db/client.ts";
import { insertUser } from "../features/auth/auth.repository.ts";
import { hashPassword } from "../features/auth/passwords.ts";
import { insertMembership, insertStructure } from "../features/structures/structures.repository.ts";
import { insertTerritory } from "../features/territories/territories.repository.ts";
import { insertService, type ServiceInsert } from "../features/directory/directory.repository.ts";
import { searchColumns } from "../features/directory/eligibility.ts";

export const TEST_PASSWORD = "mot-de-passe-de-test";
let passwordHash: Promise<string> | undefined;
let counter = 0;

export async function territory(db: Db, name = `Territoire ${++counter}`, perimeter: { kind: "departement" | "epci" | "region" | "commune"; code: string }[] = [{ kind: "departement", code: "02" }]) {
  return { id: await insertTerritory(db, name, perimeter), name };
}

export async function structure(db: Db, values: { name?: string; territory_id?: string | null; sensitive?: boolean; commune_code?: string } = {}) {
  return insertStructure(db, {
    name: values.name ?? `Structure fictive ${++counter}`,
    territory_id: values.territory_id ?? null,
    sensitive: values.sensitive ?? false,
    commune_code: values.commune_code ?? null,
  });
}

export async function user(db: Db, memberships: { structure_id: string; role: MembershipRole }[] = [], values: { name?: string; email?: string; is_admin?: boolean } = {}) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const n = ++counter;
  const row = await insertUser(db, {
    email: values.email ?? `utilisateur-${n}-${Date.now()}@test.spie.example.org`,
    name: values.name ?? `Utilisatrice Fictive ${n}`,
    password_hash: await passwordHash,
    is_admin: values.is_admin ?? false,
  });
  const ms = [];
  for (const m of memberships) ms.push(await insertMembership(db, { user_id: row.id, ...m }));
  return { ...row, memberships: ms };
}

/** A directory service (published unless told), written through the directory repository. */
export async function service(db: Db, structureId: string, values: Partial<ServiceInsert> = {}) {
  const n = ++counter;
  const row = {
    source: "test",
    source_id: `test--${n}`,
    status: "published",
    nom: `Service fictif ${n}`,
    description: "Un service fictif pour les tests de l'annuaire.",
    date_maj: new Date().toISOString().slice(0, 10),
    ...values,
    structure_id: structureId,
  };
  return insertService(db, { ...row, ...searchColumns({ zone_eligibilite: row.zone_eligibilite ?? null, code_insee: row.code_insee ?? null }) });
}
