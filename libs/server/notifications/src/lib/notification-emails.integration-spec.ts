import { QUEUES } from '@parcours/contracts';
import { loadConfig } from '@parcours/server-config';
import {
  Builders,
  createTestDatabase,
  deleteQueueKeys,
  uniqueQueuePrefix,
  type TestDatabase,
} from '@parcours/server-testing';
import { Queue } from 'bullmq';
import { startSmtpSink } from '../test-support/smtp-sink';
import { Mailer } from './mailer';
import { NotificationEmails } from './notification-emails.service';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** E-mail delivery against a real PostgreSQL and a real SMTP server (no mocked transport). */
describe('notification e-mails', () => {
  let db: TestDatabase;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let queue: Queue;
  let prefix: string;
  let builders: Builders;
  let sequence = 0;

  const emailsWith = (smtpUrl: string | undefined) => {
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
    });
    return new NotificationEmails(db.dataSource, new Mailer(config), config, queue);
  };

  const notificationFor = async (email: string, locale = 'fr') => {
    sequence += 1;
    const userId = await builders.user(email);
    await db.dataSource.query(`UPDATE app_user SET locale = $2 WHERE id = $1`, [userId, locale]);
    const [row]: { id: string }[] = await db.dataSource.query(
      `INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key)
       VALUES ($1, 'STAGE_REVIEW_DUE', 'stage-review-due', 'Seine Sensors', '{}', $2) RETURNING id`,
      [userId, `test:${sequence}`],
    );
    return row.id;
  };

  const delivery = async (id: string) =>
    (
      await db.dataSource.query(
        `SELECT emailed_at IS NOT NULL AS claimed, delivery_attempts AS attempts,
                delivery_outcome AS outcome, delivery_error AS error
           FROM notification WHERE id = $1`,
        [id],
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    builders = new Builders(db.dataSource);
    sink = await startSmtpSink();
    prefix = uniqueQueuePrefix('emails');
    queue = new Queue(QUEUES.notifications, { connection: { url: REDIS_URL }, prefix });
  });

  afterAll(async () => {
    await queue?.close();
    await deleteQueueKeys(REDIS_URL, prefix);
    await sink?.stop();
    await db?.drop();
  });

  it('sends once in the reader’s language, however often it is asked to', async () => {
    const emails = emailsWith(sink.url);
    const id = await notificationFor('anne@test.parcours', 'en');
    const results = await Promise.all([emails.deliver(id), emails.deliver(id), emails.deliver(id)]);
    expect(results.sort()).toEqual(['already-claimed', 'already-claimed', 'sent']);
    const sent = sink.messages.filter((message) => message.raw.includes(id));
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual(['anne@test.parcours']);
    expect(sent[0].raw).toContain('Subject: [Parcours] Stage review due: Seine Sensors');
    expect(await delivery(id)).toEqual({
      claimed: true,
      attempts: 1,
      outcome: 'SENT',
      error: null,
    });
  });

  it('releases the claim when the server refuses the recipient, so a retry can send', async () => {
    const emails = emailsWith(sink.url);
    const id = await notificationFor('refused@test.parcours');
    sink.refuse.add('refused@test.parcours');
    await expect(emails.deliver(id)).rejects.toThrow(/mailbox unavailable/);
    expect(await delivery(id)).toMatchObject({ claimed: false, attempts: 1, outcome: null });

    sink.refuse.delete('refused@test.parcours');
    expect(await emails.deliver(id)).toBe('sent');
    expect(await delivery(id)).toEqual({
      claimed: true,
      attempts: 2,
      outcome: 'SENT',
      error: null,
    });
  });

  it('records a refusal on the final attempt as FAILED and keeps the claim', async () => {
    const emails = emailsWith(sink.url);
    const id = await notificationFor('gone@test.parcours');
    sink.refuse.add('gone@test.parcours');
    expect(await emails.deliver(id, true)).toBe('failed');
    expect(await delivery(id)).toMatchObject({ claimed: true, attempts: 1, outcome: 'FAILED' });
    expect(await emails.deliver(id)).toBe('already-claimed');
  });

  it('skips e-mail without SMTP_URL, leaving the notification unclaimed and nothing queued', async () => {
    const emails = emailsWith(undefined);
    const id = await notificationFor('nomail@test.parcours');
    expect(await emails.deliver(id)).toBe('skipped');
    expect(await emails.enqueue([id])).toBe(0);
    expect(await queue.count()).toBe(0);
    expect(await delivery(id)).toMatchObject({ claimed: false, attempts: 0 });
  });

  it('queues one job per notification, with a fixed id, for recent unclaimed ones only', async () => {
    const emails = emailsWith(sink.url);
    const fresh = await notificationFor('fresh@test.parcours');
    const old = await notificationFor('old@test.parcours');
    await db.dataSource.query(
      `UPDATE notification SET created_at = now() - interval '3 days' WHERE id = $1`,
      [old],
    );
    const unclaimed = await emails.unclaimed(new Date());
    expect(unclaimed).toContain(fresh);
    expect(unclaimed).not.toContain(old);
    await emails.enqueue([fresh]);
    await emails.enqueue([fresh]);
    const jobs = await queue.getJobs(['waiting']);
    expect(jobs.map((job) => job.id)).toEqual([`notification-email-${fresh}`]);
  });
});
