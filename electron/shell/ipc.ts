/** Registers every contract operation with ipcMain; only the app's own page may call them. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Result } from '../../shared/contract';
import { OPERATION_NAMES, channelOf } from '../../shared/operation-names';
import type { Dispatch } from '../services/dispatch';
import { isAppUrl } from './security';

export function registerIpc(dispatch: Dispatch, devServerUrl: string | undefined): void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(channelOf(name), async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      const senderUrl = event.senderFrame?.url ?? '';
      if (!isAppUrl(senderUrl, devServerUrl)) {
        return { ok: false, error: { code: 'refused', message: `Refused ${name} from ${senderUrl || 'an unknown page'}.` } };
      }
      return dispatch(name, input);
    });
  }
}
