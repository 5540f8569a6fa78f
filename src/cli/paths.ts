/**
 * Where the command finds its own files. Everything resolves from this
 * module's location (dist/node/src/cli/ once built), never from the working
 * directory, so `kernelgl` works from any folder.
 */
import { fileURLToPath } from 'node:url';

const packageRoot = new URL('../../../../', import.meta.url);

/** A file of the package, by its path from the package root. */
export const packageFile = (path: string): string => fileURLToPath(new URL(path, packageRoot));

/** The page the command's GPU engine drives, built apart from the demo (`vite build -c vite.app.config.ts --mode runner`). */
export const RUNNER_DIR = packageFile('dist/runner/');

/** The runner page inside RUNNER_DIR. */
export const RUNNER_PAGE = 'src/cli/runner/index.html';

/** The photo the default run filters. */
export const DEFAULT_INPUT = packageFile('demo/samples/rocket.jpg');
