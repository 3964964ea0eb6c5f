/**
 * Strict UTF-8 (RFC 3629): where a text file or request body stops being valid, so it can be
 * refused with the byte offset instead of having bad bytes silently replaced with U+FFFD.
 */

/**
 * The offset where the first ill-formed sequence starts (its lead byte, as a text editor shows it:
 * a Latin-1 "é" is reported at the "é"), or -1 when all of it is valid UTF-8.
 */
export function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    // The length of the sequence, and the range its second byte must fall in (no overlong forms, no surrogates, nothing past U+10FFFF).
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return i;
    }
    i += length;
  }
  return -1;
}

/** "not valid UTF-8 at byte 1,234": the sentence an importer ends its refusal with. */
export function invalidUtf8Message(offset: number): string {
  return `is not valid UTF-8 text at byte ${offset.toLocaleString('en-US')} (counting from 0): save it as UTF-8 and try again`;
}
