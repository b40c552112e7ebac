import type { Inventory } from '../../core/inventory.js';
import type { Logger } from '../../core/logger.js';
import { toolVersion } from '../../core/version.js';
import {
  analyzers,
  createRegistryTransport,
  defaultLimits,
  scanImage,
  type RegistryTransportDependencies,
} from '../../image/index.js';
import { getFormat } from '../../report/index.js';
import type { Image, Store } from '../store/index.js';
import {
  openOptionsFor,
  registryProviders,
  type RegistryAccessOptions,
} from './registry-access.js';

export interface PullContext {
  store: Store;
  logger: Logger;
  access: RegistryAccessOptions;
  transport: RegistryTransportDependencies;
  /** Layers read at once per image. */
  layerConcurrency: number;
}

/** Pulls the image by digest with its registry's stored credentials and lists its packages. */
export async function inventoryOf(context: PullContext, image: Image): Promise<Inventory> {
  const registry = await context.store.registries.get(image.registryId);
  const { host, open } = openOptionsFor(registry, context.access);
  const transport = createRegistryTransport({ providers: registryProviders, ...context.transport });
  const resolved = await transport.open(`${host}/${image.repository}@${image.digest}`, open);
  try {
    return await scanImage(resolved, {
      analyzers: [...analyzers.values()],
      limits: defaultLimits,
      logger: context.logger,
      toolVersion,
      concurrency: context.layerConcurrency,
    });
  } finally {
    await resolved.close();
  }
}

/** The inventory as CycloneDX JSON, packages only: what is stored and matched again later. */
export async function sbomOf(inventory: Inventory): Promise<string> {
  const packagesOnly: Inventory = { ...inventory };
  delete packagesOnly.vulnerabilities;
  const cyclonedx = await getFormat('cyclonedx');
  return cyclonedx.render(packagesOnly, { color: false });
}
