// Fixture projects outside the repository, with kernelgl installed from the
// packed tarball the way a user installs it: `npm install ./kernelgl-*.tgz`,
// with none of the repository's environment (no PUPPETEER_* or npm_config_*).
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const REPO = join(import.meta.dirname, '..', '..');
const FIXTURES = join(import.meta.dirname, 'fixtures');

/** What `npm pack --json` says of the tarball. */
export interface Packed {
  readonly path: string;
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/** A scratch folder in the system's temp directory, where nothing of the repository's node_modules is found by walking up. */
export function scratchDir(): { readonly dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'kernelgl-consumers-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The environment of a fresh shell: the repository's npm and puppeteer settings removed. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([name]) => !/^(npm_|PUPPETEER_|KERNELGL_)/i.test(name));
  return { ...Object.fromEntries(kept), ...extra };
}

/** Runs a command; resolves with its output, or rejects with the output in the message. */
export async function sh(
  file: string,
  args: readonly string[],
  cwd: string,
  env = cleanEnv(),
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(file, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout, stderr, message } = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${message}\n${stdout ?? ''}\n${stderr ?? ''}`, { cause: error });
  }
}

/** Packs the built repository (`npm run build` first) into `dir`. */
export async function pack(dir: string): Promise<Packed> {
  const { stdout } = await sh('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], REPO);
  const [info] = JSON.parse(stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  return { path: join(dir, info!.filename), size: info!.size, unpackedSize: info!.unpackedSize, files: info!.files.map((f) => f.path) };
}

/** Copies fixture `name` into `dir` and installs the tarball (and `extra` packages) there; returns the project folder. */
export async function installFixture(name: string, dir: string, tarball: string, extra: readonly string[] = []): Promise<string> {
  const project = join(dir, name);
  cpSync(join(FIXTURES, name), project, { recursive: true });
  await sh('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...extra], project);
  return project;
}

/** A tool of the repository's own (tsc, vite, esbuild), run on a fixture project. */
export const repoBin = (path: string): string => join(REPO, 'node_modules', path);
