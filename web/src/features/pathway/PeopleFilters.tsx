// "My people" filters from the pathway (overdue, no référent, no contact for 3 months) and the
// deadlines cell of the list. Used by PeopleListPage.
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox.js";
import type { PersonListItem } from "../../../../common/schemas/people.ts";
import type { PeopleFilters } from "../people/api.ts";
import { deadlineShort, deadlineSentence } from "./deadlineText.ts";

export const PEOPLE_FILTERS = [
  { key: "overdue", param: "en_retard", label: "Échéance dépassée (orientation ou contrat)" },
  { key: "no_referent", param: "sans_referent", label: "Sans référent·e unique" },
  { key: "no_contact_3_months", param: "sans_contact", label: "Sans contact depuis 3 mois" },
] as const;

export function filtersFromSearch(search: URLSearchParams): PeopleFilters {
  const out: PeopleFilters = {};
  for (const f of PEOPLE_FILTERS) if (search.get(f.param) === "1") out[f.key] = true;
  return out;
}

export function PeopleFilterBoxes({ filters, onChange }: { filters: PeopleFilters; onChange: (param: string, on: boolean) => void }) {
  return (
    <Checkbox
      legend="Afficher seulement les personnes"
      orientation="horizontal"
      small
      className={fr.cx("fr-mb-2w")}
      options={PEOPLE_FILTERS.map((f) => ({
        label: f.label,
        nativeInputProps: { name: f.param, checked: Boolean(filters[f.key]), onChange: (e) => onChange(f.param, e.target.checked) },
      }))}
    />
  );
}

/** What is late or due soon for a person of the list, in words (never colour alone). */
export function DeadlinesCell({ item }: { item: PersonListItem }) {
  const d = item.deadlines;
  const urgent = [d.orientation, d.contract, d.contact].filter((x) => x && (x.status === "overdue" || x.status === "soon"));
  if (urgent.length === 0) return <span className="spie-muted">Rien d'urgent</span>;
  return (
    <>
      {urgent.map((x) => (
        // Compact: a badge and a few words; the full sentence is in the file's summary.
        <span key={x!.kind} className="spie-line spie-deadline-compact" data-testid={`list-deadline-${x!.kind}`} title={deadlineSentence(x!)}>
          <Badge small severity={x!.status === "overdue" ? "error" : "warning"} as="span">
            {x!.status === "overdue" ? "En retard" : "Bientôt"}
          </Badge>{" "}
          {deadlineShort(x!)}
        </span>
      ))}
    </>
  );
}
