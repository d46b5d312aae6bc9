/**
 * Benchmark inputs on disk: N generated articles in a temp folder, and one
 * generated glossary written in each tool's own format (mtlint YAML, a prh
 * dictionary, textlint-rule-terminology `terms`), with each peer's config
 * file beside them.
 */
import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {stringify} from 'yaml'
import type {GlossaryEntry} from '../src/glossary/schema.js'
import {articles, benchEntry, glossary} from './generate.js'

/** A temp root for one bench run (removed by the caller). */
export function tempRoot(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'mtlint-bench-'))
}

/** Write `count` articles (seeded) as `dir/article-0000.md` …; returns the folder. */
export function writeArticles(dir: string, count: number, words = 800, seed = 42): string {
  mkdirSync(dir, {recursive: true})
  const texts = articles(count, seed, words)
  for (const [index, text] of texts.entries()) {
    writeFileSync(path.join(dir, `article-${String(index).padStart(4, '0')}.md`), text)
  }
  return dir
}

/** Artifacts the generated articles contain, as glossary entries, so every tool has real findings to report. */
const artifacts: Array<[string, string]> = [
  ['Poutine', 'Putin'],
  ['forces of order', 'police'],
  ['right of veto', 'veto power'],
  ['Martian of order', 'law enforcement'],
  ['placed in guard in sight', 'taken into custody'],
  ['put under examination', 'charged']
]

function artifactEntries(): GlossaryEntry[] {
  return artifacts.map(([flag, preferred], index) =>
    benchEntry('bench-artifact-' + index, flag, flag, preferred, 'Benchmark entry for an artifact the generated articles contain.', index)
  )
}

/** Escape a string for a regular expression. */
function escape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Paths of the glossary in every format, and of each peer's config. */
export interface GlossaryFiles {
  /** mtlint glossary (YAML), for `--glossary`. */
  mtlint: string
  /** `.textlintrc.json` for textlint + textlint-rule-prh. */
  prhConfig: string
  /** `.textlintrc.json` for textlint + textlint-rule-terminology. */
  terminologyConfig: string
  /** Number of entries. */
  size: number
}

/**
 * Write a `size`-entry generated glossary in each tool's format into `dir`.
 *
 * - mtlint: its own YAML glossary format (one entry per concept).
 * - prh: `version: 1` with one rule per flagged phrase, `expected` the
 *   preferred form, `options.wordBoundary` so English words match as words.
 * - textlint-rule-terminology: `terms` as `[pattern, replacement]` pairs
 *   (its patterns are case-insensitive regular expressions; words joined by
 *   `\s+` so phrases match across line breaks as mtlint's do), default terms off.
 */
export function writeGlossaries(dir: string, size: number, seed = 7): GlossaryFiles {
  mkdirSync(dir, {recursive: true})
  const entries: GlossaryEntry[] = [...artifactEntries(), ...glossary(size - artifacts.length, seed)]
  const mtlint = path.join(dir, `glossary-${size}.yml`)
  writeFileSync(
    mtlint,
    stringify({
      family: 'bench',
      defaults: {category: 'terminology', severity: 'warning'},
      entries: entries.map((entry) => ({
        id: entry.id,
        source: entry.source,
        flag: entry.flag,
        preferred: entry.preferred,
        note: entry.note
      }))
    })
  )

  const prh = path.join(dir, `prh-${size}.yml`)
  writeFileSync(
    prh,
    stringify({
      version: 1,
      rules: entries.flatMap((entry) =>
        entry.flag.map((phrase) => ({expected: entry.preferred[0]!, pattern: phrase, options: {wordBoundary: true}}))
      )
    })
  )
  const prhConfig = path.join(dir, `textlintrc-prh-${size}.json`)
  writeFileSync(prhConfig, JSON.stringify({rules: {prh: {rulePaths: [prh]}}}, null, 2))

  const terms = entries.flatMap((entry) =>
    entry.flag.map((phrase) => [phrase.split(/\s+/).map(escape).join('\\s+'), entry.preferred[0]!])
  )
  const terminologyConfig = path.join(dir, `textlintrc-terminology-${size}.json`)
  writeFileSync(terminologyConfig, JSON.stringify({rules: {terminology: {defaultTerms: false, terms}}}, null, 2))

  return {mtlint, prhConfig, terminologyConfig, size}
}
