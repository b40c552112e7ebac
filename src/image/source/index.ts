import { transports } from './api.js';
import type { OpenOptions, ResolvedImage, Transport } from './types.js';

export type {
  LayerSource,
  OpenOptions,
  RegistryOptions,
  ResolvedImage,
  Transport,
} from './types.js';

/**
 * Picks the transport a reference names (`oci:`, `docker-archive:`, `dir:`, or skopeo's
 * `docker://`) and opens the image. Anything else is a registry reference.
 */
export function transportFor(reference: string): { transport: Transport; spec: string } {
  const colon = reference.indexOf(':');
  const prefix = colon > 0 ? reference.slice(0, colon) : '';
  if (prefix === 'docker' && reference.startsWith('docker://')) {
    return { transport: registryTransport(), spec: reference.slice('docker://'.length) };
  }
  const named = prefix === 'registry' ? undefined : transports.get(prefix);
  return named
    ? { transport: named, spec: reference.slice(colon + 1) }
    : { transport: registryTransport(), spec: reference };
}

function registryTransport(): Transport {
  const registry = transports.get('registry');
  if (!registry) {
    throw new Error('the registry transport is not registered');
  }
  return registry;
}

export function openImage(reference: string, options: OpenOptions): Promise<ResolvedImage> {
  const { transport, spec } = transportFor(reference);
  return transport.open(spec, options);
}
