// Activities: side effects, built from injected dependencies.
import type { Db } from '../prisma/client';
import type { CalendarChange } from '../workflows/common/calendar-changes';
import type { EndedProcess, Publication } from '../workflows/common/view';
import { applyAdmissionDecision, type AdmissionDecisionInput } from './admission';
import { weeklyDueAt, workingDeadline, type WeeklyDueInput, type WorkingDeadlineInput } from './calendar';
import { screenCode } from '../domain/catalogue';
import { claimedVillages, screenDispatch, villageStaff, type DispatchScreeningInput } from './dispatch';
import { townsOfCounty } from '../domain/organisation';
import { notifyOrganisations, type Notice } from '../domain/notices';
import { pruneStepRequests } from '../domain/step-requests';
import { archiveClosedProcesses } from './archive';
import { tellCalendarChanged } from './calendar-revision';
import { closeProcessesEndedOutside } from './ended-outside';
import { closeEndedProcess, publishProcess } from './read-model';

export function createActivities(db: Db) {
  return {
    publishProcess: (publication: Publication) => publishProcess(db, publication),
    closeEndedProcess: (ended: EndedProcess) => closeEndedProcess(db, ended),
    workingDeadline: (input: WorkingDeadlineInput) => workingDeadline(db, input),
    weeklyDueAt: (input: WeeklyDueInput) => weeklyDueAt(db, input),
    listTowns: (countyId: string) => townsOfCounty(db, countyId),
    screenCode: (input: { countyId: string; code: string }) => screenCode(db, input.countyId, input.code),
    applyAdmissionDecision: (input: AdmissionDecisionInput) => applyAdmissionDecision(db, input),
    screenDispatch: (input: DispatchScreeningInput) => screenDispatch(db, input),
    claimedVillages: (input: { countyId: string; workflowId: string; code: string; villageIds: string[] }) => claimedVillages(db, input),
    villageStaff: (villageId: string) => villageStaff(db, villageId),
    notifyOrganisations: (notice: Notice) => notifyOrganisations(db, notice),
    pruneStepRequests: () => pruneStepRequests(db),
    closeProcessesEndedOutside: () => closeProcessesEndedOutside(db),
    tellCalendarChanged: (change: CalendarChange) => tellCalendarChanged(db, change),
    archiveClosedProcesses: () => archiveClosedProcesses(db),
  };
}

export type PlatformActivities = ReturnType<typeof createActivities>;
