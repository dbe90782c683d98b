// Safety checks on a plan, run before the first request that changes anything: an empty build, a build
// much smaller than what is live (by a count and by a ratio), or more deletes than allowed, stop the
// publish. Each message says what was found and which option lets a deliberate change through.
import type { Plan } from "./plan.ts";

export interface GuardLimits {
  maxDeletes: number;
  maxShrinkFiles: number;
  maxShrinkRatio: number;
}

/** Why the plan must not be carried out; empty when it may. */
export function checkGuards(plan: Pick<Plan, "localFiles" | "remoteObjects" | "deletes">, limits: GuardLimits): string[] {
  if (plan.localFiles === 0) {
    return [
      `the build is empty (0 files) while the bucket holds ${plan.remoteObjects} object(s); refusing to publish, nothing was changed`,
    ];
  }
  const failures: string[] = [];
  const shrink = plan.remoteObjects - plan.localFiles;
  if (shrink > 0 && shrink > limits.maxShrinkFiles) {
    failures.push(
      `the build has ${plan.localFiles} files, ${shrink} fewer than the ${plan.remoteObjects} published (limit ${limits.maxShrinkFiles}); ` +
        `if that is intended, pass --max-shrink-files ${shrink}`,
    );
  }
  if (shrink > 0 && plan.remoteObjects > 0 && shrink / plan.remoteObjects > limits.maxShrinkRatio) {
    const ratio = shrink / plan.remoteObjects;
    failures.push(
      `the build has ${formatPercent(ratio)} fewer files than published (${plan.localFiles} instead of ${plan.remoteObjects}; limit ${formatPercent(limits.maxShrinkRatio)}); ` +
        `if that is intended, pass --max-shrink-ratio ${Math.ceil(ratio * 100) / 100}`,
    );
  }
  if (plan.deletes.length > limits.maxDeletes) {
    failures.push(
      `the plan deletes ${plan.deletes.length} objects (limit ${limits.maxDeletes}); if that is intended, pass --max-deletes ${plan.deletes.length}`,
    );
  }
  return failures;
}

function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
