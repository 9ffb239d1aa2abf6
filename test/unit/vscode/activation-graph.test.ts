/**
 * Lazy activation, checked on the source: what `src/vscode/extension.ts` loads at activation (its
 * static, non-type-only imports, transitively) is only the activation shell, constants and
 * `vscode`. zod, the catalog, the tokenizer, the readers and the panel are behind the shell's one
 * dynamic `import('../services')`, which esbuild leaves unevaluated until first use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from '../helpers/shared';

interface Imports {
  eager: string[];
  dynamic: string[];
}

function importsOf(file: string): Imports {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const eager: string[] = [];
  const dynamic: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const allTypes =
        clause?.isTypeOnly === true ||
        (clause !== undefined && !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly));
      if (!allTypes) eager.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier) && !node.isTypeOnly) {
      eager.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0]!)) {
      dynamic.push((node.arguments[0] as ts.StringLiteral).text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { eager, dynamic };
}

function resolveLocal(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, join(base, 'index.ts'), ...(base.endsWith('.json') ? [base] : [])]) if (existsSync(c)) return c;
  throw new Error(`cannot resolve ${spec} from ${from}`);
}

/** The files (and packages) evaluated when the entry is required. */
function eagerClosure(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (f: string) => {
    if (files.has(f)) return;
    files.add(f);
    if (f.endsWith('.json')) return; // data: imports nothing
    for (const spec of importsOf(f).eager) {
      const local = resolveLocal(f, spec);
      if (local) walk(local);
      else packages.add(spec);
    }
  };
  walk(entry);
  return { files: [...files].map((f) => relative(REPO_ROOT, f)).sort(), packages: [...packages].sort() };
}

test('activation evaluates only the shell, constants and vscode', () => {
  const { files, packages } = eagerClosure(join(REPO_ROOT, 'src/vscode/extension.ts'));
  assert.deepEqual(files, ['src/shared/commands.ts', 'src/vscode/activation/lazy.ts', 'src/vscode/activation/shell.ts', 'src/vscode/extension.ts']);
  assert.deepEqual(packages, ['vscode']);
});

test('the services are one dynamic import away, and they do pull in the heavy parts (so the check above means something)', () => {
  const shell = importsOf(join(REPO_ROOT, 'src/vscode/activation/shell.ts'));
  assert.deepEqual(shell.dynamic, ['../services']);
  const { files, packages } = eagerClosure(join(REPO_ROOT, 'src/vscode/services.ts'));
  assert.ok(packages.includes('zod'));
  assert.ok(files.includes('src/core/panel/snapshot.ts'));
  // and inside the services, the catalog and the readers still load on first use
  assert.ok(!files.includes('src/core/catalog/load.ts'), 'catalog data: on first use');
  assert.ok(!files.includes('src/core/traces/readers/index.ts'), 'trace readers: on first use');
});
