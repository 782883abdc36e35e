/**
 * About how many bytes a decoded message takes as JSON, counted up to `limit` and no
 * further: strings by their length, other values by a few bytes. A message that comes
 * through a MessagePort or in process was never a string, so this walk is the cheap
 * measure the dispatcher can take of it (it stops as soon as the limit is passed).
 */
export function sizeOver(value: unknown, limit: number): number | null {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const x of v) stack.push(x);
    } else if (v && typeof v === 'object') {
      if (ArrayBuffer.isView(v)) size += v.byteLength;
      else
        for (const [k, x] of Object.entries(v)) {
          size += k.length + 4;
          stack.push(x);
        }
    } else size += 8;
    if (size > limit) return size;
  }
  return null;
}
