/** Readiness packets for one site or a whole wave, handed to the user as files to send. */
import { api } from '../api/client';
import { download } from '../layout/download';

export async function downloadPackets(target: { site: string } | { wave: number }): Promise<number> {
  const { value: files } = await api['packets:export'](target);
  for (const file of files) download(file);
  return files.length;
}
