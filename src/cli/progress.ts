import type { ScanProgress } from '../image/scan.js';

/** A one-line progress meter on stderr, only when stderr is a terminal a person watches. */
export function createProgress(stream: NodeJS.WriteStream): {
  update: (progress: ScanProgress) => void;
  done: () => void;
} {
  if (!stream.isTTY) {
    return { update: () => undefined, done: () => undefined };
  }
  let last = 0;
  let shown = false;
  const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
  return {
    update: (progress) => {
      const now = Date.now();
      if (now - last < 100 && progress.layersDone < progress.layersTotal) {
        return;
      }
      last = now;
      shown = true;
      stream.write(
        `\r\x1b[Klayers ${progress.layersDone}/${progress.layersTotal}  ${megabytes(progress.bytes)}/${megabytes(progress.totalBytes)} MB`
      );
    },
    done: () => {
      if (shown) {
        stream.write('\r\x1b[K');
      }
    },
  };
}
