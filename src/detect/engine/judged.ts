import type { AuditStage } from '../audit/event.js';

const bits: Record<AuditStage, number> = {
  RequestReceived: 1,
  ResponseStarted: 2,
  ResponseComplete: 4,
  Panic: 8,
};
/** Any of these is the stage a request is judged at: the first of them to arrive. */
const judgeable = bits.ResponseStarted | bits.ResponseComplete | bits.Panic;

export type StageVerdict = 'judge' | 'duplicate' | 'already-judged' | 'not-judged-stage';

/**
 * What has been seen of each request, by audit ID: the stages, as bits. A request is judged at
 * its first `ResponseStarted`, `ResponseComplete` or `Panic` event, whichever arrives first, so
 * reordering does not judge it twice and an exec is judged when its stream opens.
 *
 * Bounded: two generations of a map, the older dropped when the newer fills. A stage of a
 * request seen more than `capacity` requests ago is judged again; the alert book folds the
 * repeat into the same alert.
 */
export class SeenRequests {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  verdict(auditID: string, stage: AuditStage): StageVerdict {
    const bit = bits[stage];
    const known = this.current.get(auditID) ?? this.previous.get(auditID) ?? 0;
    if ((known & bit) !== 0) {
      return 'duplicate';
    }
    this.remember(auditID, known | bit);
    if ((bit & judgeable) === 0) {
      return 'not-judged-stage';
    }
    return (known & judgeable) !== 0 ? 'already-judged' : 'judge';
  }

  private remember(auditID: string, stages: number): void {
    if (!this.current.has(auditID) && this.current.size >= this.capacity) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(auditID, stages);
  }
}
