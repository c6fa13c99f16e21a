// Stryker ignorer: the sentences a rule writes for people are not the rule. Ignored: the detail of
// refused(code, detail) and the wording ("action", "what") passed to the shared rule helpers. Codes,
// roles, steps and every condition stay mutated. A new helper that takes wording: add it here.
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

/** Callee name → index of its wording argument. */
const WORDING_ARGUMENT = { refused: 1, atStep: 2, holds: 3, reasonGiven: 1, isWorker: 2 };

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'rule-messages', {
    shouldIgnore(path) {
      const call = path.parentPath;
      if (path.listKey !== 'arguments' || !call?.isCallExpression()) return undefined;
      const callee = call.node.callee;
      if (callee.type !== 'Identifier' || WORDING_ARGUMENT[callee.name] !== path.key) return undefined;
      return `wording of ${callee.name}(), for people, not the rule`;
    },
  }),
];
