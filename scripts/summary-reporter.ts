import type { Reporter, TestModule } from 'vitest/node';

/** Prints one plain closing line ("N passed, N failed, N skipped") that any CI log reader understands. */
export class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') {
          passed += 1;
        } else if (state === 'failed') {
          failed += 1;
        } else {
          skipped += 1;
        }
      }
    }
    process.stdout.write(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

export default SummaryReporter;
