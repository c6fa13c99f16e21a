import { randomUUID } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import pinoHttp from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { confirmLive } from './auth';
import { refuseOtherMethods, type HttpDeps } from './http';
import type { AppDeps } from './deps';
import { createRegistry, openApiDocument } from './openapi';
import type { ProcessRegistry } from './process-registry';
import { mountProcesses } from './process-routes';
import { Problem, problemFromDatabase } from './problem';
import { recordRefusal, type ProcessRef } from './refusals';
import type { Actor } from '../workflows/common/actor';
import { auditRoutes } from './routes/audit';
import { calendarRoutes } from './routes/calendar';
import { catalogueRoutes } from './routes/catalogue';
import { healthRoutes } from './routes/health';
import { meRoutes } from './routes/me';
import { ruleRoutes } from './routes/rules';

const REFUSAL_STATUSES = new Set([403, 409, 422]);

function toProblem(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  const status = (error as { status?: number; type?: string }).status;
  if (status === 400 || status === 413 || status === 415) {
    return new Problem(status, 'INVALID_REQUEST', `The request body could not be read: ${(error as Error).message}`);
  }
  return problemFromDatabase(error);
}

/** The API of the platform: its own routes, and every process of `processes` (processes/index.ts), each given the rules' sections the registry gathers. */
export function createApp(given: Omit<AppDeps, 'ruleSections'>, processes: ProcessRegistry) {
  const deps: AppDeps = { ...given, ruleSections: processes.ruleSections() };
  const app = express();
  const registry = createRegistry();
  const router = express.Router();
  const http: HttpDeps = { router, registry, jwtSecret: deps.jwtSecret, confirmLive: (actor) => confirmLive(deps.db, actor) };

  // A content security policy (the pages run no script and load nothing from elsewhere), nosniff, frame-ancestors.
  app.use(helmet());
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
    }),
  );
  app.use(express.json({ limit: '1mb' }));

  healthRoutes(http, deps);
  meRoutes(http, deps, processes);
  catalogueRoutes(http, deps);
  ruleRoutes(http, deps);
  calendarRoutes(http, deps);
  mountProcesses(http, deps, processes);
  auditRoutes(http, deps, processes);
  refuseOtherMethods(http);
  app.use(router);

  const document = openApiDocument(registry, processes.tags());
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { customSiteTitle: 'Cunwu Flow API' }));

  app.use((req: Request) => {
    throw new Problem(404, 'NOT_FOUND', `No route ${req.method} ${req.path}.`);
  });

  app.use(async (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const problem = toProblem(error);
    if (!problem) {
      req.log.error({ err: error }, 'unhandled error');
      res
        .status(500)
        .type('application/problem+json')
        .json(new Problem(500, 'INTERNAL', 'An internal error occurred; it has been logged.').body(req.originalUrl));
      return;
    }
    // A repeated request answered with its first refusal was recorded the first time.
    // A concealed refusal is logged as what it refused, with the status the caller was answered.
    const refused = problem.conceals ? new Problem(problem.status, problem.conceals.code, problem.conceals.detail, problem.conceals.extras) : problem;
    if ((REFUSAL_STATUSES.has(problem.status) || problem.conceals) && res.locals.actor && !res.locals.repeated) {
      const action = `${req.method} ${(req.route as { path: string } | undefined)?.path ?? req.path}`;
      await recordRefusal(deps.db, res.locals.actor as Actor, action, refused, res.locals.process as ProcessRef | undefined, req.body).catch((err) =>
        req.log.error({ err }, 'could not record a refusal'),
      );
    }
    if (typeof problem.extras.retryAfter === 'number') res.setHeader('Retry-After', String(problem.extras.retryAfter));
    else if (problem.status === 503) res.setHeader('Retry-After', '1');
    res.status(problem.status).type('application/problem+json').json(problem.body(req.originalUrl));
  });
  return app;
}
