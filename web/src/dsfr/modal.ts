// Opening a DSFR modal and knowing whether it opened. react-dsfr's `open()` calls the DSFR's
// `disclose()` and drops its answer: the DSFR refuses (false) while it has not yet registered the
// modal and its control button, which it does on its own render loop, and `open()` throws when the
// element has no DSFR instance yet. A modal opened by the application (not by a click) must then be
// opened again later, or it never shows.

interface DsfrDisclosure {
  disclose(): boolean;
  readonly isDisclosed: boolean;
}
type Dsfr = (element: Element) => { modal?: DsfrDisclosure };

/** Discloses the modal `id`; true when it is open (now or already), false when the DSFR is not ready. */
export function discloseModal(id: string): boolean {
  const element = document.getElementById(id);
  const dsfr = (window as unknown as { dsfr?: Dsfr }).dsfr;
  const instance = element && dsfr ? dsfr(element).modal : undefined;
  if (!instance) return false;
  return instance.disclose() || instance.isDisclosed;
}

/**
 * Discloses the modal `id` as soon as the DSFR takes it: tried at once, then every `everyMs` up to
 * `tries` times. `onOpen` when shown, `onGiveUp` when it never was. Answers the cancel (an effect's
 * cleanup).
 */
export function discloseWhenReady(id: string, handlers: { onOpen?: () => void; onGiveUp?: () => void; tries?: number; everyMs?: number } = {}): () => void {
  const { onOpen, onGiveUp, tries = 20, everyMs = 100 } = handlers;
  let left = tries;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = () => {
    if (discloseModal(id)) return onOpen?.();
    if (--left <= 0) return onGiveUp?.();
    timer = setTimeout(attempt, everyMs);
  };
  attempt();
  return () => clearTimeout(timer);
}
