// Messages about the pathways the user follows (a réorientation decided, a request to decide…),
// shown on "my people" until read.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { fr } from "@codegouvfr/react-dsfr";
import { Button } from "@codegouvfr/react-dsfr/Button.js";
import { notificationList } from "../../../../common/schemas/pathway.ts";
import { api } from "../../api/client.ts";
import { formatDateTime } from "../../shared/format.ts";

const KEY = ["notifications"] as const;

export function NotificationsSection() {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get("/notifications", notificationList, undefined, signal) });
  const markRead = useMutation({ mutationFn: (id: string) => api.post(`/notifications/${id}/read`), onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }) });
  const unread = (query.data?.items ?? []).filter((n) => !n.read_at);
  if (unread.length === 0) return null;
  return (
    <section aria-labelledby="notifications-titre" className={fr.cx("fr-mb-4w")} data-testid="notifications">
      <h2 id="notifications-titre" className={fr.cx("fr-h4")}>
        Notifications non lues ({unread.length})
      </h2>
      <ul className="spie-card-list">
        {unread.map((n) => (
          <li key={n.id} className="spie-card" data-testid="notification">
            <p className={fr.cx("fr-text--sm", "fr-mb-1v")}>{formatDateTime(n.created_at)}</p>
            <p>{n.message}</p>
            <ul className={fr.cx("fr-btns-group", "fr-btns-group--inline-sm", "fr-btns-group--sm", "fr-btns-group--icon-left")}>
              {n.person_id && (
                <li>
                  <Link className={fr.cx("fr-btn", "fr-btn--secondary", "fr-btn--sm")} to={`/personnes/${n.person_id}?onglet=orientation`}>
                    Ouvrir le dossier
                  </Link>
                </li>
              )}
              <li>
                <Button size="small" priority="tertiary" disabled={markRead.isPending} onClick={() => markRead.mutate(n.id)}>
                  Marquer comme lue
                </Button>
              </li>
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
