// One place that turns a route definition into an express handler and an OpenAPI path,
// so the document is generated from the very schemas the route validates with.
import type { OpenAPIRegistry, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z, type ZodType } from 'zod';
import type { Actor } from '../workflows/common/actor';
import { actorFromHeader } from './auth';
import { OPERATION_ID, problemSchema } from './openapi';
import { Problem } from './problem';

type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface RouteSpec<P extends AnyObject, Q extends AnyObject, B extends ZodType> {
  method: 'get' | 'post';
  path: string;
  /**
   * The operation's stable name, which client generators (openapi-typescript, orval) name their
   * functions from: camelCase, a verb of the domain (`startSecondment`, `listSecondments`,
   * `getSecondment`); unique, or `route` throws at startup. Renaming one breaks clients.
   */
  operationId: string;
  summary: string;
  /** The process or area the operation belongs to, one of the document's `tags` (see openapi.ts). */
  tag: string;
  params?: P;
  query?: Q;
  /** Request headers to document and check (e.g. Idempotency-Key): one out of its bounds is a 400. */
  headers?: AnyObject;
  /** Headers of a successful answer to document (e.g. X-Reader-Kind). */
  answerHeaders?: AnyObject;
  body?: B;
  response: ZodType;
  /** The response's media type when it is not JSON (e.g. `text/csv`): the handler then writes the response itself. */
  mediaType?: string;
  status?: 200 | 201;
  public?: boolean;
  refusals?: number[];
}

export interface RouteContext<P extends AnyObject, Q extends AnyObject, B extends ZodType> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  actor: Actor;
  req: Request;
  res: Response;
}

export interface HttpDeps {
  router: Router;
  registry: OpenAPIRegistry;
  jwtSecret: string;
  /** Refuses a token whose person or claimed role assignments no longer exist (a 401). */
  confirmLive(actor: Actor): Promise<void>;
  /** Methods registered per express path, for the 405 answers (see `refuseOtherMethods`). */
  methods?: Map<string, Set<string>>;
}

function parse<T extends ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const result = schema.safeParse(value ?? {});
  if (!result.success && where === 'params') {
    // A path names a resource: one no id of that shape can name does not exist.
    throw new Problem(404, 'NOT_FOUND', `Nothing is found at this path: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}.`);
  }
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
    throw new Problem(400, 'INVALID_REQUEST', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  return result.data;
}

function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: problemSchema } } };
}

function openApiPath(spec: RouteSpec<AnyObject, AnyObject, ZodType>): RouteConfig {
  const refusals = Object.fromEntries(
    [...new Set([...(spec.refusals ?? []), ...(spec.params ? [404] : [])])].map((s) => [
      s,
      problemResponse(
        s === 404
          ? 'Not found'
          : s === 409
            ? 'Out of order'
            : s === 422
              ? 'Breaks a rule'
              : s === 503
                ? 'Not confirmed in time: retry after Retry-After seconds'
                : 'Refused',
      ),
    ]),
  );
  return {
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    summary: spec.summary,
    tags: [spec.tag],
    security: spec.public ? [] : [{ bearerAuth: [] }],
    request: {
      params: spec.params,
      query: spec.query,
      headers: spec.headers,
      body: spec.body ? { required: true, content: { 'application/json': { schema: spec.body } } } : undefined,
    },
    responses: {
      [spec.status ?? 200]: {
        description: spec.status === 201 ? 'Started' : 'OK',
        headers: spec.answerHeaders,
        content: { [spec.mediaType ?? 'application/json']: { schema: spec.response } },
      },
      ...(spec.status === 201 && {
        200: {
          description: 'Already started with this request id: the process as it stands',
          headers: spec.answerHeaders,
          content: { 'application/json': { schema: spec.response } },
        },
      }),
      400: problemResponse('Invalid request'),
      ...(spec.public ? {} : { 401: problemResponse('No valid token'), 403: problemResponse('Wrong role or organisation') }),
      ...refusals,
    },
  };
}

export function route<P extends AnyObject, Q extends AnyObject, B extends ZodType>(
  deps: HttpDeps,
  spec: RouteSpec<P, Q, B>,
  handler: (ctx: RouteContext<P, Q, B>) => unknown,
): void {
  if (!OPERATION_ID.test(spec.operationId))
    throw new Error(`${spec.method.toUpperCase()} ${spec.path}: operationId ${JSON.stringify(spec.operationId)} is not camelCase`);
  const taken = deps.registry.definitions.find((d) => d.type === 'route' && d.route.operationId === spec.operationId);
  if (taken?.type === 'route')
    throw new Error(
      `${spec.method.toUpperCase()} ${spec.path}: operationId ${spec.operationId} is already ${taken.route.method.toUpperCase()} ${taken.route.path}'s`,
    );
  deps.registry.registerPath(openApiPath(spec));
  const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
  deps.methods ??= new Map();
  deps.methods.set(expressPath, new Set([...(deps.methods.get(expressPath) ?? []), spec.method.toUpperCase(), ...(spec.method === 'get' ? ['HEAD'] : [])]));
  deps.router[spec.method](expressPath, async (req: Request, res: Response) => {
    const actor = spec.public ? (undefined as unknown as Actor) : actorFromHeader(req.headers.authorization, deps.jwtSecret, req.id as string);
    if (actor) await deps.confirmLive(actor);
    res.locals.actor = actor;
    const params = parse(spec.params, req.params, 'params');
    const query = parse(spec.query, req.query, 'query');
    const body = parse(spec.body, req.body, 'body');
    // The request headers it documents are held to their bounds too (the handler reads them from `req`).
    parse(spec.headers, req.headers, 'headers');
    const result = await handler({ params, query, body, actor, req, res });
    if (!spec.mediaType) res.status((res.locals.status as number | undefined) ?? spec.status ?? 200).json(result);
  });
}

/** Any other method on a known path is 405 with the methods it has (Allow), not a 404. */
export function refuseOtherMethods(deps: HttpDeps): void {
  for (const [path, methods] of deps.methods ?? []) {
    const allow = [...methods].join(', ');
    deps.router.all(path, (req: Request, res: Response) => {
      res.setHeader('Allow', allow);
      throw new Problem(405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}; allowed: ${allow}.`);
    });
  }
}
