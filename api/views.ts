// What each process answers: its full state, typed to the last field (workflows/*/messages.ts),
// so front-ends and the OpenAPI document agree on every detail they live on.
import './openapi'; // zod's .openapi()
import { processViewSchema as processView, STATUSES } from '../workflows/common/view-schema';

export { processView, STATUSES };
