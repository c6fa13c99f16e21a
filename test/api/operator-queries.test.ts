// The README's ready-made queries for operators run on a real server, and find what they say they find.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { matterAt } from '../majorMatterDecision/scenario';
import { eventually } from '../support/platform';
import { startPlatform, type TestPlatform } from '../support/platform';
import { dispatchAt } from '../support/scenarios';

const README = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const QUERIES = Object.fromEntries(
  [...(/<!-- operator-queries -->([\s\S]*?)<!-- \/operator-queries -->/.exec(README)?.[1] ?? '').matchAll(/^\| (.+?) \| `(.+)` \|$/gm)].map((m) => [
    m[1],
    m[2],
  ]),
);

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(async () => {
  await platform?.stop();
});

async function found(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of platform.temporal.workflow.list({ query })) ids.push(execution.workflowId);
  return ids;
}

test('the README lists a query per kind of question', () => {
  expect(Object.keys(QUERIES).length).toBeGreaterThanOrEqual(9);
});

test.each(Object.entries(QUERIES))('%s: the server runs it', async (_, query) => {
  await expect(found(query)).resolves.toEqual(expect.any(Array));
});

test('a dispatch in review is among what waits on its town reviewer; a matter under disclosure among those in disclosure', async () => {
  const [dispatch, matter] = await Promise.all([dispatchAt(platform, 'REVIEW'), matterAt(platform, 'RESOLUTION_DISCLOSURE')]);
  await eventually(async () => ((await found(QUERIES["what waits on a town's reviewer"])).includes(dispatch) ? true : undefined));
  await eventually(async () => ((await found(QUERIES['major matters in a disclosure period'])).includes(matter) ? true : undefined));
  expect(await found(QUERIES['admissions rejected'])).not.toContain(dispatch);
});
