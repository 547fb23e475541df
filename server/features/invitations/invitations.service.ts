// Invitations into a structure: nobody is attached to a structure without their consent, and no
// password is ever shown. The structure's admins (or platform admins) invite an e-mail address with
// a role they may grant (policy/roles.ts mayGrantRole); the invited person gets a one-time link valid
// 7 days (its SHA-256 stored; resending replaces it) and, on accepting, sets a password (new account)
// or — existing account — accepts while signed in as that account (policy/accounts.ts mayAcceptAs).
// The membership is created only then.
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from "../../../common/domain/roles.ts";
import type { InvitationAcceptBody, InvitationCreateBody } from "../../../common/schemas/invitations.ts";
import type { Config } from "../../config.ts";
import { randomToken, sha256 } from "../../crypto.ts";
import type { Db } from "../../db/client.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError, fieldErrors } from "../../http/errors.ts";
import { mayAcceptAs } from "../../policy/accounts.ts";
import type { Actor } from "../../policy/actor.ts";
import { mayGrantRole } from "../../policy/roles.ts";
import { findUserByEmail, findUserById, insertUser, type UserRow } from "../auth/auth.repository.ts";
import { actorFor, checkPasswordStrength, openSession } from "../auth/auth.service.ts";
import { hashPassword } from "../auth/passwords.ts";
import { users } from "../auth/auth.tables.ts";
import { sendMessage } from "../messaging/messaging.ts";
import { structures } from "../structures/structures.tables.ts";
import { findActiveMembershipOf, insertMembership } from "../structures/structures.repository.ts";
import { membershipsChanged } from "../../policy/actor.ts";
import { enforce, manageable } from "../structures/structures.service.ts";
import { invitations } from "./invitations.tables.ts";

export const INVITATION_VALIDITY_DAYS = 7;

type InvitationRow = typeof invitations.$inferSelect;

function status(row: InvitationRow): "pending" | "expired" | "accepted" | "revoked" {
  if (row.accepted_at) return "accepted";
  if (row.revoked_at) return "revoked";
  return row.expires_at.getTime() <= Date.now() ? "expired" : "pending";
}

function view(row: InvitationRow, inviter: { id: string; name: string } | null) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as MembershipRole,
    status: status(row),
    invited_by: inviter,
    created_at: row.created_at.toISOString(),
    last_sent_at: row.last_sent_at.toISOString(),
    expires_at: row.expires_at.toISOString(),
  };
}

async function withInviter(db: Db, row: InvitationRow) {
  const inviter = row.invited_by ? await findUserById(db, row.invited_by) : undefined;
  return view(row, inviter ? { id: inviter.id, name: inviter.name } : null);
}

function expiry(): Date {
  return new Date(Date.now() + INVITATION_VALIDITY_DAYS * 86_400_000);
}

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

/** Queues the invitation e-mail (inside the caller's transaction). */
async function mail(db: Db, config: Config, row: InvitationRow, structureName: string, token: string): Promise<void> {
  await sendMessage(db, {
    channel: "email",
    to: row.email,
    template: "invitation",
    data: {
      structure: structureName,
      role: MEMBERSHIP_ROLE_LABELS[row.role as MembershipRole],
      link: `${config.publicUrl}/invitation/${token}`,
      expires: dateFormat.format(row.expires_at),
    },
    related: { type: "invitation", id: row.id },
  });
}

/** Pending and expired invitations of the structure (accepted and revoked ones are history). */
export async function listInvitations(ctx: Ctx, structureId: string) {
  await manageable(ctx, structureId);
  const rows = await ctx.db
    .select({ invitation: invitations, inviter_name: users.name })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invited_by))
    .where(and(eq(invitations.structure_id, structureId), isNull(invitations.accepted_at), isNull(invitations.revoked_at)))
    .orderBy(desc(invitations.created_at));
  return { items: rows.map((r) => view(r.invitation, r.invitation.invited_by && r.inviter_name ? { id: r.invitation.invited_by, name: r.inviter_name } : null)) };
}

export async function createInvitation(ctx: Ctx, structureId: string, body: InvitationCreateBody) {
  const structure = (await manageable(ctx, structureId)).structure;
  const email = body.email.trim().toLowerCase();
  const existing = await findUserByEmail(ctx.db, email);
  enforce(mayGrantRole(ctx.actor, structureId, body.role, existing ? { user_id: existing.id, is_admin: existing.is_admin } : null));
  if (existing && (await findActiveMembershipOf(ctx.db, structureId, existing.id, body.role))) throw new DomainError("conflict", "Cette personne a déjà ce rôle dans la structure.");
  const row = await ctx.db.transaction(async (tx) => {
    const [pending] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.structure_id, structureId), eq(invitations.email, email), eq(invitations.role, body.role), isNull(invitations.accepted_at), isNull(invitations.revoked_at), gt(invitations.expires_at, new Date())));
    if (pending) throw new DomainError("conflict", "Une invitation est déjà en attente pour cette adresse et ce rôle : renvoyez-la depuis la liste des invitations.");
    const token = randomToken(32);
    const [created] = await tx
      .insert(invitations)
      .values({ structure_id: structureId, email, name: body.name ?? null, role: body.role, token_hash: sha256(token), invited_by: ctx.actor.user_id, expires_at: expiry() })
      .returning();
    await mail(tx, ctx.config, created!, structure.name, token);
    return created!;
  });
  return withInviter(ctx.db, row);
}

async function pendingOf(ctx: Ctx, structureId: string, invitationId: string): Promise<InvitationRow> {
  const [row] = await ctx.db.select().from(invitations).where(and(eq(invitations.id, invitationId), eq(invitations.structure_id, structureId)));
  if (!row || row.accepted_at || row.revoked_at) throw new DomainError("not_found", "Invitation introuvable (déjà acceptée ou révoquée ?).");
  return row;
}

/** Sends the invitation again with a new link (the previous one stops working), valid 7 more days. */
export async function resendInvitation(ctx: Ctx, structureId: string, invitationId: string) {
  const structure = (await manageable(ctx, structureId)).structure;
  const row = await pendingOf(ctx, structureId, invitationId);
  enforce(mayGrantRole(ctx.actor, structureId, row.role as MembershipRole, null));
  const updated = await ctx.db.transaction(async (tx) => {
    const token = randomToken(32);
    const [next] = await tx
      .update(invitations)
      .set({ token_hash: sha256(token), expires_at: expiry(), last_sent_at: new Date() })
      .where(and(eq(invitations.id, row.id), isNull(invitations.accepted_at), isNull(invitations.revoked_at)))
      .returning();
    if (!next) throw new DomainError("not_found", "Invitation introuvable (déjà acceptée ou révoquée ?).");
    await mail(tx, ctx.config, next, structure.name, token);
    return next;
  });
  return withInviter(ctx.db, updated);
}

export async function revokeInvitation(ctx: Ctx, structureId: string, invitationId: string): Promise<void> {
  await manageable(ctx, structureId);
  const row = await pendingOf(ctx, structureId, invitationId);
  enforce(mayGrantRole(ctx.actor, structureId, row.role as MembershipRole, null));
  await ctx.db.update(invitations).set({ revoked_at: new Date() }).where(and(eq(invitations.id, row.id), isNull(invitations.accepted_at)));
}

/** The invitation of a link: 404 when unknown, 410 when accepted, revoked or expired. */
async function byToken(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, structure_name: structures.name })
    .from(invitations)
    .innerJoin(structures, eq(structures.id, invitations.structure_id))
    .where(eq(invitations.token_hash, sha256(token)));
  if (!row) throw new DomainError("not_found", "Invitation introuvable : vérifiez le lien, ou demandez une nouvelle invitation.");
  const state = status(row.invitation);
  if (state === "accepted") throw new DomainError("gone", "Cette invitation a déjà été acceptée. Connectez-vous.");
  if (state === "revoked") throw new DomainError("gone", "Cette invitation a été annulée.");
  if (state === "expired") throw new DomainError("gone", "Cette invitation a expiré : demandez à l'administrateur·rice de la structure de vous la renvoyer.");
  return row;
}

export async function getPublicInvitation(db: Db, token: string) {
  const { invitation: row, structure_name } = await byToken(db, token);
  return {
    email: row.email,
    name: row.name,
    role: row.role as MembershipRole,
    structure: { id: row.structure_id, name: structure_name },
    expires_at: row.expires_at.toISOString(),
    account_exists: Boolean(await findUserByEmail(db, row.email)),
  };
}

export interface AcceptDeps {
  db: Db;
  config: Config;
}

/**
 * Accepts: a new account sets its password (and name) here and is signed in; an existing account
 * must be signed in as itself (its consent). The link is used up, the membership created.
 * Answers the signed-in actor and, for a new session, its cookie.
 */
export async function acceptInvitation(deps: AcceptDeps, actor: Actor | null, token: string, body: InvitationAcceptBody, userAgent?: string): Promise<{ actor: Actor; cookie: string | null }> {
  const { db } = deps;
  const { invitation: row } = await byToken(db, token);
  const role = row.role as MembershipRole;
  const existing = await findUserByEmail(db, row.email);
  if (existing) {
    const decision = mayAcceptAs(actor, row.email);
    if (!decision.allowed) throw new DomainError("forbidden", decision.reason);
    if (existing.is_admin || existing.disabled_at) throw new DomainError("forbidden", "Ce compte ne peut pas être membre d'une structure.");
    await db.transaction(async (tx) => {
      await use(tx, row.id, existing.id);
      if (!(await findActiveMembershipOf(tx, row.structure_id, existing.id, role))) await insertMembership(tx, { user_id: existing.id, structure_id: row.structure_id, role });
    });
    membershipsChanged(existing.id);
    return { actor: await actorFor(db, existing, actor!.via, { session_id: actor!.session_id, csrf_token: actor!.csrf_token, token_id: actor!.token_id }), cookie: null };
  }
  if (actor) throw new DomainError("conflict", "Vous êtes connecté·e avec un autre compte : déconnectez-vous, puis ouvrez de nouveau le lien de l'invitation.");
  const name = body.name ?? row.name;
  const errors = [];
  if (!body.password) errors.push({ field: "password", code: "required", message: "Choisissez un mot de passe" });
  if (!name) errors.push({ field: "name", code: "required", message: "Indiquez votre nom et prénom" });
  if (errors.length) throw fieldErrors(errors);
  checkPasswordStrength(body.password!);
  const hash = await hashPassword(body.password!);
  const user = await db.transaction(async (tx) => {
    const created = await insertUser(tx, { email: row.email, name: name!, password_hash: hash });
    await use(tx, row.id, created.id);
    await insertMembership(tx, { user_id: created.id, structure_id: row.structure_id, role });
    return created;
  });
  return openSession(deps, user, userAgent);
}

/** Marks the invitation accepted, once (a concurrent acceptance loses). */
async function use(db: Db, id: string, userId: string): Promise<void> {
  const done = await db
    .update(invitations)
    .set({ accepted_at: new Date(), accepted_by: userId })
    .where(and(eq(invitations.id, id), isNull(invitations.accepted_at), isNull(invitations.revoked_at)))
    .returning({ id: invitations.id });
  if (done.length === 0) throw new DomainError("gone", "Cette invitation a déjà été utilisée.");
}

/**
 * A sign-in through an identity provider (ProConnect) with a verified e-mail that has no account yet
 * but pending invitations: the account is created (no password; the name from the identity, else
 * the inviter's) and every pending invitation for that e-mail accepted, in one transaction. Null
 * when no invitation waits: nobody gets an account without one.
 */
export async function acceptPendingInvitationsByEmail(db: Db, identity: { email: string; name: string | null }): Promise<UserRow | null> {
  const email = identity.email.trim().toLowerCase();
  const user = await db.transaction(async (tx) => {
    const pending = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.email, email), isNull(invitations.accepted_at), isNull(invitations.revoked_at), gt(invitations.expires_at, new Date())));
    if (pending.length === 0 || (await findUserByEmail(tx, email))) return null;
    const name = identity.name || pending.find((p) => p.name)?.name || email;
    const created = await insertUser(tx, { email, name, password_hash: null });
    for (const row of pending) {
      await use(tx, row.id, created.id);
      if (!(await findActiveMembershipOf(tx, row.structure_id, created.id, row.role))) await insertMembership(tx, { user_id: created.id, structure_id: row.structure_id, role: row.role as MembershipRole });
    }
    return created;
  });
  if (user) membershipsChanged(user.id);
  return user;
}
