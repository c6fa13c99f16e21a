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
  })
  .openapi('Problem');

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  return registry;
}

export function openApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Cunwu Flow API',
      version: '0.1.0',
      description:
        'Village-level governance processes as durable workflows. Every step names its actor from the bearer token; ' +
        'refusals are application/problem+json with a stable `code`.',
    },
    security: [{ bearerAuth: [] }],
  });
}
