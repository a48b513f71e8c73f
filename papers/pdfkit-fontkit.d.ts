/**
 * pdfkit embeds a font already parsed by fontkit (its `PDFFontFactory` takes
 * any object with `layout`), which @types/pdfkit does not declare: this adds
 * that overload, so papers/fonts.ts can parse each font once per process.
 */
import type { Font } from 'fontkit';

declare global {
  namespace PDFKit.Mixins {
    interface PDFFont {
      registerFont(name: string, src: Font, family?: string): this;
    }
  }
}
