// The units a county rule comes in: what a rule section (workflows/rules/definitions.ts, or a
// process's own workflows/<process>/rule-section.ts) declares each rule as.

interface Described {
  /** What the rule decides, and where the spec states it. */
  meaning: string;
  /**
   * For a period (working days, a calendar duration, or a weekday CHOICE for a weekly rhythm): the
   * name under which the deadline helper computes it and a test or demo may shorten it for one instance.
   */
  period?: string;
}

/** A rule, by unit. Numbers and durations have a lower and an upper bound; a choice its options; a list its options and length. */
export type RuleDefinition = Described &
  (
    | { unit: 'WORKING_DAYS' | 'COUNT' | 'RATIO'; default: number; min: number; max: number }
    | { unit: 'CALENDAR_DURATION'; default: string; min: string; max: string }
    | { unit: 'FLAG'; default: boolean }
    | { unit: 'CHOICE'; default: string; options: readonly string[] }
    | { unit: 'LIST'; default: readonly string[]; options: readonly string[]; maxItems: number }
    | { unit: 'QUOTAS'; default: Readonly<Record<string, number>>; min: number; max: number; maxItems: number }
  );

/** The days of the week, as a weekly rule names them. */
export const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
