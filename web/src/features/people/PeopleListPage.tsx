import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Notice } from "@codegouvfr/react-dsfr/Notice.js";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { PERSON_SORTS, type PersonListItem } from "../../../../common/schemas/people.ts";
import { DataTable, type DataTableHeader } from "../../shared/DataTable.tsx";
import { formatDate, formatDateTime, formatLocalDate, personDisplayName, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { PAGE_SIZE, usePeopleList, type PersonSort } from "./api.ts";
import { useCurrentUser } from "../auth/api.ts";
import { JOIN_REQUESTS_ID, JoinRequestsSection, useDecidableJoinRequests } from "./JoinRequestsSection.tsx";
import { DeadlinesCell, filtersFromSearch, PeopleFilterBoxes } from "../pathway/PeopleFilters.tsx";
import { NotificationsSection } from "../pathway/NotificationsSection.tsx";

const SORT_LABELS: Record<PersonSort, string> = {
  name: "Nom (A → Z)",
  "-name": "Nom (Z → A)",
  "-updated_at": "Mise à jour la plus récente",
  updated_at: "Mise à jour la plus ancienne",
  birth_date: "Date de naissance (plus âgé·e d'abord)",
  "-birth_date": "Date de naissance (plus jeune d'abord)",
  urgency: "Urgence (échéance la plus proche d'abord)",
  "-urgency": "Urgence (échéance la plus lointaine d'abord)",
};

function isSort(value: string | null): value is PersonSort {
  return value !== null && (PERSON_SORTS as readonly string[]).includes(value);
}

function readPage(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

export function PeopleListPage() {
  useDocumentTitle("Mes personnes");
  const me = useCurrentUser();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get("q")?.trim() ?? "";
  const sortParam = searchParams.get("tri");
  const sort: PersonSort = isSort(sortParam) ? sortParam : "name";
  const after = searchParams.get("suite") ?? undefined;
  const page = after ? 1 : readPage(searchParams.get("page"));
  const filters = filtersFromSearch(searchParams);
  const list = usePeopleList({ q, sort, page, after, filters });
  const { items: pendingDecisions } = useDecidableJoinRequests();

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === "") next.delete(key);
      else next.set(key, value);
    }
    setSearchParams(next);
  };

  const pageHref = (target: number) => {
    const next = new URLSearchParams(searchParams);
    next.delete("suite");
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    const qs = next.toString();
    return { search: qs ? `?${qs}` : "" };
  };

  const total = list.data?.total ?? 0;
  const capped = list.data?.total_is_capped ?? false;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  // Past the numbered pages (the total is capped), the list goes on person by person (keyset).
  const nextAfter = list.data?.next_after ?? null;
  const showNext = nextAfter !== null && (after !== undefined || (capped && page >= pageCount));
  const nextHref = () => {
    const next = new URLSearchParams(searchParams);
    next.delete("page");
    next.set("suite", nextAfter ?? "");
    return { search: `?${next.toString()}` };
  };
  const count = (singular: string, pluralForm: string) => (capped ? `Plus de ${total.toLocaleString("fr-FR")} ${pluralForm}` : plural(total, singular, pluralForm));

  return (
    <>
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-2w")}>Mes personnes accompagnées</h1>
        {me.permissions.create_person && (
          <Button linkProps={{ to: "/personnes/nouvelle" }} iconId="fr-icon-add-line">
            Créer le dossier d'une personne
          </Button>
        )}
      </div>

      {pendingDecisions.length > 0 && (
        <Notice
          className={fr.cx("fr-mb-3w")}
          title={`${plural(pendingDecisions.length, "demande", "demandes")} pour rejoindre une équipe d'accompagnement`}
          description={
            <>
              attendent votre décision. <a href={`#${JOIN_REQUESTS_ID}`}>Voir les demandes à traiter</a>
            </>
          }
        />
      )}

      <NotificationsSection />

      <SearchForm key={q} initial={q} onSearch={(value) => update({ q: value, page: null, suite: null })} />

      <PeopleFilterBoxes filters={filters} onChange={(param, on) => update({ [param]: on ? "1" : null, page: null, suite: null })} />

      <div className="spie-toolbar">
        <p className={fr.cx("fr-mb-0")} role="status" aria-live="polite" data-testid="people-count">
          {list.isSuccess &&
            (q ? `${count("personne trouvée", "personnes trouvées")} pour « ${q} »` : count("personne", "personnes"))}
        </p>
        <Select
          label="Trier par"
          className="spie-sort-select"
          nativeSelectProps={{
            id: "tri",
            value: sort,
            onChange: (e) => update({ tri: e.target.value === "name" ? null : e.target.value, page: null, suite: null }),
          }}
        >
          {PERSON_SORTS.map((value) => (
            <option key={value} value={value}>
              {SORT_LABELS[value]}
            </option>
          ))}
        </Select>
      </div>

      {list.isPending ? (
        <Loading label="Chargement de la liste…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 && total > 0 ? (
        <p className={fr.cx("fr-my-4w")}>
          Cette page de la liste n'existe pas. <Link to={pageHref(1)}>Revenir à la première page</Link>
        </p>
      ) : list.data.items.length === 0 ? (
        <p className={fr.cx("fr-my-4w")} data-testid="people-empty">
          {q
            ? `Aucune personne de votre liste ne correspond à « ${q} ». Vérifiez l'orthographe ou cherchez par nom de naissance.`
            : Object.keys(filters).length > 0
              ? "Aucune personne de votre liste ne correspond à ces filtres."
              : "Vous ne suivez encore aucune personne. Créez le dossier d'une personne pour commencer."}
        </p>
      ) : (
        <>
          <PeopleTable items={list.data.items} sort={sort} onSort={(value) => update({ tri: value === "name" ? null : value, page: null, suite: null })} />
          {after !== undefined && (
            <p className={fr.cx("fr-mt-2w")}>
              <Link to={pageHref(1)}>Revenir au début de la liste</Link>
            </p>
          )}
          {showNext && (
            <p className={fr.cx("fr-mt-2w")}>
              <Link to={nextHref()}>Personnes suivantes</Link>
            </p>
          )}
          {after === undefined && pageCount > 1 && (
            <Pagination
              className="spie-pagination"
              count={pageCount}
              defaultPage={Math.min(page, pageCount)}
              getPageLinkProps={(target) => ({ to: pageHref(target) })}
            />
          )}
        </>
      )}

      <JoinRequestsSection />
    </>
  );
}

function SearchForm({ initial, onSearch }: { initial: string; onSearch: (value: string) => void }) {
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(value.trim());
  };
  return (
    <form role="search" aria-label="Rechercher parmi mes personnes" onSubmit={submit} className="spie-search">
      <Input
        label="Rechercher une personne"
        hintText="Nom, nom de naissance ou prénom"
        className="spie-search__input"
        nativeInputProps={{ id: "recherche-personne", type: "search", name: "q", value, onChange: (e) => setValue(e.target.value) }}
      />
      <Button type="submit" iconId="fr-icon-search-line" className="spie-search__button">
        Rechercher
      </Button>
      {initial && (
        <Button type="button" priority="tertiary" className="spie-search__button" onClick={() => onSearch("")}>
          Effacer la recherche
        </Button>
      )}
    </form>
  );
}

type SortableColumn = "name" | "birth_date" | "updated_at" | "urgency";

function PeopleTable({ items, sort, onSort }: { items: PersonListItem[]; sort: PersonSort; onSort: (sort: PersonSort) => void }) {
  const header = (column: SortableColumn, label: string, sortLabel: string): DataTableHeader => {
    const direction = sort === column ? "ascending" : sort === `-${column}` ? "descending" : "none";
    const next: PersonSort = direction === "ascending" ? (`-${column}` as PersonSort) : column;
    return {
      label,
      sort: direction,
      content: (
        <button type="button" className="spie-sort-button" onClick={() => onSort(next)}>
          {label}
          <span className={fr.cx("fr-sr-only")}> : {sortLabel}</span>
          <span
            aria-hidden="true"
            className={fr.cx(
              direction === "ascending" ? "fr-icon-arrow-up-line" : direction === "descending" ? "fr-icon-arrow-down-line" : "fr-icon-arrow-up-down-line",
              "fr-icon--sm",
            )}
          />
        </button>
      ),
    };
  };

  return (
    <DataTable
      caption="Personnes que vous accompagnez"
      hideCaption
      testId="people-table"
      className="spie-people-table"
      stacked
      headers={[
        header("name", "Nom", "trier par nom"),
        header("birth_date", "Date de naissance", "trier par date de naissance"),
        "Commune",
        "Référent·e unique",
        header("urgency", "Échéances", "trier par urgence"),
        header("updated_at", "Mis à jour", "trier par date de mise à jour"),
      ]}
      rowHeaders
      rows={items.map((item) => ({
        key: item.id,
        testId: "person-row",
        cells: [
          <Link to={`/personnes/${item.id}`}>{personDisplayName(item)}</Link>,
          formatDate(item.birth_date),
          item.commune_name ?? "—",
          item.is_referent ? (
            <Badge severity="info" small noIcon as="span">
              Vous êtes référent·e
            </Badge>
          ) : item.referent ? (
            <>
              {item.referent.name}
              <br />
              <span className={fr.cx("fr-text--xs")}>{item.referent.structure_name}</span>
            </>
          ) : (
            "Non désigné·e"
          ),
          <DeadlinesCell item={item} />,
          <span title={formatDateTime(item.updated_at)}>{formatLocalDate(item.updated_at)}</span>,
        ],
      }))}
    />
  );
}
