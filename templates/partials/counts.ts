// Counts as readers see them: 5953 → "5,953" (the grouping Chinese portals print for read counts).
const COUNT = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return COUNT.format(n);
}
