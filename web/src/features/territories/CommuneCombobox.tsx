// Accessible autocomplete for the commune of an address (ARIA 1.2 combobox + listbox pattern):
// the user types a name or a postal code, browses the suggestions with the arrow keys and picks
// one with Enter or a click. The value is the INSEE code + the postal code.
import { useId, useMemo, useRef, useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import type { Commune } from "../../../../common/schemas/territories.ts";
import { useCommuneSearch } from "./communes.ts";
import { useDebounced } from "../../shared/useDebounced.ts";

export interface CommuneValue {
  code: string;
  postal_code: string;
  name: string;
}

export function communeLabel(value: CommuneValue): string {
  return value.postal_code ? `${value.name} (${value.postal_code})` : value.name;
}

interface Props {
  id: string;
  label: string;
  hint?: string;
  value: CommuneValue | null;
  onChange: (value: CommuneValue | null) => void;
  /** Called with the typed text, to know whether something was typed but not picked. */
  onTextChange?: (text: string) => void;
  error?: string;
}

function toOptions(communes: Commune[], query: string): CommuneValue[] {
  const digits = /^\d{2,5}$/.test(query.trim()) ? query.trim() : null;
  const options: CommuneValue[] = [];
  for (const commune of communes) {
    const postalCodes = commune.postal_codes.length > 0 ? commune.postal_codes : [""];
    for (const postalCode of postalCodes) {
      if (digits && !postalCode.startsWith(digits) && !commune.code.startsWith(digits)) continue;
      options.push({ code: commune.code, postal_code: postalCode, name: commune.name });
    }
  }
  return options.slice(0, 20);
}

export function CommuneCombobox({ id, label, hint, value, onChange, onTextChange, error }: Props) {
  const baseId = useId();
  const listboxId = `${baseId}-listbox`;
  const hintId = `${baseId}-hint`;
  const statusId = `${baseId}-status`;
  const errorId = `${id}-desc-error`;
  const [text, setText] = useState(() => (value ? communeLabel(value) : ""));
  const [open, setOpen] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);

  const query = useDebounced(text, 250);
  const searching = open && value === null && query.trim().length >= 2;
  const search = useCommuneSearch(searching ? query : "");
  const options = useMemo(() => toOptions(search.data ?? [], query), [search.data, query]);
  const expanded = searching && options.length > 0;

  const select = (option: CommuneValue) => {
    onChange(option);
    setText(communeLabel(option));
    onTextChange?.(communeLabel(option));
    setOpen(false);
    setActiveIndex(-1);
  };

  let status = "";
  if (searching) {
    if (search.isFetching && options.length === 0) status = "Recherche en cours…";
    else if (search.isError) status = "La recherche de communes a échoué. Réessayez.";
    else if (options.length === 0) status = "Aucune commune trouvée.";
    else
      status = `${options.length} ${options.length > 1 ? "communes trouvées" : "commune trouvée"}. Utilisez les flèches haut et bas pour parcourir la liste, Entrée pour choisir.`;
  }

  const describedBy = [hintId, error ? errorId : undefined].filter(Boolean).join(" ");
  const activeId = expanded && activeIndex >= 0 ? `${baseId}-option-${activeIndex}` : undefined;

  return (
    <div className={fr.cx("fr-input-group", error ? "fr-input-group--error" : undefined)}>
      <label className={fr.cx("fr-label")} htmlFor={id}>
        {label}
        <span className={fr.cx("fr-hint-text")} id={hintId}>
          {hint ?? "Saisissez au moins 2 lettres du nom ou le code postal, puis choisissez dans la liste."}
        </span>
      </label>
      <div className="spie-combobox">
        <input
          ref={inputRef}
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          className={fr.cx("fr-input", error ? "fr-input--error" : undefined)}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listboxId}
          aria-activedescendant={activeId}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={text}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            onTextChange?.(next);
            if (value !== null) onChange(null);
            setOpen(true);
            setActiveIndex(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => {
            setOpen(false);
            setActiveIndex(-1);
          }}
          onKeyDown={(event) => {
            switch (event.key) {
              case "ArrowDown":
                event.preventDefault();
                setOpen(true);
                if (options.length > 0) setActiveIndex((i) => (i + 1) % options.length);
                break;
              case "ArrowUp":
                event.preventDefault();
                setOpen(true);
                if (options.length > 0) setActiveIndex((i) => (i <= 0 ? options.length - 1 : i - 1));
                break;
              case "Enter": {
                const option = expanded && activeIndex >= 0 ? options[activeIndex] : undefined;
                if (option) {
                  event.preventDefault();
                  select(option);
                } else if (expanded) {
                  // Do not submit the form while the list is open with nothing chosen.
                  event.preventDefault();
                }
                break;
              }
              case "Escape":
                if (expanded) {
                  event.preventDefault();
                  setOpen(false);
                  setActiveIndex(-1);
                } else if (text !== "") {
                  event.preventDefault();
                  setText("");
                  onTextChange?.("");
                  if (value !== null) onChange(null);
                }
                break;
              default:
                break;
            }
          }}
        />
        <ul id={listboxId} role="listbox" aria-label={`Suggestions : ${label}`} className="spie-combobox__listbox" hidden={!expanded}>
          {expanded &&
            options.map((option, index) => (
              <li
                key={`${option.code}-${option.postal_code}`}
                id={`${baseId}-option-${index}`}
                role="option"
                aria-selected={index === activeIndex}
                className="spie-combobox__option"
                // mousedown: keep the focus in the input (no blur before the click)
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => select(option)}
              >
                {option.name} <span className="spie-combobox__postal">({option.postal_code || "sans code postal"})</span>
              </li>
            ))}
        </ul>
      </div>
      <div className={fr.cx("fr-messages-group")}>
        {error && (
          <p id={errorId} className={fr.cx("fr-message", "fr-message--error")}>
            {error}
          </p>
        )}
      </div>
      <p id={statusId} className={fr.cx("fr-sr-only")} role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
