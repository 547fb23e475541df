// The pathway's tabs of a person's file (added to PersonPage with minimal edits).
import { ActionPlanTab } from "../action-plan/ActionPlanTab.tsx";
import { ContractsTab } from "../contracts/ContractsTab.tsx";
import { DiagnosticTab } from "../diagnostic/DiagnosticTab.tsx";
import { NotesTab } from "../notes/NotesTab.tsx";
import { OrientationTab } from "../orientation/OrientationTab.tsx";

export type PathwayTabId = "diagnostic" | "orientation" | "contrat" | "plan" | "notes";

export const PATHWAY_TABS: { tabId: PathwayTabId; label: string }[] = [
  { tabId: "diagnostic", label: "Diagnostic" },
  { tabId: "orientation", label: "Orientation" },
  { tabId: "contrat", label: "Contrat" },
  { tabId: "plan", label: "Plan d'action" },
  { tabId: "notes", label: "Notes" },
];

export function PathwayTabContent({ selected, personId }: { selected: string; personId: string }) {
  switch (selected) {
    case "diagnostic":
      return <DiagnosticTab personId={personId} />;
    case "orientation":
      return <OrientationTab personId={personId} />;
    case "contrat":
      return <ContractsTab personId={personId} />;
    case "plan":
      return <ActionPlanTab personId={personId} />;
    case "notes":
      return <NotesTab personId={personId} />;
    default:
      return null;
  }
}
