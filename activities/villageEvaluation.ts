// What the quarterly evaluation reads outside itself: a village's quarter as the read model knows it
// (its village tasks: done on time, overdue, reworked), so no department types a figure the processes hold.
import type { Db } from '../prisma/client';
import type { EvaluationActivities, FiguresInput, VillageFigures } from '../workflows/villageEvaluation/contract';

interface TaskState {
  details?: { deadline?: string; reworkRounds?: number };
}

/** Per village: its village tasks closed in the span (on time or late), still open past their deadline, and reworked. */
export async function evaluationFigures(db: Db, input: FiguresInput): Promise<VillageFigures[]> {
  const from = new Date(input.from);
  const to = new Date(input.to);
  const rows = await db.processRecord.findMany({
    where: {
      processType: 'villageTask',
      villageId: { in: input.villageIds },
      OR: [
        { status: 'COMPLETED', updatedAt: { gte: from, lt: to } },
        { status: 'RUNNING', overdue: true },
      ],
    },
    select: { villageId: true, status: true, updatedAt: true, state: true },
  });
  return input.villageIds.map((villageId) => {
    const tasks = rows.filter((r) => r.villageId === villageId).map((r) => ({ ...r, details: (JSON.parse(r.state) as TaskState).details ?? {} }));
    const late = (t: (typeof tasks)[number]) => t.status === 'RUNNING' || (t.details.deadline !== undefined && t.updatedAt > new Date(t.details.deadline));
    return {
      villageId,
      onTime: tasks.filter((t) => !late(t)).length,
      overdue: tasks.filter(late).length,
      reworked: tasks.filter((t) => (t.details.reworkRounds ?? 0) > 0).length,
    };
  });
}

/** The evaluation's own activities (its descriptor hands them to the worker). */
export function evaluationActivities(db: Db): EvaluationActivities {
  return { evaluationFigures: (input: FiguresInput) => evaluationFigures(db, input) };
}
