/**
 * The sandboxed preload: a frozen object of named functions, one per contract operation, and a
 * plan-changed subscription. The page never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  PLAN_CHANGED_CHANNEL,
  type BridgeOperations,
  type MenuCommand,
  type WavePlannerBridge,
} from '../../shared/bridge';
import { OPERATION_NAMES, channelOf } from '../../shared/operation-names';

const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
) as unknown as BridgeOperations;

const bridge = Object.freeze({
  ...operations,
  onPlanChanged(listener: () => void) {
    const wrapped = (_event: IpcRendererEvent) => listener();
    ipcRenderer.on(PLAN_CHANGED_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(PLAN_CHANGED_CHANNEL, wrapped);
    };
  },
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const wrapped = (_event: IpcRendererEvent, command: unknown) => {
      if ((MENU_COMMANDS as readonly unknown[]).includes(command)) listener(command as MenuCommand);
    };
    ipcRenderer.on(MENU_COMMAND_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(MENU_COMMAND_CHANNEL, wrapped);
    };
  },
}) satisfies WavePlannerBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
