import { CHECKLIST_STATUSES } from '@parcours/contracts';
import { checklistStatusAllowed } from './checklists.service';

describe('checklistStatusAllowed', () => {
  it('lets founders submit an open or submitted item, nothing else', () => {
    for (const from of CHECKLIST_STATUSES) {
      for (const to of CHECKLIST_STATUSES) {
        const expected = to === 'SUBMITTED' && (from === 'OPEN' || from === 'SUBMITTED');
        expect(checklistStatusAllowed('founder', from, to)).toBe(expected);
      }
    }
  });
  it('lets managers set any status', () => {
    expect(CHECKLIST_STATUSES.every((to) => checklistStatusAllowed('manager', 'OPEN', to))).toBe(
      true,
    );
  });
});
