import { freePort } from '@parcours/server-testing';
import { SMTPServer } from 'smtp-server';

export interface SunkMessage {
  to: string[];
  raw: string;
  headers: Map<string, string>;
  /** The body with quoted-printable soft breaks and escapes undone (text and HTML parts). */
  body: string;
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`) of a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_match, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_m, hex: string) =>
                String.fromCharCode(parseInt(hex, 16)),
              ),
            'latin1',
          ).toString('utf8'),
    );
}

function parseHeaders(raw: string): Map<string, string> {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).toLowerCase(), decodeHeader(line.slice(colon + 1).trim()));
  }
  return headers;
}

/** Undoes quoted-printable: the parts nodemailer writes for accented text. */
function decodeQuotedPrintable(raw: string): string {
  const bytes = raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A real SMTP server on a free port that keeps every message it accepts. */
export async function startSmtpSink() {
  const messages: SunkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        messages.push({
          to: session.envelope.rcptTo.map((address) => address.address),
          raw,
          headers: parseHeaders(raw),
          body: decodeQuotedPrintable(raw),
        });
        callback();
      });
    },
  });
  // A client's connection that breaks (a worker SIGKILLed mid-session, in the fault tests) is
  // reported as an 'error' event: without a listener it would end the test run. Kept, not thrown.
  const connectionErrors: Error[] = [];
  server.on('error', (error: Error) => connectionErrors.push(error));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    connectionErrors,
    to: (address: string) => messages.filter((message) => message.to.includes(address)),
    /** The e-mails of one notification (its `X-Parcours-Notification` header). */
    forNotification: (id: string) =>
      messages.filter((message) => message.headers.get('x-parcours-notification') === id),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>;

/** The token of the invitation link an e-mail carries. */
export function invitationTokenIn(message: SunkMessage): string {
  const match = /\/accept-invitation#token=([\w-]{43})/.exec(message.body);
  if (!match) throw new Error(`no invitation link in:\n${message.body}`);
  return match[1];
}

export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
