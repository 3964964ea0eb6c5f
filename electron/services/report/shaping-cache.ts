/**
 * Memoizes glyph layout of the report's fonts. @react-pdf/textkit asks fontkit to lay out every
 * text run afresh, and a report repeats the same runs thousands of times (scores, dates, "proven").
 * pdfkit keeps such a cache itself; react-pdf does not. textkit only reads a layout result (it maps
 * positions to new objects), so sharing one result between equal runs is safe.
 */
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';

const MAX_ENTRIES = 50_000;
let installed = false;

type Layout = (this: object, text: string, ...rest: unknown[]) => unknown;

export function installShapingCache(sampleFontPath: string): void {
  if (installed) return;
  installed = true;
  const prototype = Object.getPrototypeOf(fontkit.create(readFileSync(sampleFontPath))) as { layout: Layout };
  const layout = prototype.layout;
  const caches = new WeakMap<object, Map<string, unknown>>();
  prototype.layout = function cachedLayout(this: object, text: string, ...rest: unknown[]) {
    let cache = caches.get(this);
    if (!cache) {
      cache = new Map();
      caches.set(this, cache);
    }
    const key = `${text}\u0000${JSON.stringify(rest)}`;
    let result = cache.get(key);
    if (result === undefined) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      result = layout.call(this, text, ...rest);
      cache.set(key, result);
    }
    return result;
  };
}
