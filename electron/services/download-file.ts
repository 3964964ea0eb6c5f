/** A file handed to the user to save (the same over IPC and HTTP), and names made safe for one. */
import type { DownloadFile } from '../../shared/contract';

/** A plan name made safe to use in a file name. */
export function safeFileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N} ._-]+/gu, '-').trim() || 'plan';
}

export function downloadOf(fileName: string, mimeType: string, bytes: Buffer | string, pages?: number): DownloadFile {
  const base64 = (typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes).toString('base64');
  return pages === undefined ? { fileName, mimeType, base64 } : { fileName, mimeType, base64, pages };
}
