import { transport as registry } from '../registry/transport.js';
import { transport as dir } from '../sources/dir/index.js';
import { transport as dockerArchive } from '../sources/docker-archive/index.js';
import { transport as oci } from '../sources/oci/index.js';
import type { Transport } from './types.js';

/** Every image transport, by the prefix that selects it. `registry` takes unprefixed references. */
export const transports: ReadonlyMap<string, Transport> = new Map(
  [registry, oci, dockerArchive, dir].map((transport) => [transport.id, transport])
);
