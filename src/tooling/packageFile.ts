/**
 * Files of the package, found from this module's location (dist/node/src/tooling/
 * once built), never from the working directory, so the command and the
 * benchmark work from any folder.
 */
import { fileURLToPath } from 'node:url';

const packageRoot = new URL('../../../../', import.meta.url);

/** A file of the package, by its path from the package root. */
export const packageFile = (path: string): string => fileURLToPath(new URL(path, packageRoot));
