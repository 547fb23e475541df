// "Besoins sans solution": the territory's counts (per thematic, commune, EPCI, month), the CSV and
// the list for coordinators and steering users; "Mes besoins signalés" for their authors, with the
// close actions. What each may do comes from the server (me.permissions, need.permissions).
import { useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { THEMATICS } from "../../../../common/domain/thematics.ts";
import {
  UNMET_NEED_STATUSES,
  UNMET_NEED_STATUS_LABELS,
  UNMET_NEED_URGENCY_LABELS,
  unmetNeedUpdateBody,
  type UnmetNeed,
  type UnmetNeedSummary,
} from "../../../../common/schemas/unmet-needs.ts";
import type { QueryParams } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { formatDate, plural } from "../../shared/format.ts";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useServiceSearch } from "../directory/searchApi.ts";
import { TerritoryChooser, useChosenTerritory } from "../territories/WorkspacePage.tsx";
import { exportCsvHref, useUnmetNeedSummary, useUnmetNeeds, useUpdateUnmetNeed } from "./api.ts";

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const monthLabel = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`;

function Flash() {
  const location = useLocation();
  const flash = (location.state as { flash?: string } | null)?.flash;
  return flash ? <Alert severity="success" small description={flash} className={fr.cx("fr-mb-3w")} role="status" /> : null;
}

// ——— The territory's page (coordination, steering) ———

export function UnmetNeedsPage() {
  const me = useCurrentUser();
  const territories = me.permissions.unmet_needs_territories;
  const { chosen, choose } = useChosenTerritory(territories);
  useDocumentTitle(chosen ? `Besoins sans solution · ${chosen.name}` : "Besoins sans solution");
  const [params, setParams] = useSearchParams();
  const filters: QueryParams = {
    territory_id: chosen?.id,
    from: params.get("du") || undefined,
    to: params.get("au") || undefined,
    status: params.get("statut") || undefined,
    thematic: params.get("thematique") || undefined,
  };
  const summary = useUnmetNeedSummary(filters, Boolean(chosen));
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = useUnmetNeeds({ ...filters, page, page_size: 20 }, Boolean(chosen));

  const [from, setFrom] = useState(params.get("du") ?? "");
  const [to, setTo] = useState(params.get("au") ?? "");
  const [status, setStatus] = useState(params.get("statut") ?? "");
  const [thematic, setThematic] = useState(params.get("thematique") ?? "");
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries({ du: from, au: to, statut: status, thematique: thematic })) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete("page");
    setParams(next);
  };

  return (
    <>
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-2w")}>Besoins sans solution{chosen ? ` · ${chosen.name}` : ""}</h1>
        {me.permissions.record_unmet_needs && (
          <Button priority="secondary" linkProps={{ to: "/besoins-sans-solution/mes-besoins" }}>
            Mes besoins signalés
          </Button>
        )}
      </div>
      <Flash />
      <TerritoryChooser territories={territories} chosen={chosen?.id} onChoose={choose} />
      {!chosen ? (
        <p>Votre compte ne coordonne ni ne pilote aucun territoire.</p>
      ) : (
        <>
          <form onSubmit={apply} aria-label="Filtrer les besoins" className="spie-filter-row" noValidate>
            <Input label="Du" nativeInputProps={{ id: "besoins-du", type: "date", value: from, onChange: (e) => setFrom(e.target.value) }} />
            <Input label="Au" nativeInputProps={{ id: "besoins-au", type: "date", value: to, onChange: (e) => setTo(e.target.value) }} />
            <Select label="Statut" nativeSelectProps={{ id: "besoins-statut", value: status, onChange: (e) => setStatus(e.target.value) }}>
              <option value="">Tous</option>
              {UNMET_NEED_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {UNMET_NEED_STATUS_LABELS[s]}
                </option>
              ))}
            </Select>
            <Select label="Thématique" nativeSelectProps={{ id: "besoins-thematique", value: thematic, onChange: (e) => setThematic(e.target.value) }}>
              <option value="">Toutes</option>
              {THEMATICS.map((t) => (
                <option key={t.slug} value={t.slug}>
                  {t.label}
                </option>
              ))}
            </Select>
            <Button type="submit" priority="secondary">
              Filtrer
            </Button>
          </form>
          {summary.isPending ? (
            <Loading label="Chargement des besoins…" />
          ) : summary.isError ? (
            <ProblemAlert error={summary.error} />
          ) : (
            <SummaryTables summary={summary.data} csvHref={exportCsvHref(filters)} />
          )}
          <h2 className={fr.cx("fr-mt-4w")}>Besoins signalés</h2>
          {list.isPending ? (
            <Loading label="Chargement de la liste…" />
          ) : list.isError ? (
            <ProblemAlert error={list.error} />
          ) : (
            <NeedList needs={list.data.items} total={list.data.total} page={page} onPage={(p) => setParams((prev) => (prev.set("page", String(p)), prev))} />
          )}
        </>
      )}
    </>
  );
}

function SummaryTables({ summary, csvHref }: { summary: UnmetNeedSummary; csvHref: string }) {
  const countCells = (c: { count: number; open: number; solved: number; abandoned: number; urgent: number }) => [String(c.count), String(c.open), String(c.solved), String(c.abandoned), String(c.urgent)];
  const countHeaders = ["Signalés", "Sans solution", "Résolus", "Abandonnés", "Urgents"];
  return (
    <section aria-labelledby="besoins-comptes" data-testid="unmet-summary">
      <div className="spie-page-heading">
        <h2 id="besoins-comptes">{plural(summary.total, "besoin signalé", "besoins signalés")}</h2>
        <a className={fr.cx("fr-link", "fr-icon-download-line", "fr-link--icon-left")} href={csvHref} download data-testid="unmet-csv">
          Télécharger en CSV
        </a>
      </div>
      <p>Aucune donnée personnelle n'est affichée dans ces comptes.</p>
      <DataTable
        caption="Par thématique"
        testId="unmet-by-thematic"
        rowHeaders
        headers={["Thématique", ...countHeaders]}
        rows={summary.items.map((i) => ({ key: i.thematic, cells: [i.label, ...countCells(i)] }))}
      />
      <DataTable
        caption="Par commune"
        testId="unmet-by-commune"
        rowHeaders
        headers={["Commune", ...countHeaders]}
        rows={summary.communes.map((c) => ({ key: c.code, cells: [`${c.name} (${c.code})`, ...countCells(c)] }))}
      />
      <DataTable
        caption="Par EPCI"
        rowHeaders
        headers={["EPCI", ...countHeaders]}
        rows={summary.epcis.map((e) => ({ key: e.code ?? "aucun", cells: [e.name, ...countCells(e)] }))}
      />
      <DataTable
        caption="Par mois"
        testId="unmet-by-month"
        rowHeaders
        headers={["Mois", ...countHeaders]}
        rows={summary.months.map((m) => ({ key: m.month, cells: [monthLabel(m.month), ...countCells(m)] }))}
      />
    </section>
  );
}

// ——— The author's page ———

export function MyUnmetNeedsPage() {
  useDocumentTitle("Mes besoins signalés");
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = params.get("statut") ?? "open";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const list = useUnmetNeeds({ mine: true, status: status === "tous" ? undefined : status, page, page_size: 20 });
  return (
    <>
      <div className="spie-page-heading">
        <h1 className={fr.cx("fr-mb-2w")}>Mes besoins signalés</h1>
        {me.permissions.record_unmet_needs && (
          <Button iconId="fr-icon-flag-line" linkProps={{ to: "/besoins-sans-solution/signaler" }}>
            Signaler un besoin sans solution
          </Button>
        )}
      </div>
      <Flash />
      <p>Les besoins sans solution que vous avez signalés. Clôturez-les quand une solution est trouvée, ou s'ils ne sont plus d'actualité.</p>
      <Select label="Afficher" nativeSelectProps={{ id: "mes-besoins-statut", value: status, onChange: (e) => setParams({ statut: e.target.value }) }}>
        <option value="open">Sans solution</option>
        <option value="solved">Résolus</option>
        <option value="abandoned">Abandonnés</option>
        <option value="tous">Tous</option>
      </Select>
      {list.isPending ? (
        <Loading label="Chargement de vos besoins…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : (
        <NeedList needs={list.data.items} total={list.data.total} page={page} onPage={(p) => setParams((prev) => (prev.set("page", String(p)), prev))} />
      )}
    </>
  );
}

function NeedList({ needs, total, page, onPage }: { needs: UnmetNeed[]; total: number; page: number; onPage: (page: number) => void }) {
  const [message, setMessage] = useState<string | null>(null);
  if (total === 0) return <p data-testid="unmet-list-empty">Aucun besoin à afficher.</p>;
  const pages = Math.ceil(total / 20);
  return (
    <>
      {message && <Alert severity="success" small description={message} className={fr.cx("fr-mb-3w")} role="status" />}
      <p>{plural(total, "besoin", "besoins")}</p>
      <ul className="spie-plain-list" data-testid="unmet-list">
        {needs.map((n) => (
          <li key={n.id}>
            <NeedCard need={n} onDone={setMessage} />
          </li>
        ))}
      </ul>
      {pages > 1 && (
        <div className={fr.cx("fr-btns-group", "fr-btns-group--inline")}>
          <Button priority="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            Page précédente
          </Button>
          <Button priority="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            Page suivante
          </Button>
        </div>
      )}
    </>
  );
}

function NeedCard({ need: n, onDone }: { need: UnmetNeed; onDone: (message: string) => void }) {
  const [closing, setClosing] = useState(false);
  const headingId = `besoin-${n.id}`;
  return (
    <article className={fr.cx("fr-card", "fr-p-3w", "fr-mb-2w")} aria-labelledby={headingId} data-testid="unmet-need">
      <h3 id={headingId} className={fr.cx("fr-h6", "fr-mb-1w")}>
        {n.thematic_label} · {n.commune.name}
      </h3>
      <p className={fr.cx("fr-mb-1w")}>
        <Badge small severity={n.status === "open" ? "warning" : n.status === "solved" ? "success" : undefined} noIcon>
          {UNMET_NEED_STATUS_LABELS[n.status]}
        </Badge>{" "}
        {n.urgency === "urgent" && (
          <Badge small severity="error" noIcon>
            {UNMET_NEED_URGENCY_LABELS.urgent}
          </Badge>
        )}
      </p>
      <p className={fr.cx("fr-mb-1w")}>{n.description}</p>
      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
        Signalé le {formatDate(n.created_at)}
        {n.created_by.name ? ` par ${n.created_by.name}` : ""}
        {n.created_by.structure_name ? ` (${n.created_by.structure_name})` : ""}
        {n.epci ? ` · ${n.epci.name}` : ""}
        {n.has_person && !n.person_id ? " · une personne est concernée" : ""}
        {n.person_id ? (
          <>
            {" · "}
            <Link to={`/personnes/${n.person_id}`}>dossier de la personne concernée</Link>
          </>
        ) : null}
      </p>
      {n.status !== "open" && (
        <p className={fr.cx("fr-text--sm", "fr-mb-0")}>
          Clos le {formatDate(n.closed_at)}
          {n.service ? (
            <>
              {" "}
              — résolu par <Link to={`/annuaire/services/${n.service.id}`}>{n.service.nom}</Link>
            </>
          ) : null}
          {n.closed_reason ? ` — ${n.closed_reason}` : ""}
        </p>
      )}
      {n.permissions.close &&
        (closing ? (
          <CloseForm
            need={n}
            onCancel={() => setClosing(false)}
            onClosed={(text) => {
              setClosing(false);
              onDone(text);
            }}
          />
        ) : (
          <Button size="small" priority="secondary" onClick={() => setClosing(true)} nativeButtonProps={{ "aria-describedby": headingId }}>
            Clore ce besoin
          </Button>
        ))}
    </article>
  );
}

function CloseForm({ need, onCancel, onClosed }: { need: UnmetNeed; onCancel: () => void; onClosed: (message: string) => void }) {
  const update = useUpdateUnmetNeed();
  const prefix = `clore-${need.id}`;
  const fields: Record<string, FormField> = {
    status: { id: `${prefix}-statut`, label: "Issue" },
    service_id: { id: `${prefix}-service`, label: "Service qui a répondu" },
    reason: { id: `${prefix}-motif`, label: "Motif" },
  };
  const [status, setStatus] = useState<"solved" | "abandoned">("solved");
  const [serviceId, setServiceId] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);
  // The directory's services that fit the need (its thematic, its commune): one of them solved it.
  const services = useServiceSearch({ code_insee: need.commune.code, spie_thematique: need.thematic, page_size: 20 }, status === "solved");

  const fail = (fieldErrors: FieldErrors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const body = status === "solved" ? { status, service_id: serviceId || null, reason: reason.trim() || null } : { status, reason: reason.trim() };
    const result = validate(unmetNeedUpdateBody, body);
    if (!result.ok) return fail(result.errors, null);
    update.mutate(
      { id: need.id, body: result.data },
      {
        onSuccess: (closed) => onClosed(`Besoin « ${closed.thematic_label} · ${closed.commune.name} » clos : ${UNMET_NEED_STATUS_LABELS[closed.status].toLowerCase()}.`),
        onError: (error) => failWithApiError(error, fail),
      },
    );
  };
  return (
    <div className={fr.cx("fr-mt-2w")}>
      <ErrorSummary errors={errors} fields={fields} formError={formError} focusKey={focusKey} id={`${prefix}-erreurs`} />
      <form onSubmit={submit} noValidate aria-label="Clore le besoin" data-testid="unmet-close-form">
        <RadioButtons
          legend="Issue"
          id={fields.status!.id}
          name={`${prefix}-statut-choix`}
          orientation="horizontal"
          options={[
            { label: "Résolu", nativeInputProps: { value: "solved", checked: status === "solved", onChange: () => setStatus("solved") } },
            { label: "Abandonné", nativeInputProps: { value: "abandoned", checked: status === "abandoned", onChange: () => setStatus("abandoned") } },
          ]}
        />
        {status === "solved" && (
          <Select
            label="Service qui a répondu"
            hint="Les services de l'annuaire de cette thématique ouverts à cette commune."
            {...errorState(errorFor(errors, "service_id"))}
            nativeSelectProps={{ id: fields.service_id!.id, value: serviceId, onChange: (e) => setServiceId(e.target.value) }}
          >
            <option value="">{services.isPending ? "Chargement des services…" : "Choisissez le service"}</option>
            {(services.data?.items ?? []).map((s) => (
              <option key={s.id} value={s.id}>
                {s.nom} — {s.structure.nom}
              </option>
            ))}
          </Select>
        )}
        <Input
          label={status === "abandoned" ? "Motif" : "Précisions (facultatif)"}
          {...errorState(errorFor(errors, "reason"))}
          nativeInputProps={{ id: fields.reason!.id, value: reason, maxLength: 600, onChange: (e) => setReason(e.target.value) }}
        />
        <div className={fr.cx("fr-btns-group", "fr-btns-group--inline")}>
          <Button type="submit" disabled={update.isPending}>
            Clore le besoin
          </Button>
          <Button type="button" priority="secondary" onClick={onCancel}>
            Annuler
          </Button>
        </div>
      </form>
    </div>
  );
}
