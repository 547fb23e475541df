// Members of a structure: list, invite (by e-mail: no password is ever shown), pending invitations
// (resend, cancel), change role, remove. Actions are shown only when the API says so:
// structure.permissions.manage_members and grantable_roles (the roles the user may give), and each
// member's permissions (change_role, remove). The server decides; this page never re-derives a rule.
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Alert } from "@codegouvfr/react-dsfr/Alert.js";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb.js";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { Input } from "@codegouvfr/react-dsfr/Input.js";
import { Select } from "@codegouvfr/react-dsfr/Select.js";
import { MEMBERSHIP_ROLE_LABELS, type MembershipRole } from "../../../../common/domain/roles.ts";
import { type Member } from "../../../../common/schemas/structures.ts";
import { invitationCreateBody, type Invitation } from "../../../../common/schemas/invitations.ts";
import { isApiError } from "../../api/client.ts";
import { DataTable } from "../../shared/DataTable.tsx";
import { ErrorSummary, type FormField } from "../../shared/ErrorSummary.tsx";
import { formatDate, formatDateTime, plural } from "../../shared/format.ts";
import { errorFor, errorState, failWithApiError, validate, type FieldErrors } from "../../shared/forms.ts";
import { Loading } from "../../shared/Loading.tsx";
import { errorMessage, ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import { useCurrentUser } from "../auth/api.ts";
import { useInvitations, useInvite, useMembers, useRemoveMember, useResendInvitation, useRevokeInvitation, useStructure, useUpdateMemberRole } from "./api.ts";

export function MembersPage() {
  const { id = "" } = useParams();
  const structure = useStructure(id);
  const members = useMembers(id);
  const [notice, setNotice] = useState<string | null>(null);
  const title = structure.data ? `Membres de ${structure.data.name}` : "Membres de la structure";
  useDocumentTitle(structure.isError ? "Structure introuvable" : title);
  const canManage = structure.data?.permissions.manage_members === true;
  const grantable = structure.data?.permissions.grantable_roles ?? [];

  return (
    <>
      <Breadcrumb homeLinkProps={{ to: "/" }} segments={[]} currentPageLabel={title} />
      <h1>{structure.isError && isApiError(structure.error, 404) ? "Structure introuvable" : title}</h1>
      {structure.isPending ? (
        <Loading />
      ) : structure.isError ? (
        <ProblemAlert error={structure.error} />
      ) : (
        <>
          {!canManage && (
            <Alert
              severity="info"
              small
              role={undefined}
              className={fr.cx("fr-mb-3w")}
              description="Vous pouvez consulter la liste des membres, mais pas la modifier : seuls les administrateur·rices de la structure le peuvent."
            />
          )}
          <div role="status" aria-live="polite">
            {notice && <Alert severity="success" small description={notice} className={fr.cx("fr-mb-3w")} role={undefined} />}
          </div>
          {canManage && grantable.length > 0 && <InviteForm structureId={id} roles={grantable} onInvited={setNotice} />}
          {canManage && <PendingInvitations structureId={id} structureName={structure.data.name} onChanged={setNotice} />}

          <section aria-labelledby="membres-liste" className={fr.cx("fr-mt-6w")}>
            <h2 id="membres-liste">Membres</h2>
            {members.isPending ? (
              <Loading label="Chargement des membres…" />
            ) : members.isError ? (
              <ProblemAlert error={members.error} />
            ) : members.data.length === 0 ? (
              <p>Aucun membre.</p>
            ) : (
              <>
                <p className={fr.cx("fr-text--sm")}>{plural(members.data.length, "membre", "membres")}</p>
                <DataTable
                  caption={`Membres de ${structure.data.name}`}
                  hideCaption
                  testId="members-table"
          stacked
                  rowHeaders
                  headers={["Membre", "Rôle", "Depuis le", "Dernière connexion", ...(canManage ? ["Actions"] : [])]}
                  rows={members.data.map((m) => ({
                    key: m.membership_id,
                    testId: "member-row",
                    cells: [
                      <>
                        {m.user.name}
                        <br />
                        <span className={fr.cx("fr-text--xs")}>{m.user.email}</span>
                        {m.user.deactivated && (
                          <>
                            <br />
                            <span className={fr.cx("fr-badge", "fr-badge--sm", "fr-badge--warning")}>Compte désactivé</span>
                          </>
                        )}
                      </>,
                      m.permissions.change_role ? <RoleEditor structureId={id} member={m} roles={grantable} onChanged={setNotice} /> : MEMBERSHIP_ROLE_LABELS[m.role],
                      formatDate(m.created_at),
                      m.user.last_login_at ? formatDateTime(m.user.last_login_at) : "Jamais",
                      ...(canManage ? [m.permissions.remove ? <RemoveMember structureId={id} member={m} onRemoved={setNotice} /> : null] : []),
                    ],
                  }))}
                />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

const INVITE_FIELDS: Record<string, FormField> = {
  email: { id: "invitation-email", label: "Adresse électronique" },
  name: { id: "invitation-nom", label: "Nom et prénom (facultatif)" },
  role: { id: "invitation-role", label: "Rôle" },
};

function InviteForm({ structureId, roles, onInvited }: { structureId: string; roles: MembershipRole[]; onInvited: (message: string | null) => void }) {
  const invite = useInvite(structureId);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const firstRole = roles[0] ?? "professional";
  const [role, setRole] = useState<MembershipRole>(firstRole);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [focusKey, setFocusKey] = useState(0);

  const fail = (fieldErrors: FieldErrors, message: string | null) => {
    setErrors(fieldErrors);
    setFormError(message);
    setFocusKey((k) => k + 1);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onInvited(null);
    const result = validate(invitationCreateBody, { email: email.trim(), role, ...(name.trim() ? { name } : {}) });
    if (!result.ok) return fail(result.errors, null);
    invite.mutate(result.data, {
      onSuccess: (sent) => {
        setErrors({});
        setFormError(null);
        setName("");
        setEmail("");
        setRole(firstRole);
        onInvited(`Invitation envoyée à ${sent.email} (${MEMBERSHIP_ROLE_LABELS[sent.role]}). Le lien est valable 7 jours.`);
      },
      onError: (error) => {
        failWithApiError(error, fail);
      },
    });
  };

  return (
    <section aria-labelledby="membre-invitation">
      <h2 id="membre-invitation">Inviter une personne</h2>
      <p>
        La personne reçoit un e-mail avec un lien valable 7 jours : elle choisit son mot de passe (ou se connecte avec son
        compte s'il existe déjà) et rejoint alors la structure. Personne n'est rattaché sans avoir accepté.
      </p>
      <div className={fr.cx("fr-grid-row")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-8", "fr-col-lg-6")}>
          <ErrorSummary errors={errors} fields={INVITE_FIELDS} formError={formError} focusKey={focusKey} id="invitation-erreurs" />
          <form onSubmit={submit} noValidate aria-labelledby="membre-invitation">
            <Input
              label="Adresse électronique"
              hintText="Format attendu : nom@domaine.fr"
              {...errorState(errorFor(errors, "email"))}
              nativeInputProps={{ id: INVITE_FIELDS.email?.id, type: "email", autoComplete: "off", required: true, value: email, onChange: (e) => setEmail(e.target.value) }}
            />
            <Input
              label="Nom et prénom (facultatif)"
              hintText="Proposé à la personne si elle n'a pas encore de compte."
              {...errorState(errorFor(errors, "name"))}
              nativeInputProps={{ id: INVITE_FIELDS.name?.id, autoComplete: "off", value: name, onChange: (e) => setName(e.target.value) }}
            />
            <Select
              label="Rôle"
              {...errorState(errorFor(errors, "role"))}
              hint="Les rôles proposés sont ceux que vous pouvez attribuer."
              nativeSelectProps={{ id: INVITE_FIELDS.role?.id, value: role, onChange: (e) => setRole(e.target.value as MembershipRole) }}
            >
              {roles.map((value) => (
                <option key={value} value={value}>
                  {MEMBERSHIP_ROLE_LABELS[value]}
                </option>
              ))}
            </Select>
            <Button type="submit" disabled={invite.isPending} iconId="fr-icon-mail-line">
              Envoyer l'invitation
            </Button>
          </form>
        </div>
      </div>
    </section>
  );
}

const INVITATION_STATUS_LABELS: Record<Invitation["status"], string> = {
  pending: "En attente",
  expired: "Expirée",
  accepted: "Acceptée",
  revoked: "Annulée",
};

function PendingInvitations({ structureId, structureName, onChanged }: { structureId: string; structureName: string; onChanged: (message: string | null) => void }) {
  const list = useInvitations(structureId, true);
  const resend = useResendInvitation(structureId);
  const revoke = useRevokeInvitation(structureId);
  const failure = resend.error ?? revoke.error;
  return (
    <section aria-labelledby="invitations-liste" className={fr.cx("fr-mt-6w")}>
      <h2 id="invitations-liste">Invitations en attente</h2>
      {failure && <ProblemAlert error={failure} className={fr.cx("fr-mb-3w")} />}
      {list.isPending ? (
        <Loading label="Chargement des invitations…" />
      ) : list.isError ? (
        <ProblemAlert error={list.error} />
      ) : list.data.length === 0 ? (
        <p>Aucune invitation en attente.</p>
      ) : (
        <DataTable
          caption={`Invitations en attente de ${structureName}`}
          hideCaption
          testId="invitations-table"
          stacked
          rowHeaders
          headers={["Adresse", "Rôle", "État", "Envoyée le", "Actions"]}
          rows={list.data.map((i) => ({
            key: i.id,
            testId: "invitation-row",
            cells: [
              <>
                {i.email}
                {i.name && (
                  <>
                    <br />
                    <span className={fr.cx("fr-text--xs")}>{i.name}</span>
                  </>
                )}
              </>,
              MEMBERSHIP_ROLE_LABELS[i.role],
              i.status === "pending" ? `${INVITATION_STATUS_LABELS[i.status]} (jusqu'au ${formatDate(i.expires_at)})` : INVITATION_STATUS_LABELS[i.status],
              formatDate(i.last_sent_at),
              <ul key="actions" className={fr.cx("fr-btns-group", "fr-btns-group--inline", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
                <li>
                  <Button
                    size="small"
                    priority="secondary"
                    disabled={resend.isPending}
                    onClick={() => resend.mutate(i.id, { onSuccess: () => onChanged(`Invitation renvoyée à ${i.email} : le lien précédent ne fonctionne plus.`) })}
                  >
                    Renvoyer<span className={fr.cx("fr-sr-only")}> l'invitation de {i.email}</span>
                  </Button>
                </li>
                <li>
                  <Button
                    size="small"
                    priority="tertiary"
                    disabled={revoke.isPending}
                    onClick={() => revoke.mutate(i.id, { onSuccess: () => onChanged(`Invitation de ${i.email} annulée.`) })}
                  >
                    Annuler<span className={fr.cx("fr-sr-only")}> l'invitation de {i.email}</span>
                  </Button>
                </li>
              </ul>,
            ],
          }))}
        />
      )}
    </section>
  );
}

function RoleEditor({ structureId, member, roles, onChanged }: { structureId: string; member: Member; roles: MembershipRole[]; onChanged: (message: string) => void }) {
  const update = useUpdateMemberRole(structureId);
  const [role, setRole] = useState<MembershipRole>(member.role);
  const selectId = `role-${member.membership_id}`;
  return (
    <div className="spie-inline-form">
      <label className={fr.cx("fr-label", "fr-sr-only")} htmlFor={selectId}>
        Rôle de {member.user.name}
      </label>
      <select id={selectId} className={fr.cx("fr-select")} value={role} onChange={(e) => setRole(e.target.value as MembershipRole)}>
        {roles.map((value) => (
          <option key={value} value={value}>
            {MEMBERSHIP_ROLE_LABELS[value]}
          </option>
        ))}
      </select>
      {role !== member.role && (
        <Button
          size="small"
          disabled={update.isPending}
          onClick={() =>
            update.mutate(
              { membershipId: member.membership_id, role },
              { onSuccess: () => onChanged(`Le rôle de ${member.user.name} est désormais : ${MEMBERSHIP_ROLE_LABELS[role]}.`) },
            )
          }
        >
          Enregistrer le rôle<span className={fr.cx("fr-sr-only")}> de {member.user.name}</span>
        </Button>
      )}
      {update.isError && <p className={fr.cx("fr-message", "fr-message--error")} role="alert">{errorMessage(update.error).detail}</p>}
    </div>
  );
}

function RemoveMember({ structureId, member, onRemoved }: { structureId: string; member: Member; onRemoved: (message: string) => void }) {
  const remove = useRemoveMember(structureId);
  const me = useCurrentUser();
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [returnFocus, setReturnFocus] = useState(false);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (returnFocus) cancelRef.current?.focus();
  }, [confirming, returnFocus]);

  const isMe = member.user.id === me.user.id;

  if (!confirming) {
    return (
      <Button
        ref={cancelRef}
        size="small"
        priority="tertiary"
        iconId="fr-icon-delete-line"
        onClick={() => setConfirming(true)}
      >
        Retirer<span className={fr.cx("fr-sr-only")}> {member.user.name} de la structure</span>
      </Button>
    );
  }

  return (
    <div className="spie-confirm" role="group" aria-label={`Confirmer le retrait de ${member.user.name}`}>
      <p className={fr.cx("fr-text--sm", "fr-mb-1w")}>
        {isMe
          ? "Vous retirer de la structure ? Vous perdrez l'accès à ses données."
          : `Retirer ${member.user.name} de la structure ? Son compte est conservé.`}
      </p>
      {remove.isError && <p className={fr.cx("fr-message", "fr-message--error")} role="alert">{errorMessage(remove.error).detail}</p>}
      <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
        <li>
          <Button
            ref={confirmRef}
            size="small"
            disabled={remove.isPending}
            onClick={() =>
              // The row unmounts once the members are refetched, before a mutate() callback would
              // run: the message is given from the promise, which resolves regardless.
              remove.mutateAsync(member.membership_id).then(() => onRemoved(`${member.user.name} a été retiré·e de la structure.`), () => undefined)
            }
          >
            Confirmer le retrait<span className={fr.cx("fr-sr-only")}> de {member.user.name}</span>
          </Button>
        </li>
        <li>
          <Button
            size="small"
            priority="secondary"
            onClick={() => {
              setConfirming(false);
              setReturnFocus(true);
            }}
          >
            Annuler
          </Button>
        </li>
      </ul>
    </div>
  );
}
