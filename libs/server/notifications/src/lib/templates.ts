import {
  NOTIFICATION_KINDS,
  STAGES,
  type Locale,
  type NotificationKind,
  type Stage,
} from '@parcours/contracts';

/** Stage labels of the glossary (French first). */
const STAGE_LABELS: Record<Locale, Record<Stage, string>> = {
  fr: {
    DETECTION: 'Détection',
    INCUBATION: 'Incubation',
    NURSERY: 'Pépinière',
    ACCELERATION: 'Accélération',
    INTERNATIONALISATION: 'Internationalisation',
    ALUMNI: 'Alumni (parcours achevé)',
    EXITED: 'Sortie du parcours',
  },
  en: {
    DETECTION: 'Talent detection',
    INCUBATION: 'Incubation',
    NURSERY: 'Nursery',
    ACCELERATION: 'Acceleration',
    INTERNATIONALISATION: 'Internationalisation',
    ALUMNI: 'Alumni',
    EXITED: 'Exited',
  },
};

export function stageLabel(stage: unknown, locale: Locale): string {
  return typeof stage === 'string' && (STAGES as readonly string[]).includes(stage)
    ? STAGE_LABELS[locale][stage as Stage]
    : locale === 'fr'
      ? 'étape inconnue'
      : 'unknown stage';
}

/** What a template reads: the stored row (payload and body) and where links point. */
export interface NotificationFacts {
  kind: string;
  /** The stored body: the startup's name for dossier notifications. */
  body: string;
  payload: Record<string, unknown>;
}

export interface RenderedNotification {
  title: string;
  body: string;
  /** Path in the back-office the notification is about, if any. */
  link: string | null;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const text = (value: unknown, fallback = ''): string =>
  typeof value === 'string' && value.trim() !== '' ? value : fallback;
const count = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : 0;

function startupLink(payload: Record<string, unknown>): string | null {
  const id = text(payload['startupId']);
  return id ? `/startups/${encodeURIComponent(id)}` : null;
}

type Template = (facts: NotificationFacts, locale: Locale) => RenderedNotification;

const TEMPLATES: Record<NotificationKind, Template> = {
  [NOTIFICATION_KINDS.stageChanged]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const to = stageLabel(payload['toStage'], locale);
    const from = payload['fromStage'] ? stageLabel(payload['fromStage'], locale) : null;
    return locale === 'fr'
      ? {
          title: `${name} passe en ${to}`,
          body: from
            ? `${name} est passée de l'étape ${from} à l'étape ${to}.`
            : `${name} entre dans le parcours à l'étape ${to}.`,
          link: startupLink(payload),
        }
      : {
          title: `${name} moved to ${to}`,
          body: from
            ? `${name} moved from ${from} to ${to}.`
            : `${name} entered the pipeline at ${to}.`,
          link: startupLink(payload),
        };
  },
  [NOTIFICATION_KINDS.stageReviewDue]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    return locale === 'fr'
      ? {
          title: `Revue d'étape à faire : ${name}`,
          body: `La revue d'étape de ${name} est arrivée à échéance. Faites le point avec l'équipe et décidez de la suite.`,
          link: startupLink(payload),
        }
      : {
          title: `Stage review due: ${name}`,
          body: `The stage review of ${name} is due. Check in with the team and decide what comes next.`,
          link: startupLink(payload),
        };
  },
  [NOTIFICATION_KINDS.decisionRequested]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const to = stageLabel(payload['toStage'], locale);
    const by = text(payload['requestedByName']);
    return locale === 'fr'
      ? {
          title: `Décision attendue : ${name} vers ${to}`,
          body: `${by ? `${by} demande` : 'Une demande de'} passage de ${name} à l'étape ${to}. Ce passage exige une double validation : votre décision est attendue dans la boîte de décisions.`,
          link: '/inbox',
        }
      : {
          title: `Decision awaited: ${name} to ${to}`,
          body: `${by ? `${by} requests` : 'A request asks for'} moving ${name} to ${to}. The move needs four-eyes approval: your decision is awaited in the decision inbox.`,
          link: '/inbox',
        };
  },
  [NOTIFICATION_KINDS.consentRequested]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const to = stageLabel(payload['toStage'], locale);
    const by = text(payload['requestedByName']);
    const structure = text(
      payload['structureName'],
      locale === 'fr' ? 'une nouvelle structure' : 'a new structure',
    );
    const programme = text(payload['programmeName']);
    return locale === 'fr'
      ? {
          title: `Votre accord est demandé : ${name} vers ${to}`,
          body: [
            `${by ? `${by} propose` : 'Il est proposé'} de faire passer ${name} à l'étape ${to}${programme ? ` (programme ${programme})` : ''}, suivie par ${structure}.`,
            `${structure} ne verra votre dossier qu'avec votre accord. Donnez-le ou refusez-le dans votre espace fondateur.`,
          ].join('\n'),
          link: '/ma-startup',
        }
      : {
          title: `Your consent is asked: ${name} to ${to}`,
          body: [
            `${by ? `${by} proposes` : 'It is proposed'} moving ${name} to ${to}${programme ? ` (programme ${programme})` : ''}, followed by ${structure}.`,
            `${structure} will see your dossier only if you agree. Grant or decline in your founder space.`,
          ].join('\n'),
          link: '/ma-startup',
        };
  },
  [NOTIFICATION_KINDS.consentGranted]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const to = stageLabel(payload['toStage'], locale);
    const structure = text(payload['structureName']);
    return locale === 'fr'
      ? {
          title: `Accord des fondateurs : ${name} vers ${to}`,
          body: `Les fondateurs de ${name} acceptent que ${structure || 'la structure d’accueil'} voie leur dossier. La demande de passage à l'étape ${to} suit son cours.`,
          link: startupLink(payload),
        }
      : {
          title: `Founders agreed: ${name} to ${to}`,
          body: `The founders of ${name} agree that ${structure || 'the receiving structure'} sees their dossier. The request to move to ${to} goes on.`,
          link: startupLink(payload),
        };
  },
  [NOTIFICATION_KINDS.consentDeclined]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const to = stageLabel(payload['toStage'], locale);
    const structure = text(payload['structureName']);
    const note = text(payload['note']);
    return locale === 'fr'
      ? {
          title: `Refus des fondateurs : ${name} vers ${to}`,
          body: [
            `Les fondateurs de ${name} refusent que ${structure || 'la structure d’accueil'} voie leur dossier. La demande de passage à l'étape ${to} est close.`,
            ...(note ? [`Leur message : ${note}`] : []),
          ].join('\n'),
          link: startupLink(payload),
        }
      : {
          title: `Founders declined: ${name} to ${to}`,
          body: [
            `The founders of ${name} decline that ${structure || 'the receiving structure'} sees their dossier. The request to move to ${to} is closed.`,
            ...(note ? [`Their message: ${note}`] : []),
          ].join('\n'),
          link: startupLink(payload),
        };
  },
  [NOTIFICATION_KINDS.timeInStageExceeded]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const stage = stageLabel(payload['stage'], locale);
    const days = count(payload['days']);
    const limit = count(payload['limitDays']);
    return locale === 'fr'
      ? {
          title: `${name} dépasse la durée prévue en ${stage}`,
          body: `${name} est à l'étape ${stage} depuis ${days} jours, au-delà de la limite de ${limit} jours du programme.`,
          link: startupLink(payload),
        }
      : {
          title: `${name} is past the time limit in ${stage}`,
          body: `${name} has been in ${stage} for ${days} days, past the programme's limit of ${limit} days.`,
          link: startupLink(payload),
        };
  },
  [NOTIFICATION_KINDS.weeklyFunderDigest]: ({ payload }, locale) => {
    const moves =
      payload['movesByStage'] && typeof payload['movesByStage'] === 'object'
        ? (payload['movesByStage'] as Record<string, unknown>)
        : {};
    const separator = locale === 'fr' ? ' : ' : ': ';
    const lines = STAGES.filter((stage) => count(moves[stage]) > 0).map(
      (stage) => `${stageLabel(stage, locale)}${separator}${count(moves[stage])}`,
    );
    const from = text(payload['from']).slice(0, 10);
    const to = text(payload['to']).slice(0, 10);
    const newStartups = count(payload['newStartups']);
    const exits = count(payload['exits']);
    return locale === 'fr'
      ? {
          title: `Synthèse de la semaine du ${from}`,
          body: [
            `Du ${from} au ${to} : ${newStartups} nouvelle(s) startup(s), ${exits} sortie(s) du parcours.`,
            lines.length > 0
              ? `Passages d'étape par étape d'arrivée — ${lines.join(' ; ')}.`
              : `Aucun passage d'étape.`,
          ].join('\n'),
          link: '/funder',
        }
      : {
          title: `Weekly digest, week of ${from}`,
          body: [
            `From ${from} to ${to}: ${newStartups} new startup(s), ${exits} exit(s).`,
            lines.length > 0
              ? `Stage moves by stage entered — ${lines.join('; ')}.`
              : 'No stage moves.',
          ].join('\n'),
          link: '/funder',
        };
  },
  [NOTIFICATION_KINDS.actionItemOverdue]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const title = text(payload['title']);
    const due = text(payload['dueOn']);
    return locale === 'fr'
      ? {
          title: `Action en retard : ${title}`,
          body: `L'action « ${title} » (${name}) devait être faite pour le ${due}. Mettez à jour son statut ou sa date d'échéance.`,
          link: startupLink(payload),
        }
      : {
          title: `Overdue action item: ${title}`,
          body: `The action item “${title}” (${name}) was due on ${due}. Update its status or its due date.`,
          link: startupLink(payload),
        };
  },
  [NOTIFICATION_KINDS.kpiReportMissing]: ({ body, payload }, locale) => {
    const name = text(payload['startupName'], body);
    const quarter = text(payload['quarter']);
    return locale === 'fr'
      ? {
          title: `Indicateurs trimestriels ${quarter} attendus : ${name}`,
          body: `Les indicateurs trimestriels de ${name} pour ${quarter} (effectif, emplois créés, chiffre d'affaires, fonds levés, clients, pays d'export, salons internationaux) n'ont pas encore été transmis.`,
          link: startupLink(payload),
        }
      : {
          title: `Quarterly KPI report ${quarter} due: ${name}`,
          body: `The quarterly KPI report of ${name} for ${quarter} (headcount, jobs created, revenue, funds raised, customers, export countries, international trade shows) has not been submitted yet.`,
          link: startupLink(payload),
        };
  },
};

const isKnownKind = (kind: string): kind is NotificationKind =>
  (Object.values(NOTIFICATION_KINDS) as string[]).includes(kind);

/** The notification in the reader's language; an unknown kind shows what was stored. */
export function renderNotification(facts: NotificationFacts, locale: Locale): RenderedNotification {
  if (!isKnownKind(facts.kind)) return { title: facts.kind, body: facts.body, link: null };
  return TEMPLATES[facts.kind](facts, locale);
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const EMAIL_WORDS: Record<
  Locale,
  { greeting: (name: string) => string; open: string; footer: string }
> = {
  fr: {
    greeting: (name) => `Bonjour ${name},`,
    open: 'Ouvrir dans Parcours',
    footer:
      'Vous recevez ce message parce que vous suivez ce dossier dans Parcours. Les notifications sont aussi dans l’application.',
  },
  en: {
    greeting: (name) => `Hello ${name},`,
    open: 'Open in Parcours',
    footer:
      'You receive this message because you follow this file in Parcours. Notifications are also in the application.',
  },
};

/** Subject, plain text and simple HTML of a notification's e-mail, in the reader's language. */
export function renderEmail(
  facts: NotificationFacts,
  locale: Locale,
  recipient: { displayName: string },
  publicUrl: string,
): RenderedEmail {
  const rendered = renderNotification(facts, locale);
  const words = EMAIL_WORDS[locale];
  const url = rendered.link ? `${publicUrl.replace(/\/+$/, '')}${rendered.link}` : null;
  const paragraphs = rendered.body.split('\n');
  const text = [
    words.greeting(recipient.displayName),
    '',
    ...paragraphs,
    ...(url ? ['', `${words.open}${locale === 'fr' ? ' : ' : ': '}${url}`] : []),
    '',
    '—',
    words.footer,
  ].join('\n');
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(rendered.title)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.5; color: #1b1b1b">',
    `<p>${escapeHtml(words.greeting(recipient.displayName))}</p>`,
    ...paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    ...(url ? [`<p><a href="${escapeHtml(url)}">${escapeHtml(words.open)}</a></p>`] : []),
    `<p style="color: #555; font-size: 0.9em">${escapeHtml(words.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: `[Parcours] ${rendered.title}`, text, html };
}
