// itemAdmission end to end through the REST API, on a real Temporal dev server and database.
import { DATABASES, eventually, startPlatform, type TestPlatform } from '../support/platform';

const APPLICANT = 'p.dept.civil-affairs.dispatcher';
const OTHER_DEPT = 'p.dept.agriculture-rural.dispatcher';
const OFFICE = 'p.coord-office.reviewer1';
const TOWN_REVIEWERS = ['p.qiaotou.reviewer', 'p.xikou.reviewer', 'p.fenglin.reviewer'];
const TOWNS = ['xingcun.qiaotou', 'xingcun.xikou', 'xingcun.fenglin'];
const AUDITOR = 'p.dept.audit.auditor';

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;
  let counter = 0;

  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  function application(overrides: Record<string, unknown> = {}) {
    return {
      title: '农村留守老人关爱走访',
      proposedCode: `XC-ASSIST-9${String(++counter).padStart(2, '0')}`,
      kind: 'ASSIST',
      whyVillages: '村干部最熟悉留守老人情况，需村级协助摸排走访',
      legalBasis: '《中华人民共和国老年人权益保障法》第四十七条',
      expectedLoad: '每村每月约4小时',
      durationMonths: 12,
      subItems: ['每季度走访一次', '更新台账'],
      scope: 'CATALOGUE',
      ...overrides,
    };
  }

  const allMet = {
    requiredByLaw: { met: true, reason: '老年人权益保障法规定基层组织协助' },
    customarilyNeedsVillage: { met: true, reason: '历来由村级协助' },
    withinVillageCapacity: { met: true, reason: '每月4小时，可承担' },
  };

  async function apply(body: Record<string, unknown> = {}, person = APPLICANT) {
    return platform.api(person, 'POST', '/admissions', {
      requestId: `req-${Date.now()}-${++counter}`,
      departmentId: 'xingcun.dept.civil-affairs',
      application: application(),
      ...body,
    });
  }

  /** An application that passed the review on all three tests, its towns consulted for `consultation`. */
  async function appliedAndReviewed(consultation: string) {
    const started = await apply({ periods: { admissionConsultation: { duration: consultation } } });
    const id: string = started.body.workflowId;
    await atStep(id, 'REVIEW');
    await platform.api(OFFICE, 'POST', `/admissions/${id}/review`, allMet);
    return { started, id };
  }

  async function atStep(id: string, step: string) {
    return eventually(async () => {
      const { body } = await platform.api(OFFICE, 'GET', `/admissions/${id}`);
      return body.step === step ? body : undefined;
    });
  }

  function expectRefused(response: { status: number; body: any; contentType: string }, status: number, code: string) {
    expect(response.contentType).toContain('application/problem+json');
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.body.detail).toEqual(expect.any(String));
  }

  test('full path: apply, review, consultation answered by every town, admit into the catalogue at once', async () => {
    const started = await apply();
    expect(started.status).toBe(201);
    const id = started.body.workflowId;
    const code = started.body.screeningCode;
    await atStep(id, 'REVIEW');

    const inbox = await eventually(async () => {
      const items = (await platform.api(OFFICE, 'GET', '/me/inbox')).body;
      return items.some((i: { workflowId: string }) => i.workflowId === id) ? items : undefined;
    });
    expect(inbox).toEqual(expect.arrayContaining([expect.objectContaining({ workflowId: id, action: 'review against the three tests' })]));

    const reviewed = await platform.api(OFFICE, 'POST', `/admissions/${id}/review`, allMet);
    expect(reviewed.status).toBe(200);
    expect(reviewed.body.step).toBe('CONSULTATION');
    expect(reviewed.body.details.consultation.townIds).toEqual([...TOWNS].sort());

    const sinceOf = async (person: string) =>
      (await platform.api(person, 'GET', '/me/inbox')).body.find((i: { workflowId: string }) => i.workflowId === id)?.since;
    const lastTownSince = await sinceOf(TOWN_REVIEWERS[2]);
    expect(lastTownSince).toEqual(expect.any(String));
    for (const [i, person] of TOWN_REVIEWERS.entries()) {
      if (i === 2) expect(await sinceOf(person)).toBe(lastTownSince);
      const answered = await platform.api(person, 'POST', `/admissions/${id}/consultation-responses`, { townId: TOWNS[i], objection: false, comment: '' });
      expect(answered.status).toBe(200);
    }
    const decision = await atStep(id, 'DECISION');
    expect(decision.details.consultation.closedBy).toBe('ALL_RESPONDED');

    const decided = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, {
      outcome: 'ADMIT_TO_CATALOGUE',
      effect: 'IMMEDIATE',
      reason: '三项检验均符合',
    });
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ status: 'COMPLETED', step: 'CLOSED' });
    expect(decided.body.record.map((r: { step: string }) => r.step)).toEqual([
      'APPLY',
      'SCREEN',
      'REVIEW',
      'CONSULTATION_RESPONSE',
      'CONSULTATION_RESPONSE',
      'CONSULTATION_RESPONSE',
      'CONSULTATION_CLOSED',
      'DECISION',
    ]);

    const screening = await platform.api(APPLICANT, 'GET', `/counties/xingcun/screening?code=${code}`);
    expect(screening.body).toMatchObject({ result: 'IN_CATALOGUE', catalogueVersionId: 'xingcun-v2' });
    const listed = await platform.api(AUDITOR, 'GET', '/admissions?countyId=xingcun&status=COMPLETED');
    expect(listed.body.map((p: { workflowId: string }) => p.workflowId)).toContain(id);
    const officeInbox = await platform.api(OFFICE, 'GET', '/me/inbox');
    expect(officeInbox.body.map((i: { workflowId: string }) => i.workflowId)).not.toContain(id);
    await platform.recordHistory(id, 'admission-full-path');
  });

  test('silent towns count as no objection when the consultation period (shortened to 2s) ends', async () => {
    const { started, id } = await appliedAndReviewed('2s');
    await platform.api(TOWN_REVIEWERS[0], 'POST', `/admissions/${id}/consultation-responses`, {
      townId: TOWNS[0],
      objection: true,
      comment: '本镇村级人手不足',
    });
    const decision = await atStep(id, 'DECISION');
    expect(decision.details.consultation.closedBy).toBe('DEADLINE');
    expect(decision.record.at(-1).summary).toContain('taken as no objection');

    const unanswered = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, { outcome: 'ADMIT_ONCE', reason: '仅本次' });
    expectRefused(unanswered, 422, 'RULE_BROKEN');
    const noAnswer = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, {
      outcome: 'ADMIT_TO_CATALOGUE',
      effect: 'NEXT_VERSION',
      reason: '符合',
    });
    expectRefused(noAnswer, 422, 'MISSING_REASON');
    const admitted = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, {
      outcome: 'ADMIT_TO_CATALOGUE',
      effect: 'NEXT_VERSION',
      reason: '符合',
      responseToObjections: '由镇统筹网格员协助',
    });
    expect(admitted.body.status).toBe('COMPLETED');
    const draft = await platform.api(OFFICE, 'GET', `/catalogue/versions/${admitted.body.details.decision.catalogueVersionId}`);
    expect(draft.body.status).toBe('DRAFT');
    expect(draft.body.items.map((i: { screeningCode: string }) => i.screeningCode)).toContain(started.body.screeningCode);
    await platform.recordHistory(id, 'admission-consultation-by-deadline');
  });

  test('a decision the catalogue now refuses (put on the negative list since screening) is answered 422 and changes nothing', async () => {
    const { started, id } = await appliedAndReviewed('1s');
    const atDecision = await atStep(id, 'DECISION');
    await platform.db.negativeListItem.create({
      data: { countyId: 'xingcun', code: started.body.screeningCode, name: '新列入负面清单的事项', basis: '县委办通知' },
    });

    const refused = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, { outcome: 'ADMIT_TO_CATALOGUE', effect: 'IMMEDIATE', reason: '符合' });
    expectRefused(refused, 422, 'NEGATIVE_LIST');
    const unchanged = await atStep(id, 'DECISION');
    expect(unchanged.record).toEqual(atDecision.record);
    expect(unchanged.details.decision).toBeUndefined();
    const closed = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, { outcome: 'REFUSE', reason: '已列入负面清单' });
    expect(closed.body).toMatchObject({ status: 'REJECTED' });
    await platform.recordHistory(id, 'admission-refused-by-catalogue');
  });

  test('bad input starts nothing: a period beyond a year (422) or malformed (400), a standalone once-only admission (400)', async () => {
    for (const [duration, status, code] of [
      ['400d', 422, 'RULE_BROKEN'],
      ['0s', 422, 'RULE_BROKEN'],
      ['99999999999d', 400, 'INVALID_REQUEST'],
    ] as const) {
      const tooLong = await apply({ periods: { admissionConsultation: { duration } } });
      expect({ status: tooLong.status, code: tooLong.body.code }).toEqual({ status, code });
    }
    expect((await apply({ application: application({ scope: 'ONCE' }) })).status).toBe(400);
  });

  test('negative-list work is refused outright and nothing is started', async () => {
    const before = await platform.api(AUDITOR, 'GET', '/admissions?countyId=xingcun');
    const refused = await apply({ application: application({ proposedCode: 'XC-NEG-01' }) });
    expectRefused(refused, 422, 'NEGATIVE_LIST');
    const after = await platform.api(AUDITOR, 'GET', '/admissions?countyId=xingcun');
    expect(after.body.length).toBe(before.body.length);
  });

  test('refusals: wrong role, wrong organisation, out of order, broken rule; state unchanged and recorded', async () => {
    const started = await apply();
    const id = started.body.workflowId;
    const before = await atStep(id, 'REVIEW');

    expectRefused(await apply({}, 'p.qiaotou.dongshan.secretary'), 403, 'NOT_AUTHORISED');
    expectRefused(await platform.api(APPLICANT, 'POST', `/admissions/${id}/review`, allMet), 403, 'NOT_AUTHORISED');
    expectRefused(await platform.api(OTHER_DEPT, 'POST', `/admissions/${id}/withdraw`, { reason: '不需要了' }), 403, 'WRONG_ORGANISATION');
    expectRefused(await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, { outcome: 'REFUSE', reason: '不符合' }), 409, 'WRONG_STEP');
    expectRefused(
      await platform.api(TOWN_REVIEWERS[0], 'POST', `/admissions/${id}/consultation-responses`, { townId: TOWNS[0], objection: false }),
      409,
      'WRONG_STEP',
    );
    const unreasoned = { ...allMet, withinVillageCapacity: { met: true, reason: ' ' } };
    expectRefused(await platform.api(OFFICE, 'POST', `/admissions/${id}/review`, unreasoned), 422, 'MISSING_REASON');
    const badBody = await platform.api(OFFICE, 'POST', `/admissions/${id}/review`, { requiredByLaw: 'yes' });
    expect(badBody.status).toBe(400);
    expect((await platform.api(undefined, 'GET', `/admissions/${id}`)).status).toBe(401);
    expect((await platform.api(OFFICE, 'GET', '/admissions/admission-xingcun-nope-nope')).status).toBe(404);

    const after = await platform.api(OFFICE, 'GET', `/admissions/${id}`);
    expect(after.body.record).toEqual(before.record);
    expect(after.body.step).toBe('REVIEW');

    const refusals = await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=xingcun&workflowId=${id}`);
    expect(refusals.body.items.map((r: { reasonCode: string }) => r.reasonCode).sort()).toEqual(
      ['MISSING_REASON', 'NOT_AUTHORISED', 'WRONG_ORGANISATION', 'WRONG_STEP', 'WRONG_STEP'].sort(),
    );
    expect(refusals.body.items[0]).toMatchObject({ personId: expect.any(String), action: expect.stringContaining('/admissions/') });
    expectRefused(await platform.api(APPLICANT, 'GET', '/audit/refusals?countyId=xingcun'), 403, 'NOT_AUTHORISED');
  });

  test('failed tests skip consultation and allow only a refusal; withdrawal ends a process with its reason', async () => {
    const started = await apply();
    const id = started.body.workflowId;
    await atStep(id, 'REVIEW');
    const reviewed = await platform.api(OFFICE, 'POST', `/admissions/${id}/review`, { ...allMet, requiredByLaw: { met: false, reason: '无法律依据' } });
    expect(reviewed.body.step).toBe('DECISION');
    expectRefused(
      await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, { outcome: 'ADMIT_TO_CATALOGUE', effect: 'IMMEDIATE', reason: '同意' }),
      422,
      'TESTS_NOT_MET',
    );
    const refusedOutcome = await platform.api(OFFICE, 'POST', `/admissions/${id}/decision`, { outcome: 'REFUSE', reason: '无法律依据，不予准入' });
    expect(refusedOutcome.body).toMatchObject({ status: 'REJECTED', outcome: { reason: 'REFUSE: 无法律依据，不予准入' } });
    expectRefused(await platform.api(APPLICANT, 'POST', `/admissions/${id}/withdraw`, { reason: '晚了' }), 409, 'PROCESS_CLOSED');

    const other = await apply();
    await atStep(other.body.workflowId, 'REVIEW');
    const withdrawn = await platform.api(APPLICANT, 'POST', `/admissions/${other.body.workflowId}/withdraw`, { reason: '政策调整，不再需要' });
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', outcome: { reason: '政策调整，不再需要' } });
  });

  test('a repeated request id returns the same process instead of starting a second one', async () => {
    const body = { requestId: `same-${Date.now()}`, departmentId: 'xingcun.dept.civil-affairs', application: application() };
    const first = await platform.api(APPLICANT, 'POST', '/admissions', body);
    const second = await platform.api(APPLICANT, 'POST', '/admissions', body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(200);
    expect(second.body.workflowId).toBe(first.body.workflowId);
    const other = await platform.api('p.dept.agriculture-rural.dispatcher', 'POST', '/admissions', { ...body, departmentId: 'xingcun.dept.agriculture-rural' });
    expectRefused(other, 409, 'CONFLICT');
    expect(other.body.detail).toContain('xingcun.dept.civil-affairs');
  });

  test('an admission Temporal no longer keeps (past retention) is still read from its record', async () => {
    const finished = await apply();
    const id = finished.body.workflowId;
    await atStep(id, 'REVIEW');
    const archivedId = `${id}-archived`;
    const record = await eventually(async () => (await platform.db.processRecord.findFirst({ where: { workflowId: id, step: 'REVIEW' } })) ?? undefined);
    const state = { ...JSON.parse(record.state), workflowId: archivedId };
    await platform.db.processRecord.create({ data: { ...record, workflowId: archivedId, state: JSON.stringify(state) } });
    const read = await platform.api(AUDITOR, 'GET', `/admissions/${archivedId}`);
    expect(read).toMatchObject({ status: 200, body: { workflowId: archivedId, step: 'REVIEW', record: state.record } });
    expect((await platform.api(AUDITOR, 'GET', `/admissions/${id}-never`)).status).toBe(404);
  });

  test('the Temporal UI can find an admission by its search attributes and shows its summary', async () => {
    const started = await apply();
    const id = started.body.workflowId;
    await atStep(id, 'REVIEW');
    const handle = platform.temporal.workflow.getHandle(id);
    const description = await handle.describe();
    expect(await description.staticSummary()).toContain('准入 Admission');
    expect(await description.staticDetails()).toBe(`**Rules pinned at start**: ${started.body.rules.ruleSetId} (version ${started.body.rules.version})`);
    const found = await eventually(async () => {
      for await (const wf of platform.temporal.workflow.list({
        query: `CunwuProcess = 'itemAdmission' AND CunwuStep = 'REVIEW' AND CunwuCounty = 'xingcun' AND WorkflowId = '${id}'`,
      }))
        return wf;
      return undefined;
    });
    expect(found.workflowId).toBe(id);
  });
});
