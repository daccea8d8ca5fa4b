const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Items by value descending, keeping their given order among equal values (+0 and -0 are equal), as a stable
 * `sort((a, b) => value[b] - value[a])` orders them, or null when a value is NaN (a compare of NaN is no order:
 * callers keep their own compare for that case).
 *
 * A least-significant-digit radix sort on the values' bits, six passes of 11 bits: sorting the ~12k parties of a
 * 100k book through a JavaScript compare costs ~150k calls per table, most of a warm aggregates call.
 */
export function orderByValueDesc(items: ArrayLike<number>, value: ArrayLike<number>): Int32Array | null {
  const n = items.length;
  const bits = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const v = value[items[j]!]!;
    if (v !== v) return null;
    bits[j] = v + 0; // -0 + 0 is +0: equal values, equal bits
  }
  const words = new Uint32Array(bits.buffer);
  const lo = LITTLE_ENDIAN ? 0 : 1;
  const hi = 1 - lo;
  // Descending keys as two unsigned words: a positive value has every bit but the sign flipped (bigger value,
  // smaller key); a negative one keeps its bits (sign set: after every positive, more negative later).
  for (let j = 0; j < n; j++) {
    const h = words[2 * j + hi]!;
    if (h >>> 31 === 0) {
      words[2 * j + hi] = h ^ 0x7fffffff;
      words[2 * j + lo] = ~words[2 * j + lo]! >>> 0;
    }
  }
  let order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  let next = new Int32Array(n);
  const counts = new Int32Array(1 << 11);
  // Six stable passes, low digit first: 11, 11 and 10 bits of the low word, then of the high word.
  for (let pass = 0; pass < 6; pass++) {
    const word = pass < 3 ? lo : hi;
    const shift = (pass % 3) * 11;
    const mask = pass % 3 === 2 ? 0x3ff : 0x7ff;
    counts.fill(0);
    for (let j = 0; j < n; j++) counts[(words[2 * j + word]! >>> shift) & mask]++;
    // A digit every key shares moves nothing.
    if (n === 0 || counts[(words[word]! >>> shift) & mask] === n) continue;
    let at = 0;
    for (let d = 0; d <= mask; d++) {
      const c = counts[d]!;
      counts[d] = at;
      at += c;
    }
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      next[counts[(words[2 * j + word]! >>> shift) & mask]!++] = j;
    }
    [order, next] = [next, order];
  }
  for (let k = 0; k < n; k++) order[k] = items[order[k]!]!;
  return order;
}
