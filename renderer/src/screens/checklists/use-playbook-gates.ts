/** The playbook's go/no-go gates (task ids), kept current through the change feed. */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useChangeCounter } from '../../stores/change-feed';
import { usePlanStore } from '../../stores/plan-store';

export function usePlaybookGates(): ReadonlySet<string> {
  const generation = usePlanStore((s) => s.generation);
  const playbookChanged = useChangeCounter('playbook');
  const [gates, setGates] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    api['playbook:get']().then((p) => setGates(new Set(p.tasks.filter((t) => t.gate).map((t) => t.id))), () => setGates(new Set()));
  }, [generation, playbookChanged]);
  return gates;
}
