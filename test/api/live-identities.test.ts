// A token is honoured only while its person is on the register and holds the role assignments it
// claims: a person removed or an assignment ended is refused at once, before the token expires.
import { enrol } from '../support/personas';
import { startPlatform, type TestPlatform } from '../support/platform';
import { COUNTY, DONGSHAN } from '../support/scenarios';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

const LEAVER = 'p.test.leaver';

test('a token of a person whose role ended, then who left the register, is refused with the reason (401)', async () => {
  await enrol(platform.db, {
    sub: LEAVER,
    name: '离任书记',
    roles: [
      { role: 'VILLAGE_SECRETARY', orgId: DONGSHAN, countyId: COUNTY },
      { role: 'VILLAGER', orgId: DONGSHAN, countyId: COUNTY },
    ],
  });
  await platform.tokenFor(LEAVER);
  const before = await platform.api(LEAVER, 'GET', '/me/inbox');
  expect(before.status).toBe(200);

  await platform.db.roleAssignment.deleteMany({ where: { personId: LEAVER, role: 'VILLAGE_SECRETARY' } });
  const ended = await platform.api(LEAVER, 'GET', '/me/inbox');
  expect(ended.status).toBe(401);
  expect(ended.body).toMatchObject({ code: 'UNAUTHENTICATED' });
  expect(ended.body.detail).toContain(`VILLAGE_SECRETARY in ${DONGSHAN}`);
  const step = await platform.api(LEAVER, 'POST', '/village-tasks/dispatch-xingcun.qiaotou-none--xingcun.qiaotou.dongshan/receive', {});
  expect(step.status).toBe(401);

  await platform.db.roleAssignment.deleteMany({ where: { personId: LEAVER } });
  await platform.db.person.delete({ where: { id: LEAVER } });
  const gone = await platform.api(LEAVER, 'GET', '/me');
  expect(gone.status).toBe(401);
  expect(gone.body.detail).toContain('no longer on the county');
});

test('a token whose person still holds every role it claims is honoured', async () => {
  const me = await platform.api('p.qiaotou.dongshan.secretary', 'GET', '/me');
  expect(me.status).toBe(200);
  // Each with the organisation's name, from the register.
  expect(me.body.roles).toEqual(expect.arrayContaining([{ role: 'VILLAGE_SECRETARY', orgId: DONGSHAN, countyId: COUNTY, orgName: '东山村' }]));
});
