// An ESLint rule, `local/no-import-cycle`: no file may reach itself through its imports. Unlike
// `import-x/no-cycle`, which always skips type-only imports, every arrow counts here: `import type`,
// `export ... from`, `require()` and `import()` alike. Only relative specifiers are followed (packages
// cannot import the project back). Run on its own (`node scripts/lint/import-cycles.mjs`) it lists
// every circle in the tree.
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs'];

/** The file a relative specifier names, or undefined when it is a package or names nothing. */
export function resolveSpecifier(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  for (const candidate of candidates) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const cache = new Map(); // file → { mtimeMs, imports: string[] }

/** The project files `file` imports, types included. */
export function importsOf(file) {
  const mtimeMs = statSync(file).mtimeMs;
  const cached = cache.get(file);
  if (cached && cached.mtimeMs === mtimeMs) return cached.imports;
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  const imports = [...new Set(importedFiles.map((f) => resolveSpecifier(file, f.fileName)).filter((f) => f !== undefined))];
  cache.set(file, { mtimeMs, imports });
  return imports;
}

/** The strongly connected component (Tarjan) holding `start`, within what `start` reaches. */
export function componentOf(start) {
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  let found = new Set([start]);
  const visit = (root) => {
    // iterative Tarjan: the tree is deep enough to make recursion a risk
    const work = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const edges = importsOf(frame.node);
      if (frame.next < edges.length) {
        const to = edges[frame.next++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.node, Math.min(low.get(frame.node), index.get(to)));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent), low.get(frame.node)));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component = new Set();
        let member;
        do {
          member = stack.pop();
          onStack.delete(member);
          component.add(member);
        } while (member !== frame.node);
        if (component.has(start)) found = component;
      }
    }
  };
  visit(start);
  return found;
}

/** A shortest way from `from` back to `to` inside `component`, as a list of files. */
function pathWithin(component, from, to) {
  const previous = new Map([[from, undefined]]);
  const queue = [from];
  while (queue.length > 0) {
    const node = queue.shift();
    if (node === to) break;
    for (const next of importsOf(node)) {
      if (component.has(next) && !previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  const path = [];
  for (let node = to; node !== undefined; node = previous.get(node)) path.unshift(node);
  return path;
}

export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import circles, type-only imports included' },
    schema: [],
    messages: { cycle: 'Import circle: {{path}}' },
  },
  create(context) {
    const file = context.physicalFilename;
    if (!EXTENSIONS.some((e) => file.endsWith(e))) return {};
    let component;
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string') return;
      const target = resolveSpecifier(file, source.value);
      if (!target) return;
      component ??= componentOf(file);
      if (!component.has(target)) return;
      const cwd = context.cwd;
      const path = [file, ...pathWithin(component, target, file)].map((f) => relative(cwd, f)).join(' → ');
      context.report({ node, messageId: 'cycle', data: { path } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference.expression),
      TSImportType: (node) => check(node, node.argument?.literal ?? node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0]);
      },
    };
  },
};

export default { rules: { 'no-import-cycle': noImportCycle } };

// Standalone: every circle among the files named on the command line (default: git's tracked sources).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { execFileSync } = await import('node:child_process');
  const files = (
    process.argv.length > 2 ? process.argv.slice(2) : execFileSync('git', ['ls-files', '*.ts', '*.js', '*.mjs', '*.cjs'], { encoding: 'utf8' }).split('\n')
  )
    .filter(Boolean)
    .map((f) => resolve(f));
  const seen = new Set();
  let circles = 0;
  for (const file of files) {
    if (seen.has(file)) continue;
    const component = componentOf(file);
    for (const member of component) seen.add(member);
    if (component.size > 1 || importsOf(file).includes(file)) {
      circles++;
      console.log(`${component.size} files: ${[...component].map((f) => relative(process.cwd(), f)).join(', ')}`);
    }
  }
  console.log(`${circles} circle(s)`);
  process.exitCode = circles > 0 ? 1 : 0;
}
