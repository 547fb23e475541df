// Warns five minutes before the session ends (DSFR modal, focus moved into it, as WCAG 2.2.1 asks
// of a time limit) with "Rester connecté"; once it has ended, goes to the login page at once, which
// says "Votre session a expiré" and brings the user back (the drafts wait in the browser).
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { createModal } from "@codegouvfr/react-dsfr/Modal/index.js";
import { api, onSessionDeadlines, type SessionDeadlines } from "../../api/client.ts";
import { discloseWhenReady } from "../../dsfr/modal.ts";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useMe, useRefreshSession } from "./api.ts";
import { remainingLabel, sessionWarning } from "./sessionDeadline.ts";

const modal = createModal({ id: "spie-session-expire", isOpenedByDefault: false });
const timeFormat = new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit" });

// The deadlines of the last answer (every cookie-authenticated answer carries them).
let latest: SessionDeadlines | null = null;
const listeners = new Set<() => void>();
onSessionDeadlines((deadlines) => {
  latest = deadlines;
  listeners.forEach((l) => l());
});
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function SessionWatch() {
  const me = useMe().data ?? null;
  const fromHeaders = useSyncExternalStore(subscribe, () => latest);
  const fromMe: SessionDeadlines | null = me?.session ? { idleExpiresAt: Date.parse(me.session.idle_expires_at), expiresAt: Date.parse(me.session.expires_at) } : null;
  const deadlines = me?.via === "session" ? (fromHeaders ?? fromMe) : null;
  const now = useNow(10_000);
  const warning = sessionWarning(deadlines, now);
  const refresh = useRefreshSession();
  const shownFor = useRef<number | null>(null);
  const expiredCheck = useRef(false);

  const endsAt = warning.kind === "idle" || warning.kind === "absolute" ? warning.endsAt : null;
  // Tried again until the DSFR shows it (for a minute): it may not have taken the modal in yet.
  useEffect(() => {
    if (endsAt === null) {
      if (shownFor.current !== null) modal.close();
      shownFor.current = null;
      return;
    }
    if (shownFor.current === endsAt) return;
    return discloseWhenReady(modal.id, { tries: 240, everyMs: 250, onOpen: () => void (shownFor.current = endsAt) });
  }, [endsAt]);

  // Ended: one call tells for sure (another tab may have kept the session alive); a 401 goes to
  // the login page with "Votre session a expiré" (main.tsx).
  useEffect(() => {
    if (warning.kind !== "expired" || expiredCheck.current) return;
    expiredCheck.current = true;
    modal.close();
    void api.get("/me").catch(() => undefined).finally(() => {
      expiredCheck.current = false;
    });
  }, [warning.kind]);

  const endTime = endsAt === null ? "" : timeFormat.format(new Date(endsAt));
  return (
    <modal.Component
      title="Votre session va expirer"
      iconId="fr-icon-time-line"
      buttons={
        warning.kind === "absolute"
          ? [{ children: "J'ai compris", priority: "primary" }]
          : [
              {
                children: refresh.isPending ? "Prolongation…" : "Rester connecté",
                priority: "primary",
                doClosesModal: false,
                disabled: refresh.isPending,
                onClick: () => refresh.mutate(undefined, { onSuccess: () => modal.close() }),
              },
              { children: "Fermer", priority: "secondary" },
            ]
      }
    >
      <div data-testid="session-warning">
        {warning.kind === "absolute" ? (
          <p>
            Par sécurité, une session dure 12 heures au plus : la vôtre se termine à {endTime} ({remainingLabel(warning.remainingMs)}).
            Enregistrez votre travail puis reconnectez-vous ; vos brouillons restent sur cet appareil.
          </p>
        ) : warning.kind === "idle" ? (
          <p>
            Sans activité, votre session se termine à {endTime} ({remainingLabel(warning.remainingMs)}). Choisissez « Rester
            connecté » pour la prolonger de 30 minutes ; vos saisies non enregistrées restent en brouillon sur cet appareil.
          </p>
        ) : (
          <p>Votre session est terminée.</p>
        )}
        {refresh.isError && <ProblemAlert error={refresh.error} className={fr.cx("fr-mt-2w")} />}
      </div>
    </modal.Component>
  );
}
