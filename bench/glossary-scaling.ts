/**
 * Glossary scaling: the glossary rule's time over the same parsed articles
 * with glossaries of 100 … 50,000 entries. The matcher walks a word trie, so
 * the time should stay flat as the glossary grows. The target is read on the
 * rule alone (the strictest reading); the whole lint — every rule, the
 * built-in pack plus the generated entries — is measured beside it, for
 * what a newsroom's growing glossary costs a run.
 */
import type {Root} from 'nlcst'
import {VFile} from 'vfile'
import {Glossary, compileEntries} from '../src/glossary/compile.js'
import {parseToNlcst} from '../src/parse.js'
import {collectSentences, sentenceTokens} from '../src/tokens.js'
import {glossary as glossaryRule} from '../src/plugins/glossary.js'
import {createProcessor} from '../src/index.js'
import {resolveConfig} from '../src/node/config.js'
import {articles, glossary} from './generate.js'
import {median, type Row} from './util.js'

/** Parse one article, as the pipeline does: its tree and its file. */
function parseOne(text: string, index: number): {tree: Root; file: VFile} {
  const file = new VFile({path: `article-${index}.md`, value: text})
  return {tree: parseToNlcst(text, file, 'markdown'), file}
}

/**
 * Run the glossary rule on each article right after parsing it (untimed),
 * as the pipeline does, and sum the rule's time; returns milliseconds and
 * the message count. (Trees parsed all at once before are old by the time
 * the rule reads them; the garbage collector's cost of that varied more
 * than the sizes differ.) The rule builds the sentence tokens, as the
 * pipeline's first token reader pays it.
 */
function runRule(texts: string[], compiled: Glossary): {ms: number; messages: number} {
  const transformer = (glossaryRule as unknown as (options: object) => (tree: Root, file: VFile) => void)({glossary: compiled})
  let messages = 0
  let ms = 0
  for (const [index, text] of texts.entries()) {
    const {tree, file} = parseOne(text, index)
    const start = performance.now()
    transformer(tree, file)
    ms += performance.now() - start
    messages += file.messages.length
  }
  return {ms, messages}
}

/** The matcher alone (`find`), on each article's token lists right after they are built; milliseconds (summed) and hits. */
function runMatcher(texts: string[], compiled: Glossary): {ms: number; messages: number} {
  let messages = 0
  let ms = 0
  for (const [index, text] of texts.entries()) {
    const lists = collectSentences(parseOne(text, index).tree).map((d) => sentenceTokens(d))
    const start = performance.now()
    for (const tokens of lists) messages += compiled.find(tokens).length
    ms += performance.now() - start
  }
  return {ms, messages}
}

/** The whole lint (parse and every rule) of each article in process; milliseconds (summed) and messages. */
async function runLint(texts: string[], processor: ReturnType<typeof createProcessor>): Promise<{ms: number; messages: number}> {
  let messages = 0
  let ms = 0
  for (const [index, text] of texts.entries()) {
    const file = new VFile({path: `article-${index}.md`, value: text})
    const start = performance.now()
    await processor.run(processor.parse(file), file)
    ms += performance.now() - start
    messages += file.messages.length
  }
  return {ms, messages}
}

/** Measure the glossary rule at each size, alternating runs, and the whole lint with the pack plus each glossary. */
export async function glossaryScaling(options: {articles?: number; sizes?: number[]; runs?: number} = {}): Promise<Row[]> {
  const count = options.articles ?? 100
  const sizes = options.sizes ?? [100, 1000, 10_000, 50_000]
  const runs = options.runs ?? 15
  const texts = articles(count, 42)
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
  for (const size of sizes) runRule(texts.slice(0, 20), compiled.get(size)!)
  for (let run = 0; run < runs; run++) {
    for (const size of sizes) {
      const result = runRule(texts, compiled.get(size)!)
      times.get(size)!.push(result.ms)
      counts.set(size, result.messages)
      const matched = runMatcher(texts, compiled.get(size)!)
      matchTimes.get(size)!.push(matched.ms)
      matchHits.set(size, matched.messages)
    }
  }
  // Then the whole lint: the built-in pack with each generated glossary on
  // top, as a project's glossary file is loaded. Measured after the rule's
  // runs, not between them, so the rule's rows are taken as before (with the
  // processors' heap beside them, one run gave the rule 1.56×).
  const settings = resolveConfig({})
  const processors = new Map(sizes.map((size) => [size, createProcessor({settings: {...settings, pack: settings.pack.extend(compiled.get(size)!.entries)}})]))
  const lintTimes = new Map<number, number[]>(sizes.map((d) => [d, []]))
  const lintCounts = new Map<number, number>()
  for (const size of sizes) await runLint(texts.slice(0, 20), processors.get(size)!)
  for (let run = 0; run < Math.max(3, Math.ceil(runs / 3)); run++) {
    for (const size of sizes) {
      const linted = await runLint(texts, processors.get(size)!)
      lintTimes.get(size)!.push(linted.ms)
      lintCounts.set(size, linted.messages)
    }
  }
  const lintBase = median(lintTimes.get(sizes[0]!)!)
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
    })),
    ...sizes.map((size) => ({
      name: `whole lint (every rule), ${count} articles, pack + ${size.toLocaleString('en')} entries`,
      median: median(lintTimes.get(size)!),
      ratio: median(lintTimes.get(size)!) / lintBase,
      ratioLabel: `× the ${sizes[0]!.toLocaleString('en')}-entry time`,
      extra: `${lintCounts.get(size)} messages`
    }))
  ]
}
