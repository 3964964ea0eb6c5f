/** What the Electron preload exposes to the page: one function per operation, returning result envelopes. */
import type { OperationName } from './operation-names';
import type { Result } from './contract';

export type BridgeOperations = { readonly [N in OperationName]: (input: unknown) => Promise<Result<unknown>> };

/** Commands the native menu hands to the page (they open the page's own dialogs). */
export const MENU_COMMANDS = ['report-pdf', 'import-sheet', 'open-packet', 'import-packet'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface WavePlannerBridge extends BridgeOperations {
  /** Called when the main process changed the open plan (File menu, opening a file). Returns an unsubscribe. */
  readonly onPlanChanged: (listener: () => void) => () => void;
  /** Called when a native menu item asks the page to act. Returns an unsubscribe. */
  readonly onMenuCommand: (listener: (command: MenuCommand) => void) => () => void;
}

/** The global name under which the preload exposes the bridge. */
export const BRIDGE_GLOBAL = 'wavePlannerBridge';
/** The channel on which the main process announces a change of plan. */
export const PLAN_CHANGED_CHANNEL = 'wave-planner:event:plan-changed';
/** The channel on which the native menu sends a MenuCommand to the page. */
export const MENU_COMMAND_CHANNEL = 'wave-planner:event:menu-command';
