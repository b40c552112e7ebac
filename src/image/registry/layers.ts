import type { Readable } from 'node:stream';
import { NotFoundError } from '../../core/errors.js';
import type { Descriptor } from '../oci/schema.js';
import type { RegistryClient } from './client.js';

/**
 * A layer's blob. Foreign (non-distributable) layers may list `urls`; registries often hold
 * them anyway, so the registry is asked first and the URLs only when it has no such blob.
 */
export async function openLayer(client: RegistryClient, layer: Descriptor): Promise<Readable> {
  try {
    return await client.openBlob(layer.digest, 'layer');
  } catch (error) {
    if (!(error instanceof NotFoundError) || !layer.urls?.length) {
      throw error;
    }
    for (const url of layer.urls) {
      const body = await client.openUrl(url);
      if (body !== undefined) {
        return body;
      }
    }
    throw error;
  }
}
