/** Window size and position, remembered between runs and kept on a visible screen. */
import { screen, type BrowserWindow, type Rectangle } from 'electron';
import type { AppSettingsStore } from '../services/app-settings';

const DEFAULT_BOUNDS = { width: 1360, height: 860 };

export function initialBounds(settings: AppSettingsStore): Partial<Rectangle> & { maximized: boolean } {
  const saved = settings.window;
  if (!saved) return { ...DEFAULT_BOUNDS, maximized: false };
  const visible =
    saved.x === undefined ||
    saved.y === undefined ||
    screen.getAllDisplays().some(({ workArea: a }) => saved.x! < a.x + a.width && saved.x! + saved.width > a.x && saved.y! < a.y + a.height && saved.y! + saved.height > a.y);
  return visible ? saved : { width: saved.width, height: saved.height, maximized: saved.maximized };
}

export function trackWindowState(window: BrowserWindow, settings: AppSettingsStore): void {
  const remember = () => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    settings.rememberWindow({ ...bounds, maximized: window.isMaximized() });
  };
  window.on('close', remember);
}
