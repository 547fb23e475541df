// The home page by who is calling, as the server decided it (me.permissions.home): anonymous
// visitors the directory search, coordinators their workspace, steering users their counts,
// platform admins the administration, everyone else their people.
import { DirectorySearchPage } from "../directory/DirectorySearchPage.tsx";
import { AdminHomePage } from "../territories/AdminHomePage.tsx";
import { SteeringPage } from "../territories/SteeringPage.tsx";
import { WorkspacePage } from "../territories/WorkspacePage.tsx";
import { PeopleListPage } from "../people/PeopleListPage.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useMe } from "../auth/api.ts";

export function HomePage() {
  const me = useMe();
  if (me.isPending) return <Loading label="Chargement…" />;
  if (me.isError) return <ProblemAlert error={me.error} className="fr-my-4w" />;
  if (me.data === null) return <DirectorySearchPage />;
  switch (me.data.permissions.home) {
    case "workspace":
      return <WorkspacePage />;
    case "steering":
      return <SteeringPage />;
    case "admin":
      return <AdminHomePage />;
    default:
      return <PeopleListPage />;
  }
}
