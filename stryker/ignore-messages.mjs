// Stryker ignorer: the sentences a rule writes for people are not the rule. Ignored: the detail of
// refused(code, detail), the wording ("action", "what") passed to the shared rule helpers, the
// message of an error, and the value of a property or variable that holds wording. Codes, roles, steps and every condition stay mutated.
// A new helper or property that takes wording: add it here.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Callee name → index (or indexes) of its wording arguments. */
const WORDING_ARGUMENT = { refused: 1, ruleBroken: [1, 2], atStep: 2, holds: 3, holdsAny: 3, reasonGiven: 1, isWorker: 2, Error: 0, RangeError: 0 };
/** Properties and variables whose value is wording (`zh`: a refusal's Chinese reason). */
const WORDING_NAME = new Set(['meaning', 'detail', 'reason', 'what', 'zh']);

function isWordingArgument(path) {
  const call = path.parentPath;
  if (path.listKey !== 'arguments' || !(call?.isCallExpression() || call?.isNewExpression())) return false;
  const callee = call.node.callee;
  return callee.type === 'Identifier' && [WORDING_ARGUMENT[callee.name]].flat().includes(path.key);
}

function isWordingValue(path) {
  const parent = path.parentPath;
  if (path.key === 'init' && parent?.isVariableDeclarator()) return parent.node.id.type === 'Identifier' && WORDING_NAME.has(parent.node.id.name);
  if (path.key !== 'value' || !parent?.isObjectProperty() || parent.node.shorthand) return false;
  const key = parent.node.key;
  return (key.type === 'Identifier' && WORDING_NAME.has(key.name)) || (key.type === 'StringLiteral' && WORDING_NAME.has(key.value));
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'rule-messages', {
    shouldIgnore(path) {
      return isWordingArgument(path) || isWordingValue(path) ? 'Wording for people, not the rule' : undefined;
    },
  }),
];
