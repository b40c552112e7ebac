import { getJson } from '../api.js';
import type {
  Alert,
  AlertTrend,
  Compliance,
  FleetWorkload,
  ImageRow,
  MeteringDay,
  Page,
  ScoreHistory,
  ScoreReport,
  Severity,
  SeverityCounts,
} from '../types.js';

export const alertSeverities: Severity[] = ['critical', 'high', 'medium', 'low', 'informational'];

/** The most alerts counted per severity; past it the overview says "500+". */
export const alertCountCap = 500;

export interface ScoreLoss {
  clusterId: string;
  clusterName: string;
  control: string;
  lost: number;
  unhealthy: number;
  /** For a posture control: the check's title and where the Recommendations page shows it. */
  title?: string;
  link?: string;
}

/** Where each posture check is shown: its title and a framework control that decides it. */
export function checkPlaces(
  compliance: Compliance
): Map<string, { title: string; framework: string; control: string }> {
  const places = new Map<string, { title: string; framework: string; control: string }>();
  // Defender-style recommendations first: one control a check, closest to what the score counts.
  const frameworks = [...compliance.frameworks].sort(
    (a, b) => Number(b.id === 'defender') - Number(a.id === 'defender')
  );
  for (const framework of frameworks) {
    for (const control of framework.controls) {
      for (const check of control.checks) {
        if (!places.has(check.id)) {
          places.set(check.id, {
            title: check.title,
            framework: framework.id,
            control: control.id,
          });
        }
      }
    }
  }
  return places;
}

/** The losses with their check's title and a deep link into Recommendations. */
export function placedLosses(
  losses: readonly ScoreLoss[],
  places: ReturnType<typeof checkPlaces>
): ScoreLoss[] {
  return losses.map((loss) => {
    const place = loss.control.startsWith('posture:')
      ? places.get(loss.control.slice('posture:'.length))
      : undefined;
    if (place === undefined) {
      return loss;
    }
    const query = new URLSearchParams({
      framework: place.framework,
      cluster: loss.clusterId,
      control: place.control,
    });
    return { ...loss, title: place.title, link: `/recommendations?${query.toString()}` };
  });
}

export interface Overview {
  score: ScoreReport;
  openAlerts: Record<string, number>;
  losses: ScoreLoss[];
  /** The most vulnerable running images; registry images when no workload runs a scanned one. */
  vulnerable: VulnerableImage[];
  vcores: number;
  scoreHistory: ScoreHistory['points'];
  /** One entry per day of the last 30, oldest first, days without alerts at 0. */
  alertDays: { day: string; counts: Record<string, number> }[];
}

/** Every day from `from` to `to` (`YYYY-MM-DD`), with the trend's counts or zeros. */
export function alertDaysOf(trend: AlertTrend, to: string): Overview['alertDays'] {
  const byDay = new Map(trend.days.map((entry) => [entry.day, entry.counts]));
  const days: Overview['alertDays'] = [];
  for (
    let at = new Date(`${trend.from}T00:00:00.000Z`);
    day(at) <= to && days.length < 366;
    at = new Date(at.getTime() + 24 * 60 * 60 * 1000)
  ) {
    const counts = byDay.get(day(at)) ?? {};
    days.push({
      day: day(at),
      counts: Object.fromEntries(
        alertSeverities.map((severity) => [severity, counts[severity] ?? 0])
      ),
    });
  }
  return days;
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The controls that cost the most points, across clusters: what to fix first. */
export function topLosses(score: ScoreReport, count: number): ScoreLoss[] {
  return score.clusters
    .flatMap((cluster) =>
      cluster.controls.map((control) => ({
        clusterId: cluster.clusterId,
        clusterName: cluster.name,
        control: control.id,
        lost: Math.round((control.max - control.earned) * 10) / 10,
        unhealthy: control.unhealthy,
      }))
    )
    .filter((loss) => loss.lost > 0)
    .sort((a, b) => b.lost - a.lost || a.control.localeCompare(b.control))
    .slice(0, count);
}

/** Each cluster's latest metered day in the last 31, added up. */
export function protectedVcores(days: readonly MeteringDay[]): number {
  const latest = new Map<string, MeteringDay>();
  for (const entry of days) {
    const seen = latest.get(entry.clusterId);
    if (seen === undefined || seen.day < entry.day) {
      latest.set(entry.clusterId, entry);
    }
  }
  return [...latest.values()].reduce((sum, entry) => sum + entry.vcores, 0);
}

/** An image on the overview: running ones say how many workloads run them. */
export interface VulnerableImage {
  id: string;
  repository: string;
  tags: string[];
  findings: SeverityCounts;
  /** Workloads running it; absent for registry images shown because none scanned runs. */
  workloads?: number;
}

/** The scanned images the workloads run, once each, with how many workloads run them. */
export function runningImages(workloads: readonly FleetWorkload[]): VulnerableImage[] {
  const byId = new Map<string, VulnerableImage>();
  for (const workload of workloads) {
    const seen = new Set<string>();
    for (const container of workload.images) {
      for (const image of container.scanned) {
        const entry = byId.get(image.id) ?? { ...image, workloads: 0 };
        if (!seen.has(image.id)) {
          entry.workloads = (entry.workloads ?? 0) + 1;
          seen.add(image.id);
        }
        byId.set(image.id, entry);
      }
    }
  }
  return [...byId.values()];
}

function vulnerable(image: VulnerableImage): boolean {
  return image.findings.critical + image.findings.high + image.findings.medium > 0;
}

function worse(a: VulnerableImage, b: VulnerableImage): number {
  return (
    b.findings.critical - a.findings.critical ||
    b.findings.high - a.findings.high ||
    b.findings.medium - a.findings.medium
  );
}

/** Everything the overview shows, read from the API in parallel. */
export async function loadOverview(now = new Date()): Promise<Overview> {
  const monthAgo = new Date(now.getTime() - 30 * 24 * 60 * 60 * 1000);
  const [score, counts, metering, images, history, trend, compliance, workloads] =
    await Promise.all([
      getJson<ScoreReport>('/api/v1/score'),
      Promise.all(
        alertSeverities.map(async (severity) => {
          const page = await getJson<Page<Alert>>(
            `/api/v1/alerts?status=new,in_progress&severity=${severity}&limit=${alertCountCap}`
          );
          return [severity, page.items.length] as const;
        })
      ),
      getJson<Page<MeteringDay>>(`/api/v1/metering?from=${day(monthAgo)}&to=${day(now)}`),
      getJson<Page<ImageRow>>('/api/v1/images?limit=500'),
      getJson<ScoreHistory>('/api/v1/score/history?days=30'),
      getJson<AlertTrend>('/api/v1/alerts/trend?days=30'),
      getJson<Compliance>('/api/v1/compliance'),
      getJson<Page<FleetWorkload>>('/api/v1/workloads?limit=500'),
    ]);
  const running = runningImages(workloads.items).filter(vulnerable);
  return {
    score,
    openAlerts: Object.fromEntries(counts),
    losses: placedLosses(topLosses(score, 8), checkPlaces(compliance)),
    vulnerable: (running.length > 0 ? running : images.items.filter(vulnerable))
      .sort(worse)
      .slice(0, 8),
    vcores: protectedVcores(metering.items),
    scoreHistory: history.points,
    alertDays: alertDaysOf(trend, day(now)),
  };
}
