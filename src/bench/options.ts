// The bench command's options, parsed and checked: corpus sizes ("10000,30000" or "10k,30k") and run counts.

/** Parses a comma-separated list of article counts; "10k" means 10,000. Throws a usage message when invalid. */
export function parseArticleCounts(text: string): number[] {
  const counts = text.split(",").map((part) => {
    const match = /^(\d+(?:\.\d+)?)(k?)$/i.exec(part.trim().replace(/_/g, ""));
    const value = match ? Math.round(Number(match[1]) * (match[2] ? 1000 : 1)) : Number.NaN;
    if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
      throw new Error(`--articles expects counts between 1 and 1000000 separated by commas (e.g. 10000,30000 or 10k,30k), received "${part}"`);
    }
    return value;
  });
  return counts;
}

/** Parses --runs: a whole number of runs per build kind, at least 1. */
export function parseRuns(text: string): number {
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > 50) throw new Error(`--runs expects a whole number from 1 to 50, received "${text}"`);
  return runs;
}
