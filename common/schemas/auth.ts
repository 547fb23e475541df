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

export const me = z.object({
  user: z.object({ id, email: z.string(), name: z.string(), is_admin: z.boolean() }),
  memberships: z.array(membership),
  /** Send it back in the X-CSRF-Token header of every unsafe request made with the session cookie. */
  csrf_token: z.string().nullable(),
  /** How the caller is authenticated. */
  via: z.enum(["session", "token"]),
  /** What the account may do, computed by the server's policy (the UI never re-implements a rule). */
  permissions: z.object({
    create_person: z.boolean(),
    /** Import data·inclusion files into the directory. */
    import_directory: z.boolean(),
    /** Give coordination and steering roles, move structures between territories (platform admins). */
    manage_territories: z.boolean(),
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
  }),
});
export type Me = z.infer<typeof me>;
