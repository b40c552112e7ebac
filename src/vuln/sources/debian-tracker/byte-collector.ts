/**
 * Gathers the bytes of one piece of text that may span several chunks, keeping references to
 * the chunks (subarrays, no copies) until the piece is complete. Past `cap` bytes it drops
 * what it holds and only counts, so a piece of any size costs at most `cap` bytes of memory
 * and the reader can still find where it ends.
 */
export class ByteCollector {
  readonly #cap: number;
  #parts: Uint8Array[] = [];
  #start = 0;
  #size = 0;
  #over = false;

  constructor(cap: number) {
    this.#cap = cap;
  }

  /** The piece starts at `index` of the chunk being read. */
  begin(index: number): void {
    this.#parts = [];
    this.#start = index;
    this.#size = 0;
    this.#over = false;
  }

  /** The chunk ends before the piece does: keep its tail, and go on from the next chunk's start. */
  carry(chunk: Uint8Array): void {
    this.#take(chunk.subarray(this.#start));
    this.#start = 0;
  }

  /**
   * The piece ends just before `end` in the chunk being read. Returns its bytes, or undefined
   * when it went over the cap (`size` still says how long it was).
   */
  finish(chunk: Uint8Array, end: number): Uint8Array | undefined {
    this.#take(chunk.subarray(this.#start, end));
    const parts = this.#parts;
    this.#parts = [];
    if (this.#over) {
      return undefined;
    }
    return parts.length === 1 && parts[0] ? parts[0] : Buffer.concat(parts, this.#size);
  }

  get cap(): number {
    return this.#cap;
  }

  /** Bytes so far, counted even past the cap. */
  get size(): number {
    return this.#size;
  }

  #take(part: Uint8Array): void {
    this.#size += part.length;
    if (this.#over) {
      return;
    }
    if (this.#size > this.#cap) {
      this.#over = true;
      this.#parts = [];
      return;
    }
    if (part.length > 0) {
      this.#parts.push(part);
    }
  }
}
