import type { Artifact, Inventory } from '../../core/inventory.js';
import type { OsInfo } from '../../core/os.js';
import type { LayerRef, Package } from '../../core/package.js';
import { canonicalVulnerabilities } from './canonical-vulnerabilities.js';

/**
 * A copy of the inventory with its keys in the documented order, whatever order the scanner
 * built its objects in, so the JSON report diffs cleanly between runs and versions. Fields
 * outside the model are left out: the JSON report is the documented model and nothing else.
 */
export function canonicalInventory(inventory: Inventory): Inventory {
  return {
    schemaVersion: inventory.schemaVersion,
    tool: { name: inventory.tool.name, version: inventory.tool.version },
    createdAt: inventory.createdAt,
    artifact: canonicalArtifact(inventory.artifact),
    ...(inventory.os ? { os: canonicalOs(inventory.os) } : {}),
    packages: inventory.packages.map(canonicalPackage),
    notes: [...inventory.notes],
    ...(inventory.vulnerabilities
      ? { vulnerabilities: canonicalVulnerabilities(inventory.vulnerabilities) }
      : {}),
  };
}

function canonicalArtifact(artifact: Artifact): Artifact {
  return withoutUndefined({
    name: artifact.name,
    transport: artifact.transport,
    manifestDigest: artifact.manifestDigest,
    indexDigest: artifact.indexDigest,
    configDigest: artifact.configDigest,
    platform: artifact.platform
      ? withoutUndefined({
          os: artifact.platform.os,
          architecture: artifact.platform.architecture,
          variant: artifact.platform.variant,
        })
      : undefined,
    layers: artifact.layers.map(canonicalLayer),
    created: artifact.created,
  });
}

function canonicalOs(os: OsInfo): OsInfo {
  return withoutUndefined({
    id: os.id,
    versionId: os.versionId,
    codename: os.codename,
    prettyName: os.prettyName,
    idLike: [...os.idLike],
    distroless: os.distroless,
    source: os.source,
  });
}

function canonicalPackage(pkg: Package): Package {
  return withoutUndefined({
    type: pkg.type,
    name: pkg.name,
    version: pkg.version,
    epoch: pkg.epoch,
    arch: pkg.arch,
    source: pkg.source
      ? withoutUndefined({ name: pkg.source.name, version: pkg.source.version })
      : undefined,
    licenses: [...pkg.licenses],
    vendor: pkg.vendor,
    maintainer: pkg.maintainer,
    purl: pkg.purl,
    location: pkg.location,
    evidence: pkg.evidence,
    layer: pkg.layer ? canonicalLayer(pkg.layer) : undefined,
  });
}

function canonicalLayer(layer: LayerRef): LayerRef {
  return { index: layer.index, digest: layer.digest, diffId: layer.diffId };
}

// JSON.stringify would drop these too; dropping them here keeps the copy deep-equal to a parse.
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
