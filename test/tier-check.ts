// A vitest reporter for CI: every selected project (tier) must have run and passed at least one test. Vitest
// itself only fails when the whole run found no test files, so a tier whose tests all skipped (no PostgreSQL,
// no chromium) or that lost its files would otherwise pass quietly. Outside CI it only prints a summary of
// what was skipped.
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export default class TierCheck implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest) {
    this.vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
    if (!this.vitest) return;
    const counts = new Map<string, { passed: number; skipped: number }>();
    for (const project of this.vitest.projects) counts.set(project.name, { passed: 0, skipped: 0 });
    for (const module of testModules) {
      const count = counts.get(module.project.name);
      if (!count) continue;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'skipped') count.skipped++;
      }
    }
    const summary = [...counts]
      .map(([name, c]) => `${name}: ${c.passed} passed, ${c.skipped} skipped`)
      .join('; ');
    console.log(`\nTiers: ${summary}`);
    if (process.env.CI !== 'true') return;
    const empty = [...counts].filter(([, c]) => c.passed === 0).map(([name]) => name);
    if (empty.length > 0) {
      console.error(
        `\nCI: these tiers ran no passing test, and no tier may be skipped in CI: ${empty.join(', ')}`,
      );
      process.exitCode = 1;
    }
  }
}
