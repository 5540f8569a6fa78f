/** Where the command finds its own files (see packageFile: from the package, not the working directory). */
import { packageFile } from '../tooling/packageFile.js';

/** The page the command's GPU engine drives, built apart from the demo (`vite build -c vite.app.config.ts --mode runner`). */
export const RUNNER_DIR = packageFile('dist/runner/');

/** The runner page inside RUNNER_DIR. */
export const RUNNER_PAGE = 'src/cli/runner/index.html';

/** The photo the default run filters. */
export const DEFAULT_INPUT = packageFile('demo/samples/rocket.jpg');
