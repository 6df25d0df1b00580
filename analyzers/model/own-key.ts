// Keys from the data are data: `__proto__` (a label, a tag, a column, a metric name) assigned with
// `obj[key] = value` would set the object's prototype instead, and the key would be lost (two
// series that differ only in it counted as one).

/** `target[key] = value`, with `__proto__` kept as an own key like any other. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
