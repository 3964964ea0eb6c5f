/**
 * Plans and packets opened from the operating system: a double-click on a `.waveplan` or
 * `.wavepacket` (macOS `open-file`, or the file's path in the arguments of a second start, which
 * the single-instance lock hands to the running app). A plan is opened in place of the current
 * one; a packet is handed to the page, which shows it in the site lead's view.
 */
import { BrowserWindow, dialog } from 'electron';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { PACKET_FILE_CHANNEL, type PacketFile } from '../../shared/bridge';
import { invalidUtf8Message, invalidUtf8Offset } from '../../shared/utf8';
import type { Dispatch } from '../services/dispatch';

const OPENABLE = new Set(['.waveplan', '.wavepacket']);

/** The plan and packet files among a process's arguments (the first is the executable). */
export function documentsIn(argv: readonly string[]): string[] {
  return argv.slice(1).filter((arg) => !arg.startsWith('-') && OPENABLE.has(extname(arg).toLowerCase()) && existsSync(arg));
}

/** Opens one document; a refusal is shown to the user, never thrown. */
export async function openDocument(path: string, dispatch: Dispatch): Promise<void> {
  const window = BrowserWindow.getAllWindows()[0];
  const fail = (message: string) => (window ? void dialog.showMessageBox(window, { type: 'error', message: `Could not open ${basename(path)}`, detail: message }) : undefined);
  if (extname(path).toLowerCase() === '.waveplan') {
    const result = await dispatch('plan:open', { path });
    if (!result.ok) fail(result.error.message);
  } else {
    const bytes = readFileSync(path);
    const bad = invalidUtf8Offset(bytes);
    if (bad >= 0) return fail(`${basename(path)} ${invalidUtf8Message(bad)}.`);
    const file: PacketFile = { fileName: basename(path), content: bytes.toString('utf8') };
    window?.webContents.send(PACKET_FILE_CHANNEL, file);
  }
  if (window) {
    if (window.isMinimized()) window.restore();
    window.focus();
  }
}
