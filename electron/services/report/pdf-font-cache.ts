/**
 * react-pdf hands pdfkit the same fontkit font object for every text run it draws. pdfkit caches
 * fonts only by name, so for a font object it builds a new embedded-font wrapper per run and then
 * compares it with the one it has (serialising the font's name table each time): a quarter of the
 * time a 500-site report takes. Remembering the wrapper per font object, per document, gives pdfkit
 * the same font it would have found, without the work.
 */
import PDFDocument from 'pdfkit';

interface FontState {
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
  fontSize(size: number): unknown;
}

type FontMethod = (this: FontState, src: unknown, family?: unknown, size?: number) => unknown;

let installed = false;

export function installPdfFontCache(): void {
  if (installed) return;
  installed = true;
  const prototype = PDFDocument.prototype as unknown as { font: FontMethod };
  const font = prototype.font;
  const wrappers = new WeakMap<object, WeakMap<object, unknown>>();
  prototype.font = function cachedFont(this: FontState, src: unknown, family?: unknown, size?: number) {
    const isFontObject = typeof src === 'object' && src !== null && !ArrayBuffer.isView(src) && !(src instanceof ArrayBuffer);
    if (!isFontObject) return font.call(this, src, family, size);
    let known = wrappers.get(this);
    if (!known) {
      known = new WeakMap();
      wrappers.set(this, known);
    }
    const wrapper = known.get(src as object);
    if (wrapper === undefined) {
      font.call(this, src, family, size);
      known.set(src as object, this._font);
      return this;
    }
    if (typeof family === 'number') {
      size = family;
      family = null;
    }
    this._fontSource = src;
    this._fontFamily = family ?? null;
    if (size != null) this.fontSize(size);
    this._font = wrapper;
    return this;
  };
}
