import { z } from "../zod.ts";
import { MEMBERSHIP_ROLES } from "../domain/roles.ts";
import { email, id, shortText } from "./common.ts";
import { me } from "./auth.ts";

export const PASSWORD_MIN_LENGTH = 12;
export const newPassword = z.string().min(PASSWORD_MIN_LENGTH, `${PASSWORD_MIN_LENGTH} caractères au moins`).max(200);

/** POST /structures/{id}/invitations. */
export const invitationCreateBody = z.strictObject({
  email,
  name: shortText(200).optional(),
  role: z.enum(MEMBERSHIP_ROLES),
});
export type InvitationCreateBody = z.infer<typeof invitationCreateBody>;

export const INVITATION_STATUSES = ["pending", "expired", "accepted", "revoked"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as the structure's admins see it. */
export const invitation = z.object({
  id,
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(MEMBERSHIP_ROLES),
  status: z.enum(INVITATION_STATUSES),
  invited_by: z.object({ id, name: z.string() }).nullable(),
  created_at: z.string(),
  last_sent_at: z.string(),
  expires_at: z.string(),
});
export type Invitation = z.infer<typeof invitation>;

/** GET /invitations/{token}: what the invited person needs, nothing about any account. */
export const invitationPublic = z.object({
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(MEMBERSHIP_ROLES),
  structure: z.object({ id, name: z.string() }),
  expires_at: z.string(),
  /**
   * An account exists for this e-mail: accepting needs being signed in as it (no password here).
   * Only the holder of the link learns it, about the address the link was sent to.
   */
  account_exists: z.boolean(),
});
export type InvitationPublic = z.infer<typeof invitationPublic>;

export const invitationAcceptBody = z.strictObject({
  password: newPassword.optional(),
  name: shortText(200).optional(),
});
export type InvitationAcceptBody = z.infer<typeof invitationAcceptBody>;
export const invitationAccepted = me;
