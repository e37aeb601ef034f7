import { JOBS } from '@parcours/contracts';
import { loadConfig } from '@parcours/server-config';
import { notificationSchedules } from './notification-schedules';
import { runTime } from './notification.handlers';

describe('notification schedules', () => {
  it('runs the digest on Mondays at 08:00 Paris time and the escalation daily, by default', () => {
    const schedules = notificationSchedules(loadConfig({ NODE_ENV: 'test' }));
    expect(schedules.map((schedule) => schedule.job).sort()).toEqual(
      [
        JOBS.notificationSweep,
        JOBS.timeInStageEscalation,
        JOBS.weeklyFunderDigest,
        JOBS.overdueActionItems,
        JOBS.missingKpiReports,
      ].sort(),
    );
    const overdue = schedules.find((schedule) => schedule.job === JOBS.overdueActionItems);
    expect(overdue?.repeat).toEqual({ pattern: '15 7 * * *', tz: 'Europe/Paris' });
    const kpis = schedules.find((schedule) => schedule.job === JOBS.missingKpiReports);
    expect(kpis?.repeat).toEqual({ pattern: '30 7 * * *', tz: 'Europe/Paris' });
    const digest = schedules.find((schedule) => schedule.job === JOBS.weeklyFunderDigest);
    expect(digest?.repeat).toEqual({ pattern: '0 8 * * 1', tz: 'Europe/Paris' });
    const sweep = schedules.find((schedule) => schedule.job === JOBS.notificationSweep);
    expect(sweep?.repeat).toEqual({ every: 10_000 });
  });

  it('follows the configuration', () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      WEEKLY_DIGEST_CRON: '30 9 * * 5',
      SCHEDULE_TIMEZONE: 'America/Martinique',
      NOTIFICATION_SWEEP_EVERY_MS: '500',
    });
    const byJob = Object.fromEntries(notificationSchedules(config).map((s) => [s.job, s.repeat]));
    expect(byJob[JOBS.weeklyFunderDigest]).toEqual({
      pattern: '30 9 * * 5',
      tz: 'America/Martinique',
    });
    expect(byJob[JOBS.notificationSweep]).toEqual({ every: 500 });
  });

  it('refuses a schedule that is not a cron pattern', () => {
    expect(() => loadConfig({ NODE_ENV: 'test', WEEKLY_DIGEST_CRON: 'mondays' })).toThrow(
      /WEEKLY_DIGEST_CRON/,
    );
  });
});

describe('runTime', () => {
  const fallback = new Date('2026-11-23T07:00:00Z');

  it('takes the time given in the job data, so that tests drive time', () => {
    expect(runTime({ now: '2027-01-04T07:00:00.000Z' }, fallback)).toEqual(
      new Date('2027-01-04T07:00:00.000Z'),
    );
  });

  it('uses the current time without one, or with one that is not a time', () => {
    expect(runTime({}, fallback)).toBe(fallback);
    expect(runTime(undefined, fallback)).toBe(fallback);
    expect(runTime({ now: 'next monday' }, fallback)).toBe(fallback);
  });
});
