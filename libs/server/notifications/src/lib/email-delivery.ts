/**
 * SMTP commands that come before the message itself: a failure there means the server never
 * received the message, so sending again cannot make a duplicate.
 */
const BEFORE_MESSAGE_COMMANDS = [
  'CONN',
  'EHLO',
  'HELO',
  'LHLO',
  'STARTTLS',
  'AUTH',
  'MAIL FROM',
  'RCPT TO',
];

/** nodemailer error codes raised before any message data was written. */
const BEFORE_MESSAGE_CODES = [
  'ECONNECTION',
  'ECONNREFUSED',
  'EDNS',
  'ENOTFOUND',
  'EAUTH',
  'EENVELOPE',
  'ETLS',
];

/**
 * True when a send error proves the message was not accepted, so the claim may be released and
 * the e-mail retried. Anything else (a timeout or a reset during DATA) may have been delivered:
 * the claim stays, and the e-mail is not sent again (at most once).
 */
export function failedBeforeMessage(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { command, code } = error as { command?: unknown; code?: unknown };
  if (typeof command === 'string' && command !== '') {
    const upper = command.toUpperCase();
    return BEFORE_MESSAGE_COMMANDS.some((before) => upper.startsWith(before));
  }
  return typeof code === 'string' && BEFORE_MESSAGE_CODES.includes(code);
}

/** The fixed id of a notification's e-mail job: adding it twice adds one job. */
export const notificationEmailJobId = (notificationId: string) =>
  `notification-email-${notificationId}`;
