// The "Contrat" tab: every contract of the person over time, newest first, with its history; writing,
// correcting a draft, signing, amending, ending, renewing (the actions the server allows for each
// contract, from its `permissions`) and printing.
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import {
  CONTRACT_PERIOD_LABELS,
  CONTRACT_STATUS_LABELS,
  CONTRACT_TYPE_LABELS,
  CONTRACT_VERSION_KIND_LABELS,
  DEFAULT_WEEKLY_HOURS,
  SIGNATURE_METHODS,
  SIGNATURE_METHOD_LABELS,
  type SignatureMethod,
} from "../../../../common/domain/contracts.ts";
import { todayIso } from "../../../../common/domain/dates.ts";
import type { Contract } from "../../../../common/schemas/contracts.ts";
import { API_BASE, isApiError } from "../../api/client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { errorFor, errorState, problemFieldErrors, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useContracts, useEndContract, usePathway, useRenewContract, useSignContract } from "../pathway/api.ts";
import { useHasDraft } from "../../shared/useFormDraft.tsx";
import { ContractForm } from "./ContractForm.tsx";
import "../pathway/pathway.css";

function useFormState() {
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const fail = (e: unknown) => {
    if (isApiError(e)) {
      const fields = problemFieldErrors(e);
      setFieldErrors(fields);
      setError(Object.keys(fields).length ? null : (e.problem.detail ?? e.problem.title));
    } else setError(errorMessage(e).detail);
  };
  return { error, fieldErrors, setFieldErrors, fail };
}

function SignForm({ personId, contract, onDone, onCancel }: { personId: string; contract: Contract; onDone: (message: string) => void; onCancel: () => void }) {
  const sign = useSignContract(personId);
  const [signedOn, setSignedOn] = useState(todayIso());
  const [method, setMethod] = useState<SignatureMethod>("manuscrite");
  const f = useFormState();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await sign.mutateAsync({ contractId: contract.id, base_version: contract.version, signed_on: signedOn, signature_method: method });
      onDone("Signature enregistrée.");
    } catch (e) {
      f.fail(e);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Enregistrer la signature" data-testid="contract-sign-form">
      {f.error && <Alert severity="error" small description={f.error} className={fr.cx("fr-mb-2w")} />}
      <div className="spie-two-cols">
        <Input label="Signé le" hintText="Format : jj/mm/aaaa" {...errorState(errorFor(f.fieldErrors, "signed_on"))} nativeInputProps={{ id: `signature-${contract.id}`, type: "date", value: signedOn, onChange: (e) => setSignedOn(e.target.value) }} />
        <Select label="Mode de signature" nativeSelectProps={{ id: `signature-mode-${contract.id}`, value: method, onChange: (e) => setMethod(e.target.value as SignatureMethod) }}>
          {SIGNATURE_METHODS.map((m) => (
            <option key={m} value={m}>
              {SIGNATURE_METHOD_LABELS[m]}
            </option>
          ))}
        </Select>
      </div>
      <FormButtons label="Enregistrer la signature" pending={sign.isPending} onCancel={onCancel} />
    </form>
  );
}

function EndForm({ personId, contract, onDone, onCancel }: { personId: string; contract: Contract; onDone: (message: string) => void; onCancel: () => void }) {
  const end = useEndContract(personId);
  const [endedOn, setEndedOn] = useState(todayIso() < contract.ends_on ? todayIso() : contract.ends_on);
  const [reason, setReason] = useState("");
  const f = useFormState();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!reason.trim()) return f.setFieldErrors({ reason: "Indiquez pourquoi le contrat prend fin" });
    try {
      await end.mutateAsync({ contractId: contract.id, base_version: contract.version, ended_on: endedOn, reason: reason.trim() });
      onDone("Fin du contrat enregistrée.");
    } catch (e) {
      f.fail(e);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Mettre fin au contrat" data-testid="contract-end-form">
      {f.error && <Alert severity="error" small description={f.error} className={fr.cx("fr-mb-2w")} />}
      <Input label="Date de fin" hintText={`Au plus tard le ${formatDate(contract.ends_on)}. Format : jj/mm/aaaa`} {...errorState(errorFor(f.fieldErrors, "ended_on"))} nativeInputProps={{ id: `fin-${contract.id}`, type: "date", value: endedOn, onChange: (e) => setEndedOn(e.target.value) }} />
      <Input
        label="Motif de la fin"
        hintText="Par exemple : reprise d'emploi, entrée en formation, déménagement, fin de la période prévue"
        textArea
        {...errorState(errorFor(f.fieldErrors, "reason"))}
        nativeTextAreaProps={{ id: `fin-motif-${contract.id}`, value: reason, rows: 2, onChange: (e) => setReason(e.target.value) }}
      />
      <FormButtons label="Mettre fin au contrat" pending={end.isPending} onCancel={onCancel} />
    </form>
  );
}

function RenewForm({ personId, contract, onDone, onCancel }: { personId: string; contract: Contract; onDone: (message: string) => void; onCancel: () => void }) {
  const renew = useRenewContract(personId);
  const f = useFormState();
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      const next = await renew.mutateAsync({ contractId: contract.id });
      onDone(`Contrat renouvelé : un brouillon du ${formatDate(next.starts_on)} au ${formatDate(next.ends_on)} est à relire et à signer.`);
    } catch (e) {
      f.fail(e);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Renouveler le contrat" data-testid="contract-renew-form">
      {f.error && <Alert severity="error" small description={f.error} className={fr.cx("fr-mb-2w")} />}
      <p>
        Le renouvellement écrit le contrat suivant, en brouillon, avec les mêmes objectifs, engagements et activité hebdomadaire, pour la période qui suit celle-ci et de même durée. Vous pourrez le corriger avant de le faire signer.
      </p>
      <FormButtons label="Renouveler" pending={renew.isPending} onCancel={onCancel} />
    </form>
  );
}

function FormButtons({ label, pending, onCancel }: { label: string; pending: boolean; onCancel: () => void }) {
  return (
    <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
      <li>
        <Button type="submit" size="small" disabled={pending}>
          {pending ? "Enregistrement…" : label}
        </Button>
      </li>
      <li>
        <Button type="button" size="small" priority="secondary" onClick={onCancel}>
          Annuler
        </Button>
      </li>
    </ul>
  );
}

type Panel = "edit" | "sign" | "amend" | "end" | "renew";
const ACTIONS: { panel: Panel; label: string; icon: "fr-icon-edit-line" | "fr-icon-check-line" | "fr-icon-file-add-line" | "fr-icon-close-circle-line" | "fr-icon-refresh-line" }[] = [
  { panel: "edit", label: "Corriger le brouillon", icon: "fr-icon-edit-line" },
  { panel: "sign", label: "Enregistrer la signature", icon: "fr-icon-check-line" },
  { panel: "amend", label: "Faire un avenant", icon: "fr-icon-file-add-line" },
  { panel: "end", label: "Mettre fin au contrat", icon: "fr-icon-close-circle-line" },
  { panel: "renew", label: "Renouveler", icon: "fr-icon-refresh-line" },
];
const PANEL_PERMISSION: Record<Panel, keyof Contract["permissions"]> = { edit: "edit", sign: "sign", amend: "amend", end: "end", renew: "renew" };

const STATUS_SEVERITY: Record<Contract["status"], "success" | "warning" | "info" | "new"> = { draft: "warning", signed: "success", amended: "success", ended: "info" };

function ContractCard({ personId, contract: c, onDone }: { personId: string; contract: Contract; onDone: (message: string) => void }) {
  const [panel, setPanel] = useState<Panel | null>(null);
  const when = ` du contrat du ${formatDate(c.starts_on)}`;
  const finish = (message: string) => {
    setPanel(null);
    onDone(message);
  };
  const close = () => setPanel(null);
  return (
    <li className="spie-card" data-testid="contract" data-status={c.status}>
      <h3 className={fr.cx("fr-h5", "fr-mb-1w")}>
        {CONTRACT_TYPE_LABELS[c.type]} du {formatDate(c.starts_on)} au {formatDate(c.ends_on)}{" "}
        <Badge small as="span" severity={STATUS_SEVERITY[c.status]} noIcon>
          {CONTRACT_STATUS_LABELS[c.status]}
          {c.period ? ` — ${CONTRACT_PERIOD_LABELS[c.period]}` : ""}
        </Badge>
      </h3>
      <dl className="spie-dl">
        <dt>Objectifs</dt>
        <dd className="spie-pre-line">{c.objectives ?? <span className="spie-muted">Non renseignés</span>}</dd>
        <dt>Engagements de la personne</dt>
        <dd className="spie-pre-line">{c.person_commitments ?? <span className="spie-muted">Non renseignés</span>}</dd>
        <dt>Engagements de la structure{c.structure ? ` (${c.structure.name})` : ""}</dt>
        <dd className="spie-pre-line">{c.structure_commitments ?? <span className="spie-muted">Non renseignés</span>}</dd>
        <dt>Activité hebdomadaire</dt>
        <dd>
          {c.weekly_hours === 0 ? "Dispense" : `${c.weekly_hours} heures par semaine`}
          {c.weekly_hours < DEFAULT_WEEKLY_HOURS && c.weekly_hours_reason ? ` — motif : ${c.weekly_hours_reason}` : ""}
        </dd>
        <dt>Signature</dt>
        <dd>{c.signed_on ? `Signé le ${formatDate(c.signed_on)} (${c.signature_method ? SIGNATURE_METHOD_LABELS[c.signature_method].toLowerCase() : "mode non précisé"})` : "À signer"}</dd>
        {c.ended_on && (
          <>
            <dt>Fin</dt>
            <dd>
              Terminé le {formatDate(c.ended_on)}
              {c.end_reason ? ` — ${c.end_reason}` : ""}
            </dd>
          </>
        )}
        {(c.renewed_from_id || c.renewed_by_id) && (
          <>
            <dt>Renouvellement</dt>
            <dd>{c.renewed_by_id ? "Renouvelé par un contrat suivant" : "Renouvelle le contrat précédent"}</dd>
          </>
        )}
        <dt>Historique</dt>
        <dd>
          <ul className="spie-plain-list" data-testid="contract-versions">
            {c.versions.map((v) => (
              <li key={v.version}>
                Version {v.version} — {CONTRACT_VERSION_KIND_LABELS[v.kind]}, {formatDateTime(v.at)}, {v.author.name}
                {v.reason ? ` — motif : ${v.reason}` : ""}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left", "fr-mt-2w")}>
        {ACTIONS.filter((a) => c.permissions[PANEL_PERMISSION[a.panel]]).map((a) => (
          <li key={a.panel}>
            <Button priority={panel === a.panel ? "primary" : "secondary"} size="small" iconId={a.icon} nativeButtonProps={{ "aria-expanded": panel === a.panel }} onClick={() => setPanel(panel === a.panel ? null : a.panel)}>
              {a.label}
              <span className={fr.cx("fr-sr-only")}>{when}</span>
            </Button>
          </li>
        ))}
        <li>
          <Button priority="tertiary" size="small" iconId="fr-icon-printer-line" linkProps={{ to: `/personnes/${personId}/contrats/${c.id}/imprimer` }}>
            Version imprimable<span className={fr.cx("fr-sr-only")}>{when}</span>
          </Button>
        </li>
        <li>
          <a className={fr.cx("fr-btn", "fr-btn--tertiary", "fr-btn--sm")} href={`${API_BASE}/contracts/${c.id}/pdf`} target="_blank" rel="noopener">
            PDF<span className={fr.cx("fr-sr-only")}>{when} (nouvelle fenêtre)</span>
          </a>
        </li>
      </ul>
      {panel === "edit" && <ContractForm personId={personId} mode={{ kind: "edit", contract: c }} onDone={finish} onCancel={close} />}
      {panel === "amend" && <ContractForm personId={personId} mode={{ kind: "amend", contract: c }} onDone={finish} onCancel={close} />}
      {panel === "sign" && <SignForm personId={personId} contract={c} onDone={finish} onCancel={close} />}
      {panel === "end" && <EndForm personId={personId} contract={c} onDone={finish} onCancel={close} />}
      {panel === "renew" && <RenewForm personId={personId} contract={c} onDone={finish} onCancel={close} />}
    </li>
  );
}

export function ContractsTab({ personId }: { personId: string }) {
  const contracts = useContracts(personId);
  const pathway = usePathway(personId);
  // A contract being written before a reload, a tab switch or an expired session: open again.
  const hasDraft = useHasDraft("contrat:nouveau", personId);
  const [writing, setWriting] = useState(hasDraft);
  const [done, setDone] = useState<string | null>(null);
  const canUpdate = Boolean(pathway.data?.permissions.update);

  return (
    <section aria-labelledby="contrat-titre">
      <div className="spie-page-heading">
        <h2 id="contrat-titre" className={fr.cx("fr-h3")}>
          Contrats
        </h2>
        {canUpdate && !writing && (
          <Button iconId="fr-icon-add-line" onClick={() => setWriting(true)}>
            Écrire un contrat
          </Button>
        )}
      </div>
      <div role="status" aria-live="polite">
        {done && <Alert severity="success" small description={done} className={fr.cx("fr-mb-3w")} />}
      </div>
      {writing && (
        <ContractForm
          personId={personId}
          mode={{ kind: "create" }}
          onCancel={() => setWriting(false)}
          onDone={(message) => {
            setWriting(false);
            setDone(message);
          }}
        />
      )}
      {contracts.isPending ? (
        <Loading label="Chargement des contrats…" />
      ) : contracts.isError ? (
        <ProblemAlert error={contracts.error} />
      ) : contracts.data.items.length === 0 ? (
        <p data-testid="no-contract">Aucun contrat pour le moment.</p>
      ) : (
        <ul className="spie-card-list">
          {contracts.data.items.map((c) => (
            <ContractCard key={c.id} personId={personId} contract={c} onDone={setDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
