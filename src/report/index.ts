import { UsageError } from '../core/errors.js';
import { reportFormats } from './api.js';
import type { FormatId, ReportFormat } from './types.js';

export type { FormatId, RenderContext, ReportFormat } from './types.js';

export function formatIds(): FormatId[] {
  return [...reportFormats.keys()];
}

/** The format the user named; an unknown name is a usage error that lists the known ones. */
export function getFormat(id: string): ReportFormat {
  const format = reportFormats.get(id as FormatId);
  if (!format) {
    throw new UsageError(
      `unknown report format ${JSON.stringify(id)}; known formats: ${formatIds().join(', ')}`
    );
  }
  return format;
}
