// The pathway at a glance: deadlines, the current orientation and contract, and what the caller
// may do (computed by the server's policy, never re-implemented by the web).
import { z } from "../zod.ts";
import { DEADLINE_KINDS, DEADLINE_STATUSES } from "../domain/deadlines.ts";
import { id } from "./common.ts";
import { contract } from "./contracts.ts";
import { orientation, reorientationRequest } from "./orientation.ts";

export const deadline = z.object({
  kind: z.enum(DEADLINE_KINDS),
  started_on: z.string(),
  due_on: z.string(),
  status: z.enum(DEADLINE_STATUSES),
  days_left: z.number().int(),
  done_on: z.string().nullable(),
  late: z.boolean(),
});
export type DeadlineView = z.infer<typeof deadline>;

export const deadlines = z.object({
  orientation: deadline.nullable(),
  contract: deadline.nullable(),
  /** Null when the person is not followed (RSA right refused). */
  contact: deadline.nullable(),
  /** A legal deadline (orientation or contract) is overdue. */
  overdue: z.boolean(),
  /** No contact for 3 months (or the territory's setting). */
  no_recent_contact: z.boolean(),
});
export type Deadlines = z.infer<typeof deadlines>;

export const pathwayPermissions = z.object({
  read: z.boolean(),
  /** Diagnostic, contracts, action plan. */
  update: z.boolean(),
  write_notes: z.boolean(),
  decide_orientation: z.boolean(),
  request_reorientation: z.boolean(),
  read_access_log: z.boolean(),
});
export type PathwayPermissions = z.infer<typeof pathwayPermissions>;

export const pathway = z.object({
  person_id: id,
  permissions: pathwayPermissions,
  deadlines,
  last_contact_on: z.string().nullable(),
  diagnostic_version: z.number().int(),
  current_orientation: orientation.nullable(),
  pending_reorientation: reorientationRequest.nullable(),
  current_contract: contract.nullable(),
});
export type Pathway = z.infer<typeof pathway>;

export const notification = z.object({
  id,
  person_id: id.nullable(),
  type: z.string(),
  message: z.string(),
  created_at: z.string(),
  read_at: z.string().nullable(),
});
export const notificationList = z.object({ items: z.array(notification), unread: z.number().int() });
