// The home page by who is calling, as the server decided it (me.permissions.home): anonymous
// visitors the directory search, coordinators their workspace, steering users their counts,
// platform admins the administration, everyone else their people. Each is its own chunk.
import { lazy, Suspense } from "react";
import { Loading } from "../../shared/Loading.tsx";
import { ProblemAlert } from "../../shared/ProblemAlert.tsx";
import { useMe } from "../auth/api.ts";

const DirectorySearchPage = lazy(() => import("../directory/DirectorySearchPage.tsx").then((m) => ({ default: m.DirectorySearchPage })));
const AdminHomePage = lazy(() => import("../territories/AdminHomePage.tsx").then((m) => ({ default: m.AdminHomePage })));
const SteeringPage = lazy(() => import("../territories/SteeringPage.tsx").then((m) => ({ default: m.SteeringPage })));
const WorkspacePage = lazy(() => import("../territories/WorkspacePage.tsx").then((m) => ({ default: m.WorkspacePage })));
const PeopleListPage = lazy(() => import("../people/PeopleListPage.tsx").then((m) => ({ default: m.PeopleListPage })));

function Home() {
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

export function HomePage() {
  return (
    <Suspense fallback={<Loading label="Chargement…" />}>
      <Home />
    </Suspense>
  );
}
