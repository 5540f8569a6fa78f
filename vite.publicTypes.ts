// The package's declarations: tsc's .d.ts output for the entries, written
// only for the files the entries' declarations reach. tsc emits one file per
// module it compiles, the GPU internals (and their twgl.js types) too; those
// are no part of the API and stay out of the package.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import ts from 'typescript';
import type { Plugin } from 'vite';

export function publicTypes(config: string, entries: readonly string[], outDir: string): Plugin {
  return {
    name: 'kernelgl:public-types',
    apply: 'build',
    closeBundle() {
      const emitted = emitDeclarations(config);
      rmSync(outDir, { recursive: true, force: true });
      for (const file of reachable(entries, emitted)) {
        mkdirSync(dirname(join(outDir, file)), { recursive: true });
        writeFileSync(join(outDir, file), emitted.get(file)!);
      }
    },
  };
}

/** Every declaration tsc makes for the project, by path relative to its rootDir. */
function emitDeclarations(config: string): Map<string, string> {
  const raw: unknown = ts.readConfigFile(config, (path) => ts.sys.readFile(path)).config;
  const parsed = ts.parseJsonConfigFileContent(raw, ts.sys, dirname(config));
  const program = ts.createProgram(parsed.fileNames, parsed.options);
  const emitted = new Map<string, string>();
  const result = program.emit(undefined, (path, text) => emitted.set(relative(parsed.options.outDir!, path), text), undefined, true);
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics];
  if (errors.length > 0)
    throw new Error(
      ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' }),
    );
  return emitted;
}

/** The declaration files that `entries` import, directly or through others. */
function reachable(entries: readonly string[], emitted: Map<string, string>): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file) || !emitted.has(file)) return;
    seen.add(file);
    for (const [, spec] of emitted.get(file)!.matchAll(/(?:from |import\()'(\.[^']+)'/g)) {
      visit(normalize(join(dirname(file), spec!.replace(/\.js$/, '.d.ts'))));
    }
  };
  entries.forEach(visit);
  return seen;
}
