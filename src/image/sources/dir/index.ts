import { resolve } from 'node:path';
import { UsageError } from '../../../core/errors.js';
import type { Transport } from '../../source/types.js';

/** `dir:ROOTFS`: an unpacked root filesystem, walked as one layer with no digests. */
export const transport: Transport = {
  id: 'dir',
  description: 'an unpacked root filesystem directory: dir:/path/to/rootfs',
  open: (spec) => {
    if (spec === '') {
      return Promise.reject(new UsageError('dir: needs a path, like dir:/path/to/rootfs'));
    }
    const rootfs = resolve(spec);
    return Promise.resolve({
      name: `dir:${rootfs}`,
      transport: 'dir',
      layers: [],
      rootfs,
      close: () => Promise.resolve(),
    });
  },
};
