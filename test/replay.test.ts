// Replays recorded histories of finished processes with today's workflow code: a change that would
// break a running process (non-determinism) fails here. Record new ones with RECORD_HISTORIES=1.
// A process in the registry names its histories (its descriptor's `tests.histories`): one test each;
// the histories of the processes not yet in the registry are those of test/histories left over.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { processRegistry } from '../processes';
import { historiesOf, replay } from './support/replay';

const dir = path.join(__dirname, 'histories');
const registered = new Set(processRegistry.all.flatMap(historiesOf));
const histories = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .filter((f) => !registered.has(path.join(dir, f)));

test('there are recorded histories of every process', () => {
  for (const kind of ['dispatch', 'village-task', 'bidding']) {
    expect(histories.some((f) => f.startsWith(kind))).toBe(true);
  }
  expect(processRegistry.all.filter((d) => historiesOf(d).length === 0).map((d) => d.contract.processType)).toEqual([]);
});

describe.each(processRegistry.all.map((d) => [d.contract.processType, d] as const))('%s', (_type, descriptor) => {
  test('every recorded history replays with the current workflow code', () => {
    const files = historiesOf(descriptor);
    const output = replay(files);
    for (const file of files) expect(output).toContain(`replayed ${file}`);
  });
});

test('every other recorded history replays with the current workflow code', () => {
  const output = replay(histories.map((f) => path.join(dir, f)));
  for (const file of histories) expect(output).toContain(`replayed ${path.join(dir, file)}`);
});

test('a history that the code cannot produce fails the replay', () => {
  const tampered = path.join(process.env.TEST_TMP!, 'tampered@admission-xingcun-tampered.json');
  const history = JSON.parse(require('node:fs').readFileSync(historiesOf(processRegistry.get('itemAdmission'))[0], 'utf8'));
  const scheduled = history.events.find((e: { eventType: string }) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
  require('node:fs').writeFileSync(tampered, JSON.stringify(history));
  expect(() => replay([tampered])).toThrow(/Nondeterminism|DeterminismViolation|nondeterministic/i);
});
