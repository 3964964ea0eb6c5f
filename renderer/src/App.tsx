import { useEffect } from 'react';
import { onPlanChanged } from './api/client';
import { AppFrame, type Screen } from './layout/AppFrame';
import { ChecklistsScreen } from './screens/checklists/ChecklistsScreen';
import { PlanScreen } from './screens/PlanScreen';
import { PortfolioScreen } from './screens/portfolio/PortfolioScreen';
import { ReadinessScreen } from './screens/ReadinessScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { BackupsScreen } from './screens/BackupsScreen';
import { usePlanStore } from './stores/plan-store';
import { useUndoStore } from './stores/undo-store';
import { usePacketStore } from './packets/packet-store';
import { SiteLeadView } from './packets/SiteLeadView';

const SCREENS: Screen[] = [
  { id: 'portfolio', label: 'Portfolio', render: () => <PortfolioScreen /> },
  { id: 'readiness', label: 'Readiness', render: () => <ReadinessScreen /> },
  { id: 'plan', label: 'Plan', render: () => <PlanScreen /> },
  { id: 'checklists', label: 'Checklists', render: () => <ChecklistsScreen /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsScreen /> },
  { id: 'backups', label: 'Backups', render: () => <BackupsScreen /> },
];

export function App() {
  const refresh = usePlanStore((s) => s.refresh);
  const generation = usePlanStore((s) => s.generation);
  // Opening another plan is not an edit, and the edits of the last plan cannot be undone in this one.
  useEffect(() => useUndoStore.getState().clear(), [generation]);
  useEffect(() => {
    void refresh();
    return onPlanChanged(() => void refresh());
  }, [refresh]);
  // A site lead's packet takes the whole window: the site-lead view needs no plan.
  const packetOpen = usePacketStore((s) => s.packet !== null);
  return packetOpen ? <SiteLeadView /> : <AppFrame screens={SCREENS} />;
}
