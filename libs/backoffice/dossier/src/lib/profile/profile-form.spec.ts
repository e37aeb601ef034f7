import type { StartupView } from '@parcours/contracts';
import { changeFrom, draftOf } from './profile-form';

const STARTUP: StartupView = {
  id: 's1',
  name: 'Portflow',
  legalName: null,
  siren: '732829320',
  domain: 'SMART_PORTS_LOGISTICS',
  territory: 'LE_HAVRE',
  foundedOn: '2024-03-01',
  stage: 'NURSERY',
  stageEnteredAt: '2026-01-01T00:00:00.000Z',
  status: 'ACTIVE',
  tags: ['logistique', 'IoT'],
  description: 'Suivi des conteneurs',
  website: null,
  structureId: null,
  programmeId: null,
  cohortId: null,
  version: 3,
};

describe('changeFrom', () => {
  it('sends nothing when nothing changed', () => {
    expect(changeFrom(STARTUP, draftOf(STARTUP), false)).toEqual({});
  });

  it('sends only what changed, emptied fields as null, tags trimmed and deduplicated', () => {
    const draft = {
      ...draftOf(STARTUP),
      name: ' Portflow SAS ',
      siren: '',
      website: 'https://portflow.example',
      tags: 'logistique, IoT , IoT, ports',
    };
    expect(changeFrom(STARTUP, draft, false)).toEqual({
      name: 'Portflow SAS',
      siren: null,
      website: 'https://portflow.example',
      tags: ['logistique', 'IoT', 'ports'],
    });
  });

  it('keeps founders to the public profile', () => {
    const draft = { ...draftOf(STARTUP), name: 'Autre nom', description: 'Nouvelle description' };
    expect(changeFrom(STARTUP, draft, true)).toEqual({ description: 'Nouvelle description' });
  });
});
