import type { RoleGrant } from '@parcours/contracts';
import type { Actor } from '@parcours/server-identity';
import { ANALYTICS_ANY, ANALYTICS_EVERY_STARTUP } from '@parcours/server-db';
import {
  answerableFromBuckets,
  answerableFromStructureBuckets,
  bucketKeys,
  startupSelection,
} from './startup-selection';

/*
 * Which selections the pre-aggregates answer, and from which rows. That the answers are right is
 * the property test's business (analytics.property.integration-spec.ts); this pins the choice of
 * path, so that a selection does not silently fall back to reading every fact it covers.
 */

const actor = (...grants: RoleGrant[]): Actor => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'reader@test.parcours',
  displayName: 'Reader',
  roles: [...new Set(grants.map((grant) => grant.role))],
  grants,
});

const funder = actor({ role: 'funder', scope: 'GLOBAL', scopeId: null });
const STRUCTURE = '11111111-1111-4111-8111-111111111111';
const COHORT = '22222222-2222-4222-8222-222222222222';

describe('the startups analytics figures are computed over', () => {
  it('are every startup, read from the rows of every startup, without filters', () => {
    const selection = startupSelection(funder, {});
    expect(answerableFromBuckets(selection)).toBe(true);
    expect(bucketKeys(selection)).toEqual({
      followedBy: ANALYTICS_EVERY_STARTUP,
      territories: [ANALYTICS_ANY],
      domains: [ANALYTICS_ANY],
    });
  });

  it("are a structure's, programme's or cohort's own rows when it is the only filter", () => {
    for (const filters of [
      { structureId: STRUCTURE },
      { programmeId: STRUCTURE },
      { cohortId: COHORT },
    ]) {
      const selection = startupSelection(funder, filters);
      expect(answerableFromBuckets(selection)).toBe(true);
      expect(bucketKeys(selection)).toEqual({
        followedBy: Object.values(filters)[0],
        territories: [ANALYTICS_ANY],
        domains: [ANALYTICS_ANY],
      });
    }
  });

  it('come from the facts when a follower is combined with another filter or a narrower scope', () => {
    expect(
      answerableFromBuckets(startupSelection(funder, { structureId: STRUCTURE, cohortId: COHORT })),
    ).toBe(false);
    expect(
      answerableFromBuckets(
        startupSelection(funder, { structureId: STRUCTURE, territory: 'CAEN' }),
      ),
    ).toBe(false);
    const territoryFunder = actor({ role: 'funder', scope: 'TERRITORY', scopeId: 'ROUEN' });
    expect(answerableFromBuckets(startupSelection(territoryFunder, { cohortId: COHORT }))).toBe(
      false,
    );
    const manager = actor({ role: 'manager', scope: 'STRUCTURE', scopeId: STRUCTURE });
    expect(answerableFromBuckets(startupSelection(manager, {}))).toBe(false);
  });

  it('are territory and domain rows for a funder over territories', () => {
    const territoryFunder = actor({ role: 'funder', scope: 'TERRITORY', scopeId: 'ROUEN' });
    const selection = startupSelection(territoryFunder, { domain: 'SMART_CITIES' });
    expect(answerableFromBuckets(selection)).toBe(true);
    expect(bucketKeys(selection)).toEqual({
      followedBy: ANALYTICS_EVERY_STARTUP,
      territories: ['ROUEN'],
      domains: ['SMART_CITIES'],
    });
  });

  it("are a manager's structures' rows, summed, when the manager asks without a filter", () => {
    const structures = Array.from(
      { length: 12 },
      (_, i) => `333333${String(i).padStart(2, '0')}-3333-4333-8333-333333333333`,
    );
    const managerOf = (ids: string[]) =>
      actor(...ids.map((id): RoleGrant => ({ role: 'manager', scope: 'STRUCTURE', scopeId: id })));
    const manager = managerOf(structures.slice(0, 2));
    const selection = startupSelection(manager, {});
    expect(answerableFromStructureBuckets(selection)).toBe(true);
    expect(selection.structureScope?.structures).toEqual(structures.slice(0, 2));

    expect(answerableFromStructureBuckets(startupSelection(managerOf(structures), {}))).toBe(true);

    // With a filter, or with another grant: the facts.
    expect(answerableFromStructureBuckets(startupSelection(manager, { territory: 'CAEN' }))).toBe(
      false,
    );
    expect(
      answerableFromStructureBuckets(startupSelection(manager, { structureId: STRUCTURE })),
    ).toBe(false);
    const alsoMentor = actor(
      { role: 'manager', scope: 'STRUCTURE', scopeId: STRUCTURE },
      { role: 'mentor', scope: 'STARTUP', scopeId: COHORT },
    );
    expect(answerableFromStructureBuckets(startupSelection(alsoMentor, {}))).toBe(false);
    expect(answerableFromStructureBuckets(startupSelection(funder, {}))).toBe(false);
  });
});
