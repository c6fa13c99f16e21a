// What an operator's Temporal UI renders of text people typed: no HTML, image, link or autolink.
import { inertMarkdown, processDetails } from '../../workflows/common/details';
import { villageTaskSummary } from '../../workflows/taskDispatch/contract';

const PIXEL = '<img src="https://tracker.example/p.gif">';

test('HTML, markdown images and links, and bare addresses are shown as text', () => {
  expect(inertMarkdown(PIXEL)).toBe('&lt;img src="https:&#8203;//tracker.example/p.gif"&gt;');
  expect(inertMarkdown('![p](https://t.example/x.gif) [办事指南](http://forged.example)')).toBe(
    '!\\[p\\](https:&#8203;//t.example/x.gif) \\[办事指南\\](http:&#8203;//forged.example)',
  );
  expect(inertMarkdown('see www.forged.example & more')).toBe('see www&#8203;.forged.example &amp; more');
  expect(inertMarkdown('## 派单 · **Step**: REVIEW (3 days)')).toBe('## 派单 · **Step**: REVIEW (3 days)');
});

test("a process's summary and details carry a title's markup as text", () => {
  const summary = villageTaskSummary({
    villageId: 'xingcun.qiaotou.dongshan',
    content: { title: `老年卡${PIXEL}`, deadline: '2027-01-10T00:00:00Z' },
  } as never);
  expect(summary).not.toContain('<img');
  expect(summary).toContain('&lt;img');
  const details = processDetails({ step: 'RECEIVE', status: 'RUNNING', overdue: false, nextActors: [], record: [] } as never, `任务 ${PIXEL}`, []);
  expect(inertMarkdown(details)).not.toMatch(/<img|https:\/\//);
});
