import { fr } from "@codegouvfr/react-dsfr";
import { formatDateTime } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useTimeline } from "./api.ts";

export function TimelineTab({ personId }: { personId: string }) {
  const timeline = useTimeline(personId);
  return (
    <section aria-labelledby="historique-titre">
      <h2 id="historique-titre" className={fr.cx("fr-h3")}>
        Historique
      </h2>
      {timeline.isPending ? (
        <Loading label="Chargement de l'historique…" />
      ) : timeline.isError ? (
        <ProblemAlert error={timeline.error} />
      ) : timeline.data.items.length === 0 ? (
        <p>Aucun événement pour le moment.</p>
      ) : (
        <ol className="spie-timeline" aria-label="Événements, du plus récent au plus ancien" data-testid="timeline">
          {timeline.data.items.map((event) => (
            <li key={event.id} className="spie-timeline__item" data-testid="timeline-event">
              <p className={fr.cx("fr-text--sm", "fr-mb-1v")}>
                <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                {event.actor && (
                  <>
                    {" "}
                    · {event.actor.name}
                    {event.actor.structure_name && ` (${event.actor.structure_name})`}
                  </>
                )}
              </p>
              <p className={fr.cx("fr-mb-0")}>{event.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
