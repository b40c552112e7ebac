/**
 * A first-in first-out queue of fixed capacity on a ring, so taking from the front costs the
 * same at 10 events or 10,000. It never grows: the caller checks `free` before adding.
 */
export class BoundedQueue<T> {
  private readonly slots: (T | undefined)[];
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.slots = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  get free(): number {
    return this.capacity - this.count;
  }

  /** Adds all of `items` or, when they do not all fit, none of them. */
  pushAll(items: readonly T[]): boolean {
    if (items.length > this.free) {
      return false;
    }
    for (const item of items) {
      this.slots[(this.head + this.count) % this.capacity] = item;
      this.count++;
    }
    return true;
  }

  shift(): T | undefined {
    if (this.count === 0) {
      return undefined;
    }
    const item = this.slots[this.head];
    this.slots[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return item;
  }
}
