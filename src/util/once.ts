/**
 * Derived data made once per object: a processor hands the same options
 * object (and glossary) to a rule for every document, and what a rule builds
 * from them — sets, indexes, patterns — must not be rebuilt per document.
 */

/**
 * Wrap `make` so it runs once per key object (held weakly: a dropped
 * processor's options are collected with what was made from them).
 */
export function oncePer<Key extends object, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const made = new WeakMap<Key, Value>()
  return function (key) {
    let value = made.get(key)
    if (value === undefined) {
      value = make(key)
      made.set(key, value)
    }
    return value
  }
}
