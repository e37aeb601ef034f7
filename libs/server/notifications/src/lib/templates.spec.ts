import { NOTIFICATION_KINDS } from '@parcours/contracts';
import { escapeHtml, renderEmail, renderNotification, stageLabel } from './templates';

const stageChanged = {
  kind: NOTIFICATION_KINDS.stageChanged,
  body: 'Seine Sensors',
  payload: {
    startupId: 'a1',
    startupName: 'Seine Sensors',
    fromStage: 'INCUBATION',
    toStage: 'NURSERY',
  },
};

describe('notification templates', () => {
  it('renders a stage change in French and in English, with glossary labels', () => {
    expect(renderNotification(stageChanged, 'fr')).toEqual({
      title: 'Seine Sensors passe en Pépinière',
      body: "Seine Sensors est passée de l'étape Incubation à l'étape Pépinière.",
      link: '/startups/a1',
    });
    expect(renderNotification(stageChanged, 'en')).toEqual({
      title: 'Seine Sensors moved to Nursery',
      body: 'Seine Sensors moved from Incubation to Nursery.',
      link: '/startups/a1',
    });
  });

  it('says a first entry is an entry, and falls back to the stored body for the name', () => {
    const firstEntry = { ...stageChanged, payload: { toStage: 'DETECTION' } };
    expect(renderNotification(firstEntry, 'en')).toMatchObject({
      title: 'Seine Sensors moved to Talent detection',
      body: 'Seine Sensors entered the pipeline at Talent detection.',
      link: null,
    });
  });

  it('has a template for every kind, in both languages', () => {
    for (const kind of Object.values(NOTIFICATION_KINDS)) {
      for (const locale of ['fr', 'en'] as const) {
        const rendered = renderNotification({ kind, body: 'X', payload: {} }, locale);
        expect(rendered.title).not.toBe(kind);
        expect(rendered.title.length).toBeGreaterThan(3);
      }
    }
  });

  it('shows an unknown kind as stored rather than failing', () => {
    expect(renderNotification({ kind: 'SOMETHING_NEW', body: 'b', payload: {} }, 'fr')).toEqual({
      title: 'SOMETHING_NEW',
      body: 'b',
      link: null,
    });
    expect(stageLabel('MARS', 'en')).toBe('unknown stage');
  });

  it('summarises the weekly digest with only the stages that had moves', () => {
    const digest = {
      kind: NOTIFICATION_KINDS.weeklyFunderDigest,
      body: '',
      payload: {
        from: '2026-11-16T07:00:00.000Z',
        to: '2026-11-23T07:00:00.000Z',
        movesByStage: { NURSERY: 3, EXITED: 1 },
        newStartups: 2,
        exits: 1,
      },
    };
    expect(renderNotification(digest, 'fr').body).toBe(
      'Du 2026-11-16 au 2026-11-23 : 2 nouvelle(s) startup(s), 1 sortie(s) du parcours.\n' +
        "Passages d'étape par étape d'arrivée — Pépinière : 3 ; Sortie du parcours : 1.",
    );
    expect(renderNotification(digest, 'en').body).toBe(
      'From 2026-11-16 to 2026-11-23: 2 new startup(s), 1 exit(s).\n' +
        'Stage moves by stage entered — Nursery: 3; Exited: 1.',
    );
  });

  it('builds an e-mail whose HTML escapes what users typed and links to the back-office', () => {
    const hostile = {
      ...stageChanged,
      payload: { ...stageChanged.payload, startupName: '<script>alert(1)</script> & Co' },
    };
    const email = renderEmail(hostile, 'en', { displayName: 'Anne' }, 'https://parcours.example/');
    expect(email.subject).toBe('[Parcours] <script>alert(1)</script> & Co moved to Nursery');
    expect(email.text).toContain('Hello Anne,');
    expect(email.text).toContain('Open in Parcours: https://parcours.example/startups/a1');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co');
    expect(email.html).toContain('<a href="https://parcours.example/startups/a1">');
    expect(email.html).toContain('<html lang="en">');
    expect(renderEmail(stageChanged, 'fr', { displayName: 'Anne' }, 'http://x').text).toContain(
      'Ouvrir dans Parcours : http://x/startups/a1',
    );
    expect(escapeHtml(`"'`)).toBe('&quot;&#39;');
  });
});
