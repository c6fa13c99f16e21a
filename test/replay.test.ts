// Replays recorded histories of finished processes with today's workflow code: a change that would
// break a running process (non-determinism) fails here. Record new ones with RECORD_HISTORIES=1.
// Every process names its histories (its descriptor's `tests.histories`, test/<process>/histories/): one test each.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { processRegistry } from '../processes';
import { LIVE_PATCHES } from '../workflows/common/patches';
import { historiesOf, replay } from './support/replay';

const registered = processRegistry.all.flatMap(historiesOf);
/** Histories in a test folder that no descriptor names: none may be left unreplayed. */
const unregistered = readdirSync(__dirname, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = path.join(__dirname, d.name, 'histories');
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(dir, f));
    } catch {
      return [];
    }
  })
  .filter((f) => !registered.includes(f));

interface HistoryEvent {
  eventType: string;
  markerRecordedEventAttributes?: { markerName: string; details?: Record<string, { payloads?: { data?: string }[] }> };
}

const eventsOf = (file: string): HistoryEvent[] => (JSON.parse(readFileSync(file, 'utf8')) as { events: HistoryEvent[] }).events;

/** The payload of a marker's detail (proto JSON: base64 of the JSON the SDK wrote). */
const detail = (event: HistoryEvent, key: string): unknown =>
  JSON.parse(Buffer.from(event.markerRecordedEventAttributes?.details?.[key]?.payloads?.[0]?.data ?? '', 'base64').toString('utf8'));

/** The patch ids a history's markers carry (the SDK's marker is `core_patch`, `{ id, deprecated }` in its `patch-data`). */
function patchIds(file: string): string[] {
  return eventsOf(file)
    .filter((e) => e.eventType === 'EVENT_TYPE_MARKER_RECORDED' && e.markerRecordedEventAttributes?.markerName === 'core_patch')
    .map((e) => (detail(e, 'patch-data') as { id: string }).id);
}

test('there are recorded histories of every process, each named by its descriptor', () => {
  expect(processRegistry.all.filter((d) => historiesOf(d).length === 0).map((d) => d.contract.processType)).toEqual([]);
  expect(unregistered).toEqual([]);
});

describe.each(processRegistry.all.map((d) => [d.contract.processType, d] as const))('%s', (_type, descriptor) => {
  test('every recorded history replays with the current workflow code', () => {
    const files = historiesOf(descriptor);
    const output = replay(files);
    for (const file of files) expect(output).toContain(`replayed ${file}`);
  });
});

test('every patch marker in a recorded history is a live patch, listed in workflows/common/patches.ts', () => {
  const unlisted = registered.flatMap((file) =>
    patchIds(file)
      .filter((id) => !(id in LIVE_PATCHES))
      .map((id) => `${id} (${path.basename(file)})`),
  );
  expect(unlisted).toEqual([]);
});

test('a history that the code cannot produce fails the replay', () => {
  const tampered = path.join(process.env.TEST_TMP!, 'tampered@admission-xingcun-tampered.json');
  const history = JSON.parse(readFileSync(historiesOf(processRegistry.get('itemAdmission'))[0], 'utf8')) as { events: HistoryEvent[] };
  // Every platform call is a local activity, recorded as a marker: one that names another activity.
  const call = history.events.find((e) => e.markerRecordedEventAttributes?.markerName === 'core_local_activity')!;
  const data = { ...(detail(call, 'data') as object), activity_type: 'somethingElse' };
  call.markerRecordedEventAttributes!.details!.data.payloads![0].data = Buffer.from(JSON.stringify(data)).toString('base64');
  writeFileSync(tampered, JSON.stringify(history));
  expect(() => replay([tampered])).toThrow(/Nondeterminism|DeterminismViolation|nondeterministic/i);
});
