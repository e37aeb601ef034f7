import type { Locale } from '@parcours/contracts';
import { escapeHtml, type RenderedEmail } from './templates';

export interface InvitationEmailFacts {
  displayName: string;
  /** Who issued the invitation; null when it came from the command line or a system task. */
  invitedByName: string | null;
  link: string;
  expiresAt: Date;
}

const formatExpiry = (expiresAt: Date, locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(expiresAt);

const WORDS: Record<
  Locale,
  {
    subject: string;
    greeting: (name: string) => string;
    invited: (by: string | null) => string;
    action: string;
    expiry: (when: string) => string;
    footer: string;
  }
> = {
  fr: {
    subject: '[Parcours] Votre invitation à rejoindre Parcours',
    greeting: (name) => `Bonjour ${name},`,
    invited: (by) =>
      `${by ? `${by} vous invite` : 'Vous êtes invité·e'} à rejoindre Parcours, l’outil de suivi des startups du programme. Choisissez votre mot de passe pour activer votre compte.`,
    action: 'Choisir mon mot de passe',
    expiry: (when) => `Ce lien ne sert qu’une fois et expire le ${when} (heure de Paris).`,
    footer:
      'Si vous n’attendiez pas cette invitation, ignorez ce message : aucun compte ne sera activé sans vous.',
  },
  en: {
    subject: '[Parcours] Your invitation to Parcours',
    greeting: (name) => `Hello ${name},`,
    invited: (by) =>
      `${by ? `${by} invites you` : 'You are invited'} to join Parcours, the programme's startup case-management tool. Choose your password to activate your account.`,
    action: 'Choose my password',
    expiry: (when) => `This link works once and expires on ${when} (Paris time).`,
    footer:
      'If you did not expect this invitation, ignore this message: no account is activated without you.',
  },
};

/** The invitation e-mail in the invitee's language: plain text and simple HTML. */
export function renderInvitationEmail(facts: InvitationEmailFacts, locale: Locale): RenderedEmail {
  const words = WORDS[locale];
  const expiry = words.expiry(formatExpiry(facts.expiresAt, locale));
  const separator = locale === 'fr' ? ' : ' : ': ';
  const text = [
    words.greeting(facts.displayName),
    '',
    words.invited(facts.invitedByName),
    '',
    `${words.action}${separator}${facts.link}`,
    '',
    expiry,
    '',
    '—',
    words.footer,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(words.subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1b1b1b">',
    `<p>${escapeHtml(words.greeting(facts.displayName))}</p>`,
    `<p>${escapeHtml(words.invited(facts.invitedByName))}</p>`,
    `<p><a href="${escapeHtml(facts.link)}">${escapeHtml(words.action)}</a></p>`,
    `<p>${escapeHtml(expiry)}</p>`,
    `<p style="color: #555; font-size: 0.9em">${escapeHtml(words.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: words.subject, text, html };
}
