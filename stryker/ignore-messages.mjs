// Stryker ignorer: the sentences a rule writes for people are not the rule. Ignored: the detail of
// refused(code, detail), the wording ("action", "what") passed to the shared rule helpers, and the
// value of a property that holds wording. Codes, roles, steps and every condition stay mutated.
// A new helper or property that takes wording: add it here.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Callee name → index of its wording argument. */
const WORDING_ARGUMENT = { refused: 1, atStep: 2, holds: 3, reasonGiven: 1, isWorker: 2 };
/** Properties whose value is wording. */
const WORDING_PROPERTY = new Set(['meaning', 'detail']);

function isWordingArgument(path) {
  const call = path.parentPath;
  if (path.listKey !== 'arguments' || !call?.isCallExpression()) return false;
  const callee = call.node.callee;
  return callee.type === 'Identifier' && WORDING_ARGUMENT[callee.name] === path.key;
}

function isWordingProperty(path) {
  const property = path.parentPath;
  if (path.key !== 'value' || !property?.isObjectProperty()) return false;
  const key = property.node.key;
  return (key.type === 'Identifier' && WORDING_PROPERTY.has(key.name)) || (key.type === 'StringLiteral' && WORDING_PROPERTY.has(key.value));
}

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'rule-messages', {
    shouldIgnore(path) {
      return isWordingArgument(path) || isWordingProperty(path) ? 'Wording for people, not the rule' : undefined;
    },
  }),
];
