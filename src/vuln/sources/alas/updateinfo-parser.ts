import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { describeError, InputError, isPalisadeError } from '../../../core/errors.js';
import {
  maxAttributeChars,
  maxAttributes,
  maxDepth,
  maxPackages,
  maxReferences,
  maxTextChars,
  maxTokenChars,
  maxUpdates,
} from './limits.js';
import type { RawPackage, RawReference, RawUpdate } from './raw-update.js';

type TextField = 'id' | 'title' | 'severity' | 'description';

const textFields: ReadonlySet<string> = new Set<TextField>([
  'id',
  'title',
  'severity',
  'description',
]);

/**
 * The `<update>` elements of an updateinfo.xml, in document order, from its text given a
 * piece at a time: one update is held at a time, whatever the size of the document.
 *
 * saxes never expands entities a DTD declares (it does not read DTDs at all), and a
 * `<!DOCTYPE>` is refused outright, since updateinfo.xml has none: an entity bomb cannot
 * expand. A document that is not well-formed XML throws InputError naming the file: the
 * parser cannot find its way back into the document, and how many updates were lost is
 * unknown.
 */
export async function* readUpdates(
  text: AsyncIterable<string>,
  name: string
): AsyncGenerator<RawUpdate> {
  const collector = new UpdateCollector(name);
  for await (const piece of text) {
    collector.write(piece);
    yield* collector.take();
  }
  collector.close();
  yield* collector.take();
}

class UpdateCollector {
  readonly #name: string;
  readonly #parser = new SaxesParser<{ xmlns: false; position: true }>({
    xmlns: false,
    position: true,
  });
  /** Element names from the root down to the current element. */
  readonly #path: string[] = [];
  readonly #done: RawUpdate[] = [];
  #updates = 0;
  #attributes = 0;
  #current: RawUpdate | undefined;
  #capture: { field: TextField; depth: number; parts: string[]; length: number } | undefined;
  /** Where the parser last reported something; the gap to its position is one token's size. */
  #lastEvent = 0;

  constructor(name: string) {
    this.#name = name;
    const parser = this.#parser;
    parser.on('doctype', () => {
      throw new InputError(
        `${name} declares a document type (<!DOCTYPE>), which updateinfo.xml never has; refused so that no entity it declares can be expanded`
      );
    });
    parser.on('opentagstart', () => {
      this.#attributes = 0;
      this.#mark();
    });
    parser.on('attribute', () => {
      if (++this.#attributes > maxAttributes) {
        throw this.#error(`a start tag has more than ${maxAttributes} attributes`);
      }
      this.#mark();
    });
    parser.on('opentag', (tag) => this.#open(tag));
    parser.on('closetag', () => this.#close());
    parser.on('text', (value) => this.#text(value));
    parser.on('cdata', (value) => this.#text(value));
    for (const event of ['comment', 'processinginstruction', 'xmldecl'] as const) {
      parser.on(event, () => this.#mark());
    }
  }

  write(piece: string): void {
    this.#feed(() => this.#parser.write(piece));
    if (this.#parser.position - this.#lastEvent > maxTokenChars) {
      throw this.#error(
        `a single piece of text, attribute, comment or declaration runs over ${maxTokenChars} characters`
      );
    }
  }

  close(): void {
    this.#feed(() => this.#parser.close());
  }

  /** The updates completed since the last call. */
  take(): RawUpdate[] {
    return this.#done.splice(0);
  }

  #feed(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (isPalisadeError(error)) {
        throw error;
      }
      throw new InputError(`${this.#name} is not well-formed XML: ${describeError(error)}`, {
        cause: error,
      });
    }
  }

  #error(reason: string): InputError {
    return new InputError(`${this.#name}: ${reason} (line ${this.#parser.line})`);
  }

  #mark(): void {
    this.#lastEvent = this.#parser.position;
  }

  #open(tag: SaxesTagPlain): void {
    this.#mark();
    const path = this.#path;
    path.push(tag.name);
    const depth = path.length;
    if (depth > maxDepth) {
      throw this.#error(`elements nest deeper than ${maxDepth} levels`);
    }
    if (depth === 1 && tag.name !== 'updates') {
      throw this.#error(`the root element is <${tag.name}>, not <updates>`);
    }
    if (depth === 2 && tag.name === 'update') {
      this.#startUpdate(tag);
      return;
    }
    const update = this.#current;
    if (!update || update.problem !== undefined || path[1] !== 'update') {
      return;
    }
    this.#openInUpdate(update, tag, depth);
  }

  #startUpdate(tag: SaxesTagPlain): void {
    if (++this.#updates > maxUpdates) {
      throw this.#error(`the document holds more than ${maxUpdates} updates`);
    }
    this.#current = {
      index: this.#updates,
      type: tag.attributes.type,
      status: tag.attributes.status,
      references: [],
      packages: [],
    };
  }

  #openInUpdate(update: RawUpdate, tag: SaxesTagPlain, depth: number): void {
    const parent = this.#path[depth - 2];
    if (depth === 3 && textFields.has(tag.name)) {
      this.#capture = { field: tag.name as TextField, depth, parts: [], length: 0 };
    } else if (depth === 3 && (tag.name === 'issued' || tag.name === 'updated')) {
      update[tag.name] = kept(update, tag, 'date');
    } else if (tag.name === 'reference' && parent === 'references') {
      this.#addReference(update, tag);
    } else if (tag.name === 'package' && parent === 'collection' && this.#path[2] === 'pkglist') {
      this.#addPackage(update, tag);
    }
  }

  #addReference(update: RawUpdate, tag: SaxesTagPlain): void {
    if (update.references.length >= maxReferences) {
      update.problem = `lists more than ${maxReferences} references`;
      return;
    }
    const reference: RawReference = {
      href: kept(update, tag, 'href'),
      id: kept(update, tag, 'id'),
      type: kept(update, tag, 'type'),
    };
    update.references.push(reference);
  }

  #addPackage(update: RawUpdate, tag: SaxesTagPlain): void {
    if (update.packages.length >= maxPackages) {
      update.problem = `lists more than ${maxPackages} packages`;
      return;
    }
    const item: RawPackage = {
      name: kept(update, tag, 'name'),
      epoch: kept(update, tag, 'epoch'),
      version: kept(update, tag, 'version'),
      release: kept(update, tag, 'release'),
      arch: kept(update, tag, 'arch'),
    };
    update.packages.push(item);
  }

  #text(value: string): void {
    this.#mark();
    const capture = this.#capture;
    const update = this.#current;
    if (!capture || !update || update.problem !== undefined) {
      return;
    }
    capture.length += value.length;
    if (capture.length > maxTextChars) {
      update.problem = `its <${capture.field}> is over the ${maxTextChars}-character cap`;
      this.#capture = undefined;
      return;
    }
    capture.parts.push(value);
  }

  #close(): void {
    this.#mark();
    const depth = this.#path.length;
    this.#path.pop();
    const capture = this.#capture;
    if (capture?.depth === depth) {
      this.#capture = undefined;
      if (this.#current && this.#current[capture.field] === undefined) {
        // The first occurrence counts; a repeated element is not worth an error.
        this.#current[capture.field] = capture.parts.join('').trim();
      }
    }
    if (depth === 2 && this.#current) {
      this.#done.push(this.#current);
      this.#current = undefined;
    }
  }
}

/** An attribute's value, or undefined; one over the cap marks the update as unusable. */
function kept(update: RawUpdate, tag: SaxesTagPlain, attribute: string): string | undefined {
  const value = tag.attributes[attribute];
  if (value !== undefined && value.length > maxAttributeChars) {
    update.problem ??= `the ${attribute} of a <${tag.name}> is over the ${maxAttributeChars}-character cap`;
    return undefined;
  }
  return value;
}
