/**
 * Compile glossary entries into one word trie. Matching walks the words of a
 * sentence once; at each word it follows the trie as far as the text allows,
 * so its cost depends on the text and the longest phrase, not on how many
 * entries the glossary has.
 */
import {English} from '../english.js'
import {MtlintConfigError, type Problem} from '../errors.js'
import {collectSentences, contentTokens, singulars, someSingular, tokensText, type Token} from '../tokens.js'
import {foldDiacritics, hasCapital, isAllCaps} from '../util/text.js'
import {memoOn} from '../util/memo.js'
import type {CompiledEntry, CompiledPhrase, GlossaryEntry} from './schema.js'

interface TrieNode {
  next: Map<string, TrieNode>
  ends: Array<{entry: number; phrase: number}> | undefined
}

/** A match of an entry in a token list. */
export interface Hit {
  /** The entry. */
  entry: CompiledEntry
  /** Index of the first token. */
  start: number
  /** Index of the last token (inclusive). */
  end: number
}

let sharedParser: English | undefined

// `pathAt`'s candidates (reused: a walk never nests).
const pathNodes: TrieNode[] = []
const pathEnds: number[] = []

/** A token list's hits, remembered on the list for the glossary that found them. */
const matchMemo = memoOn<readonly Token[], {glossary: Glossary; hits: Hit[]}>('mtlint.glossaryHits')

/** Tokenise a phrase the way documents are tokenised. */
export function phraseTokens(phrase: string): Token[] {
  sharedParser ??= new English()
  const tree = sharedParser.parse(phrase)
  return collectSentences(tree).flatMap((sentence) => contentTokens(sentence.children))
}

/** Compile one phrase. */
export function compilePhrase(phrase: string, mode: GlossaryEntry['case']): CompiledPhrase {
  const tokens = phraseTokens(phrase)
  return {
    keys: tokens.map((d) => d.key),
    cases: tokens.map((d) => {
      const sensitive = mode === 'sensitive' || (mode === 'auto' && hasCapital(d.value))
      return sensitive && d.kind === 'word' ? foldDiacritics(d.value.slice(0, d.value.length - d.possessive.length)) : null
    })
  }
}

/** Compile validated entries (phrases tokenised, contexts tokenised). */
export function compileEntries(entries: readonly GlossaryEntry[]): CompiledEntry[] {
  return entries.map((entry) => ({
    id: entry.id,
    source: entry.source,
    preferred: entry.preferred,
    category: entry.category,
    severity: entry.severity,
    note: entry.note,
    safe: entry.safe,
    family: entry.family,
    flag: entry.flag,
    phrases: entry.flag.map((d) => compilePhrase(d, entry.case)),
    when: entry.when.map((d) => phraseTokens(d).map((t) => t.key)),
    unless: entry.unless.map((d) => phraseTokens(d).map((t) => t.key)),
    window: entry.window,
    origin: entry.origin,
    examples: entry.examples
  }))
}

/** The continuations of a trie node that has none (shared; never written). */
const noContinuations = new Map<string, TrieNode>()

/** A compiled glossary: entries plus the trie over their phrases. */
export class Glossary {
  /** Entries, in load order. */
  readonly entries: readonly CompiledEntry[]
  /** Entries by id. */
  readonly byId: ReadonlyMap<string, CompiledEntry>
  private readonly root: TrieNode
  /** Every word that continues some phrase (second word or later). */
  private readonly inner = new Set<string>()
  /**
   * What the matcher asks of a word, memoised per word: a document's
   * vocabulary is small and repeats, while the root of a large glossary,
   * and the set of words inside phrases, are large hash tables whose
   * lookups miss the CPU cache. Bounded; cleared when full.
   */
  private readonly wordMemo = new Map<string, WordInfo>()
  /** Each entry's preferred forms as `isPreferred` compares them, made on the entry's first hit. */
  private readonly preferredForms: Array<string[] | undefined> = []
  /** How many `WordInfo` records were made (their `id`s; never reused, so a cleared memo leaves no stale answer). */
  private words = 0

  /**
   * Build from compiled entries. Later entries with an id already present
   * replace earlier ones (a newsroom's glossary overrides the pack).
   *
   * @throws {MtlintConfigError}
   *   When one phrase is listed by two entries that have no context to tell them apart.
   */
  constructor(entries: readonly CompiledEntry[]) {
    const byId = new Map<string, CompiledEntry>()
    for (const entry of entries) byId.set(entry.id, entry)
    this.entries = [...byId.values()]
    this.byId = byId
    this.root = {next: new Map(), ends: undefined}
    const problems: Problem[] = []
    const owners = new Map<TrieNode, CompiledEntry>()

    this.entries.forEach((entry, entryIndex) => {
      entry.phrases.forEach((phrase, phraseIndex) => {
        if (phrase.keys.length === 0) return
        let node = this.root
        for (const [position, key] of phrase.keys.entries()) {
          if (position > 0) this.inner.add(key)
          let child = node.next.get(key)
          if (!child) {
            child = {next: noContinuations, ends: undefined}
            // Most nodes end a phrase and continue none: they share one
            // empty map until a longer phrase passes through them (in the
            // benchmark's 50,000-entry glossary, 47,000 of its 88,000 nodes).
            if (node.next === noContinuations) node.next = new Map()
            node.next.set(key, child)
          }
          node = child
        }
        const previous = owners.get(node)
        if (
          previous &&
          previous !== entry &&
          !hasContext(previous) &&
          !hasContext(entry) &&
          folderOf(previous.origin.file) === folderOf(entry.origin.file)
        ) {
          problems.push({
            file: entry.origin.file,
            line: entry.origin.line,
            column: entry.origin.column,
            reason: `entry \`${entry.id}\`: phrase \`${phrase.keys.join(' ')}\` is already flagged by \`${previous.id}\` (${previous.origin.file}:${previous.origin.line})`
          })
        }
        owners.set(node, entry)
        // Exact-size lists: most nodes end one phrase, and `push` on an empty
        // list reserves room for seventeen.
        node.ends = node.ends ? [...node.ends, {entry: entryIndex, phrase: phraseIndex}] : [{entry: entryIndex, phrase: phraseIndex}]
      })
    })

    if (problems.length > 0) throw new MtlintConfigError(problems)
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.length
  }

  /**
   * Find entries in a sentence's tokens. Longest match wins at each start;
   * matches do not overlap. Remembered per token list (callers must not
   * change the list they get).
   */
  match(tokens: readonly Token[]): Hit[] {
    // The glossary rule and name-consistency both match each sentence's
    // (shared, unchanging) token list: match it once.
    const memo = matchMemo.get(tokens)
    if (memo && memo.glossary === this) return memo.hits
    const hits = this.find(tokens)
    matchMemo.set(tokens, {glossary: this, hits})
    return hits
  }

  /** `match` without remembering the result (the benchmarks time the matcher with it). */
  find(tokens: readonly Token[]): Hit[] {
    const hits: Hit[] = []
    let index = 0
    // Each word is asked about once, as the next word and then as the
    // first (a common word's next word was asked about twice).
    let info = this.infoAt(tokens, 0)

    while (index < tokens.length) {
      const next = this.infoAt(tokens, index + 1)
      const hit = this.longestAt(tokens, index, info, next)
      if (hit) {
        hits.push(hit)
        index = hit.end + 1
        info = this.infoAt(tokens, index)
      } else {
        index++
        info = next
      }
    }

    return hits
  }

  /** What the matcher needs to know of a word (see `WordInfo`). */
  private word(key: string): WordInfo {
    let info = this.wordMemo.get(key)
    if (info === undefined) {
      if (this.wordMemo.size >= 20_000) this.wordMemo.clear()
      const child = this.root.next.get(key) ?? null
      info = {
        child,
        ends: child !== null && child.ends !== undefined,
        singularStarts: singularIn(this.root.next, key),
        inner: this.inner.has(key) || singularIn(this.inner, key),
        id: this.words++,
        pairs: undefined
      }
      this.wordMemo.set(key, info)
    }
    return info
  }

  /** What the matcher asks of the token at `index`, if it is one the matcher reads. */
  private infoAt(tokens: readonly Token[], index: number): WordInfo | undefined {
    const token = tokens[index]
    return token === undefined || token.kind === 'source' ? undefined : this.word(token.key)
  }

  /** The longest hit from `start`, given `infoAt` of the token there and of the next one. */
  private longestAt(tokens: readonly Token[], start: number, info: WordInfo | undefined, next: WordInfo | undefined): Hit | undefined {
    const first = tokens[start]!
    // Fast path: most words start no phrase at all.
    if (info === undefined) return undefined
    const child = info.child
    // A word that may be a plural starts a phrase through its singular too;
    // when no singular starts one, it takes the fast paths below like any
    // other word (a sixth of news words end in `s`).
    if (!mayBePlural(first) || !info.singularStarts) {
      if (child === null) return undefined
      // Second fast path: the word starts only longer phrases and the next
      // word continues none (a large glossary makes most common words a
      // prefix; the walk below allocates per step). Doubled matcher time
      // from 100 to 1,000 entries, bench/NOTES.md.
      const second = tokens[start + 1]
      const continues =
        second !== undefined &&
        next !== undefined &&
        !first.possessive &&
        // A word inside no phrase continues none (most words, and no lookup
        // in this word's continuations, which are many for common words).
        next.inner &&
        continuesWith(info, child, second, next)
      if (!continues) {
        // Third: a one-word phrase and nothing longer — no walk, no lists
        // (with 50,000 entries many common words are entries themselves).
        return info.ends ? this.hitAt(tokens, start, child, start) : undefined
      }
      // Fourth: one path through the trie, while no word on it may reach
      // another through its singular (what the walk below does with lists).
      const single = this.pathAt(tokens, start, child)
      if (single !== false) return single
    }

    const candidates: Array<{node: TrieNode; end: number}> = []
    // Walk the trie; a word may also match in its singular form (`forces of
    // order` for `force of order`, `parties` for `party`), so the walk can
    // branch, but only as far as the longest phrase reaches.
    let frontier: TrieNode[] = [this.root]
    let position = start

    while (frontier.length > 0 && position < tokens.length) {
      const token: Token = tokens[position]!
      if (token.kind === 'source') break
      const next: TrieNode[] = []
      for (const node of frontier) {
        const child = node === this.root ? this.word(token.key).child : node.next.get(token.key)
        if (child) next.push(child)
        if (mayBePlural(token)) {
          for (const singular of singulars(token.key)) {
            const other = node.next.get(singular)
            if (other && !next.includes(other)) next.push(other)
          }
        }
      }
      for (const node of next) {
        if (node.ends) candidates.push({node, end: position})
      }
      // A possessive ends a phrase: `Poutine's` matches `Poutine`, not `Poutine's office…`.
      if (token.possessive) break
      frontier = next
      position++
    }

    // Longest first; among equal lengths, in trie order.
    if (candidates.length > 1) candidates.sort((a, b) => b.end - a.end)
    for (const candidate of candidates) {
      const hit = this.hitAt(tokens, start, candidate.node, candidate.end)
      if (hit) return hit
    }

    return undefined
  }

  /**
   * `longestAt` from `first` (the trie child of the word at `start`) when the
   * walk has one path: the hit, `undefined`, or `false` when a word on the
   * way could also continue through its singular (then the general walk
   * decides). Same candidates, tried in the same order, without lists.
   */
  private pathAt(tokens: readonly Token[], start: number, first: TrieNode): Hit | undefined | false {
    let count = 0
    if (first.ends) {
      pathNodes[count] = first
      pathEnds[count++] = start
    }
    let node = first
    if (!tokens[start]!.possessive) {
      for (let position = start + 1; position < tokens.length; position++) {
        const token = tokens[position]!
        if (token.kind === 'source' || !this.word(token.key).inner) break
        if (mayBePlural(token) && singularIn(node.next, token.key)) return false
        const child = node.next.get(token.key)
        if (!child) break
        if (child.ends) {
          pathNodes[count] = child
          pathEnds[count++] = position
        }
        if (token.possessive) break
        node = child
      }
    }
    // Longest first.
    for (let index = count - 1; index >= 0; index--) {
      const hit = this.hitAt(tokens, start, pathNodes[index]!, pathEnds[index]!)
      if (hit) return hit
    }
    return undefined
  }

  /**
   * Whether the text from `start` to `end` is already one of the entry's
   * preferred forms (diacritics as written, case aside: "Erdogan" is flagged
   * for "Erdoğan", "ANDREI" in a headline is not for "Andrei").
   */
  private isPreferred(tokens: readonly Token[], start: number, end: number, entryIndex: number): boolean {
    const entry = this.entries[entryIndex]!
    if (entry.preferred.length === 0) return false
    // Without the last word's possessive: `Putin's` is the form `Putin`.
    const text = tokensText(tokens, start, end)
    const actual = comparable(text.slice(0, text.length - tokens[end]!.possessive.length))
    // The entry's forms, made comparable once (on its first hit).
    const forms = (this.preferredForms[entryIndex] ??= entry.preferred.map((d) => comparable(d)))
    return forms.includes(actual)
  }

  /** The entry a phrase ending at `node` reports from `start` to `end`, if its case, form and context allow. */
  private hitAt(tokens: readonly Token[], start: number, node: TrieNode, end: number): Hit | undefined {
    // Later entries first: a project's glossary, loaded after the pack,
    // wins over the pack on the same phrase.
    const ends = node.ends!
    for (let index = ends.length - 1; index >= 0; index--) {
      const {entry: entryIndex, phrase: phraseIndex} = ends[index]!
      const entry = this.entries[entryIndex]!
      const phrase = entry.phrases[phraseIndex]!
      if (caseMatches(tokens, start, phrase) && !this.isPreferred(tokens, start, end, entryIndex) && contextAllows(tokens, start, end, entry)) {
        return {entry, start, end}
      }
    }
    return undefined
  }
}

/** The folder of a path: one pack's files (or one project's) form one layer. */
function folderOf(file: string): string {
  const index = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'))
  return index === -1 ? '' : file.slice(0, index)
}

/** What the matcher asks of a word. */
interface WordInfo {
  /** The trie node of the phrases it starts, if any. */
  child: TrieNode | null
  /**
   * Whether it is a one-word phrase itself (`child.ends`, kept here: the
   * fast path reads only this record, not the trie node, which in a large
   * glossary sits apart from the others in memory).
   */
  ends: boolean
  /** Whether, read as a plural, one of its singulars starts a phrase. */
  singularStarts: boolean
  /** Whether it, or one of its singulars, continues some phrase. */
  inner: boolean
  /** A number for this record, unique in its glossary (`continuesWith` remembers answers by it). */
  id: number
  /** `continuesWith` answers, by the next word's `id`. */
  pairs: Map<number, boolean> | undefined
}

/**
 * At most this many answers are remembered per word (~15 KB), then they are
 * forgotten and gathered again.
 */
const maxPairs = 1024

/**
 * Whether the next word (`second`, whose record is `secondInfo`) continues a
 * phrase that the word of `info` (trie node `child`) starts. The answer is
 * remembered on the first word's record, by the second's number: a trie
 * node's continuations are a hash table keyed by strings, somewhere in a
 * large glossary's heap, and a lookup there reads the table and then the
 * stored key's string to compare it — cache misses, once the parser has
 * been through the cache between two articles. The remembered answers are
 * a small table near the records, keyed by small integers (no string read).
 * With the benchmark's 50,000 entries this was two fifths of what the
 * matcher spends beyond the 100-entry time (bench/NOTES.md, section 11).
 */
function continuesWith(info: WordInfo, child: TrieNode, second: Token, secondInfo: WordInfo): boolean {
  // Only words' answers are remembered: a record is per key, and a symbol
  // with a word's key never reads as a plural (`continues`).
  if (second.kind !== 'word') return continues(child, second)
  const pairs = (info.pairs ??= new Map())
  let result = pairs.get(secondInfo.id)
  if (result === undefined) {
    if (pairs.size >= maxPairs) pairs.clear()
    result = continues(child, second)
    pairs.set(secondInfo.id, result)
  }
  return result
}

/** Whether `second`, or a singular of it, is among the continuations of `child`. */
function continues(child: TrieNode, second: Token): boolean {
  return child.next.has(second.key) || (mayBePlural(second) && singularIn(child.next, second.key))
}

/** Whether a singular of a plural-looking key is in `keys`. */
function singularIn(keys: {has(key: string): boolean}, key: string): boolean {
  return someSingular(key, (singular) => keys.has(singular))
}

/** Whether a token could be the plural of a listed word. */
function mayBePlural(token: Token): boolean {
  return token.kind === 'word' && token.key.length > 3 && token.key.charCodeAt(token.key.length - 1) === 115 /* s */
}

function hasContext(entry: CompiledEntry): boolean {
  return entry.when.length > 0 || entry.unless.length > 0
}

function caseMatches(tokens: readonly Token[], start: number, phrase: CompiledPhrase): boolean {
  for (let index = 0; index < phrase.cases.length; index++) {
    const expected = phrase.cases[index]
    if (expected === null || expected === undefined) continue
    const token = tokens[start + index]!
    const actual = foldDiacritics(token.value.slice(0, token.value.length - token.possessive.length))
    if (isAllCaps(actual)) continue
    const length = Math.min(actual.length, expected.length)
    for (let char = 0; char < length; char++) {
      const a = actual.charAt(char)
      const e = expected.charAt(char)
      if (a !== e && a.toLowerCase() === e.toLowerCase()) return false
    }
  }
  return true
}

/** A form as `isPreferred` compares it: one kind of apostrophe, single spaces, lower case. */
function comparable(value: string): string {
  return value.replace(/[\u2019\u2018]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase()
}

function contextAllows(tokens: readonly Token[], start: number, end: number, entry: CompiledEntry): boolean {
  if (entry.when.length === 0 && entry.unless.length === 0) return true
  const from = entry.window > 0 ? Math.max(0, start - entry.window) : 0
  const to = entry.window > 0 ? Math.min(tokens.length - 1, end + entry.window) : tokens.length - 1
  const near = (phrases: string[][]) => phrases.some((phrase) => occursIn(tokens, from, to, start, end, phrase))
  if (entry.when.length > 0 && !near(entry.when)) return false
  if (entry.unless.length > 0 && near(entry.unless)) return false
  return true
}

function occursIn(
  tokens: readonly Token[],
  from: number,
  to: number,
  hitStart: number,
  hitEnd: number,
  phrase: string[]
): boolean {
  if (phrase.length === 0) return false
  outer: for (let index = from; index + phrase.length - 1 <= to; index++) {
    // A context phrase may include the hit itself (`demand for asylum`), but must not be only the hit.
    if (index >= hitStart && index + phrase.length - 1 <= hitEnd) continue
    for (let offset = 0; offset < phrase.length; offset++) {
      const token = tokens[index + offset]!
      const key = phrase[offset]!
      if (token.key !== key && !singulars(token.key).includes(key)) continue outer
    }
    return true
  }
  return false
}

/** Compile and check a glossary's example sentences. */
export function checkExamples(glossary: Glossary, entries?: readonly CompiledEntry[]): Problem[] {
  const problems: Problem[] = []
  for (const entry of entries ?? glossary.entries) {
    const where = {file: entry.origin.file, line: entry.origin.line, column: entry.origin.column}
    for (const sentence of entry.examples.bad) {
      const ids = glossary.match(phraseTokens(sentence)).map((d) => d.entry.id)
      if (!ids.includes(entry.id)) {
        problems.push({...where, reason: `entry \`${entry.id}\`: bad example is not flagged: ${JSON.stringify(sentence)}${ids.length > 0 ? ' (flagged by ' + ids.join(', ') + ')' : ''}`})
      }
    }
    for (const sentence of entry.examples.good) {
      const ids = glossary.match(phraseTokens(sentence)).map((d) => d.entry.id)
      if (ids.includes(entry.id)) {
        problems.push({...where, reason: `entry \`${entry.id}\`: good example is flagged: ${JSON.stringify(sentence)}`})
      }
    }
  }
  return problems
}

/** Compile entries into a glossary, checking their examples. */
export function buildGlossary(entries: readonly GlossaryEntry[], options: {checkExamples?: boolean} = {}): Glossary {
  return checkedGlossary(compileEntries(entries), options)
}

/**
 * A glossary of compiled entries, checking their examples (for a caller
 * that keeps the compiled entries too, without compiling them twice).
 *
 * @throws {MtlintConfigError}
 */
export function checkedGlossary(compiled: readonly CompiledEntry[], options: {checkExamples?: boolean} = {}): Glossary {
  const glossary = new Glossary(compiled)
  if (options.checkExamples !== false) {
    const problems = checkExamples(glossary)
    if (problems.length > 0) throw new MtlintConfigError(problems)
  }
  return glossary
}
