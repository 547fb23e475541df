// The "Notes" tab: notes the reader may read (by visibility), and writing one (optionally a contact
// with the person, which resets "no contact for 3 months").
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { todayIso } from "../../../../common/domain/dates.ts";
import { CONTACT_KINDS, CONTACT_KIND_LABELS, NOTE_VISIBILITIES, NOTE_VISIBILITY_LABELS, type ContactKind, type NoteVisibility } from "../../../../common/domain/notes.ts";
import { noteCreateBody } from "../../../../common/schemas/notes.ts";
import { isApiError } from "../../api/client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useCreateNote, useNotes, usePathway } from "../pathway/api.ts";
import "../pathway/pathway.css";

function NoteForm({ personId, onDone }: { personId: string; onDone: (message: string) => void }) {
  const create = useCreateNote(personId);
  const [body, setBody] = useState("");
  const [visibility, setVisibility] = useState<NoteVisibility>("team");
  const [contact, setContact] = useState<ContactKind | "">("");
  const [occurredOn, setOccurredOn] = useState(todayIso());
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = { body, visibility, contact_kind: contact || null, occurred_on: occurredOn };
    const result = validate(noteCreateBody, input);
    if (!result.ok) return setErrors(result.errors);
    try {
      await create.mutateAsync(input);
      setBody("");
      setContact("");
      setErrors({});
      onDone("Note enregistrée.");
    } catch (e) {
      setErrors(isApiError(e) ? problemFieldErrors(e) : { body: "Une erreur inattendue est survenue." });
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Écrire une note" data-testid="note-form">
      <Input
        label="Note"
        hintText="Des faits utiles au parcours ; jamais de diagnostic médical ni de détail judiciaire."
        textArea
        {...errorState(errorFor(errors, "body"))}
        nativeTextAreaProps={{ id: "note-body", value: body, rows: 4, maxLength: 5000, onChange: (e) => setBody(e.target.value) }}
      />
      <RadioButtons
        legend="Qui peut la lire ?"
        name="note-visibility"
        orientation="horizontal"
        options={NOTE_VISIBILITIES.map((v) => ({ label: NOTE_VISIBILITY_LABELS[v], nativeInputProps: { value: v, checked: visibility === v, onChange: () => setVisibility(v) } }))}
      />
      <div className="spie-two-cols">
        <Select label="Contact avec la personne" hint="Si la note rend compte d'un échange avec elle" nativeSelectProps={{ id: "note-contact", value: contact, onChange: (e) => setContact(e.target.value as ContactKind | "") }}>
          <option value="">Pas de contact</option>
          {CONTACT_KINDS.map((k) => (
            <option key={k} value={k}>
              {CONTACT_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <Input label="Date" hintText="Format : jj/mm/aaaa" {...errorState(errorFor(errors, "occurred_on"))} nativeInputProps={{ id: "note-date", type: "date", value: occurredOn, onChange: (e) => setOccurredOn(e.target.value) }} />
      </div>
      <Button type="submit" disabled={create.isPending}>
        Enregistrer la note
      </Button>
    </form>
  );
}

export function NotesTab({ personId }: { personId: string }) {
  const notes = useNotes(personId);
  const pathway = usePathway(personId);
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="notes-titre">
      <h2 id="notes-titre" className={fr.cx("fr-h3")}>
        Notes
      </h2>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} />}
      </div>
      {pathway.data?.permissions.write_notes && <NoteForm personId={personId} onDone={setDone} />}
      <h3 className={fr.cx("fr-h4", "fr-mt-4w")}>Notes que vous pouvez lire</h3>
      {notes.isPending ? (
        <Loading label="Chargement des notes…" />
      ) : notes.isError ? (
        <ProblemAlert error={notes.error} />
      ) : notes.data.items.length === 0 ? (
        <p>Aucune note.</p>
      ) : (
        <ul className="spie-plain-list" data-testid="notes">
          {notes.data.items.map((n) => (
            <li key={n.id} className="spie-note" data-testid="note">
              <p className={fr.cx("fr-text--sm", "fr-mb-1v")}>
                {formatDate(n.occurred_on)} · {n.author.name}
                {n.author.structure_name ? ` (${n.author.structure_name})` : ""} · visible par : {NOTE_VISIBILITY_LABELS[n.visibility].toLowerCase()}
                {n.contact_kind ? ` · ${CONTACT_KIND_LABELS[n.contact_kind].toLowerCase()}` : ""}
              </p>
              <p className={`${fr.cx("fr-mb-0")} spie-pre-line`}>{n.body}</p>
              <p className="spie-assessor">Écrite le {formatDateTime(n.created_at)}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
