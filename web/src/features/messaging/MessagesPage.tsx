// The platform admins' view of the messages spie sends: recipient, template, status and dates
// (never the content). Without an SMTP server, messages stay here in the outbox.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { MESSAGE_STATUS_LABELS, MESSAGE_STATUSES, messageList } from "../../../../common/schemas/messaging.ts";
import { api } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { formatDateTime, plural } from "../../shared/format.ts";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";

type Status = (typeof MESSAGE_STATUSES)[number];

export function MessagesPage() {
  useDocumentTitle("Messages envoyés");
  const [status, setStatus] = useState<Status | "">("");
  const list = useQuery({
    queryKey: ["messages", status],
    queryFn: ({ signal }) => api.get("/messages", messageList, status ? { status } : undefined, signal),
  });
  return (
    <>
      <h1>Messages envoyés</h1>
      <p>Les e-mails envoyés par spie (invitations, mots de passe oubliés) : destinataire, modèle, état. Leur contenu n'est jamais affiché : il peut porter un lien à usage unique.</p>
      {list.data && !list.data.smtp_configured && (
        <Alert
          severity="warning"
          small
          role={undefined}
          className={fr.cx("fr-mb-3w")}
          description="Aucun serveur SMTP n'est configuré (variable SMTP_URL) : les messages ne partent pas, ils restent dans la boîte d'envoi ci-dessous (état « Dans la boîte d'envoi »)."
        />
      )}
      <Select
        label="État"
        nativeSelectProps={{ id: "messages-etat", value: status, onChange: (e) => setStatus(e.target.value as Status | "") }}
      >
        <option value="">Tous</option>
        {MESSAGE_STATUSES.map((s) => (
          <option key={s} value={s}>
            {MESSAGE_STATUS_LABELS[s]}
          </option>
        ))}
      </Select>
      {list.isPending ? (
        <Loading label="Chargement des messages…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <p>Aucun message.</p>
      ) : (
        <>
          <p className={fr.cx("fr-text--sm")}>{plural(list.data.items.length, "message (les plus récents)", "messages (les plus récents)")}</p>
          <DataTable
            caption="Messages envoyés par spie"
            hideCaption
            testId="messages-table"
            stacked
            rowHeaders
            headers={["Destinataire", "Modèle", "État", "Créé le", "Envoyé le"]}
            rows={list.data.items.map((m) => ({
              key: m.id,
              testId: "message-row",
              cells: [
                m.recipient,
                m.template_label,
                <>
                  {MESSAGE_STATUS_LABELS[m.status]}
                  {m.attempts > 1 && ` (${m.attempts} tentatives)`}
                  {m.last_error && m.status !== "sent" && (
                    <>
                      <br />
                      <span className={fr.cx("fr-text--xs")}>Erreur : {m.last_error}</span>
                    </>
                  )}
                </>,
                formatDateTime(m.created_at),
                m.sent_at ? formatDateTime(m.sent_at) : "—",
              ],
            }))}
          />
        </>
      )}
    </>
  );
}
