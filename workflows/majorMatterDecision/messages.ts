// The majorMatterDecision process's messages (五议两公开): one definition, used by the workflow and by the API.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ActedAs, Actor } from '../common/actor';
import { STATE_QUERY, type ContinuableStart, type ProcessView, type StepAnswer } from '../common/view';
import type { PeriodOverrides } from '../rules/checks';
import type { MajorMatterKind, PinnedRules } from '../rules/definitions';

export const MAJOR_MATTER_PROCESS = 'majorMatterDecision';

export type { MajorMatterKind };

/** What a party member, villager or cadre suggests (docs/processes.md §3.1). */
export interface Suggestion {
  title: string;
  description: string;
  reason: string;
  kind: MajorMatterKind;
  /** Estimated amount, in yuan. */
  estimatedAmount: number;
}

/** The process a matter was started by (a bidding's award: the winning village's use of the funds), kept both ways. */
export interface MatterOrigin {
  processType: 'projectBidding';
  workflowId: string;
}

export interface MajorMatterStart extends ContinuableStart<MajorMatterView> {
  countyId: string;
  townId: string;
  villageId: string;
  suggestedBy: { actor: Actor; as: ActedAs };
  suggestion: Suggestion;
  /** Absent when a person suggested it; the process whose step started it otherwise. */
  origin?: MatterOrigin;
  /** The county rules in force at the start, kept for the matter's whole life. */
  rules: PinnedRules;
  /** Tests and demos only: periods shortened for this instance (refused in production). */
  periods?: PeriodOverrides;
}

export type MeetingKind = 'JOINT_MEETING' | 'PARTY_MEMBERS_MEETING' | 'REPRESENTATIVES_MEETING' | 'VILLAGERS_MEETING';

/**
 * A meeting as its minutes record it. `expected` counts those entitled to attend (members, party members
 * with voting rights, representatives, or adult villagers); a villagers' meeting also counts households.
 * The caller never says whether it passed: the process decides from these figures and the pinned rules.
 */
export interface MeetingRecord {
  meetingDate: string;
  noticeDate: string;
  expected: number;
  present: number;
  householdsExpected?: number;
  householdsPresent?: number;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
  minutesRef: string;
  attachmentRefs: string[];
}

/** The proposal as the joint meeting amended it (a new revision, voted on by the meetings after it). */
export interface Amendment {
  description?: string;
  estimatedAmount?: number;
  note: string;
}

export type ProposalDecision =
  | {
      decision: 'PROPOSE';
      title: string;
      description: string;
      kind: MajorMatterKind;
      estimatedAmount: number;
      note?: string;
      /** Where the rules allow merging propose and deliberate: the joint meeting held with the proposal. */
      jointMeeting?: MeetingRecord;
    }
  | { decision: 'DECLINE'; reason: string };

export type JointMeeting = MeetingRecord & { amendment?: Amendment };
export type ResolutionMeeting = MeetingRecord & { meeting: 'REPRESENTATIVES_MEETING' | 'VILLAGERS_MEETING' };

export interface Objection {
  text: string;
}
export interface ObjectionAnswer {
  objectionSeq: number;
  upheld: boolean;
  answer: string;
}

export type TownOrder = { order: 'CORRECT' | 'QUASH'; reasons: string };

export interface ProgressRecord {
  text: string;
  completed: boolean;
  evidenceRefs: string[];
}

export type AcceptanceRecord = { decision: 'ACCEPT'; reportRef: string; comment?: string } | { decision: 'REWORK'; reasons: string };

export interface Concern {
  text: string;
}
export interface ConcernAnswer {
  concernSeq: number;
  answer: string;
}

/** One version of the proposal: every revision is kept, and each meeting names the one it voted on. */
export interface ProposalRevision {
  version: number;
  title: string;
  description: string;
  kind: MajorMatterKind;
  estimatedAmount: number;
  at: string;
  /** Why this version: taken up, revised after a failed vote or a return, amended by the joint meeting. */
  note: string;
}

export interface HeldMeeting extends MeetingRecord {
  meeting: MeetingKind;
  proposalVersion: number;
  passed: boolean;
  /** The thresholds applied, in words (which rule, which figures). */
  reckoning: string;
  at: string;
}

export type DisclosureKind = 'RESOLUTION' | 'RESULT';

export interface Disclosure {
  kind: DisclosureKind;
  startsAt: string;
  endsAt: string;
  /** The period ended with objections unanswered: it closes once the last is answered. */
  heldOpen: boolean;
  closedAt?: string;
}

/** Anyone's objection is public by its text and answer; who objected stays in the record, off the board. */
export interface RecordedObjection extends Objection {
  seq: number;
  /** The disclosure it was made in (its position in `disclosures`, from 1). */
  disclosure: number;
  at: string;
  personId: string;
  answer?: ObjectionAnswer & { at: string };
}

export interface RecordedConcern extends Concern {
  seq: number;
  step: string;
  at: string;
  personId: string;
  answer?: { answer: string; at: string; personId: string };
}

/** Why the matter went back to propose (failed vote, upheld objection, town's order), shown at propose. */
export interface Return {
  from: string;
  reasons: string;
  at: string;
}

export interface MajorMatterDetails {
  townId: string;
  suggestion: Suggestion & { at: string };
  origin?: MatterOrigin;
  proposal: ProposalRevision[];
  meetings: HeldMeeting[];
  disclosures: Disclosure[];
  objections: RecordedObjection[];
  concerns: RecordedConcern[];
  returns: Return[];
  progress: (ProgressRecord & { at: string; personId: string })[];
  acceptance?: AcceptanceRecord & { at: string };
  townOrders: (TownOrder & { at: string })[];
  /** The next meeting (or step) and its due date, for the details an operator reads. */
  next?: { what: string; dueAt?: string };
}

export type MajorMatterView = ProcessView<MajorMatterDetails>;

export type MajorMatterStep =
  | 'PROPOSE'
  | 'DELIBERATE'
  | 'REVIEW'
  | 'RESOLVE'
  | 'RESOLUTION_DISCLOSURE'
  | 'IMPLEMENTATION'
  | 'ACCEPTANCE'
  | 'RESULT_DISCLOSURE'
  | 'CLOSED';

export const getMajorMatter = defineQuery<MajorMatterView>(STATE_QUERY);
export const decideProposal = defineUpdate<StepAnswer, [Actor, ProposalDecision]>('propose');
export const recordJointMeeting = defineUpdate<StepAnswer, [Actor, JointMeeting]>('deliberate');
export const recordPartyMeeting = defineUpdate<StepAnswer, [Actor, MeetingRecord]>('review');
export const recordResolution = defineUpdate<StepAnswer, [Actor, ResolutionMeeting]>('resolve');
export const raiseObjection = defineUpdate<StepAnswer, [Actor, Objection]>('object');
export const answerObjection = defineUpdate<StepAnswer, [Actor, ObjectionAnswer]>('answerObjection');
export const orderByTown = defineUpdate<StepAnswer, [Actor, TownOrder]>('townOrder');
export const recordProgress = defineUpdate<StepAnswer, [Actor, ProgressRecord]>('progress');
export const recordAcceptance = defineUpdate<StepAnswer, [Actor, AcceptanceRecord]>('accept');
export const raiseConcern = defineUpdate<StepAnswer, [Actor, Concern]>('concern');
export const answerConcern = defineUpdate<StepAnswer, [Actor, ConcernAnswer]>('answerConcern');

export function majorMatterWorkflowId(villageId: string, requestId: string): string {
  return `matter-${villageId}--${requestId}`;
}

/** The village a matter's id names (what comes before its first double dash), or undefined when the id is not a matter's. */
export function villageOfMatter(workflowId: string): string | undefined {
  const end = workflowId.indexOf('--');
  return workflowId.startsWith('matter-') && end > 'matter-'.length && end < workflowId.length - 2 ? workflowId.slice('matter-'.length, end) : undefined;
}

/** The static summary an operator sees in the Temporal UI. */
export function majorMatterSummary(start: MajorMatterStart): string {
  const { suggestion } = start;
  return `五议两公开 Major matter · ${suggestion.title} · ${start.villageId} · ${suggestion.kind} · ¥${suggestion.estimatedAmount}`;
}
