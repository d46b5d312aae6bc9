/**
 * parse-english with a faster tokenizer: the same tokens, the same
 * positions, the same plugins.
 *
 * `ParseLatin#tokenize` classifies every character with up to three Unicode
 * regular expressions, one call each on a one-character string. On news text
 * that loop was a third of turning a document into nlcst (bench/NOTES.md,
 * section 8). Here the class of each character is asked of parse-english's
 * own `tokenize` once per distinct character and remembered (ASCII in a
 * table), so the classes cannot drift from the library's; the loop that
 * groups characters into tokens is the library's, statement for statement.
 * `tests/english.test.ts` compares whole trees with parse-english's on the
 * corpora and on generated text.
 *
 * The Markdown bridge (mdast-util-to-nlcst) overwrites every position
 * `tokenize` gives with one in the document, so `BridgeEnglish` gives it
 * tokens without positions: 0.10 ms less per news article, a fifth of the
 * conversion (bench/NOTES.md, section 9).
 *
 * One paragraph plugin is replaced too: parse-latin's
 * `breakImplicitSentences` splits the text of every white-space node of
 * every sentence into lines to count them, which was 8% of all the memory a
 * lint allocates (mdast-util-to-nlcst runs it over a whole document at
 * once). The replacement counts line breaks in place and otherwise does what
 * the original does, step for step. The original is found by what it does
 * (it alone splits a probe paragraph at a blank line); if no single plugin
 * does, the list is left as it is.
 */
import type {Paragraph, Sentence, SentenceContent} from 'nlcst'
import type {Point} from 'unist'
import {ParseEnglish} from 'parse-english'

/** Character classes, as the token types parse-latin gives them. */
const word = 1
const punctuation = 2
const symbol = 3
const whiteSpace = 4

const typeNames = ['', 'WordNode', 'PunctuationNode', 'SymbolNode', 'WhiteSpaceNode'] as const

const classOfType: Record<string, number> = {
  WordNode: word,
  PunctuationNode: punctuation,
  SymbolNode: symbol,
  WhiteSpaceNode: whiteSpace
}

/** The library's own tokenizer, asked about single characters. */
const reference = new ParseEnglish()

/** Classes of the ASCII characters (0 = not looked up yet). */
const ascii = new Uint8Array(128)
/** Classes of other UTF-16 code units seen so far (bounded by the 2¹⁶ code units). */
const others = new Map<number, number>()

/** The class parse-latin gives the code unit `code`. */
function classOf(code: number): number {
  if (code < 128) {
    const known = ascii[code]!
    if (known !== 0) return known
    const found = lookUp(code)
    ascii[code] = found
    return found
  }
  let found = others.get(code)
  if (found === undefined) {
    found = lookUp(code)
    others.set(code, found)
  }
  return found
}

/** Ask parse-latin's own tokenizer which class it puts a code unit in. */
function lookUp(code: number): number {
  const tokens = ParseEnglish.prototype.tokenize.call(reference, String.fromCharCode(code))
  return classOfType[tokens[0]!.type]!
}

/**
 * Break a sentence at white space holding more than one line break (a
 * blank line), as parse-latin's `breakImplicitSentences` does, without
 * cutting the white space into lines. Ported from parse-latin 7
 * (`lib/plugin/break-implicit-sentences.js`, MIT, © Titus Wormer).
 */
function breakImplicitSentences(paragraph: Paragraph): void {
  const siblings = paragraph.children
  for (let index = 0; index < siblings.length; index++) {
    const child = siblings[index]!
    if (child.type !== 'SentenceNode') continue
    const children = child.children
    // The first and last child never break a sentence.
    for (let position = 1; position < children.length - 1; position++) {
      const node = children[position]!
      if (node.type !== 'WhiteSpaceNode' || !hasBlankLine(node.value)) continue

      child.children = children.slice(0, position)
      const insertion: Sentence = {type: 'SentenceNode', children: children.slice(position + 1)}
      const tail = children[position - 1]!
      const head = children[position + 1]!
      siblings.splice(index + 1, 0, node, insertion)
      if (child.position && tail.position && head.position) {
        const end = child.position.end
        child.position.end = tail.position.end
        insertion.position = {start: head.position.start, end}
      }
      // Go on with the white space (skipped) and then the new sentence.
      break
    }
  }
}

/** Whether white space holds two line breaks or more (`\r\n` is one). */
function hasBlankLine(value: string): boolean {
  let breaks = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 13) {
      if (value.charCodeAt(index + 1) === 10) index++
    } else if (code !== 10) continue
    if (++breaks === 2) return true
  }
  return false
}

/**
 * parse-english's paragraph plugins with `breakImplicitSentences` in place
 * of parse-latin's: the one plugin that splits a probe paragraph (`a`, a
 * blank line, `b`) into two sentences.
 */
function paragraphPlugins(): Array<(node: Paragraph) => void> {
  const plugins = [...ParseEnglish.prototype.tokenizeParagraphPlugins]
  const splitters = plugins.flatMap((plugin, index) => {
    const probe: Paragraph = {
      type: 'ParagraphNode',
      children: [
        {
          type: 'SentenceNode',
          children: [
            {type: 'WordNode', children: [{type: 'TextNode', value: 'a'}]},
            {type: 'WhiteSpaceNode', value: '\n\n'},
            {type: 'WordNode', children: [{type: 'TextNode', value: 'b'}]}
          ]
        }
      ]
    }
    try {
      plugin(probe)
    } catch {
      return []
    }
    const types = probe.children.map((d) => d.type).join(' ')
    return types === 'SentenceNode WhiteSpaceNode SentenceNode' ? [index] : []
  })
  if (splitters.length === 1) plugins[splitters[0]!] = breakImplicitSentences
  return plugins
}

const englishParagraphPlugins = paragraphPlugins()

/** Whether `breakImplicitSentences` replaced parse-latin's (the tests check it did). */
export const replacedBreakImplicitSentences = englishParagraphPlugins.includes(breakImplicitSentences)

/** parse-english, with a table-driven `tokenize` and a `breakImplicitSentences` that allocates nothing. */
export class English extends ParseEnglish {
  /**
   * Split `value` into words, white space, punctuation and symbols, exactly
   * as `ParseLatin#tokenize` does (positions relative to `value`).
   */
  override tokenize(value: string | null | undefined): SentenceContent[] {
    return tokenize(value, true)
  }
}

/**
 * `English` for the Markdown bridge (mdast-util-to-nlcst): it gives every
 * token a position of its own in the document right after `tokenize`, so
 * its tokens come without one (the `position` field is there, `undefined`,
 * so that setting it later does not change the object's shape). The HTML
 * bridge keeps `English`: hast-util-to-nlcst leaves the tokens of a text
 * node without a position as `tokenize` made them.
 */
export class BridgeEnglish extends English {
  override tokenize(value: string | null | undefined): SentenceContent[] {
    return tokenize(value, false)
  }
}

/** The tokens of `value`, with positions relative to it or none. */
function tokenize(value: string | null | undefined, positions: boolean): SentenceContent[] {
  const children: SentenceContent[] = []
  if (!value) return children

  let line = 1
  let column = 1
  let offset = 0
  let from = 0
  let index = 0
  let start: Point | undefined = positions ? {line, column, offset} : undefined
  let previousType = 0
  let previous = -1

  while (index < value.length) {
    const code = value.charCodeAt(index)
    const currentType = classOf(code)

    if (
      from < index &&
      previousType !== 0 &&
      !(
        previousType === currentType &&
        // Words and white space continue; so does the same character of
        // punctuation or symbol, and any surrogate.
        (previousType === word || previousType === whiteSpace || code === previous || (code >= 0xd800 && code <= 0xdfff))
      )
    ) {
      if (positions) {
        children.push(createNode(previousType, value.slice(from, index), start!, {line, column, offset}))
        start = {line, column, offset}
      } else children.push(createBareNode(previousType, value.slice(from, index)))
      from = index
    }

    if (positions) {
      if (code === 13 || (code === 10 && previous !== 13)) {
        line++
        column = 1
      } else if (code !== 10) {
        column++
      }
      offset++
    }

    previousType = currentType
    previous = code
    index++
  }

  if (previousType !== 0 && from < index) {
    children.push(
      positions ? createNode(previousType, value.slice(from, index), start!, {line, column, offset}) : createBareNode(previousType, value.slice(from, index))
    )
  }

  return children
}

/** A token; a word's start point is shared with its text, as parse-latin does. */
function createNode(type: number, value: string, start: Point, end: Point): SentenceContent {
  if (type === word) {
    return {
      type: 'WordNode',
      children: [{type: 'TextNode', value, position: {start, end}}],
      position: {start, end: {line: end.line, column: end.column, offset: end.offset!}}
    }
  }
  return {type: typeNames[type] as 'PunctuationNode', value, position: {start, end}}
}

/** A token without a position (the Markdown bridge sets one). */
function createBareNode(type: number, value: string): SentenceContent {
  if (type === word) {
    return {type: 'WordNode', children: [{type: 'TextNode', value, position: undefined}], position: undefined}
  }
  return {type: typeNames[type] as 'PunctuationNode', value, position: undefined}
}

English.prototype.tokenizeParagraphPlugins = englishParagraphPlugins
