import { UsageError } from '../core/errors.js';
import { reportFormats } from './api.js';
import type { FormatId, ReportFormat } from './types.js';

export type { FormatId, RenderContext, ReportFormat } from './types.js';

export function formatIds(): FormatId[] {
  return [...reportFormats.keys()];
}

/** Loads the format the user named; an unknown name is a usage error listing the known ones. */
export async function getFormat(id: string): Promise<ReportFormat> {
  const entry = reportFormats.get(id as FormatId);
  if (!entry) {
    throw new UsageError(
      `unknown report format ${JSON.stringify(id)}; known formats: ${formatIds().join(', ')}`
    );
  }
  return entry.load();
}
