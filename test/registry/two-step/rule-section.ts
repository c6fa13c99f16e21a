// The test-only process's own section of the county's rules: declared by its contract (`rules`), gathered
// by the registry with the others, its type added to `RuleSections` below: no line outside this folder.
import type { RuleDefinition } from '../../../workflows/rules/units';

export const TWO_STEP_RULES = {
  maxNoteLength: {
    unit: 'COUNT',
    default: 100,
    min: 1,
    max: 200,
    meaning: "The supervisor's closing words on a note of the test-only process are at most this many characters (a rule of the tests only).",
  },
} as const satisfies Record<string, RuleDefinition>;

declare module '../../../workflows/rules/definitions' {
  interface RuleSections {
    twoStep: typeof TWO_STEP_RULES;
  }
}
