// Replays recorded histories of finished processes with today's workflow code: a change that would
// break a running process (non-determinism) fails here. Record new ones with RECORD_HISTORIES=1.
// The replay runs in a child process: protobufjs' JSON decoding does not survive Jest's module registry.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');
const dir = path.join(__dirname, 'histories');
const histories = readdirSync(dir).filter((f) => f.endsWith('.json'));

function replay(files: string[]): string {
  return execFileSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'scripts', 'replay.ts'), ...files], {
    env: { ...process.env, WORKFLOW_BUNDLE: process.env.TEST_WORKFLOW_BUNDLE },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

test('there are recorded histories of every process', () => {
  for (const kind of ['admission', 'dispatch', 'village-task', 'major-matter', 'bidding', 'secondment']) {
    expect(histories.some((f) => f.startsWith(kind))).toBe(true);
  }
});

test('every recorded history replays with the current workflow code', () => {
  const output = replay(histories.map((f) => path.join(dir, f)));
  for (const file of histories) expect(output).toContain(`replayed ${path.join(dir, file)}`);
});

test('a history that the code cannot produce fails the replay', () => {
  const tampered = path.join(process.env.TEST_TMP!, 'tampered@admission-xingcun-tampered.json');
  const history = JSON.parse(readFileSync(path.join(dir, histories.find((f) => f.startsWith('admission'))!), 'utf8'));
  const scheduled = history.events.find((e: { eventType: string }) => e.eventType === 'EVENT_TYPE_ACTIVITY_TASK_SCHEDULED');
  scheduled.activityTaskScheduledEventAttributes.activityType.name = 'somethingElse';
  writeFileSync(tampered, JSON.stringify(history));
  expect(() => replay([tampered])).toThrow(/Nondeterminism|DeterminismViolation|nondeterministic/i);
});
