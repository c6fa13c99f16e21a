// The test-only process's descriptor: its routes, readers, place and histories come from the registry.
import { z } from 'zod';
import { requireRole } from '../../../api/auth';
import { defineProcess } from '../../../api/process-registry';
import { notFound } from '../../../api/problem';
import { pinRules, requestIdSchema } from '../../../api/workflow-calls/start';
import { twoStepContract, type TwoStepStart } from './contract';
import { twoStepProjections } from './projections';

const body = z
  .object({ requestId: requestIdSchema, villageId: z.string().min(1).max(120), note: z.string().min(1).max(200) })
  .strict()
  .meta({ id: 'TwoStepStart' });

export const twoStepProcess = defineProcess<TwoStepStart>()(twoStepContract, {
  workflowModule: require.resolve('./workflow'),
  http: {
    base: '/two-steps',
    tag: 'two-steps',
    tagDescription: 'A process of the tests only: a note, then its closing',
    id: z.string().regex(/^twoStep-[^-]/, 'a two-step id'),
    listSummary: 'Notes of a county',
    readSummary: 'A note',
  },
  starts: [
    {
      path: '/two-steps',
      summary: "A village's secretary opens a note",
      body,
      async begin({ deps, actor, body, inCounty }) {
        const village = await deps.db.organisation.findUnique({ where: { id: body.villageId } });
        if (!village || village.kind !== 'VILLAGE' || !village.parentId) throw notFound(`Village ${body.villageId}`);
        inCounty(village.countyId);
        requireRole(actor, 'VILLAGE_SECRETARY', village.id);
        const start = {
          countyId: village.countyId,
          townId: village.parentId,
          villageId: village.id,
          note: body.note,
          requester: actor,
          rules: await pinRules(deps, village.countyId, {}),
        };
        return { start, workflowId: `twoStep-${village.id}--${body.requestId}`, starterOrgId: village.id };
      },
    },
  ],
  staticSummary: (start) => `Note · ${start.villageId} · ${start.note}`,
  startedBy: (view) => view.details.villageId,
  readers: ['county', 'town', 'village'],
  projections: twoStepProjections,
  async place(db, workflowId) {
    const villageId = /^twoStep-(.+)--[^-]/.exec(workflowId)?.[1];
    const village = villageId ? await db.organisation.findUnique({ where: { id: villageId } }) : null;
    if (!village || village.kind !== 'VILLAGE' || !village.parentId) return undefined;
    return { countyId: village.countyId, townId: village.parentId, villageId: village.id };
  },
  tests: { histories: { dir: 'test/registry/two-step/histories' }, access: 'test/registry/two-step/access', readers: 'test/registry/two-step/readers' },
  readme: { name: '**Two steps** (tests only)', what: 'opened by a village secretary, closed by its supervisor' },
});
