// The bottleneck view's numbers: per region and month, the median and 90th percentile of the time from signal
// to triage, to the first referral and to placement (from the pseudonymised registrations), as pure functions.

export interface StepTimes {
  region: string;
  month: string;
  signalAt: Date;
  triageAt: Date | null;
  firstReferralAt: Date | null;
  placementAt: Date | null;
}

export interface StepSummary {
  count: number;
  medianHours: number | null;
  p90Hours: number | null;
}

export interface BottleneckRow {
  region: string;
  month: string;
  signals: number;
  triage: StepSummary;
  referral: StepSummary;
  placement: StepSummary;
}

/** Nearest-rank percentile of sorted values (p in 0..1); null for none. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}

function summarise(hours: number[]): StepSummary {
  const sorted = [...hours].sort((a, b) => a - b);
  const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  return {
    count: sorted.length,
    medianHours: round(percentile(sorted, 0.5)),
    p90Hours: round(percentile(sorted, 0.9)),
  };
}

export function bottlenecks(rows: StepTimes[]): BottleneckRow[] {
  const groups = new Map<string, StepTimes[]>();
  for (const r of rows) {
    const key = `${r.region}\u0000${r.month}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const hoursTo = (list: StepTimes[], pick: (r: StepTimes) => Date | null) =>
    list.flatMap((r) => {
      const at = pick(r);
      return at ? [(at.getTime() - r.signalAt.getTime()) / 3_600_000] : [];
    });
  return [...groups.entries()]
    .map(([key, list]) => {
      const [region, month] = key.split('\u0000') as [string, string];
      return {
        region,
        month,
        signals: list.length,
        triage: summarise(hoursTo(list, (r) => r.triageAt)),
        referral: summarise(hoursTo(list, (r) => r.firstReferralAt)),
        placement: summarise(hoursTo(list, (r) => r.placementAt)),
      };
    })
    .sort((a, b) => b.month.localeCompare(a.month) || a.region.localeCompare(b.region));
}
