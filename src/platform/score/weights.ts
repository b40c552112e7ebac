/**
 * The points of the score (see `readme.md`). A posture check is worth its severity's points;
 * the image and alert controls are worth as much as a critical check.
 */
export const checkPoints: Readonly<Record<string, number>> = {
  critical: 10,
  high: 7,
  medium: 4,
  low: 1,
};

export const imageControlPoints = 10;
export const alertControlPoints = 10;

/** What one open alert takes off the alert control's points. */
export const openAlertWeight: Readonly<Record<string, number>> = {
  critical: 4,
  high: 2,
  medium: 1,
  low: 0.5,
  informational: 0,
};

/** Finding severities that make an image unhealthy while a finding of theirs is open. */
export const severeFindings: readonly string[] = ['critical', 'high'];
