/**
 * Caps on what the tracker's JSON may make us hold. The whole file is about 100 MB and is
 * never held; one source package is. The largest, `linux`, carries thousands of issues and is
 * a few MiB, so the caps sit far above real data and only stop a broken or hostile file from
 * exhausting memory.
 */

/** One source package's value (its issues), as bytes of JSON text. */
export const maxPackageBytes = 64 * 1024 * 1024;

/** One source package's name, quotes included; real names are a few dozen bytes. */
export const maxNameBytes = 4096;

/** How much of a file is read at a time. */
export const readChunkBytes = 1024 * 1024;
