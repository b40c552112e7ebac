import { cyclonedxFormat } from './cyclonedx/cyclonedx-format.js';
import { jsonFormat } from './json/json-format.js';
import { spdxFormat } from './spdx/spdx-format.js';
import { tableFormat } from './table/table-format.js';
import type { FormatId, ReportFormat } from './types.js';

/** Every report format, by id, in the order `--help` lists them. A new format is added here. */
export const reportFormats: ReadonlyMap<FormatId, ReportFormat> = new Map(
  [tableFormat, jsonFormat, cyclonedxFormat, spdxFormat].map((format) => [format.id, format])
);
