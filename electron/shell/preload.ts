/**
 * The sandboxed preload: a frozen object of named functions, one per contract operation, and
 * subscriptions to the change feed and the native menu. The page never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_GLOBAL,
  CHANGE_FEED_CHANNEL,
  MENU_COMMAND_CHANNEL,
  MENU_COMMANDS,
  PACKET_FILE_CHANNEL,
  type BridgeOperations,
  type MenuCommand,
  type PacketFile,
  type WavePlannerBridge,
} from '../../shared/bridge';
import type { ChangeEvent } from '../../shared/changes';
import { OPERATION_NAMES, channelOf } from '../../shared/operation-names';

const operations = Object.fromEntries(
  OPERATION_NAMES.map((name) => [name, (input: unknown) => ipcRenderer.invoke(channelOf(name), input)]),
) as unknown as BridgeOperations;

const bridge = Object.freeze({
  ...operations,
  onChange(listener: (event: ChangeEvent) => void) {
    const wrapped = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on(CHANGE_FEED_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(CHANGE_FEED_CHANNEL, wrapped);
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
  onPacketFile(listener: (file: PacketFile) => void) {
    const wrapped = (_event: IpcRendererEvent, file: unknown) => {
      const f = file as Partial<PacketFile> | null;
      if (f && typeof f.fileName === 'string' && typeof f.content === 'string') listener({ fileName: f.fileName, content: f.content });
    };
    ipcRenderer.on(PACKET_FILE_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(PACKET_FILE_CHANNEL, wrapped);
    };
  },
}) satisfies WavePlannerBridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
