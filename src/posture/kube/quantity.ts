import { InputError } from '../../core/errors.js';

/**
 * A Kubernetes CPU quantity (`2`, `3500m`, `0.5`, `1e3`, `2k`) → millicores, rounded up as the
 * API server rounds CPU to milli precision. Exact: the digits are read as integers, never as a
 * float, so `0.1` is 100 and not 100.00000000000001. Refused, as `InputError`s that quote at most
 * 32 characters: an empty or malformed quantity, a negative one, one over a million cores.
 */
const maxMillicores = 1_000_000_000n;

const decimalSuffixes: Readonly<Record<string, number>> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};

const binarySuffixes: Readonly<Record<string, bigint>> = {
  Ki: 1n << 10n,
  Mi: 1n << 20n,
  Gi: 1n << 30n,
  Ti: 1n << 40n,
  Pi: 1n << 50n,
  Ei: 1n << 60n,
};

const shape =
  /^(\+)?([0-9]+(?:\.[0-9]*)?|\.[0-9]+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]{1,3})?$/;

function refuse(text: string, why: string): InputError {
  return new InputError(`${JSON.stringify(text.slice(0, 32))} is not a CPU quantity: ${why}`);
}

export function parseCpuMillicores(text: string): number {
  if (text.startsWith('-')) {
    throw refuse(text, 'negative');
  }
  const match = shape.exec(text);
  const number = match?.[2];
  if (match === null || number === undefined) {
    throw refuse(text, 'expected a number with an optional suffix (2, 3500m, 0.5)');
  }
  const [whole = '', fraction = ''] = number.split('.');
  const digits = BigInt(`${whole}${fraction}` || '0');
  const suffix = match[3] ?? '';
  let exponent = 3 - fraction.length;
  let factor = 1n;
  if (suffix in binarySuffixes) {
    factor = binarySuffixes[suffix] ?? 1n;
  } else if (suffix.length > 1) {
    // `e3`, `E-1`: a decimal exponent (a lone `E` is exa, a suffix).
    exponent += Number(suffix.slice(1));
  } else {
    exponent += decimalSuffixes[suffix] ?? 0;
  }
  const scaled = digits * factor;
  const millis =
    exponent >= 0
      ? scaled * 10n ** BigInt(exponent)
      : (scaled + 10n ** BigInt(-exponent) - 1n) / 10n ** BigInt(-exponent);
  if (millis > maxMillicores) {
    throw refuse(text, 'more than a million cores');
  }
  return Number(millis);
}
