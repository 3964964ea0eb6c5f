/**
 * A picked file's text, decoded as strict UTF-8: a file with bytes that are not UTF-8 is refused
 * with the offset of the first one, instead of having them silently replaced.
 */
import { invalidUtf8Message, invalidUtf8Offset } from '../../../shared/utf8';

export async function readTextFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const bad = invalidUtf8Offset(bytes);
  if (bad >= 0) throw new Error(`${file.name} ${invalidUtf8Message(bad)}.`);
  return new TextDecoder('utf-8').decode(bytes);
}
