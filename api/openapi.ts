import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().openapi({ description: 'Stable reason code, e.g. WRONG_STEP, NOT_AUTHORISED, NEGATIVE_LIST' }),
    instance: z.string(),
    rule: z.string().optional().openapi({
      description:
        "The rule the refusal applied, machine-readable: `<section>.<rule>` for a county rule (the rule-set key, e.g. `secondment.coolDownMonths`), `<process>.<rule>` for one the spec fixes, `process.<rule>` for the kit's (docs/processes.md lists them)",
      example: 'secondment.coolDownMonths',
    }),
    ruleSet: z
      .object({ id: z.string(), version: z.number().int() })
      .optional()
      .openapi({ description: 'The rule set (and its version) the refusal applied: the one pinned into the process at its start' }),
    reason: z
      .object({ zh: z.string(), en: z.string() })
      .optional()
      .openapi({ description: 'The reason for people, in Chinese and in English (`en` is `detail`)' }),
  })
  .openapi('Problem');

/** What an operationId looks like: camelCase, as client generators name their functions from it. */
export const OPERATION_ID = /^[a-z][A-Za-z0-9]+$/;

/** The tags of the platform's areas and of the processes not yet in the registry (a registered process declares its own); in this order in the document. */
export const TAGS = [
  { name: 'platform', description: 'The platform itself: is it healthy (Temporal, database, workers, calendars)' },
  { name: 'me', description: 'The caller: who the token names, what they must act on, notices to their organisations' },
  { name: 'catalogue', description: "The county's catalogue of work villages may be given, its negative list and certificates; screening a code" },
  { name: 'rules', description: 'The rules a county sets for its processes, drafted, changed and published as rule sets' },
  { name: 'calendar', description: "The county's working-day calendar: official holidays and make-up working days, by year" },
  { name: 'weekly', description: "The week's rhythm: a village's Monday deployment list, a town's Friday report" },
  { name: 'processes', description: 'Processes of every type at once, each as its readers may list it' },
  { name: 'audit', description: 'Refused steps, for auditors' },
  { name: 'boards', description: 'Public notice boards of villages and towns: pages for people, and their JSON' },
] as const;

export type ApiTag = (typeof TAGS)[number]['name'];

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return registry;
}

/** The document of every route registered; `processTags` are the registered processes' own tags, after the areas'. */
export function openApiDocument(registry: OpenAPIRegistry, processTags: { name: string; description: string }[]) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Cunwu Flow API',
      version: '0.1.0',
      description:
        'Village-level governance processes as durable workflows. Every step names its actor from the bearer token; ' +
        'refusals are application/problem+json with a stable `code`.',
    },
    // Relative: the API is served where this document is (clients and schemathesis resolve it against the document's URL).
    servers: [{ url: '/', description: 'This API, where this document is served' }],
    tags: [...TAGS.map((t) => ({ ...t })), ...processTags],
    security: [{ bearerAuth: [] }],
  });
}
