/** Public types shared by the core, the CLI, the server and the plugins. */

/** How serious a finding is: `error` fails CI, `warning` is shown, `info` is a hint. */
export type Severity = 'error' | 'warning' | 'info'

/** A rule setting: a severity, `off`, or `true` / `false`. */
export type RuleSetting = Severity | 'off' | 'on' | boolean

/** Category names used in glossaries and the evaluation corpus. */
export type CategoryName =
  | 'terminology'
  | 'mistranslation'
  | 'untranslated'
  | 'false-friend'
  | 'calque'
  | 'typography'
  | 'locale-convention'
  | 'consistency'
  | 'boilerplate'
  | 'grammar'
  | 'spelling'
  | 'other'

/** MQM-style category path of each category name, as carried by messages. */
export const categoryPaths: Record<CategoryName, string> = {
  terminology: 'terminology',
  mistranslation: 'accuracy/mistranslation',
  untranslated: 'accuracy/untranslated',
  'false-friend': 'accuracy/false-friend',
  calque: 'linguistic/calque',
  typography: 'locale-convention/typography',
  'locale-convention': 'locale-convention/number-format',
  consistency: 'terminology/inconsistent-use',
  boilerplate: 'other/boilerplate',
  grammar: 'linguistic/grammar',
  spelling: 'linguistic/spelling',
  other: 'other'
}

/** All category names. */
export const categoryNames = Object.keys(categoryPaths) as CategoryName[]

/** Document type of an input. */
export type DocumentType = 'markdown' | 'html' | 'text'

/** The `fatal` field a vfile message gets for a severity. */
export function severityToFatal(severity: Severity): boolean | undefined {
  return severity === 'error' ? true : severity === 'warning' ? false : undefined
}

/** The severity of a vfile message's `fatal` field. */
export function fatalToSeverity(fatal: boolean | null | undefined): Severity {
  return fatal === true ? 'error' : fatal === false ? 'warning' : 'info'
}

/** Base URL of the rules' documentation. */
export const docsUrl = 'https://github.com/mtlint/mtlint/blob/main/docs/rules.md'

/** The documentation URL of a rule or glossary entry. */
export function ruleUrl(id: string): string {
  return docsUrl + '#' + id
}
