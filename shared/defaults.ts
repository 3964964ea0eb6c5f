/** What a new plan starts with: the default readiness dimensions and the default rollout playbook. */
import type { PlaybookTask, ReadinessDimension } from './domain';

export const DEFAULT_DIMENSIONS: ReadinessDimension[] = [
  { key: 'sponsorship', label: 'Sponsorship', weight: 1, threshold: 70 },
  { key: 'data', label: 'Data quality', weight: 1, threshold: 70 },
  { key: 'integration', label: 'ERP integration', weight: 1, threshold: 70 },
  { key: 'security', label: 'Security & compliance review', weight: 1, threshold: 70 },
  { key: 'training', label: 'Training & change', weight: 1, threshold: 70 },
  { key: 'process', label: 'Process standardization', weight: 1, threshold: 70 },
];

type TaskRow = [id: string, title: string, phase: string, ownerRole: string, offsetDays: number, durationDays: number, appliesTo: PlaybookTask['appliesTo'], gate: boolean];

const TASK_ROWS: TaskRow[] = [
  ['kickoff', 'Site kickoff with plant leadership', 'Prepare', 'Program manager', -60, 1, 'all', false],
  ['sponsor-confirmed', 'Executive sponsor named and briefed', 'Prepare', 'Site lead', -56, 5, 'all', false],
  ['process-map', 'Map current inspection workflow against the standard', 'Prepare', 'Process lead', -50, 10, 'all', false],
  ['playbook-draft', 'Draft the rollout playbook from lighthouse practice', 'Prepare', 'Program manager', -45, 30, 'lighthouse', false],
  ['connector-spec', 'Specify the ERP connector (orders, lots, defects)', 'Integrate', 'Integration engineer', -45, 10, 'first-on-erp', false],
  ['connector-build', 'Build and unit-test the ERP connector', 'Integrate', 'Integration engineer', -35, 15, 'first-on-erp', false],
  ['connector-reuse', 'Configure the proven ERP connector for this site', 'Integrate', 'Integration engineer', -30, 5, 'followers', false],
  ['data-cleanse', 'Cleanse master data (parts, defect codes, lines)', 'Integrate', 'Data steward', -40, 20, 'all', false],
  ['security-review', 'Security and compliance review signed off', 'Integrate', 'IT security', -28, 10, 'all', true],
  ['camera-install', 'Install and calibrate inspection cameras', 'Equip', 'Site engineer', -25, 10, 'all', false],
  ['integration-test', 'End-to-end integration test with the ERP', 'Integrate', 'Integration engineer', -14, 5, 'all', true],
  ['train-trainers', 'Train the site trainers', 'Train', 'Change manager', -21, 5, 'all', false],
  ['train-users', 'Train inspectors and shift leads', 'Train', 'Site trainer', -10, 7, 'all', false],
  ['go-no-go', 'Go/no-go decision', 'Go-live', 'Steering committee', -3, 1, 'all', true],
  ['cutover', 'Cut over and go live', 'Go-live', 'Site lead', 0, 1, 'all', false],
  ['hypercare-daily', 'Daily hypercare stand-up', 'Hypercare', 'Site lead', 1, 14, 'all', false],
  ['kpi-baseline', 'Compare defect escape rate with the pre-go-live baseline', 'Hypercare', 'Quality manager', 14, 5, 'all', false],
  ['lessons-learned', 'Lessons learned fed back into the playbook', 'Close', 'Program manager', 21, 5, 'all', false],
  ['signoff', 'Site sign-off and handover to operations', 'Close', 'Site lead', 28, 1, 'all', true],
];

export const DEFAULT_PLAYBOOK: { version: number; tasks: PlaybookTask[] } = {
  version: 1,
  tasks: TASK_ROWS.map(([id, title, phase, ownerRole, offsetDays, durationDays, appliesTo, gate]) => ({
    id, title, phase, ownerRole, offsetDays, durationDays, appliesTo, gate,
  })),
};
