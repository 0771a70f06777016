import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Prints one plain closing line ("N passed, N failed, N skipped") that any CI log reader
 * understands. Tests that never ran because their file or a hook failed are counted as
 * failed, not as skipped, and the failing files are named.
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(
    modules: readonly TestModule[],
    unhandledErrors: readonly SerializedError[] = [],
  ): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const brokenFiles: string[] = [];
    for (const module of modules) {
      const moduleBroken = module.state() === 'failed' || module.errors().length > 0;
      let moduleFailures = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') {
          passed += 1;
        } else if (state === 'failed' || (moduleBroken && state !== 'skipped')) {
          failed += 1;
          moduleFailures += 1;
        } else if (moduleBroken && test.options.mode === 'run') {
          // Skipped only because a hook or the file failed: it did not pass.
          failed += 1;
          moduleFailures += 1;
        } else {
          skipped += 1;
        }
      }
      if (moduleBroken && moduleFailures === 0) {
        failed += 1;
      }
      if (moduleBroken) {
        brokenFiles.push(module.moduleId);
      }
    }
    const errors = unhandledErrors.length > 0 ? `, ${unhandledErrors.length} unhandled errors` : '';
    process.stdout.write(
      `\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped${errors}\n`,
    );
    for (const file of brokenFiles) {
      process.stdout.write(`  failed file or hook: ${file}\n`);
    }
  }
}

export default SummaryReporter;
