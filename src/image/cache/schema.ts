import { z } from 'zod';
import { languagePackageTypes, osPackageTypes } from '../../core/package.js';

const PackageRecord = z.object({
  type: z.enum([...osPackageTypes, ...languagePackageTypes]),
  name: z.string(),
  version: z.string(),
  epoch: z.number().int().optional(),
  arch: z.string().optional(),
  source: z.object({ name: z.string(), version: z.string().optional() }).optional(),
  licenses: z.array(z.string()),
  vendor: z.string().optional(),
  maintainer: z.string().optional(),
});

const OsInfo = z.object({
  id: z.string(),
  versionId: z.string().optional(),
  codename: z.string().optional(),
  prettyName: z.string().optional(),
  idLike: z.array(z.string()),
  distroless: z.boolean(),
  source: z.string(),
});

const FileFinding = z.object({
  analyzer: z.string(),
  result: z.object({
    packages: z.array(PackageRecord).optional(),
    os: z.object({ info: OsInfo, rank: z.number() }).optional(),
    licenses: z.object({ package: z.string(), names: z.array(z.string()) }).optional(),
    notes: z.array(z.string()).optional(),
  }),
});

/** A cached layer analysis as written by `DirectoryLayerCache`; anything else is a miss. */
export const CachedLayer = z.object({
  key: z.string(),
  analysis: z.object({
    whiteouts: z.array(z.string()),
    opaqueDirs: z.array(z.string()),
    shadowed: z.array(z.string()),
    files: z.record(z.string(), z.array(FileFinding)),
    notes: z.array(z.string()),
    entries: z.number(),
    bytes: z.number(),
  }),
});
