// Who may do what in the directory (services of structures). The directory holds no personal data:
// published services are public; everything else is decided here.
//
//   search, read a published service   anyone, signed in or not
//   read a draft / archived service     those who may edit it
//   create, edit the services of a      platform admin, the structure's admins
//     structure, handle suggestions
//   suggest a correction                any professional (an account with a membership)
//   import data·inclusion files         platform admin, coordinators (asked by the directory service
//                                       before the upload is read)
//   services of a sensitive structure   as the structure itself: policy/structures.ts `maySeeStructure`
import type { Actor } from "./actor.ts";

export function canManageServicesOf(actor: Actor | null, structureId: string): boolean {
  if (!actor) return false;
  return actor.is_admin || actor.memberships.some((m) => m.structure_id === structureId && m.role === "structure_admin");
}

export function canSuggestCorrection(actor: Actor | null): boolean {
  return actor !== null && (actor.is_admin || actor.memberships.length > 0);
}

export function canImportDirectory(actor: Actor | null): boolean {
  return actor !== null && (actor.is_admin || actor.memberships.some((m) => m.role === "coordinator"));
}
