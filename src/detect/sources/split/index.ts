export { decode, gunzip, type DecompressionLimit } from './decode.js';
export { defaultMaxEventBytes, Framer } from './framer.js';
export { maxNestingDepth } from './scanner.js';
export type {
  DocumentShape,
  Framed,
  FramedEvent,
  FramedProblem,
  FramerOptions,
  FramingProblemReason,
  FramingStats,
  Where,
} from './types.js';
