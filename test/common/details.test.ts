// What an operator's Temporal UI renders of text people typed: no HTML, image, link or autolink.
import { forOperators, processDetails } from '../../workflows/common/details';
import { villageTaskSummary } from '../../workflows/taskDispatch/contract';

const PIXEL = '<img src="https://tracker.example/p.gif">';

test('HTML, markdown images and links, and bare addresses are shown as text', () => {
  expect(forOperators(PIXEL)).toBe('&lt;img src="https:&#8203;//tracker.example/p.gif"&gt;');
  expect(forOperators('![p](https://t.example/x.gif) [办事指南](http://forged.example)')).toBe(
    '!\\[p\\](https:&#8203;//t.example/x.gif) \\[办事指南\\](http:&#8203;//forged.example)',
  );
  expect(forOperators('see www.forged.example & more')).toBe('see www&#8203;.forged.example &amp; more');
  expect(forOperators('## 派单 · **Step**: REVIEW (3 days)')).toBe('## 派单 · **Step**: REVIEW (3 days)');
});

test("a process's summary and details carry a title's markup as text", () => {
  const summary = villageTaskSummary({
    villageId: 'xingcun.qiaotou.dongshan',
    content: { title: `老年卡${PIXEL}`, deadline: '2027-01-10T00:00:00Z' },
  } as never);
  expect(summary).not.toContain('<img');
  expect(summary).toContain('&lt;img');
  expect(summary).toContain('due 2027-01-10 08:00 +08:00');
  const details = processDetails({ step: 'RECEIVE', status: 'RUNNING', overdue: false, nextActors: [], record: [] } as never, `任务 ${PIXEL}`, []);
  expect(forOperators(details)).not.toMatch(/<img|https:\/\//);
});

test('instants are shown in Beijing time, to the minute, the date moving with the offset', () => {
  expect(forOperators('due 2027-01-10T17:30:00.000Z; began 2026-12-03T01:02:03Z')).toBe('due 2027-01-11 01:30 +08:00; began 2026-12-03 09:02 +08:00');
  expect(forOperators('version 2026-12-03, code XC-2027-01')).toBe('version 2026-12-03, code XC-2027-01');
});
