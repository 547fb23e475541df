// RGAA 11.10 / 11.11: after a failed submit, a summary at the top of the form lists the errors,
// each one linking to its field, and receives the focus.
import { useEffect, useRef } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { fieldOf, type FieldErrors } from "./forms.ts";
import { plural } from "./format.ts";

export interface FormField {
  /** id of the element to focus */
  id: string;
  label: string;
}

interface Props {
  errors: FieldErrors;
  /** Fields of the form by snake_case path. */
  fields: Record<string, FormField>;
  /** Other errors (not tied to a field): the problem detail. */
  formError?: string | null;
  /** Incremented at each failed submit: the summary is then focused. */
  focusKey: number;
  id?: string;
}

export function ErrorSummary({ errors, fields, formError, focusKey, id = "resume-erreurs" }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const keys = Object.keys(fields);
  // In the order of the form, not of the schema.
  const rank = (path: string) => {
    const key = fieldOf(path, keys);
    return key === undefined ? keys.length : keys.indexOf(key);
  };
  const entries = Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b));
  const count = entries.length + (formError ? 1 : 0);

  useEffect(() => {
    if (focusKey > 0) ref.current?.focus();
  }, [focusKey]);

  if (count === 0) return null;

  return (
    <div
      ref={ref}
      id={id}
      tabIndex={-1}
      role="alert"
      className={fr.cx("fr-alert", "fr-alert--error", "fr-mb-4w")}
      data-testid="error-summary"
    >
      <h2 className={fr.cx("fr-alert__title")}>
        {entries.length > 0 ? `Le formulaire contient ${plural(entries.length, "erreur", "erreurs")}` : "L'envoi a échoué"}
      </h2>
      {formError && <p>{formError}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([path, message]) => {
            const key = fieldOf(path, keys);
            const field = key === undefined ? undefined : fields[key];
            if (!field) {
              return <li key={path}>{message}</li>;
            }
            return (
              <li key={path}>
                <a
                  href={`#${field.id}`}
                  onClick={(event) => {
                    const target = document.getElementById(field.id);
                    if (!target) return;
                    event.preventDefault();
                    target.scrollIntoView({ block: "center" });
                    target.focus();
                  }}
                >
                  {field.label} : {message}
                </a>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
