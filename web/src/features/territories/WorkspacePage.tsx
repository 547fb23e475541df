// The coordinators' workspace (their home page): the territory's queues, each with its count and
// the most urgent first, and a search across every person of the territory. Each line opens the
// file on the tab where the decision is made.
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { QUEUE_KINDS, QUEUE_LABELS, type QueueItem, type QueueKind, type TerritoryQueues } from "../../../../common/schemas/territories.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDate, personDisplayName, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useTerritoryPeopleSearch, useTerritoryQueues } from "./api.ts";

/** The tab of the file where each queue's decision is made. */
const QUEUE_TAB: Record<QueueKind, string> = {
  awaiting_orientation: "orientation",
  awaiting_contract: "contrat",
  reorientation_requests: "orientation",
  join_requests: "equipe",
  without_referent: "equipe",
  without_contact: "notes",
};

const SINCE_LABEL: Record<QueueKind, string> = {
  awaiting_orientation: "Ouverture du droit RSA",
  awaiting_contract: "Orientation notifiée le",
  reorientation_requests: "Demandée le",
  join_requests: "Demandée le",
  without_referent: "Dossier créé le",
  without_contact: "Dernier contact",
};

const QUEUE_HINT: Record<QueueKind, string> = {
  awaiting_orientation: "Échéance : 6 semaines après l'ouverture du droit (ou le délai du territoire).",
  awaiting_contract: "Échéance : un mois après la notification de l'orientation.",
  reorientation_requests: "Demandes des référent·es, à accepter ou refuser.",
  join_requests: "Professionnel·les demandant à rejoindre une équipe d'accompagnement.",
  without_referent: "Dossiers sans référent·e unique désigné·e.",
  without_contact: "Aucun contact enregistré depuis le délai du territoire.",
};

/** The territory chosen among those the coordinator coordinates (?territoire=…, else the first). */
export function useChosenTerritory(territories: { id: string; name: string }[]) {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("territoire");
  const chosen = territories.find((t) => t.id === requested) ?? territories[0];
  const choose = (id: string) => {
    const next = new URLSearchParams(searchParams);
    next.set("territoire", id);
    setSearchParams(next);
  };
  return { chosen, choose };
}

export function TerritoryChooser({ territories, chosen, onChoose }: { territories: { id: string; name: string }[]; chosen: string | undefined; onChoose: (id: string) => void }) {
  if (territories.length < 2) return null;
  return (
    <Select label="Territoire" nativeSelectProps={{ id: "territoire", value: chosen ?? "", onChange: (e) => onChoose(e.target.value) }}>
      {territories.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </Select>
  );
}

export function WorkspacePage() {
  const me = useCurrentUser();
  const territories = me.permissions.coordinated_territories;
  const { chosen, choose } = useChosenTerritory(territories);
  useDocumentTitle(chosen ? `Coordination · ${chosen.name}` : "Coordination");
  const queues = useTerritoryQueues(chosen?.id);

  return (
    <>
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-2w")}>Coordination{chosen ? ` · ${chosen.name}` : ""}</h1>
        <Button linkProps={{ to: "/personnes" }} priority="secondary" iconId="fr-icon-team-line">
          Mes personnes
        </Button>
      </div>
      <TerritoryChooser territories={territories} chosen={chosen?.id} onChoose={choose} />
      {chosen && <TerritorySearch territoryId={chosen.id} />}
      {queues.isPending ? (
        <Loading label="Chargement des files d'attente…" />
      ) : queues.isError ? (
        <ProblemAlert error={queues.error} />
      ) : (
        <Queues data={queues.data} />
      )}
    </>
  );
}

function Queues({ data }: { data: TerritoryQueues }) {
  return (
    <>
      <nav aria-label="Files d'attente" className={fr.cx("fr-mb-4w")}>
        <ul className="spie-queue-summary" data-testid="queue-summary">
          {QUEUE_KINDS.map((kind) => (
            <li key={kind}>
              <a href={`#file-${kind}`}>
                <strong>{countLabel(data[kind])}</strong> {QUEUE_LABELS[kind]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {QUEUE_KINDS.map((kind) => (
        <QueueSection key={kind} kind={kind} count={data[kind].count} countText={countLabel(data[kind])} items={data[kind].items} />
      ))}
    </>
  );
}

function DueBadge({ item }: { item: QueueItem }) {
  if (!item.due_on || item.days_left === null) return <>—</>;
  const label =
    item.status === "overdue"
      ? `En retard de ${plural(-item.days_left, "jour", "jours")}`
      : item.days_left === 0
        ? "Aujourd'hui"
        : `Dans ${plural(item.days_left, "jour", "jours")}`;
  return (
    <>
      {formatDate(item.due_on)}
      <br />
      <Badge small noIcon as="span" severity={item.status === "overdue" ? "error" : item.status === "soon" ? "warning" : "info"}>
        {label}
      </Badge>
    </>
  );
}

/** "1 000+" past the cap of the count (the server stops counting there). */
function countLabel(queue: { count: number; count_is_capped: boolean }): string {
  return `${queue.count.toLocaleString("fr-FR")}${queue.count_is_capped ? "+" : ""}`;
}

function QueueSection({ kind, count, countText, items }: { kind: QueueKind; count: number; countText: string; items: QueueItem[] }) {
  const headingId = `file-${kind}`;
  const hasDue = kind === "awaiting_orientation" || kind === "awaiting_contract" || kind === "without_contact";
  return (
    <section aria-labelledby={headingId} className={fr.cx("fr-mb-6w")} data-testid={`queue-${kind}`}>
      <h2 id={headingId} className={fr.cx("fr-h4", "fr-mb-1w")}>
        {QUEUE_LABELS[kind]} <span className={fr.cx("fr-text--regular")}>({countText})</span>
      </h2>
      <p className={fr.cx("fr-text--sm", "fr-mb-2w")}>{QUEUE_HINT[kind]}</p>
      {items.length === 0 ? (
        <p className={fr.cx("fr-text--sm")}>Personne en attente.</p>
      ) : (
        <>
          <DataTable
            caption={QUEUE_LABELS[kind]}
            hideCaption
            stacked
            rowHeaders
            headers={["Personne", "Date de naissance", SINCE_LABEL[kind], ...(hasDue ? ["Échéance"] : [])]}
            rows={items.map((item) => ({
              key: item.request_id ?? item.person_id,
              testId: "queue-row",
              cells: [
                <Link to={`/personnes/${item.person_id}?onglet=${QUEUE_TAB[kind]}`}>{personDisplayName(item)}</Link>,
                formatDate(item.birth_date),
                item.since ? formatDate(item.since) : "Non renseignée",
                ...(hasDue ? [<DueBadge item={item} />] : []),
              ],
            }))}
          />
          {count > items.length && <p className={fr.cx("fr-text--sm")}>Les {items.length} plus urgentes sont affichées sur {countText}.</p>}
        </>
      )}
    </section>
  );
}

function TerritorySearch({ territoryId }: { territoryId: string }) {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const results = useTerritoryPeopleSearch(territoryId, q);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setQ(text.trim());
  };
  return (
    <div className={fr.cx("fr-mb-4w")}>
      <form role="search" aria-label="Rechercher dans tout le territoire" onSubmit={submit} className="spie-search">
        <Input
          label="Rechercher une personne du territoire"
          hintText="Nom, nom de naissance ou prénom : toutes les personnes du territoire, pas seulement celles que vous suivez"
          className="spie-search__input"
          nativeInputProps={{ id: "recherche-territoire", type: "search", name: "q", value: text, onChange: (e) => setText(e.target.value), minLength: 2 }}
        />
        <Button type="submit" iconId="fr-icon-search-line" className="spie-search__button">
          Rechercher
        </Button>
      </form>
      <div role="status" aria-live="polite">
        {q.length >= 2 &&
          (results.isPending ? (
            <Loading label="Recherche…" />
          ) : results.isError ? (
            <ProblemAlert error={results.error} />
          ) : results.data.items.length === 0 ? (
            <p>Aucune personne du territoire ne correspond à « {q} ».</p>
          ) : (
            <>
              <p className={fr.cx("fr-mb-1w")}>
                {plural(results.data.items.length, "personne trouvée", "personnes trouvées")} pour « {q} »{results.data.truncated ? " (affinez la recherche pour voir les autres)" : ""} :
              </p>
              <ul data-testid="territory-search-results">
                {results.data.items.map((p) => (
                  <li key={p.person_id}>
                    <Link to={`/personnes/${p.person_id}`}>{personDisplayName(p)}</Link>, né·e le {formatDate(p.birth_date)}
                    {p.commune_name ? ` — ${p.commune_name}` : ""}
                  </li>
                ))}
              </ul>
            </>
          ))}
      </div>
    </div>
  );
}
