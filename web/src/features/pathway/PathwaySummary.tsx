// The pathway at a glance, above the tabs of a file: deadlines (overdue ones written out, not only
// coloured), the current orientation and contract.
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { TRACK_LABELS } from "../../../../common/domain/orientation.ts";
import { CONTRACT_STATUS_LABELS, CONTRACT_TYPE_LABELS } from "../../../../common/domain/contracts.ts";
import type { DeadlineView } from "../../../../common/schemas/pathway.ts";
import { formatDate, plural } from "../../shared/format.ts";
import { SMALL_SCREEN, useMediaQuery } from "../../shared/useMediaQuery.ts";
import { usePathway } from "./api.ts";
import { DEADLINE_TITLES, deadlineBadgeLabel, deadlineSentence, deadlineSeverity } from "./deadlineText.ts";
import "./pathway.css";

export function DeadlineItem({ deadline }: { deadline: DeadlineView }) {
  return (
    <li className={`spie-deadline spie-deadline--${deadline.status}`} data-testid={`deadline-${deadline.kind}`} data-status={deadline.status}>
      <p className={fr.cx("fr-text--bold", "fr-mb-1v")}>
        {DEADLINE_TITLES[deadline.kind]}{" "}
        <Badge severity={deadlineSeverity(deadline)} small as="span">
          {deadlineBadgeLabel(deadline)}
        </Badge>
      </p>
      <p className={fr.cx("fr-mb-0", "fr-text--sm")}>{deadlineSentence(deadline)}</p>
    </li>
  );
}

export function PathwaySummary({ personId }: { personId: string }) {
  const query = usePathway(personId);
  // On a phone the file's content comes first: the summary folds into one line saying what is late.
  const small = useMediaQuery(SMALL_SCREEN);
  if (!query.data) return null;
  const p = query.data;
  const deadlines = [p.deadlines.orientation, p.deadlines.contract, p.deadlines.contact].filter((d): d is DeadlineView => d !== null);
  const body = (
      <div className="spie-pathway-summary">
        <ul className="spie-deadlines">
          {deadlines.map((d) => (
            <DeadlineItem key={d.kind} deadline={d} />
          ))}
        </ul>
        <dl className="spie-dl spie-pathway-facts">
          <dt>Orientation</dt>
          <dd data-testid="summary-orientation">
            {p.current_orientation
              ? `${TRACK_LABELS[p.current_orientation.track]} — ${p.current_orientation.structure.name}, depuis le ${formatDate(p.current_orientation.decided_on)}`
              : "Pas encore décidée"}
            {p.pending_reorientation && <span className="spie-line">Demande de réorientation en attente</span>}
          </dd>
          <dt>Contrat</dt>
          <dd data-testid="summary-contract">
            {p.current_contract
              ? `${CONTRACT_TYPE_LABELS[p.current_contract.type]} du ${formatDate(p.current_contract.starts_on)} au ${formatDate(p.current_contract.ends_on)} (${CONTRACT_STATUS_LABELS[p.current_contract.status].toLowerCase()})`
              : "Aucun contrat"}
          </dd>
          <dt>Diagnostic</dt>
          <dd>{p.diagnostic_version > 0 ? `Version ${p.diagnostic_version}` : "Pas encore de diagnostic"}</dd>
        </dl>
      </div>
  );
  if (small) {
    const late = deadlines.filter((d) => d.status === "overdue").length;
    const soon = deadlines.filter((d) => d.status === "soon").length;
    const state = late > 0 ? ` — ${plural(late, "échéance dépassée", "échéances dépassées")}` : soon > 0 ? ` — ${plural(soon, "échéance proche", "échéances proches")}` : "";
    return (
      <details className={`${fr.cx("fr-mb-2w")} spie-summary-details`} data-testid="pathway-summary">
        <summary className={fr.cx("fr-text--bold")}>Parcours et échéances{state}</summary>
        {body}
      </details>
    );
  }
  return (
    <section aria-labelledby="parcours-resume" className={fr.cx("fr-mb-4w")} data-testid="pathway-summary">
      <h2 id="parcours-resume" className={fr.cx("fr-h5", "fr-mb-2w")}>
        Parcours et échéances
      </h2>
      {body}
    </section>
  );
}
