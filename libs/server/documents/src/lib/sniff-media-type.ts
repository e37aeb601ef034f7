import { DOCUMENT_MEDIA_TYPES, type DocumentMediaType } from '@parcours/contracts';
import { fileTypeFromFile } from 'file-type';

/**
 * Watches the bytes of an upload as they stream by, for the text rule of CSV (binary formats are
 * recognised afterwards by their signatures, with `file-type`).
 *
 * The CSV rule — a file without a binary signature is CSV when:
 * - it is valid UTF-8 (a BOM is allowed);
 * - it holds no NUL byte and no other control character than tab, CR and LF;
 * - its first line holds a delimiter (`,`, `;` or tab) and ends with a line break (or the file).
 */
export class TextProbe {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private valid = true;
  private firstLine = '';
  private firstLineDone = false;
  private bytes = 0;

  push(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (!this.valid) return;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
      return;
    }
    // Control characters other than tab, LF and CR (NUL included) mean binary content.
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text)) {
      this.valid = false;
      return;
    }
    if (!this.firstLineDone) {
      const end = text.search(/[\r\n]/);
      this.firstLine += end === -1 ? text : text.slice(0, end);
      if (end !== -1) this.firstLineDone = true;
      // A "first line" longer than this is not a header row.
      if (this.firstLine.length > 64 * 1024) this.valid = false;
    }
  }

  /** Whether everything pushed follows the CSV rule. */
  isCsv(): boolean {
    if (!this.valid || this.bytes === 0) return false;
    try {
      this.decoder.decode();
    } catch {
      return false;
    }
    return /[,;\t]/.test(this.firstLine.replace(/^\uFEFF/, ''));
  }
}

const ACCEPTED = new Set<string>(DOCUMENT_MEDIA_TYPES);

/**
 * The media type of a stored upload, decided from its bytes: a binary signature among the
 * accepted types, else the CSV text rule, else null (refused with 415). The name and the
 * declared type are never consulted.
 */
export async function sniffMediaType(
  path: string,
  probe: TextProbe,
): Promise<DocumentMediaType | null> {
  const detected = await fileTypeFromFile(path);
  if (detected) return ACCEPTED.has(detected.mime) ? (detected.mime as DocumentMediaType) : null;
  return probe.isCsv() ? 'text/csv' : null;
}
