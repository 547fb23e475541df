// The "Contrat" tab: every contract of the person over time, the current one first, with its
// versions; writing, signing and printing.
import { useState, type FormEvent } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Badge } from "@codegouvfr/react-dsfr/Badge.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { CONTRACT_STATUS_LABELS, CONTRACT_TYPE_LABELS, DEFAULT_WEEKLY_HOURS, SIGNATURE_METHODS, SIGNATURE_METHOD_LABELS, type SignatureMethod } from "../../../../common/domain/contracts.ts";
import { todayIso } from "../../../../common/domain/dates.ts";
import type { Contract } from "../../../../common/schemas/contracts.ts";
import { API_BASE } from "../../api/client.ts";
import { formatDate, formatDateTime } from "../../shared/format.ts";
import { errorState } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useContracts, usePathway, useUpdateContract } from "../pathway/api.ts";
import { ContractForm } from "./ContractForm.tsx";
import "../pathway/pathway.css";

function SignForm({ personId, contract, onDone }: { personId: string; contract: Contract; onDone: (message: string) => void }) {
  const update = useUpdateContract(personId);
  const [signedOn, setSignedOn] = useState(todayIso());
  const [method, setMethod] = useState<SignatureMethod>("manuscrite");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    try {
      await update.mutateAsync({ contractId: contract.id, base_version: contract.version, signed_on: signedOn, signature_method: method });
      onDone("Signature enregistrée.");
    } catch (e) {
      setError(errorMessage(e).detail);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Enregistrer la signature" className="spie-two-cols">
      <Input label="Signé le" {...errorState(error ?? undefined)} nativeInputProps={{ id: `signature-${contract.id}`, type: "date", value: signedOn, onChange: (e) => setSignedOn(e.target.value) }} />
      <Select label="Mode de signature" nativeSelectProps={{ id: `signature-mode-${contract.id}`, value: method, onChange: (e) => setMethod(e.target.value as SignatureMethod) }}>
        {SIGNATURE_METHODS.map((m) => (
          <option key={m} value={m}>
            {SIGNATURE_METHOD_LABELS[m]}
          </option>
        ))}
      </Select>
      <div>
        <Button type="submit" size="small" disabled={update.isPending}>
          Enregistrer la signature
        </Button>
      </div>
    </form>
  );
}

function ContractCard({ personId, contract: c, canUpdate, onDone }: { personId: string; contract: Contract; canUpdate: boolean; onDone: (message: string) => void }) {
  return (
    <li className="spie-card" data-testid="contract">
      <h3 className={fr.cx("fr-h5", "fr-mb-1w")}>
        {CONTRACT_TYPE_LABELS[c.type]} du {formatDate(c.starts_on)} au {formatDate(c.ends_on)}{" "}
        <Badge small as="span" severity={c.status === "active" ? "success" : c.status === "draft" ? "warning" : "info"} noIcon>
          {CONTRACT_STATUS_LABELS[c.status]}
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
        <dt>Versions</dt>
        <dd>
          {c.versions.map((v) => (
            <span key={v.version} className="spie-line">
              Version {v.version} — {formatDateTime(v.at)}, {v.author.name}
            </span>
          ))}
        </dd>
      </dl>
      {canUpdate && !c.signed_on && <SignForm personId={personId} contract={c} onDone={onDone} />}
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-mt-2w")}>
        <li>
          <Button priority="secondary" size="small" iconId="fr-icon-printer-line" linkProps={{ to: `/personnes/${personId}/contrats/${c.id}/imprimer` }}>
            Version imprimable<span className={fr.cx("fr-sr-only")}> du contrat du {formatDate(c.starts_on)}</span>
          </Button>
        </li>
        <li>
          <a className={fr.cx("fr-btn", "fr-btn--tertiary", "fr-btn--sm")} href={`${API_BASE}/contracts/${c.id}/pdf`} target="_blank" rel="noopener">
            PDF<span className={fr.cx("fr-sr-only")}> du contrat du {formatDate(c.starts_on)} (nouvelle fenêtre)</span>
          </a>
        </li>
      </ul>
    </li>
  );
}

export function ContractsTab({ personId }: { personId: string }) {
  const contracts = useContracts(personId);
  const pathway = usePathway(personId);
  const [writing, setWriting] = useState(false);
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
            <ContractCard key={c.id} personId={personId} contract={c} canUpdate={canUpdate} onDone={setDone} />
          ))}
        </ul>
      )}
    </section>
  );
}
