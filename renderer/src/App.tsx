import { useEffect } from 'react';
import { AppFrame, type Screen } from './layout/AppFrame';
import { ChecklistsScreen } from './screens/checklists/ChecklistsScreen';
import { PlanScreen } from './screens/PlanScreen';
import { PortfolioScreen } from './screens/portfolio/PortfolioScreen';
import { ReadinessScreen } from './screens/ReadinessScreen';
import { ScenariosScreen } from './screens/scenarios/ScenariosScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { BackupsScreen } from './screens/BackupsScreen';
import { TeamScreen } from './screens/team/TeamScreen';
import { useTeamStore } from './stores/team-store';
import { startChangeFeed } from './stores/change-feed';
import { useHistoryStore } from './stores/history-store';
import { usePlanStore } from './stores/plan-store';
import { usePacketStore } from './packets/packet-store';
import { SiteLeadView } from './packets/SiteLeadView';

const SCREENS: Screen[] = [
  { id: 'portfolio', label: 'Portfolio', render: () => <PortfolioScreen /> },
  { id: 'readiness', label: 'Readiness', render: () => <ReadinessScreen /> },
  { id: 'plan', label: 'Plan', render: () => <PlanScreen /> },
  { id: 'scenarios', label: 'Scenarios', render: () => <ScenariosScreen /> },
  { id: 'checklists', label: 'Checklists', render: () => <ChecklistsScreen /> },
  { id: 'settings', label: 'Settings', render: () => <SettingsScreen /> },
  { id: 'backups', label: 'Backups', render: () => <BackupsScreen /> },
  { id: 'team', label: 'Team', render: () => <TeamScreen /> },
];

export function App() {
  const generation = usePlanStore((s) => s.generation);
  // Another plan has its own history (opening a plan starts a fresh one).
  useEffect(() => void useHistoryStore.getState().load(), [generation]);
  useEffect(() => {
    void usePlanStore.getState().refresh();
    void useTeamStore.getState().load().catch(() => undefined);
    return startChangeFeed();
  }, []);
  // A site lead's packet takes the whole window: the site-lead view needs no plan.
  const packetOpen = usePacketStore((s) => s.packet !== null);
  return packetOpen ? <SiteLeadView /> : <AppFrame screens={SCREENS} />;
}
