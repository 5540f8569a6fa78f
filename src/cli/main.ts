#!/usr/bin/env node
/**
 * `kernelgl`: filters PNG and JPEG files with kernels, medians, morphology
 * and bilateral filters on the GPU (headless Chromium) or with the CPU
 * reference, and with no arguments runs the classic demo with a GPU-vs-CPU
 * report. See USAGE in args.ts. This entry
 * parses the arguments and checks the command's own packages before the
 * run (and with it those packages) is loaded.
 */
import { DEMO_KERNELS } from '../bank.js';
import type { Filter } from '../filterSpec.js';
import { reason } from '../reason.js';
import { EXIT_FAILED, EXIT_USAGE, USAGE, parseCommand, type Command } from './args.js';
import { missingPackages, missingPackagesHelp } from './commandPackages.js';
import { resolveKernelArgs } from './kernelArgs.js';

/** Runs the command; resolves to its exit status. */
export async function main(argv: readonly string[]): Promise<number> {
  let command: Command;
  let kernels: Filter[];
  try {
    const parsed = parseCommand(argv);
    if (parsed === 'help') {
      process.stdout.write(USAGE);
      return 0;
    }
    command = parsed;
    kernels = resolveKernelArgs(command.kernels.length > 0 ? command.kernels : DEMO_KERNELS);
  } catch (error) {
    console.error(`kernelgl: ${reason(error)}`);
    return EXIT_USAGE;
  }
  const missing = missingPackages(command.engine === 'cpu' ? 'cpu' : 'gpu');
  if (missing.length > 0) {
    console.error(`kernelgl: ${missingPackagesHelp(missing)}`);
    return EXIT_USAGE;
  }
  try {
    const { run } = await import('./run.js');
    return await run(command, kernels);
  } catch (error) {
    console.error(`kernelgl: ${reason(error)}`);
    return EXIT_FAILED;
  }
}

process.exitCode = await main(process.argv.slice(2));
