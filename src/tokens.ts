/**
 * A sentence as a flat list of tokens (words, punctuation, symbols, source),
 * white space dropped. Rules and the glossary matcher read this list, so a
 * phrase matches across line breaks and inline markup.
 */
import type {Sentence, SentenceContent, Root} from 'nlcst'
import type {Point} from 'unist'
import {toString} from 'nlcst-to-string'
import {fold} from './util/text.js'
import {memoOn} from './util/memo.js'

/** Kind of a token. */
export type TokenKind = 'word' | 'punctuation' | 'symbol' | 'source'

/** One token of a sentence. */
export interface Token {
  /** Token kind. */
  kind: TokenKind
  /** Text as written. */
  value: string
  /** Comparison key: folded, possessive removed. */
  key: string
  /** Possessive suffix as written (`’s`, `'`), or empty. */
  possessive: string
  /** Whether white space precedes the token. */
  spaceBefore: boolean
  /** Whether white space follows the token. */
  spaceAfter: boolean
  /** Start point (with offset). */
  start: Point
  /** End point (with offset). */
  end: Point
}

const possessiveSuffix = /(['’]s|(?<=s)['’])$/i

/** Whether a word may end in a possessive suffix (`s`, `S`, `'`, `’`). */
function mayEndPossessive(value: string): boolean {
  const last = value.charCodeAt(value.length - 1)
  return last === 0x73 || last === 0x53 || last === 0x27 || last === 0x2019
}

/** Split the possessive suffix off a word. */
export function splitPossessive(value: string): [string, string] {
  // Most words end in neither `s` nor an apostrophe: skip the pattern.
  if (!mayEndPossessive(value)) return [value, '']
  const match = possessiveSuffix.exec(value)
  if (!match || match.index === 0) return [value, '']
  return [value.slice(0, match.index), match[0]]
}

/**
 * The text of `tokens[start]` to `tokens[end]` as written, one space where
 * white space stood between two of them (a line break or several spaces
 * read as one).
 */
export function tokensText(tokens: readonly Token[], start: number, end: number): string {
  let text = ''
  for (let index = start; index <= end; index++) {
    const token = tokens[index]!
    if (index > start && token.spaceBefore) text += ' '
    text += token.value
  }
  return text
}

const tokenCache = memoOn<Sentence, {children: Sentence['children']; tokens: Token[]}>('mtlint.tokens')

/**
 * The tokens of a sentence, built once per sentence node and shared by every
 * rule that reads them (callers must not change the list or its tokens).
 * Token points are the tree's own point objects, so a sentence the editor
 * path's block cache moves keeps correct tokens.
 */
export function sentenceTokens(sentence: Sentence): Token[] {
  const cached = tokenCache.get(sentence)
  // A new children list (a tree rewritten after parsing) means new tokens.
  if (cached && cached.children === sentence.children) return cached.tokens
  const tokens = contentTokens(sentence.children)
  tokenCache.set(sentence, {children: sentence.children, tokens})
  return tokens
}

/** The tokens of sentence content. */
export function contentTokens(children: readonly SentenceContent[]): Token[] {
  const tokens: Token[] = []
  let space = false

  for (const node of children) {
    if (node.type === 'WhiteSpaceNode') {
      space = true
      const last = tokens.at(-1)
      if (last) last.spaceAfter = true
      continue
    }

    const position = node.position
    if (!position) {
      space = false
      continue
    }

    const value = textOf(node)
    const kind: TokenKind =
      node.type === 'WordNode'
        ? 'word'
        : node.type === 'PunctuationNode'
          ? 'punctuation'
          : node.type === 'SymbolNode'
            ? 'symbol'
            : 'source'
    let key = fold(value)
    let possessive = ''

    // Most words end in neither `s` nor an apostrophe: no possessive, and
    // no pair to unpack.
    if (kind === 'word' && mayEndPossessive(value)) {
      const [base, suffix] = splitPossessive(value)
      if (suffix) {
        possessive = suffix
        key = fold(base)
      }
    }

    tokens.push({
      kind,
      value,
      key,
      possessive,
      spaceBefore: space,
      spaceAfter: false,
      start: position.start,
      end: position.end
    })
    space = false
  }

  return tokens
}

/** A node's text: a word is most often one text node, read without `toString`'s walk. */
function textOf(node: SentenceContent): string {
  if ('value' in node) return node.value
  const children = node.children
  if (children.length === 1 && 'value' in children[0]!) return children[0].value
  return toString(node)
}

/** Singular candidates of a folded word (`forces` → `force`, `parties` → `party`). */
export function singulars(key: string): string[] {
  const result: string[] = []
  someSingular(key, (singular) => {
    result.push(singular)
    return false
  })
  return result
}

/**
 * Whether `test` holds for a singular candidate of a folded word, tried in
 * `singulars`' order (the glossary matcher asks this of most plural-looking
 * words, without a list per word).
 */
export function someSingular(key: string, test: (singular: string) => boolean): boolean {
  if (key.length < 4 || !key.endsWith('s') || key.endsWith('ss')) return false
  if (test(key.slice(0, -1))) return true
  if (key.endsWith('ies')) return test(key.slice(0, -3) + 'y')
  return key.endsWith('es') && test(key.slice(0, -2))
}

/** All sentence nodes in a tree, in document order. */
export function collectSentences(tree: Root): Sentence[] {
  const result: Sentence[] = []
  const walk = (node: Root | Root['children'][number]) => {
    if (node.type === 'SentenceNode') result.push(node)
    else if ('children' in node) {
      for (const child of node.children) walk(child as Root['children'][number])
    }
  }
  walk(tree)
  return result
}
