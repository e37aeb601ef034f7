import type { Platform } from './platform';

/** Two Rouen structures, an accelerator, a Caen incubator, their managers and an admin. */
export async function buildScenario(platform: Platform) {
  const b = platform.builders;
  const rouenIncubator = await b.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
  const rouenNursery = await b.structure('Pépinière Seine Innopolis', 'NURSERY', 'ROUEN');
  const accelerator = await b.structure('FFWD Normandie', 'ACCELERATOR', 'CAEN');
  const caenIncubator = await b.structure('Incubateur Caen', 'INCUBATOR', 'CAEN');
  const incubation = await b.programme(rouenIncubator, 'INCUBATION', {
    name: 'Incubation Rouen',
    checklist: [{ key: 'convention', title: "Convention d'incubation signée", required: true }],
  });
  const nursery = await b.programme(rouenNursery, 'NURSERY', {
    name: 'Pépinière Rouen',
    capacity: 50,
    reviewIntervalDays: 60,
    checklist: [
      { key: 'bail', title: 'Convention d’hébergement', required: true },
      { key: 'kbis', title: 'Kbis', required: false },
    ],
  });
  const fullNursery = await b.programme(rouenNursery, 'NURSERY', {
    name: 'Pépinière pleine',
    capacity: 1,
  });
  const acceleration = await b.programme(accelerator, 'ACCELERATION', {
    name: 'FFWD',
    allowsDirectEntry: true,
    checklist: [{ key: 'pitch', title: 'Pitch deck', required: true }],
  });
  const users = {
    managerRouen: 'manager.rouen@test.parcours',
    managerFfwd: 'manager.ffwd@test.parcours',
    managerCaen: 'manager.caen@test.parcours',
    admin: 'admin@test.parcours',
  };
  await b.user(users.managerRouen, [
    { role: 'manager', structureId: rouenIncubator },
    { role: 'manager', structureId: rouenNursery },
  ]);
  await b.user(users.managerFfwd, [{ role: 'manager', structureId: accelerator }]);
  await b.user(users.managerCaen, [{ role: 'manager', structureId: caenIncubator }]);
  await b.user(users.admin, [{ role: 'admin' }]);
  return {
    structures: { rouenIncubator, rouenNursery, accelerator, caenIncubator },
    programmes: { incubation, nursery, fullNursery, acceleration },
    users,
  };
}

/** Marks every checklist item of the startup's current stay DONE (the checklist API comes later). */
export async function completeCurrentChecklist(
  platform: Platform,
  startupId: string,
): Promise<void> {
  await platform.db.dataSource.query(
    `UPDATE checklist_item c SET status = 'DONE' FROM stage_stay st
      WHERE st.id = c.stay_id AND st.startup_id = $1 AND st.left_at IS NULL`,
    [startupId],
  );
}
