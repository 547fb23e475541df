import { z } from "../zod.ts";
import { MEMBERSHIP_ROLES } from "../domain/roles.ts";
import { id } from "./common.ts";

export const loginBody = z.strictObject({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof loginBody>;

export const changePasswordBody = z.strictObject({
  current_password: z.string().min(1).max(200),
  new_password: z.string().min(12, "12 caractères au moins").max(200),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const membership = z.object({
  id,
  role: z.enum(MEMBERSHIP_ROLES),
  structure: z.object({ id, name: z.string() }),
  territory: z.object({ id, name: z.string() }).nullable(),
});
export type Membership = z.infer<typeof membership>;

/**
 * When a cookie session ends: `idle_expires_at` (last activity + idle minutes, moved by any request
 * and by POST /me/session/refresh) and `expires_at` (absolute, never moved). ISO 8601 instants.
 */
export const sessionExpiry = z.object({ idle_expires_at: z.string(), expires_at: z.string() });
export type SessionExpiryView = z.infer<typeof sessionExpiry>;

export const me = z.object({
  user: z.object({ id, email: z.string(), name: z.string(), is_admin: z.boolean() }),
  memberships: z.array(membership),
  /** Send it back in the X-CSRF-Token header of every unsafe request made with the session cookie. */
  csrf_token: z.string().nullable(),
  /** How the caller is authenticated. */
  via: z.enum(["session", "token"]),
  /** A cookie session's deadlines (null for a token); also sent on every answer as headers (SESSION_HEADERS). */
  session: sessionExpiry.nullable(),
  /** What the account may do, computed by the server's policy (the UI never re-implements a rule). */
  permissions: z.object({
    create_person: z.boolean(),
    /** Import data·inclusion files into the directory. */
    import_directory: z.boolean(),
    /** Give coordination and steering roles, move structures between territories (platform admins). */
    manage_territories: z.boolean(),
    /** See the messages spie sent and its outbox (platform admins). */
    read_outbox: z.boolean(),
    /** Structures whose members and directory services the account manages (role structure_admin). */
    administered_structures: z.array(z.object({ id, name: z.string() })),
    /** Memberships through which the account creates files and joins accompaniment teams. */
    acting_memberships: z.array(membership),
    /** The page the account lands on: coordination workspace, steering counts, "my people", administration. */
    home: z.enum(["workspace", "steering", "people", "admin"]),
    /** Create territories, change their perimeter (platform admins). */
    administer_territories: z.boolean(),
    /** Territories whose queues the account reads (coordinators). */
    coordinated_territories: z.array(z.object({ id, name: z.string() })),
    /** Territories whose counts the account reads without any person (steering). */
    steered_territories: z.array(z.object({ id, name: z.string() })),
    /** Sees the cohorts page (coordinators, steering, platform admins: server/policy/cohorts.ts). */
    read_cohorts: z.boolean(),
    /** Record unmet needs ("besoins sans solution"): those who accompany people. */
    record_unmet_needs: z.boolean(),
    /** Territories whose unmet needs the account counts and exports (coordinators, steering). */
    unmet_needs_territories: z.array(z.object({ id, name: z.string() })),
  }),
});
export type Me = z.infer<typeof me>;

export const passwordResetRequestBody = z.strictObject({ email: z.email().max(254) });
export type PasswordResetRequestBody = z.infer<typeof passwordResetRequestBody>;
/** The same answer whether the account exists or not. */
export const passwordResetRequested = z.object({ detail: z.string() });
export const passwordResetBody = z.strictObject({ password: z.string().min(12, "12 caractères au moins").max(200) });
export type PasswordResetBody = z.infer<typeof passwordResetBody>;

/** One of the caller's open sessions. */
export const session = z.object({
  id,
  created_at: z.string(),
  last_seen_at: z.string(),
  expires_at: z.string(),
  /** Browser and system, e.g. "Firefox · Linux"; null when unknown. */
  user_agent: z.string().nullable(),
  current: z.boolean(),
});
export type Session = z.infer<typeof session>;
export const sessionList = z.object({ items: z.array(session) });

/** One of the caller's API tokens (never the secret). */
export const apiToken = z.object({ id, name: z.string(), created_at: z.string(), last_used_at: z.string().nullable(), revoked_at: z.string().nullable() });
export const apiTokenList = z.object({ items: z.array(apiToken) });

/** PATCH /users/{id} (platform admins). */
export const userUpdateBody = z.strictObject({ deactivated: z.boolean() });
export const userAccount = z.object({
  id,
  email: z.string(),
  name: z.string(),
  deactivated_at: z.string().nullable(),
  last_login_at: z.string().nullable(),
});
export const sessionRefreshAnswer = z.object({ session: sessionExpiry.nullable() });

export { SESSION_HEADERS } from "../session-headers.ts";
