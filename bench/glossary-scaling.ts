/**
 * Glossary scaling: the glossary rule's time over the same parsed articles
 * with glossaries of 100 … 50,000 entries. The matcher walks a word trie, so
 * the time should stay flat as the glossary grows.
 */
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {Glossary, compileEntries} from '../src/glossary/compile.js'
import {parseToNlcst} from '../src/parse.js'
import {collectSentences, sentenceTokens} from '../src/tokens.js'
import {glossary as glossaryRule} from '../src/plugins/glossary.js'
import {articles, glossary} from './generate.js'
import {median, type Row} from './util.js'

/** Parse articles once, as the pipeline does. */
function parseAll(texts: string[]): Array<{tree: Root; text: string}> {
  return texts.map((text, index) => {
    const file = new VFile({path: `article-${index}.md`, value: text})
    return {tree: parseToNlcst(text, file, 'markdown'), text}
  })
}

/**
 * Run the glossary rule over parsed trees; returns milliseconds and message
 * count. Sentence tokens are memoised per tree (rules share them), so a run
 * on fresh trees includes tokenising, as the pipeline's first token reader
 * pays it; `runMatcher` times the matcher alone on trees already read.
 */
function runRule(trees: Array<{tree: Root; text: string}>, compiled: Glossary): {ms: number; messages: number} {
  const transformer = (glossaryRule as unknown as (options: object) => (tree: Root, file: VFile) => void)({glossary: compiled})
  let messages = 0
  const start = performance.now()
  for (const [index, {tree, text}] of trees.entries()) {
    const file = new VFile({path: `article-${index}.md`, value: text})
    transformer(tree, file)
    messages += file.messages.length
  }
  return {ms: performance.now() - start, messages}
}

/** The matcher alone over trees whose tokens are built; milliseconds and hits. */
function runMatcher(trees: Array<{tree: Root; text: string}>, compiled: Glossary): {ms: number; messages: number} {
  const lists = trees.flatMap(({tree}) => collectSentences(tree).map((d) => sentenceTokens(d)))
  let messages = 0
  const start = performance.now()
  for (const tokens of lists) messages += compiled.find(tokens).length
  return {ms: performance.now() - start, messages}
}

/** Measure the glossary rule at each size, alternating runs. */
export function glossaryScaling(options: {articles?: number; sizes?: number[]; runs?: number} = {}): Row[] {
  const count = options.articles ?? 100
  const sizes = options.sizes ?? [100, 1000, 10_000, 50_000]
  const runs = options.runs ?? 7
  const texts = articles(count, 42)
  const trees = parseAll(texts)
  const compiled = new Map<number, Glossary>()
  const compileMs = new Map<number, number>()
  for (const size of sizes) {
    const start = performance.now()
    compiled.set(size, new Glossary(compileEntries(glossary(size))))
    compileMs.set(size, performance.now() - start)
  }
  const times = new Map<number, number[]>(sizes.map((d) => [d, []]))
  const matchTimes = new Map<number, number[]>(sizes.map((d) => [d, []]))
  const counts = new Map<number, number>()
  const matchHits = new Map<number, number>()
  // Warm up once, then alternate sizes so drift on a shared machine hits all alike.
  for (const size of sizes) runRule(trees, compiled.get(size)!)
  for (let run = 0; run < runs; run++) {
    for (const size of sizes) {
      // Fresh trees (parsed untimed): the rule tokenises, as in the pipeline.
      const fresh = parseAll(texts)
      const result = runRule(fresh, compiled.get(size)!)
      times.get(size)!.push(result.ms)
      counts.set(size, result.messages)
      // The same trees again: tokens memoised, the matcher alone (`find`:
      // `match` remembers its result per token list).
      const matched = runMatcher(fresh, compiled.get(size)!)
      matchTimes.get(size)!.push(matched.ms)
      matchHits.set(size, matched.messages)
    }
  }
  const base = median(times.get(sizes[0]!)!)
  const matchBase = median(matchTimes.get(sizes[0]!)!)
  return [
    ...sizes.map((size) => ({
      name: `glossary rule, ${count} articles, ${size.toLocaleString('en')} entries`,
      median: median(times.get(size)!),
      ratio: median(times.get(size)!) / base,
      ratioLabel: `× the ${sizes[0]!.toLocaleString('en')}-entry time`,
      extra: `compile ${Math.round(compileMs.get(size)!)} ms, ${counts.get(size)} messages`
    })),
    ...sizes.map((size) => ({
      name: `matcher alone (tokens already built), ${size.toLocaleString('en')} entries`,
      median: median(matchTimes.get(size)!),
      ratio: median(matchTimes.get(size)!) / matchBase,
      ratioLabel: `× the ${sizes[0]!.toLocaleString('en')}-entry time`,
      extra: `${matchHits.get(size)} hits (matcher only: no messages made)`
    }))
  ]
}
