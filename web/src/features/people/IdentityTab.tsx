import { useEffect, useRef, useState, type ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { RSA_STATUS_LABELS, SITUATION_FLAG_LABELS } from "../../../../common/domain/person.ts";
import type { Person } from "../../../../common/schemas/people.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { useUpdatePerson } from "./api.ts";
import { PersonForm } from "./PersonForm.tsx";
import { toUpdateBody, valuesFromPerson } from "./personFormModel.ts";

const NOT_SET = "Non renseigné";

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testId}>{empty ? <span className="spie-muted">{NOT_SET}</span> : children}</dd>
    </>
  );
}

export function IdentityTab({ person }: { person: Person }) {
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const update = useUpdatePerson(person.id);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const [focusTarget, setFocusTarget] = useState<"heading" | "edit" | null>(null);

  useEffect(() => {
    if (focusTarget === "heading") headingRef.current?.focus();
    if (focusTarget === "edit") editButtonRef.current?.focus();
  }, [focusTarget, editing]);

  if (editing) {
    const initialValues = valuesFromPerson(person);
    return (
      <section aria-labelledby="identite-edition">
        <h2 id="identite-edition" ref={headingRef} tabIndex={-1} className={fr.cx("fr-h3")}>
          Modifier l'identité
        </h2>
        <PersonForm
          mode="edit"
          initialValues={initialValues}
          nirMasked={person.nir_masked}
          canChangeTerritory={person.permissions.change_territory}
          submitLabel="Enregistrer les modifications"
          onSubmit={async (values) => {
            const body = toUpdateBody(values, initialValues);
            if (Object.keys(body).length > 0) await update.mutateAsync(body);
            setSaved(Object.keys(body).length > 0 ? "Les modifications ont été enregistrées." : "Aucune modification à enregistrer.");
            setEditing(false);
            setFocusTarget("edit");
          }}
          onCancel={() => {
            setEditing(false);
            setFocusTarget("edit");
          }}
        />
      </section>
    );
  }

  const { address } = person;
  const addressLines = [address.street, address.complement, [address.postal_code, address.commune_name].filter(Boolean).join(" ")].filter(
    (line): line is string => Boolean(line),
  );

  return (
    <section aria-labelledby="identite-titre">
      <div className="spie-page-heading">
        <h2 id="identite-titre" className={fr.cx("fr-h3")}>
          Identité
        </h2>
        {person.permissions.update && (
          <Button
            ref={editButtonRef}
            priority="secondary"
            iconId="fr-icon-edit-line"
            onClick={() => {
              setSaved(null);
              setEditing(true);
              setFocusTarget("heading");
            }}
          >
            Modifier l'identité
          </Button>
        )}
      </div>
      {saved && <Alert severity="success" small description={saved} role="status" className={fr.cx("fr-mb-3w")} />}

      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <h3 className={fr.cx("fr-h5")}>État civil</h3>
          <dl className="spie-dl">
            <Field label="Prénoms">{person.first_names}</Field>
            <Field label="Nom">{person.last_name}</Field>
            <Field label="Nom de naissance">{person.birth_name}</Field>
            <Field label="Date de naissance">{formatDate(person.birth_date)}</Field>
          </dl>
          <h3 className={fr.cx("fr-h5")}>Coordonnées</h3>
          <dl className="spie-dl">
            <Field label="Adresse électronique">{person.email}</Field>
            <Field label="Téléphone">{person.phone}</Field>
            <Field label="Adresse">
              {addressLines.length > 0 &&
                addressLines.map((line, i) => (
                  <span key={i} className="spie-line">
                    {line}
                  </span>
                ))}
            </Field>
            <Field label="Territoire">{person.territory?.name}</Field>
          </dl>
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-6")}>
          <h3 className={fr.cx("fr-h5")}>Identifiants</h3>
          <dl className="spie-dl">
            <Field label="Numéro allocataire CAF ou MSA">{person.caf_number}</Field>
            <Field label="Identifiant France Travail">{person.france_travail_id}</Field>
            <Field label="Identifiant départemental">{person.department_id}</Field>
            <Field label="NIR" testId="person-nir">
              {person.nir_masked && (
                <>
                  <span className="spie-nir" aria-hidden="true">
                    {person.nir_masked}
                  </span>
                  <span className={fr.cx("fr-sr-only")}>Enregistré, masqué</span>
                </>
              )}
            </Field>
          </dl>
          <h3 className={fr.cx("fr-h5")}>Droit au RSA</h3>
          <dl className="spie-dl">
            <Field label="Date d'ouverture du droit">{formatDate(person.rsa_right_opened_on)}</Field>
            <Field label="Statut du droit">{person.rsa_status ? RSA_STATUS_LABELS[person.rsa_status] : null}</Field>
          </dl>
          <h3 className={fr.cx("fr-h5")}>Situation</h3>
          {person.situation_flags.length === 0 ? (
            <p className="spie-muted">Aucune situation particulière indiquée.</p>
          ) : (
            <ul>
              {person.situation_flags.map((flag) => (
                <li key={flag}>{SITUATION_FLAG_LABELS[flag]}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <p className={fr.cx("fr-text--xs", "fr-mt-2w")}>
        Dossier créé le {formatDateTime(person.created_at)}, mis à jour le {formatDateTime(person.updated_at)}.
      </p>
    </section>
  );
}
