// Documents joined to a submission ("fiche de saisine"): joined and removed by the person's team
// before the agenda's freeze, listed and downloaded by the team and by those who see situations.
// Who may do what: server/policy/committees.ts; the limits and the types: common/domain/committee-documents.ts.
import { checkDocument, DOCUMENT_TOO_LARGE_MESSAGE, documentFileName, SUBMISSION_DOCUMENT_MAX_BYTES, SUBMISSION_DOCUMENT_MAX_COUNT } from "../../../common/domain/committee-documents.ts";
import type { SubmissionDocumentView } from "../../../common/schemas/committees.ts";
import type { Ctx } from "../../http/context.ts";
import { DomainError } from "../../http/errors.ts";
import { assertMayChangeDocuments, documentsAccess, mayChangeDocuments, recordCommitteeAccess, submitterSeats } from "../../policy/committees.ts";
import * as repo from "./committees.repository.ts";
import { documentView, loadSession } from "./committees.service.ts";

/** The access log's resource of a document. */
export const DOCUMENT_RESOURCE = "committee_submission_document";
/** The multipart field of the file. */
export const DOCUMENT_FIELD = "file";

/** The submission, its session, and the caller's relation to its documents (404 when they may not see them). */
async function loadSubmission(ctx: Ctx, submissionId: string, notFound: string) {
  const sub = await repo.findSubmission(ctx.db, submissionId);
  if (!sub) throw new DomainError("not_found", notFound);
  try {
    const l = await loadSession(ctx, sub.session_id);
    const team = (await submitterSeats(ctx.db, ctx.actor, l.permissions, [sub.person_id])).get(sub.person_id) ?? null;
    const access = documentsAccess(ctx.actor, l.facts, team, sub.person_id);
    return { ...l, sub, team, access, state: { session_status: l.session.status, submission_status: sub.status } };
  } catch (e) {
    if (e instanceof DomainError && e.code === "not_found") throw new DomainError("not_found", notFound);
    throw e;
  }
}

export async function listDocuments(ctx: Ctx, submissionId: string): Promise<{ items: SubmissionDocumentView[]; permissions: { change: boolean } }> {
  const s = await loadSubmission(ctx, submissionId, "Saisine introuvable.");
  const rows = await repo.documentsOf(ctx.db, [submissionId]);
  await recordCommitteeAccess(ctx, [s.access], "read", DOCUMENT_RESOURCE);
  return { items: rows.map(documentView), permissions: { change: mayChangeDocuments(s.team, s.state) } };
}

function refused(code: string, message: string): DomainError {
  const errors = [{ field: DOCUMENT_FIELD, code, message }];
  if (code === "too_large") return new DomainError("payload_too_large", message, { errors, extensions: { limit: "size", max_bytes: SUBMISSION_DOCUMENT_MAX_BYTES } });
  return new DomainError("validation_failed", message, { errors });
}

/** The upload was larger than the limit (the multipart reader stopped it). */
export function tooLarge(): DomainError {
  return refused("too_large", DOCUMENT_TOO_LARGE_MESSAGE);
}

export interface UploadedFile {
  file_name: string;
  declared_type: string;
  bytes: Uint8Array;
}

/** Joins a document; the file is read (`read`) only once the caller may join it. */
export async function uploadDocument(ctx: Ctx, submissionId: string, read: () => Promise<UploadedFile>): Promise<SubmissionDocumentView> {
  const s = await loadSubmission(ctx, submissionId, "Saisine introuvable.");
  const team = s.team;
  assertMayChangeDocuments(team, s.state);
  const file = await read();
  const check = checkDocument(file.bytes, file.declared_type);
  if (!check.ok) throw refused(check.code, check.message);
  const id = await ctx.db.transaction(async (tx) => {
    // Counted under the submission's lock: two uploads at once cannot both be the tenth.
    await repo.lockSubmission(tx, submissionId);
    if ((await repo.countDocuments(tx, submissionId)) >= SUBMISSION_DOCUMENT_MAX_COUNT) {
      const message = `Une saisine compte ${SUBMISSION_DOCUMENT_MAX_COUNT} documents au plus : retirez-en un avant d'en joindre un autre.`;
      throw new DomainError("conflict", message, { errors: [{ field: DOCUMENT_FIELD, code: "too_many", message }], extensions: { limit: "count", max_count: SUBMISSION_DOCUMENT_MAX_COUNT } });
    }
    const row = await repo.insertDocument(tx, {
      submission_id: submissionId,
      file_name: documentFileName(file.file_name, check.media_type),
      media_type: check.media_type,
      size_bytes: file.bytes.length,
      content: file.bytes,
      uploaded_by_user_id: ctx.actor.user_id,
    });
    await recordCommitteeAccess(ctx, [team], "create", DOCUMENT_RESOURCE, tx);
    return row.id;
  });
  return documentView((await repo.findDocument(ctx.db, id))!);
}

/** One document's bytes, as stored (its type is the one its bytes were recognised as); one read of the person. */
export async function downloadDocument(ctx: Ctx, documentId: string): Promise<{ content: Uint8Array; file_name: string; media_type: string }> {
  const doc = await repo.findDocument(ctx.db, documentId);
  if (!doc) throw new DomainError("not_found", "Document introuvable.");
  const s = await loadSubmission(ctx, doc.submission_id, "Document introuvable.");
  const content = await repo.documentContent(ctx.db, documentId);
  if (!content) throw new DomainError("not_found", "Document introuvable.");
  await recordCommitteeAccess(ctx, [s.access], "read", DOCUMENT_RESOURCE);
  return { content, file_name: doc.file_name, media_type: doc.media_type };
}

export async function deleteDocument(ctx: Ctx, documentId: string): Promise<void> {
  const doc = await repo.findDocument(ctx.db, documentId);
  if (!doc) throw new DomainError("not_found", "Document introuvable.");
  const s = await loadSubmission(ctx, doc.submission_id, "Document introuvable.");
  const team = s.team;
  assertMayChangeDocuments(team, s.state);
  await ctx.db.transaction(async (tx) => {
    await repo.deleteDocument(tx, documentId);
    await recordCommitteeAccess(ctx, [team], "update", DOCUMENT_RESOURCE, tx);
  });
}
