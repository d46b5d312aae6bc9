/**
 * The `sarif` reporter: SARIF 2.1.0, as GitHub code scanning and other
 * SARIF viewers read it.
 *
 * - `tool.driver.rules`: one descriptor per rule or glossary entry reported,
 *   with its help text (the entry's note, or the rule's description), its
 *   documentation URL and its configured level;
 * - `results`: level from the severity (error / warning / note), the message
 *   with its note, a region in 1-based lines and columns counted in UTF-16
 *   code units (`columnKind: utf16CodeUnits`, which is how vfile counts),
 *   plus the character offset and length, a snippet of the text found and
 *   a context region (the words around it, on its lines);
 * - `fixes` for findings marked safe: the replacement `--fix` would apply;
 * - `artifacts`: every file linted, with its score in `properties`.
 *
 * Paths are relative to the working folder, given as the `%SRCROOT%` base.
 */
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import type {VFile} from 'vfile'
import {registry} from '../processor.js'
import {packageRoot} from '../node/packs.js'
import type {RuleMeta} from '../rule.js'
import type {FileScore} from './score.js'
import {fingerprints} from './gitlab.js'
import {plainText, rangeOf, relativePath, severityOf, type Finding, type Range} from './util.js'
import type {Severity} from '../types.js'

/** SARIF levels of mtlint severities. */
const levels: Record<Severity, 'error' | 'warning' | 'note'> = {error: 'error', warning: 'warning', info: 'note'}

/** The root that artifact URIs are relative to. */
const baseId = '%SRCROOT%'

/** A SARIF message or multiformat string. */
interface Text {
  text: string
  markdown?: string
}

/** A SARIF region. */
interface Region {
  startLine: number
  startColumn: number
  endLine: number
  endColumn: number
  charOffset?: number
  charLength?: number
  snippet?: {text: string}
}

/** A SARIF artifact location. */
interface ArtifactLocation {
  uri: string
  uriBaseId?: string
  index: number
}

/** A SARIF reporting descriptor (rule). */
interface Rule {
  id: string
  name: string
  shortDescription: Text
  fullDescription: Text
  help: Text
  helpUri?: string
  defaultConfiguration: {level: string}
  properties: {category?: string; tags: string[]}
}

/** A SARIF result. */
interface Result {
  ruleId: string
  ruleIndex: number
  level: string
  message: Text
  locations: Array<{physicalLocation: {artifactLocation: ArtifactLocation; region?: Region; contextRegion?: Region}}>
  partialFingerprints: Record<string, string>
  fixes?: Array<{
    description: Text
    artifactChanges: Array<{artifactLocation: ArtifactLocation; replacements: Array<{deletedRegion: Region; insertedContent?: {text: string}}>}>
  }>
  properties: Record<string, unknown>
}

/** A SARIF log (the parts mtlint writes). */
export interface SarifLog {
  $schema: string
  version: '2.1.0'
  runs: Array<{
    tool: {driver: {name: string; version: string; semanticVersion: string; informationUri: string; rules: Rule[]}}
    originalUriBaseIds: Record<string, {uri: string}>
    artifacts: Array<{location: Omit<ArtifactLocation, 'index'>; properties: {score: FileScore}}>
    columnKind: 'utf16CodeUnits'
    results: Result[]
  }>
}

let version: string | undefined

function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as {version: string}).version
  return version
}

/** An artifact location: the relative path (each segment percent-encoded) under `%SRCROOT%`, or a `file:` URL for a file outside it. */
function artifactLocation(name: string, index: number): ArtifactLocation {
  if (path.isAbsolute(name)) return {uri: pathToFileURL(name).href, index}
  return {uri: name.split('/').map(encodeURIComponent).join('/'), uriBaseId: baseId, index}
}

/** End messages with a full stop, as SARIF viewers expect of sentences. */
function sentence(value: string): string {
  const trimmed = value.trim()
  return /[.!?…]$/.test(trimmed) ? trimmed : trimmed + '.'
}

/**
 * `putin-poutine` → `PutinPoutine`: SARIF's `name` is a Pascal-case
 * identifier. One-letter words go (`a-l-appel-de` → `AppelDe`, `conseil-d-etat`
 * → `ConseilEtat`) and the rest of each word is lower case: two capitals in a
 * row are not Pascal case to the validator (SARIF2012).
 */
function pascal(id: string): string {
  const parts = id.split(/[^A-Za-z0-9]+/).filter(Boolean)
  const words = parts.filter((d) => d.length > 1)
  const name = (words.length > 0 ? words : parts).map((d) => d[0]!.toUpperCase() + d.slice(1).toLowerCase()).join('')
  return /^[A-Z]/.test(name) ? name : 'Rule' + name
}

/** How many code units of context a result shows on each side of its region, within its lines. */
const contextSize = 80

/**
 * The context region of a result: its lines, cut to `contextSize` code units
 * on each side (a plain-text paragraph is one long line), so a viewer shows
 * the sentence around the words without the repository at hand.
 */
function contextOf(range: Range, value: string): Region | undefined {
  const {startOffset, endOffset} = range
  if (startOffset === undefined || endOffset === undefined || endOffset > value.length) return undefined
  const lineStart = value.lastIndexOf('\n', startOffset - 1) + 1
  let lineEnd = value.indexOf('\n', endOffset)
  if (lineEnd === -1) lineEnd = value.length
  if (lineEnd > lineStart && value[lineEnd - 1] === '\r') lineEnd--
  const from = Math.max(lineStart, startOffset - contextSize)
  const to = Math.max(endOffset, Math.min(lineEnd, endOffset + contextSize))
  // A context must be a proper superset of the region (SARIF1008): a finding on a whole line has none.
  if (from === startOffset && to === endOffset) return undefined
  // The cut points stay on the region's first and last lines: columns shift by as much.
  return {
    startLine: range.startLine,
    startColumn: range.startColumn - (startOffset - from),
    endLine: range.endLine,
    endColumn: range.endColumn + (to - endOffset),
    charOffset: from,
    charLength: to - from,
    snippet: {text: value.slice(from, to)}
  }
}

function regionOf(range: Range, value: string | undefined, withSnippet: boolean): Region {
  const region: Region = {startLine: range.startLine, startColumn: range.startColumn, endLine: range.endLine, endColumn: range.endColumn}
  if (range.startOffset !== undefined && range.endOffset !== undefined && range.endOffset >= range.startOffset) {
    region.charOffset = range.startOffset
    region.charLength = range.endOffset - range.startOffset
    if (withSnippet && value !== undefined) region.snippet = {text: value.slice(range.startOffset, range.endOffset)}
  }
  return region
}

function ruleDescriptor(id: string, first: Finding, metas: Map<string, RuleMeta>): Rule {
  const meta = metas.get(id)
  const url = first.url ?? undefined
  let short: string
  let full: Text
  if (meta) {
    // A rule plugin: its notes are per finding, its description is the rule's.
    short = meta.description
    full = {text: sentence(meta.description)}
  } else {
    // A glossary entry: its note is the entry's own explanation.
    const note = first.note ?? first.reason
    short = sentence(plainText(note).split(/(?<=[.!?])\s/)[0] ?? note)
    full = {text: sentence(plainText(note)), markdown: sentence(note)}
  }
  const help: Text = {
    text: full.text + (url ? ' See ' + url : ''),
    markdown: (full.markdown ?? full.text) + (url ? ` [Documentation](${url})` : '')
  }
  // A friendly Pascal-case name (SARIF2012) that must differ from the id
  // even in case (SARIF1001): `spelling` is `CheckSpelling`.
  const name = pascal(id)
  const rule: Rule = {
    id,
    name: name.toLowerCase() === id.toLowerCase() ? 'Check' + name : name,
    shortDescription: {text: sentence(short)},
    fullDescription: full,
    help,
    defaultConfiguration: {level: levels[severityOf(first)]},
    properties: {tags: ['translation', first.categoryName ?? 'other']}
  }
  if (url) rule.helpUri = url
  if (first.category) rule.properties.category = first.category
  return rule
}

/** Render files as a SARIF 2.1.0 log (scores: the same order as `files`). */
export function sarif(files: readonly VFile[], scores: readonly FileScore[], cwd?: string): string {
  const metas = new Map(registry.map((d) => [d.plugin.meta.id, d.plugin.meta]))
  const base = cwd ?? files[0]?.cwd ?? process.cwd()

  // Rules in id order, so the log is stable whatever the file order.
  const firsts = new Map<string, Finding>()
  for (const file of files) {
    for (const message of file.messages as Finding[]) {
      const id = message.ruleId ?? 'mtlint'
      if (!firsts.has(id)) firsts.set(id, message)
    }
  }
  const ids = [...firsts.keys()].sort()
  const ruleIndex = new Map(ids.map((d, index) => [d, index]))
  const rules = ids.map((id) => ruleDescriptor(id, firsts.get(id)!, metas))

  const artifacts: SarifLog['runs'][number]['artifacts'] = []
  const results: Result[] = []
  files.forEach((file, index) => {
    const name = relativePath(file, base)
    const location = artifactLocation(name, index)
    const {index: _index, ...where} = location
    artifacts.push({location: where, properties: {score: scores[index]!}})
    const value = file.value === undefined ? undefined : String(file.value)
    const prints = fingerprints(file, name)
    ;(file.messages as Finding[]).forEach((message, position) => {
      const id = message.ruleId ?? 'mtlint'
      const range = rangeOf(message)
      const physical: Result['locations'][number]['physicalLocation'] = {artifactLocation: location}
      if (range) {
        physical.region = regionOf(range, value, true)
        const context = value === undefined ? undefined : contextOf(range, value)
        if (context) physical.contextRegion = context
      }
      const note = message.note ? ' ' + sentence(message.note) : ''
      const result: Result = {
        ruleId: id,
        ruleIndex: ruleIndex.get(id)!,
        level: levels[severityOf(message)],
        message: {text: sentence(message.reason) + plainText(note), markdown: sentence(message.reason) + note},
        locations: [{physicalLocation: physical}],
        partialFingerprints: {'mtlint/v1': prints[position]!},
        properties: {}
      }
      if (message.category) result.properties['category'] = message.category
      if (message.categoryName) result.properties['categoryName'] = message.categoryName
      if (message.rule) result.properties['rule'] = message.rule
      if (message.actual !== undefined) result.properties['actual'] = message.actual
      if (message.expected && message.expected.length > 0) result.properties['expected'] = message.expected
      result.properties['articleScore'] = scores[index]!.score
      const replacement = message.expected?.[0]
      if (message.safe && replacement !== undefined && range && range.startOffset !== undefined) {
        const deleted = regionOf(range, value, false)
        const change: {deletedRegion: Region; insertedContent?: {text: string}} = {deletedRegion: deleted}
        if (replacement !== '') change.insertedContent = {text: replacement}
        const found = message.actual ?? (value === undefined ? '' : value.slice(range.startOffset, range.endOffset))
        result.fixes = [
          {
            description: {text: replacement === '' ? `Delete \`${found}\`.` : `Replace \`${found}\` with \`${replacement}\`.`},
            artifactChanges: [{artifactLocation: location, replacements: [change]}]
          }
        ]
      }
      results.push(result)
    })
  })

  const log: SarifLog = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mtlint',
            version: toolVersion(),
            semanticVersion: toolVersion(),
            informationUri: 'https://github.com/mtlint/mtlint',
            rules
          }
        },
        originalUriBaseIds: {[baseId]: {uri: pathToFileURL(base.endsWith(path.sep) ? base : base + path.sep).href}},
        artifacts,
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
  return JSON.stringify(log, null, 2) + '\n'
}
