/**
 * The app's one notification area (Mantine notifications, bottom right): what an action did, or why
 * it failed. Done messages close by themselves; failures stay until dismissed. They do not follow
 * the user from screen to screen as banners in the page did.
 */
import { notifications } from '@mantine/notifications';

const DONE_SHOWN_MS = 6000;

export function notify(message: string, kind: 'ok' | 'error'): void {
  notifications.show({
    message,
    color: kind === 'error' ? 'red' : 'teal',
    title: kind === 'error' ? 'Not done' : undefined,
    autoClose: kind === 'error' ? false : DONE_SHOWN_MS,
    withCloseButton: true,
    closeButtonProps: { 'aria-label': 'Dismiss' },
    className: `wp-notice wp-notice-${kind}`,
  });
}
