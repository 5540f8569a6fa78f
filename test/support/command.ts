// The built `kernelgl` command, run as the end-to-end tests run it: a child
// process of this Node, its output collected, its exit status as a number.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const COMMAND = resolve('dist/node/src/cli/main.js');

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a Node script to its end; `env` adds to this process's environment. */
export function runScript(script: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Outcome> {
  return new Promise((done) => {
    execFile(process.execPath, [script, ...args], { cwd, env: { ...process.env, ...env }, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

/** Runs the built command in `cwd`. */
export function runCommand(args: readonly string[], cwd: string): Promise<Outcome> {
  return runScript(COMMAND, args, cwd);
}

/** Throws, saying what to do, where the command has not been built. */
export function expectBuiltCommand(): void {
  if (!existsSync(COMMAND)) throw new Error(`${COMMAND} is missing: run npm run build before the end-to-end tests.`);
}
