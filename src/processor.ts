/**
 * The one processor factory: document type + settings → a unified processor.
 * The CLI, the language server, the library, the evaluation and the
 * benchmarks all build their pipeline here.
 */
import type {Root} from 'nlcst'
import type {Processor} from 'unified'
import {unified} from 'unified'
import {mtlintParse} from './parse.js'
import {BlockCache} from './blocks.js'
import {mtlintMessageControl} from './control.js'
import type {Pack} from './pack.js'
import {glossary} from './plugins/glossary.js'
import {nameConsistency} from './plugins/name-consistency.js'
import {untranslated} from './plugins/untranslated.js'
import {boilerplate} from './plugins/boilerplate.js'
import {quoteInversion} from './plugins/quote-inversion.js'
import {spelling} from './plugins/spelling.js'
import {numberFormat} from './plugins/number-format.js'
import {sourceTypography} from './plugins/source-typography.js'
import type {RulePlugin, BaseRuleOptions} from './rule.js'
import type {DocumentType, RuleSetting, Severity} from './types.js'

/** Settings of the pipeline (what `.mtlintrc` resolves to). */
export interface Settings {
  /** Force a document type (default: from the file extension). */
  type?: DocumentType | undefined
  /** The language pack (with the project's glossaries merged in). */
  pack: Pack
  /** Per rule: `off`, a severity, or `true`/`false`. */
  rules?: Record<string, RuleSetting> | undefined
  /** Per glossary entry or family: `off` or a severity. */
  entries?: Record<string, RuleSetting> | undefined
  /** Options passed to individual rules, by rule id. */
  ruleOptions?: Record<string, Record<string, unknown>> | undefined
  /** Extra correct words (names, jargon) for the spelling and consistency rules. */
  words?: string[] | undefined
  /** Parse block by block through a cache kept by this processor (the editor path). */
  incremental?: boolean | undefined
}

/** A rule and how to build its options from the settings. */
export interface RuleRegistration {
  /** The plugin. */
  plugin: RulePlugin<BaseRuleOptions>
  /** Whether the rule is on when the settings do not say (default: true). */
  defaultOn?: boolean
  /** Options for the rule, from the settings. */
  options(settings: Settings): Record<string, unknown>
}

/** Every rule mtlint knows, in the order they run. */
export const registry: RuleRegistration[] = [
  {
    plugin: glossary as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({glossary: settings.pack.glossary, entries: settings.entries})
  },
  {
    plugin: sourceTypography as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({...settings.pack.ruleData<Record<string, unknown>>('source-typography')})
  },
  {
    plugin: numberFormat as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({...settings.pack.ruleData<Record<string, unknown>>('number-format')})
  },
  {
    plugin: nameConsistency as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({
      ...settings.pack.ruleData<Record<string, unknown>>('name-consistency'),
      glossary: settings.pack.glossary,
      words: settings.words
    })
  },
  {
    plugin: quoteInversion as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({...settings.pack.ruleData<Record<string, unknown>>('quote-inversion')})
  },
  // Boilerplate before untranslated: a scraped block left in French is
  // reported once, as boilerplate.
  {
    plugin: boilerplate as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({...settings.pack.ruleData<Record<string, unknown>>('boilerplate'), glossary: settings.pack.glossary})
  },
  {
    plugin: untranslated as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({...settings.pack.ruleData<Record<string, unknown>>('untranslated'), words: settings.words})
  },
  // Keep last: spelling leaves a word another rule reported to that rule.
  {
    plugin: spelling as RulePlugin<BaseRuleOptions>,
    options: (settings) => ({
      ...settings.pack.ruleData<Record<string, unknown>>('spelling'),
      glossary: settings.pack.glossary,
      words: settings.words
    })
  }
]

/** Whether a rule setting turns the rule on, and with which severity. */
export function resolveRuleSetting(
  setting: RuleSetting | undefined,
  defaultOn = true
): {on: boolean; severity?: Severity} {
  if (setting === undefined) return {on: defaultOn}
  if (setting === false || setting === 'off') return {on: false}
  if (setting === true || setting === 'on') return {on: true}
  return {on: true, severity: setting}
}

const optionsCache = new WeakMap<Settings, Map<RuleRegistration, Record<string, unknown>>>()

/**
 * A rule's options, built once per settings object: unified-engine attaches
 * the preset again for every file, and rules prepare their data once per
 * options object (spelling's word sets were rebuilt per file: 11% of a
 * worker's time, bench/NOTES.md).
 */
function ruleOptions(settings: Settings, registration: RuleRegistration, severity: Severity | undefined): Record<string, unknown> {
  let map = optionsCache.get(settings)
  if (!map) {
    map = new Map()
    optionsCache.set(settings, map)
  }
  let options = map.get(registration)
  if (!options) {
    options = {...registration.options(settings), ...settings.ruleOptions?.[registration.plugin.meta.id]}
    if (severity) options['severity'] = severity
    map.set(registration, options)
  }
  return options
}

/**
 * The mtlint preset: attaches every enabled rule, then comment-marker
 * message control (which must run last).
 */
export function mtlint(this: Processor, settings: Settings): void {
  if (!settings || !settings.pack) {
    throw new Error('mtlint: expected `settings.pack` (a compiled language pack)')
  }
  for (const registration of registry) {
    const id = registration.plugin.meta.id
    const {on, severity} = resolveRuleSetting(settings.rules?.[id], registration.defaultOn)
    if (!on) continue
    this.use(registration.plugin, ruleOptions(settings, registration, severity))
  }
  this.use(function () {
    return mtlintMessageControl({glossary: settings.pack.glossary})
  })
}

/**
 * Create the processor for settings.
 *
 * @param settings
 *   The pack, rule settings and, optionally, a forced document type.
 * @returns
 *   A unified processor whose `process` lints a file (no output).
 */
export function createProcessor(settings: Settings): Processor<Root, Root, Root, undefined, undefined> {
  return unified()
    .use(mtlintParse, {type: settings.type, cache: settings.incremental ? new BlockCache() : undefined})
    .use(mtlint, settings) as unknown as Processor<Root, Root, Root, undefined, undefined>
}
