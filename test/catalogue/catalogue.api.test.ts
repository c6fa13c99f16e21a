// The catalogue, negative list, certificate lists and screening through the REST API.
import { DATABASES, startPlatform, type TestPlatform } from '../support/platform';

const KEEPER = 'p.coord-office.reviewer1';
const CADRE = 'p.qiaotou.dongshan.cadre1';
describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('the catalogue in force has the seeded items with screening codes, kinds and legal bases', async () => {
    const { status, body } = await platform.api(CADRE, 'GET', '/counties/xingcun/catalogue');
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: 'xingcun-v1', status: 'PUBLISHED' });
    expect(body.items.length).toBeGreaterThanOrEqual(60);
    expect(body.items.find((i: { screeningCode: string }) => i.screeningCode === 'XC-ASSIST-001')).toMatchObject({
      kind: 'ASSIST',
      responsibleDepartmentId: 'xingcun.dept.civil-affairs',
      subItems: expect.any(Array),
    });
    expect((await platform.api(CADRE, 'GET', '/counties/other/catalogue')).status).toBe(403);
  });

  test('screening tells in-catalogue, negative-list and unknown codes apart', async () => {
    const check = async (code: string) => (await platform.api(CADRE, 'GET', `/counties/xingcun/screening?code=${code}`)).body.result;
    expect(await check('XC-ASSIST-001')).toBe('IN_CATALOGUE');
    expect(await check('XC-NEG-01')).toBe('NEGATIVE_LIST');
    expect(await check('XC-NOTHING-1')).toBe('UNKNOWN');
  });

  test('negative list and certificate lists are published', async () => {
    const negative = await platform.api(CADRE, 'GET', '/counties/xingcun/negative-list');
    expect(negative.body.length).toBeGreaterThanOrEqual(10);
    const certificates = await platform.api(CADRE, 'GET', '/counties/xingcun/certificates');
    const refused = certificates.body.filter((c: { listType: string }) => c.listType === 'REFUSED');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((c: { issuingBody: string | null }) => !!c.issuingBody)).toBe(true);
  });

  test('draft next version, add an item, publish with an effective date; then retire an item with a reason', async () => {
    expect((await platform.api(CADRE, 'POST', '/counties/xingcun/catalogue/versions', { note: '2027年度清单' })).status).toBe(403);
    const draft = await platform.api(KEEPER, 'POST', '/counties/xingcun/catalogue/versions', { note: '2027年度清单' });
    expect(draft).toMatchObject({ status: 201, body: { id: 'xingcun-v2', status: 'DRAFT' } });
    expect((await platform.api(KEEPER, 'POST', '/counties/xingcun/catalogue/versions', { note: 'again' })).body.code).toBe('CONFLICT');

    const item = {
      screeningCode: 'XC-ASSIST-200',
      name: '村级防汛巡查协助',
      kind: 'ASSIST',
      legalBasis: '《中华人民共和国防洪法》第三十八条',
      responsibleDepartment: '兴村县水利局',
      responsibleDepartmentId: 'xingcun.dept.water-resources',
      subItems: ['汛期巡查'],
      reason: '年度修订新增',
    };
    expect((await platform.api(KEEPER, 'POST', '/catalogue/versions/xingcun-v2/items', item)).status).toBe(201);
    const negative = await platform.api(KEEPER, 'POST', '/catalogue/versions/xingcun-v2/items', { ...item, screeningCode: 'XC-NEG-01' });
    expect(negative).toMatchObject({ status: 422, body: { code: 'NEGATIVE_LIST' } });
    expect((await platform.api(KEEPER, 'POST', '/catalogue/versions/xingcun-v1/items', item)).status).toBe(409);

    const screeningBefore = await platform.api(CADRE, 'GET', '/counties/xingcun/screening?code=XC-ASSIST-200');
    expect(screeningBefore.body.result).toBe('UNKNOWN');
    const published = await platform.api(KEEPER, 'POST', '/catalogue/versions/xingcun-v2/publish', {
      effectiveFrom: new Date(Date.now() - 1000).toISOString(),
    });
    expect(published.body).toMatchObject({ status: 'PUBLISHED' });
    expect((await platform.api(CADRE, 'GET', '/counties/xingcun/screening?code=XC-ASSIST-200')).body).toMatchObject({
      result: 'IN_CATALOGUE',
      catalogueVersionId: 'xingcun-v2',
    });

    const inForce = (await platform.api(CADRE, 'GET', '/counties/xingcun/catalogue')).body;
    const retiring = inForce.items.find((i: { screeningCode: string }) => i.screeningCode === 'XC-ASSIST-200');
    expect((await platform.api(KEEPER, 'POST', `/catalogue/items/${retiring.id}/retire`, {})).status).toBe(400);
    const retired = await platform.api(KEEPER, 'POST', `/catalogue/items/${retiring.id}/retire`, { reason: '上位法依据调整' });
    expect(retired.body).toMatchObject({ retiredReason: '上位法依据调整', retiredAt: expect.any(String) });
    expect((await platform.api(KEEPER, 'POST', `/catalogue/items/${retiring.id}/retire`, { reason: 'again' })).status).toBe(409);
    expect((await platform.api(CADRE, 'GET', '/counties/xingcun/screening?code=XC-ASSIST-200')).body.result).toBe('UNKNOWN');

    const changes = (await platform.api(CADRE, 'GET', '/counties/xingcun/catalogue/changes')).body
      .filter((c: { versionId: string }) => c.versionId === 'xingcun-v2')
      .reverse();
    expect(changes.map((c: { action: string }) => c.action)).toEqual(['DRAFTED', 'ITEM_ADDED', 'PUBLISHED', 'RETIRED']);
    expect(changes.at(-1)).toMatchObject({ personId: KEEPER, reason: '上位法依据调整' });
    const versions = await platform.api(CADRE, 'GET', '/counties/xingcun/catalogue/versions');
    expect(versions.body.map((v: { id: string }) => v.id)).toEqual(['xingcun-v2', 'xingcun-v1']);
    expect((await platform.api(KEEPER, 'POST', '/catalogue/items/3000000000/retire', { reason: '越界' })).status).toBe(404);
  });

  test('a retirement reaches the open draft too, so publishing the draft later does not bring the item back', async () => {
    const inForce = (await platform.api(CADRE, 'GET', '/counties/xingcun/catalogue')).body;
    const draft = await platform.api(KEEPER, 'POST', '/counties/xingcun/catalogue/versions', { note: '2028年度清单' });
    expect(draft.status).toBe(201);
    const retiring = inForce.items.find((i: { screeningCode: string }) => i.screeningCode === 'XC-ASSIST-009');
    await platform.api(KEEPER, 'POST', `/catalogue/items/${retiring.id}/retire`, { reason: '职责调整至乡镇' });
    await platform.api(KEEPER, 'POST', `/catalogue/versions/${draft.body.id}/publish`, { effectiveFrom: new Date(Date.now() - 1000).toISOString() });
    expect((await platform.api(CADRE, 'GET', '/counties/xingcun/screening?code=XC-ASSIST-009&villageId=xingcun.qiaotou.dongshan')).body).toMatchObject({
      result: 'UNKNOWN',
      villageId: 'xingcun.qiaotou.dongshan',
    });
    expect((await platform.api(CADRE, 'GET', '/counties/xingcun/screening?code=XC-ASSIST-009&villageId=nowhere')).status).toBe(404);
  });
});
