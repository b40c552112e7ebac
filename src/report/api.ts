import type { FormatId, ReportFormat } from './types.js';

export interface FormatEntry {
  id: FormatId;
  /** Loads the format's module. Formats load on demand: the CycloneDX library alone costs a
   * noticeable part of start-up, and a run prints one format. */
  load: () => Promise<ReportFormat>;
}

/** Every report format, by id, in the order `--help` lists them. A new format is added here. */
export const reportFormats: ReadonlyMap<FormatId, FormatEntry> = new Map(
  (
    [
      { id: 'table', load: async () => (await import('./table/table-format.js')).tableFormat },
      { id: 'json', load: async () => (await import('./json/json-format.js')).jsonFormat },
      {
        id: 'cyclonedx',
        load: async () => (await import('./cyclonedx/cyclonedx-format.js')).cyclonedxFormat,
      },
      { id: 'spdx', load: async () => (await import('./spdx/spdx-format.js')).spdxFormat },
      { id: 'sarif', load: async () => (await import('./sarif/sarif-format.js')).sarifFormat },
    ] satisfies FormatEntry[]
  ).map((entry) => [entry.id, entry])
);
