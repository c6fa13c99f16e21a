// What the registry of the platform's processes (processes/index.ts) derives, checked without a platform.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createProcessRegistry, operationIds } from '../../api/process-registry';
import { processRegistry, PROCESSES } from '../../processes';
import { SEARCH_ATTRIBUTE_KEYS } from '../../workflows/common/search-attributes';
import { PLATFORM_RULES } from '../../workflows/rules/platform-section';
import { testRegistry } from './registry';
import { twoStepProcess } from './two-step/process';
import { TWO_STEP_RULES } from './two-step/rule-section';

test("the README's table of processes is the registry's", () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const block = /<!-- registry:processes -->\n([\s\S]*?)\n<!-- \/registry:processes -->/.exec(readme)?.[1];
  expect(block).toBe(processRegistry.readmeTable());
});

test("every registered workflow is exported by its module, under its contract's type, and the bundle's entry exports them all", () => {
  for (const registry of [processRegistry, testRegistry]) {
    for (const d of registry.all) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const workflowModule = require(d.workflowModule) as Record<string, unknown>;
      expect({ [d.contract.processType]: typeof workflowModule[d.contract.processType] }).toEqual({ [d.contract.processType]: 'function' });
    }
    const exported = [...registry.workflowsEntry().matchAll(/^export \{ (\w+) \} from /gm)].map((m) => m[1]);
    expect(exported).toEqual(registry.all.map((d) => d.contract.processType));
  }
});

test('search attributes: the kit keys and every contract key, each name once', () => {
  const names = [...SEARCH_ATTRIBUTE_KEYS, ...processRegistry.searchAttributes()].map((k) => k.name);
  expect(names).toEqual(
    expect.arrayContaining(['CunwuSecondmentEndsAt', 'CunwuMatterKind', 'CunwuAmount', 'CunwuOpenConcern', 'CunwuEligibleVillages', 'CunwuWinner']),
  );
  expect(new Set(names).size).toBe(names.length);
});

test('operation ids: stable, from the process and its actions', () => {
  const secondment = processRegistry.get('secondment');
  const ids = operationIds(secondment);
  expect([ids.start, ids.list, ids.get, ids.action('requestExtension')]).toEqual([
    'startSecondment',
    'listSecondments',
    'getSecondment',
    'secondmentRequestExtension',
  ]);
  expect([
    operationIds(processRegistry.get('majorMatterDecision')).list,
    operationIds(processRegistry.get('majorMatterDecision')).action('answerObjection'),
  ]).toEqual(['listMajorMatters', 'majorMatterDecisionAnswerObjection']);
  expect(operationIds(processRegistry.get('itemAdmission')).list).toBe('listAdmissions');
  const bidding = operationIds(processRegistry.get('projectBidding'));
  expect([bidding.start, bidding.list, bidding.get, bidding.action('reviseBid')]).toEqual([
    'startProjectBidding',
    'listBiddings',
    'getProjectBidding',
    'projectBiddingReviseBid',
  ]);
});

test('each registered process has its rule section, its Update names unchanged', () => {
  expect(PROCESSES.map((d) => d.contract.processType)).toEqual([
    'itemAdmission',
    'majorMatterDecision',
    'projectBidding',
    'secondment',
    'taskDispatch',
    'villageTask',
    'villageEvaluation',
  ]);
  expect(Object.keys(processRegistry.ruleSections())).toContain('secondment');
  expect(Object.keys(processRegistry.ruleSections())).toContain('villageEvaluation');
  expect(Object.keys(processRegistry.ruleSections())).toContain('dispatch');
  // The names in the recorded histories: never renamed.
  expect(Object.keys(processRegistry.get('majorMatterDecision').contract.actions)).toEqual([
    'propose',
    'deliberate',
    'review',
    'resolve',
    'object',
    'answerObjection',
    'townOrder',
    'progress',
    'accept',
    'concern',
    'answerConcern',
  ]);
  expect(Object.values(processRegistry.get('projectBidding').contract.actions).map((a) => a.update.name)).toEqual([
    'bid',
    'reviseBid',
    'chooseAfterNoBid',
    'declareConflict',
    'score',
    'object',
    'answerObjection',
    'reportMilestone',
    'acceptMilestone',
    'withdrawWinner',
    'declareFailure',
    'reoffer',
    'answerOffer',
  ]);
  expect(Object.values(processRegistry.get('taskDispatch').contract.actions).map((a) => a.update.name)).toEqual([
    'revise',
    'review',
    'collectiveDecision',
    'withdraw',
  ]);
  expect(Object.values(processRegistry.get('villageTask').contract.actions).map((a) => a.update.name)).toEqual([
    'receive',
    'assign',
    'reportProgress',
    'complete',
    'accept',
  ]);
  expect(Object.values(processRegistry.get('itemAdmission').contract.actions).map((a) => a.update.name)).toEqual([
    'review',
    'respondToConsultation',
    'decide',
    'withdraw',
  ]);
  expect(Object.values(processRegistry.get('secondment').contract.actions).map((a) => a.update.name)).toEqual([
    'consent',
    'review',
    'approve',
    'register',
    'requestExtension',
    'confirmReturn',
    'withdraw',
    'clawback',
  ]);
});

test("the county rules' sections: the platform's and every one a contract declares, each once, shared by name", () => {
  for (const registry of [processRegistry, testRegistry]) {
    const sections = registry.ruleSections();
    expect(sections.platform).toBe(PLATFORM_RULES);
    for (const d of registry.all) {
      for (const [name, section] of Object.entries(d.contract.rules)) expect({ [name]: sections[name] }).toEqual({ [name]: section });
    }
    const declared = new Set(['platform', ...registry.all.flatMap((d) => Object.keys(d.contract.rules))]);
    expect(Object.keys(sections).sort()).toEqual([...declared].sort());
  }
  expect(Object.keys(processRegistry.ruleSections())).toEqual([
    'admission',
    'dispatch',
    'majorMatterDecision',
    'platform',
    'projectBidding',
    'secondment',
    'villageEvaluation',
  ]);
  // taskDispatch's two contracts share theirs.
  expect(processRegistry.get('villageTask').contract.rules.dispatch).toBe(processRegistry.get('taskDispatch').contract.rules.dispatch);
  // The test-only process declares a section of its own in its folder: registered with its one line, nothing else names it.
  expect(twoStepProcess.contract.rules).toEqual({ twoStep: TWO_STEP_RULES });
  expect(testRegistry.ruleSections().twoStep).toBe(TWO_STEP_RULES);
  expect(processRegistry.ruleSections()).not.toHaveProperty('twoStep');
  // Two different sections by one name are refused.
  const clash = { ...twoStepProcess, contract: { ...twoStepProcess.contract, processType: 'clash', rules: { twoStep: { ...TWO_STEP_RULES } } } };
  expect(() => createProcessRegistry([twoStepProcess, clash] as never)).toThrow('Two rule sections are named twoStep');
});
