import { useEffect } from 'react';
import { onPlanChanged } from './api/client';
import { AppFrame, type Screen } from './layout/AppFrame';
import { PlanScreen } from './screens/PlanScreen';
import { PortfolioScreen } from './screens/PortfolioScreen';
import { usePlanStore } from './stores/plan-store';

const SCREENS: Screen[] = [
  { id: 'portfolio', label: 'Portfolio', render: () => <PortfolioScreen /> },
  { id: 'plan', label: 'Plan', render: () => <PlanScreen /> },
];

export function App() {
  const refresh = usePlanStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
    return onPlanChanged(() => void refresh());
  }, [refresh]);
  return <AppFrame screens={SCREENS} />;
}
