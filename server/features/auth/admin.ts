// Account and token administration for operators (the `spie` CLI).
import { asc } from "drizzle-orm";
import type { MembershipRole } from "../../../common/domain/roles.ts";
import type { Db } from "../../db/client.ts";
import { DomainError } from "../../http/errors.ts";
import { structures } from "../structures/structures.tables.ts";
import { findActiveMembershipOf, insertMembership } from "../structures/structures.repository.ts";
import * as repo from "./auth.repository.ts";
import { checkPasswordStrength, createToken as newToken } from "./auth.service.ts";
import { hashPassword } from "./passwords.ts";
import type { Actor } from "../../policy/actor.ts";

export async function addUser(
  db: Db,
  options: { email: string; name: string; password?: string | undefined; structure?: string | undefined; role?: MembershipRole | "admin" | undefined },
): Promise<string> {
  return db.transaction(async (tx) => {
    let user = await repo.findUserByEmail(tx, options.email);
    const lines: string[] = [];
    if (!user) {
      if (!options.password) throw new DomainError("validation_failed", "--password est obligatoire pour créer un compte.");
      checkPasswordStrength(options.password);
      user = await repo.insertUser(tx, { email: options.email, name: options.name, password_hash: await hashPassword(options.password) });
      lines.push(`Compte créé : ${user.email} (${user.id})`);
    } else {
      lines.push(`Compte existant : ${user.email} (${user.id})`);
      if (options.password) {
        checkPasswordStrength(options.password);
        await repo.updateUser(tx, user.id, { password_hash: await hashPassword(options.password) });
        lines.push("Mot de passe mis à jour.");
      }
    }
    if (options.role === "admin") {
      await repo.updateUser(tx, user.id, { is_admin: true });
      lines.push("Administrateur·rice de la plateforme.");
    } else if (options.role && options.structure) {
      const all = await tx.select({ id: structures.id, name: structures.name }).from(structures);
      const structure = all.find((s) => s.id === options.structure || s.name === options.structure);
      if (!structure) throw new DomainError("not_found", `Structure introuvable : « ${options.structure} » (voir « spie structure list »).`);
      if (await findActiveMembershipOf(tx, structure.id, user.id, options.role)) {
        lines.push(`A déjà le rôle ${options.role} dans ${structure.name}.`);
      } else {
        await insertMembership(tx, { user_id: user.id, structure_id: structure.id, role: options.role });
        lines.push(`Rôle ${options.role} ajouté dans ${structure.name}.`);
      }
    }
    return lines.join("\n");
  });
}

export const createToken = newToken;

export async function listTokens(db: Db, email: string) {
  const user = await repo.findUserByEmail(db, email);
  if (!user) throw new DomainError("not_found", `Aucun compte pour ${email}.`);
  return repo.listTokens(db, user.id);
}

export const revokeToken = repo.revokeToken;

export async function listStructures(db: Db) {
  return db.select({ id: structures.id, name: structures.name }).from(structures).orderBy(asc(structures.name));
}

/**
 * The operator at the command line: the machine's operator acts as a platform admin for what the
 * CLI does (territories). Never a request's actor.
 */
export const OPERATOR: Actor = {
  user_id: "00000000-0000-0000-0000-000000000000",
  name: "Opérateur (ligne de commande)",
  email: "",
  is_admin: true,
  memberships: [],
  via: "token",
  session_id: null,
  csrf_token: null,
  token_id: null,
};
