/** What the Electron preload exposes to the page: one function per operation, returning result envelopes. */
import type { ChangeEvent } from './changes';
import type { OperationName } from './operation-names';
import type { Result } from './contract';

export type BridgeOperations = { readonly [N in OperationName]: (input: unknown) => Promise<Result<unknown>> };

/** Commands the native menu hands to the page (they open the page's own dialogs). */
export const MENU_COMMANDS = ['report-pdf', 'import-sheet', 'open-packet', 'import-packet', 'team-share', 'team-join'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface WavePlannerBridge extends BridgeOperations {
  /** The change feed: every commit on the open plan, and every switch to another plan. Returns an unsubscribe. */
  readonly onChange: (listener: (event: ChangeEvent) => void) => () => void;
  /** Called when a native menu item asks the page to act. Returns an unsubscribe. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
  /** Called with a readiness packet the operating system asked the app to open. Returns an unsubscribe. */
  readonly onPacketFile: (listener: (file: PacketFile) => void) => () => void;
}

/** A packet file opened from the operating system (a double-click on a .wavepacket). */
export interface PacketFile {
  fileName: string;
  content: string;
}

/** The global name under which the preload exposes the bridge. */
export const BRIDGE_GLOBAL = 'wavePlannerBridge';
/** The channel on which the main process passes on the change feed. */
export const CHANGE_FEED_CHANNEL = 'wave-planner:event:change';
/** The channel on which the native menu sends a MenuCommand to the page. */
export const MENU_COMMAND_CHANNEL = 'wave-planner:event:menu-command';
/** The channel on which the main process hands the page a packet file opened from the operating system. */
export const PACKET_FILE_CHANNEL = 'wave-planner:event:packet-file';
