// When the directory announces new services (directory/publications.ts, a durable job), the authors
// of open needs that a service fits (same SPIE thematic, the need's commune eligible: the directory's
// eligibility keys) are told: one message per author through the messaging layer, listing the
// services and, for each, their needs it fits. Each (need, service) pair is told once
// (unmet_need_alerts), written in the transaction of the message: a retried job sends nothing twice.
// The message holds what the author recorded themself (thematic, commune, date, description) and
// the service's public directory data; never a person. Services of sensitive structures are left out
// (their very name would travel by e-mail).
import { spieThematicsOf, isVisible, type ServiceStatus } from "../../../common/domain/directory.ts";
import { THEMATIC_LABELS, type ThematicSlug } from "../../../common/domain/thematics.ts";
import type { Config } from "../../config.ts";
import type { JobHandler } from "../../jobs/worker.ts";
import { servicesByIds, type ServiceWithStructure } from "../directory/directory.repository.ts";
import { todayInFrance } from "../directory/directory.service.ts";
import { publishedPayload } from "../directory/publications.ts";
import { sendMessage } from "../messaging/messaging.ts";
import { getCommune } from "../territories/geography.ts";
import * as repo from "./unmet-needs.repository.ts";

/** Needs listed in one message at most per service (the page lists them all). */
const MAX_NEEDS_PER_SERVICE = 20;

interface AuthorAlert {
  email: string;
  services: { service: ServiceWithStructure; needs: repo.FittingNeed[] }[];
}

const date = (d: Date) => new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" }).format(d);
const short = (text: string, max = 160) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function lines(alert: AuthorAlert, publicUrl: string): string {
  const out: string[] = [];
  for (const { service, needs } of alert.services) {
    const where = service.service.commune ?? service.structure.commune;
    out.push(`• ${service.service.nom} — ${service.structure.nom}${where ? ` (${where})` : ""} : ${publicUrl}/annuaire/services/${service.service.id}`);
    for (const n of needs.slice(0, MAX_NEEDS_PER_SERVICE)) {
      out.push(`  – votre besoin « ${THEMATIC_LABELS[n.thematic as ThematicSlug] ?? n.thematic} » à ${getCommune(n.commune_code)?.name ?? n.commune_code}, signalé le ${date(n.created_at)} : ${short(n.description)}`);
    }
    if (needs.length > MAX_NEEDS_PER_SERVICE) out.push(`  – et ${needs.length - MAX_NEEDS_PER_SERVICE} autre(s) besoin(s)`);
  }
  return out.join("\n");
}

export function unmetNeedAlertJob(config: Pick<Config, "publicUrl">): JobHandler {
  return async (payload, { db, log }) => {
    const { service_ids, published_at } = publishedPayload(payload);
    const today = todayInFrance();
    const byAuthor = new Map<string, AuthorAlert>();
    // A large import announces thousands of services: nothing to do while no need is open.
    if (service_ids.length === 0 || !(await repo.anyOpenNeed(db))) return;
    const found = new Map((await servicesByIds(db, service_ids)).map((s) => [s.service.id, s]));
    for (const serviceId of service_ids) {
      const service = found.get(serviceId);
      if (!service || service.structure.sensitive) continue;
      if (!isVisible(service.service.status as ServiceStatus, service.service.suspended_until, today)) continue;
      const thematics = spieThematicsOf(service.service.thematiques ?? []);
      const needs = await repo.needsFittingService(db, serviceId, thematics, service.service.eligibility, published_at);
      for (const need of needs) {
        const alert = byAuthor.get(need.author_user_id) ?? { email: need.author_email, services: [] };
        let entry = alert.services.find((s) => s.service.service.id === serviceId);
        if (!entry) alert.services.push((entry = { service, needs: [] }));
        entry.needs.push(need);
        byAuthor.set(need.author_user_id, alert);
      }
    }
    let sent = 0;
    for (const [userId, alert] of byAuthor) {
      const needCount = new Set(alert.services.flatMap((s) => s.needs.map((n) => n.need_id))).size;
      await db.transaction(async (tx) => {
        const messageId = await sendMessage(tx, {
          channel: "email",
          to: alert.email,
          template: "unmet_need_service",
          data: { count: String(needCount), lines: lines(alert, config.publicUrl), link: `${config.publicUrl}/besoins-sans-solution/mes-besoins` },
          related: { type: "user", id: userId },
        });
        await repo.recordAlerts(
          tx,
          alert.services.flatMap((s) => s.needs.map((n) => ({ need_id: n.need_id, service_id: s.service.service.id, message_id: messageId }))),
        );
      });
      sent++;
    }
    log.info({ services: service_ids.length, messages: sent }, "unmet needs told about new services");
  };
}
