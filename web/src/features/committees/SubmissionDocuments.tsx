// The documents joined to a submission: download links (type and size in French) for whoever sees
// them, and — for the person's team before the agenda's freeze — the DSFR file upload and removal.
// The server decides who sees and who changes (`permissions`); the limits are checked again there on
// the files' bytes.
import { useState, type ChangeEvent, type ElementType } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Upload } from "@codegouvfr/react-dsfr/Upload.js";
import { documentTypeLabel, formatFileSize, precheckFiles, SUBMISSION_DOCUMENT_ACCEPT, SUBMISSION_DOCUMENT_LIMITS_TEXT, SUBMISSION_DOCUMENT_MAX_COUNT } from "../../../../common/domain/committee-documents.ts";
import type { SubmissionDocumentView } from "../../../../common/schemas/committees.ts";
import { API_BASE, isApiError } from "../../api/client.ts";
import { plural } from "../../shared/format.ts";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDeleteDocument, useSubmissionDocuments, useUploadDocuments } from "./api.ts";

/** Why the server refused a file, in its words. */
function refusal(error: unknown): string {
  if (isApiError(error)) return error.fieldErrors[0]?.message ?? error.problem.detail ?? error.problem.title;
  return "l'envoi a échoué, réessayez.";
}

/** The limits, as the file picker's hint. */
export const DOCUMENTS_HINT = `${SUBMISSION_DOCUMENT_LIMITS_TEXT} Vous pouvez en choisir plusieurs à la fois.`;

export function DocumentLink({ document: d }: { document: SubmissionDocumentView }) {
  return (
    <a className={fr.cx("fr-link", "fr-link--download")} href={`${API_BASE}/committee-submission-documents/${d.id}`} download={d.file_name}>
      {d.file_name}
      <span className={fr.cx("fr-link__detail")}>
        {documentTypeLabel(d.media_type)} – {formatFileSize(d.size_bytes)}
      </span>
    </a>
  );
}

interface Props {
  submissionId: string;
  documents: SubmissionDocumentView[];
  /** Join and remove (the person's team, before the freeze). */
  canChange: boolean;
  /** Unique on the page (several situations per agenda). */
  idPrefix: string;
  heading?: ElementType;
  headingClass?: Parameters<typeof fr.cx>[0];
}

export function SubmissionDocuments({ submissionId, documents, canChange, idPrefix, heading: Heading = "h4", headingClass = "fr-h6" }: Props) {
  const upload = useUploadDocuments(submissionId);
  const remove = useDeleteDocument();
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<string | null>(null);
  const full = documents.length >= SUBMISSION_DOCUMENT_MAX_COUNT;

  const onFiles = (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = "";
    if (files.length === 0) return;
    setDone(null);
    const pre = precheckFiles(files, documents.length);
    if (pre.length > 0) {
      setErrors(pre);
      return;
    }
    setErrors([]);
    upload.mutate(files, {
      onSuccess: ({ joined, refused }) => {
        setErrors(refused.map((r) => `« ${r.file} » : ${refusal(r.error)}`));
        setDone(joined > 0 ? `${plural(joined, "document joint", "documents joints")}.` : null);
      },
    });
  };

  return (
    <section aria-labelledby={`${idPrefix}-titre`} data-testid="submission-documents">
      <Heading id={`${idPrefix}-titre`} className={fr.cx(headingClass)}>
        Documents joints
      </Heading>
      <div role="status">{done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-2w")} />}</div>
      {remove.isError && <ProblemAlert error={remove.error} className={fr.cx("fr-mb-2w")} />}
      {documents.length === 0 ? (
        <p>Aucun document joint.</p>
      ) : (
        <ul data-testid="documents">
          {documents.map((d) => (
            <li key={d.id} data-testid="document">
              <DocumentLink document={d} />
              {canChange && (
                <>
                  {" "}
                  <Button size="small" priority="tertiary" disabled={remove.isPending} onClick={() => remove.mutate(d.id)}>
                    Retirer<span className={fr.cx("fr-sr-only")}> {d.file_name}</span>
                  </Button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canChange &&
        (full ? (
          <p>{SUBMISSION_DOCUMENT_MAX_COUNT} documents au plus par saisine : retirez-en un pour en joindre un autre.</p>
        ) : (
          <Upload
            id={`${idPrefix}-upload`}
            label="Joindre des documents"
            hint={DOCUMENTS_HINT}
            multiple
            disabled={upload.isPending}
            state={errors.length > 0 ? "error" : "default"}
            stateRelatedMessage={
              errors.length > 0 ? (
                <ul className={fr.cx("fr-mb-0")} data-testid="documents-refused">
                  {errors.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : undefined
            }
            nativeInputProps={{ accept: SUBMISSION_DOCUMENT_ACCEPT, onChange: onFiles, id: `${idPrefix}-fichiers` }}
          />
        ))}
      {upload.isPending && <p role="status">Envoi des documents…</p>}
    </section>
  );
}

/** The documents of a submission, read from their own address (after a submission, before any agenda). */
export function SubmissionDocumentsLoader({ submissionId, idPrefix, heading, headingClass }: { submissionId: string; idPrefix: string; heading?: ElementType; headingClass?: Parameters<typeof fr.cx>[0] }) {
  const list = useSubmissionDocuments(submissionId);
  if (list.isError) return <ProblemAlert error={list.error} />;
  if (!list.data) return <p>Chargement des documents…</p>;
  return <SubmissionDocuments submissionId={submissionId} documents={list.data.items} canChange={list.data.permissions.change} idPrefix={idPrefix} heading={heading} headingClass={headingClass} />;
}
