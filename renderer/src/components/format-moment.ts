/** One way to show a moment (a backup, an audit entry) on every screen: "2026-12-02 14:05", local time. */
import { format } from 'date-fns';

export function formatMoment(iso: string): string {
  return format(new Date(iso), 'yyyy-MM-dd HH:mm');
}
