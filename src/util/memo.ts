/**
 * Data remembered on a short-lived object — a document's tree, a sentence,
 * a sentence's token list — for as long as that object lives.
 *
 * Not a module-level `WeakMap`: a long-lived WeakMap whose keys are a
 * document's young nodes made V8's scavenger carry every document's trees
 * into the old generation (bench/NOTES.md, section 7: on 1,000 articles
 * 300 MB promoted instead of 70, and twice the garbage-collection time). A
 * property dies with its object. Its key is a symbol, so JSON,
 * `structuredClone`, `Object.keys` and unist utilities never see it (a
 * spread copies it, which is harmless: each memo checks what it was made
 * from). Plain assignment: `Object.defineProperty` on every sentence cost
 * ten times as much.
 */

/** Remembered values of one kind, on their objects. */
export interface Memo<Key extends object, Value> {
  /** The value remembered on `key`, if any. */
  get(key: Key): Value | undefined
  /** Remember `value` on `key` (replacing what was there). */
  set(key: Key, value: Value): void
}

/** A memo kept on its keys, under a symbol named `description`. */
export function memoOn<Key extends object, Value>(description: string): Memo<Key, Value> {
  const symbol = Symbol(description)
  return {
    get(key) {
      return (key as {[symbol]?: Value})[symbol]
    },
    set(key, value) {
      ;(key as {[symbol]?: Value})[symbol] = value
    }
  }
}
