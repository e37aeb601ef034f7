import { queueRows } from './queue-rows';

describe('queueRows', () => {
  it('gives every queue every state, busiest first', () => {
    const rows = queueRows({
      queues: [
        { name: 'notifications', counts: { waiting: 0, completed: 40 } },
        { name: 'workflow', counts: { waiting: 3, active: 1, delayed: 2, failed: 5 } },
      ],
    });
    expect(rows).toEqual([
      {
        name: 'workflow',
        counts: { waiting: 3, active: 1, delayed: 2, completed: 0, failed: 5 },
        pending: 6,
      },
      {
        name: 'notifications',
        counts: { waiting: 0, active: 0, delayed: 0, completed: 40, failed: 0 },
        pending: 0,
      },
    ]);
  });
});
