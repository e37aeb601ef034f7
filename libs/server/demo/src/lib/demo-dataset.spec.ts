import { DOMAINS, TERRITORIES, isPipelineStage } from '@parcours/contracts';
import { checkStageMove, isValidSiren, workflowEffects } from '@parcours/domain';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { ACCELERATOR, CITY_STRUCTURES, DEMO_PROGRAMMES } from './demo-catalogue';
import {
  SHOWCASE_STARTUP_ID,
  apportion,
  buildDemoDataset,
  type DemoDataset,
  type StartupRow,
} from './demo-dataset';

const NOW = new Date('2026-11-26T10:00:00Z');
const dataset = buildDemoDataset({ now: NOW, seed: 20_150_311, passwordHash: 'hash' });

const byStartup = <Row extends { startup_id: string }>(rows: readonly Row[]) => {
  const map = new Map<string, Row[]>();
  for (const row of rows) {
    map.set(row.startup_id, [...(map.get(row.startup_id) ?? []), row]);
  }
  return map;
};

function grantedStartups(data: DemoDataset, userId: string, role: string): StartupRow[] {
  const ids = data.grants
    .filter((grant) => grant.user_id === userId && grant.role === role)
    .map((grant) => grant.startup_id);
  return data.startups.filter((startup) => ids.includes(startup.id));
}

describe('apportion', () => {
  it('gives exact counts that add up to the total', () => {
    const values = apportion(10, [
      ['a', 0.55],
      ['b', 0.3],
      ['c', 0.15],
    ] as const);
    expect(values).toHaveLength(10);
    expect(values.filter((value) => value === 'a')).toHaveLength(6);
    expect(values.filter((value) => value === 'b')).toHaveLength(3);
    expect(values.filter((value) => value === 'c')).toHaveLength(1);
  });
});

describe('buildDemoDataset', () => {
  it('is deterministic: the same options give the same rows', () => {
    expect(buildDemoDataset({ now: NOW, seed: 20_150_311, passwordHash: 'hash' })).toEqual(dataset);
  });

  it('gives another demo for another seed', () => {
    const other = buildDemoDataset({ now: NOW, seed: 7, passwordHash: 'hash' });
    expect(other.startups.map((startup) => startup.name)).not.toEqual(
      dataset.startups.map((startup) => startup.name),
    );
  });

  it('holds about three hundred startups with unique names across territories and domains', () => {
    expect(dataset.startups).toHaveLength(300);
    const names = dataset.startups.map((startup) => startup.name.toLowerCase());
    expect(new Set(names).size).toBe(300);
    for (const territory of TERRITORIES) {
      expect(
        dataset.startups.filter((startup) => startup.territory_code === territory).length,
      ).toBeGreaterThan(50);
    }
    for (const domain of DOMAINS) {
      expect(
        dataset.startups.filter((startup) => startup.domain === domain).length,
      ).toBeGreaterThan(50);
    }
  });

  it('gives valid, unique SIRENs to a good share of the startups', () => {
    const sirens = dataset.startups.flatMap((startup) => (startup.siren ? [startup.siren] : []));
    expect(sirens.length).toBeGreaterThan(150);
    expect(new Set(sirens).size).toBe(sirens.length);
    expect(sirens.every(isValidSiren)).toBe(true);
  });

  it('leaves some startups on hold, never one in acceleration', () => {
    const onHold = dataset.startups.filter((startup) => startup.status === 'ON_HOLD');
    expect(onHold.length).toBeGreaterThan(5);
    expect(onHold.some((startup) => startup.stage === 'ACCELERATION')).toBe(false);
  });

  it('gives every startup one open stay, matching its stage and current programme', () => {
    const stays = byStartup(dataset.stays);
    for (const startup of dataset.startups) {
      const open = (stays.get(startup.id) ?? []).filter((stay) => stay.left_at === null);
      expect(open).toHaveLength(1);
      expect(open[0].stage).toBe(startup.stage);
      expect(open[0].entered_at).toEqual(startup.stage_entered_at);
      expect(open[0].programme_id).toBe(startup.current_programme_id);
      expect(open[0].cohort_id).toBe(startup.current_cohort_id);
      if (isPipelineStage(startup.stage)) {
        expect(open[0].structure_id).toBe(startup.current_structure_id);
      }
    }
  });

  it('chains every startup’s completed moves, each allowed by the state machine', () => {
    const transitions = byStartup(dataset.transitions.filter((row) => row.status === 'COMPLETED'));
    const programmes = new Map(DEMO_PROGRAMMES.map((programme) => [programme.id, programme]));
    for (const startup of dataset.startups) {
      const moves = transitions.get(startup.id) ?? [];
      expect(moves[0].from_stage).toBeNull();
      moves.forEach((move, index) => {
        if (index > 0) {
          expect(move.from_stage).toBe(moves[index - 1].to_stage);
          expect(move.effective_at?.getTime()).toBeGreaterThan(
            moves[index - 1].effective_at?.getTime() ?? Infinity,
          );
        }
        const check = checkStageMove({
          from: move.from_stage,
          to: move.to_stage,
          reason: move.reason,
          targetProgramme: move.programme_id ? programmes.get(move.programme_id) : null,
        });
        expect(check).toMatchObject({ ok: true, kind: move.move_kind });
      });
      expect(moves[moves.length - 1].to_stage).toBe(startup.stage);
    }
  });

  it('has four-eyes moves decided by someone other than their requester', () => {
    const fourEyes = dataset.transitions.filter(
      (row) => row.status === 'COMPLETED' && row.requires_four_eyes,
    );
    expect(fourEyes.length).toBeGreaterThan(30);
    for (const move of fourEyes) {
      expect(['ACCELERATION', 'INTERNATIONALISATION']).toContain(move.to_stage);
      expect(move.decided_by_id).not.toBeNull();
      expect(move.decided_by_id).not.toBe(move.requested_by_id);
      expect(move.requested_at.getTime()).toBeLessThan(move.decided_at?.getTime() ?? 0);
    }
  });

  it('names the structure that decides each move', () => {
    for (const move of dataset.transitions) {
      expect(move.target_structure_id).not.toBeNull();
      const programme = DEMO_PROGRAMMES.find((candidate) => candidate.id === move.programme_id);
      if (programme) {
        expect(move.target_structure_id).toBe(programme.structureId);
      }
    }
  });

  it('writes the workflow steps of each completed move, all done', () => {
    const steps = new Map<string, string[]>();
    for (const step of dataset.steps) {
      steps.set(step.transition_id, [...(steps.get(step.transition_id) ?? []), step.name]);
    }
    for (const move of dataset.transitions.filter((row) => row.status === 'COMPLETED')) {
      expect(steps.get(move.id)).toEqual(
        workflowEffects({
          kind: move.move_kind,
          to: move.to_stage,
          enrolsInProgramme: move.programme_id !== null,
        }),
      );
    }
    expect(dataset.steps.every((step) => step.status === 'DONE')).toBe(true);
  });

  it('ends enrolments with their stay and fills no programme or cohort beyond its places', () => {
    const stays = new Map(dataset.stays.map((stay) => [stay.entered_by_transition_id, stay]));
    for (const enrolment of dataset.enrolments) {
      expect(enrolment.ended_at).toEqual(stays.get(enrolment.transition_id)?.left_at);
    }
    const open = dataset.enrolments.filter((enrolment) => enrolment.ended_at === null);
    for (const programme of dataset.programmes) {
      const count = open.filter((enrolment) => enrolment.programme_id === programme.id).length;
      expect(count).toBeLessThanOrEqual(programme.capacity ?? Infinity);
    }
    for (const cohort of dataset.cohorts) {
      const count = open.filter((enrolment) => enrolment.cohort_id === cohort.id).length;
      expect(count).toBeLessThanOrEqual(cohort.capacity);
    }
  });

  it('settles the checklists of finished stays and mixes those of current ones', () => {
    const openStays = new Set(
      dataset.stays.filter((stay) => stay.left_at === null).map((stay) => stay.id),
    );
    const finished = dataset.checklistItems.filter((item) => !openStays.has(item.stay_id));
    const current = dataset.checklistItems.filter((item) => openStays.has(item.stay_id));
    expect(finished.every((item) => item.status === 'DONE' || item.status === 'WAIVED')).toBe(true);
    expect(new Set(current.map((item) => item.status))).toEqual(
      new Set(['OPEN', 'SUBMITTED', 'DONE', 'WAIVED']),
    );
    for (const item of dataset.checklistItems.filter((row) => row.status === 'WAIVED')) {
      expect(item.waiver_reason?.trim()).toBeTruthy();
    }
  });

  it('keeps a few moves into the accelerator waiting for the FFWD manager', () => {
    const requested = dataset.transitions.filter((row) => row.status === 'REQUESTED');
    expect(requested.length).toBeGreaterThanOrEqual(2);
    expect(requested.length).toBeLessThanOrEqual(3);
    expect(new Set(requested.map((row) => row.startup_id)).size).toBe(requested.length);
    for (const move of requested) {
      expect(move).toMatchObject({
        to_stage: 'ACCELERATION',
        requested_by_id: DEMO_ACCOUNTS['manager.rouen'].id,
        target_structure_id: ACCELERATOR.id,
        requires_four_eyes: true,
      });
      const startup = dataset.startups.find((candidate) => candidate.id === move.startup_id);
      expect(startup).toMatchObject({ stage: 'NURSERY', status: 'ACTIVE' });
      expect(move.requested_at.getTime()).toBeGreaterThan(startup?.stage_entered_at.getTime() ?? 0);
    }
  });

  it('gives the founder one startup in the Rouen nursery and the mentor startups in acceleration', () => {
    const founded = grantedStartups(dataset, DEMO_ACCOUNTS.founder.id, 'founder');
    expect(founded).toHaveLength(1);
    expect(founded[0]).toMatchObject({
      id: SHOWCASE_STARTUP_ID,
      stage: 'NURSERY',
      territory_code: 'ROUEN',
      current_structure_id: CITY_STRUCTURES.ROUEN.nursery.id,
    });
    const mentored = grantedStartups(dataset, DEMO_ACCOUNTS.mentor.id, 'mentor');
    expect(mentored.length).toBeGreaterThanOrEqual(3);
    expect(mentored.every((startup) => startup.stage === 'ACCELERATION')).toBe(true);
  });

  it('fills every pipeline column of the Rouen manager’s board', () => {
    const rouen = [CITY_STRUCTURES.ROUEN.incubator.id, CITY_STRUCTURES.ROUEN.nursery.id];
    const followed = new Set(
      dataset.stays
        .filter((stay) => rouen.includes(stay.structure_id ?? ''))
        .map((stay) => stay.startup_id),
    );
    const columns = new Set(
      dataset.startups
        .filter((startup) => followed.has(startup.id))
        .map((startup) => startup.stage),
    );
    for (const stage of [
      'DETECTION',
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ]) {
      expect(columns).toContain(stage);
    }
  });

  it('orders each startup’s timeline as it happened', () => {
    const events = byStartup(dataset.timelineEvents);
    for (const startup of dataset.startups) {
      const times = (events.get(startup.id) ?? []).map((event) => event.occurred_at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
  });
});
