/** Errors in user input (glossaries, configuration) that name the place. */

/** One problem at a place in a file. */
export interface Problem {
  /** File path (or a label such as `<settings>`). */
  file: string
  /** 1-based line, when known. */
  line?: number | undefined
  /** 1-based column, when known. */
  column?: number | undefined
  /** What is wrong. */
  reason: string
}

/** Format a problem as `file:line:column: reason`. */
export function formatProblem(problem: Problem): string {
  let place = problem.file
  if (problem.line !== undefined) {
    place += ':' + problem.line
    if (problem.column !== undefined) place += ':' + problem.column
  }
  return place + ': ' + problem.reason
}

/**
 * A configuration or glossary error: the CLI exits with code 2 on it, the
 * language server shows it, nothing is linted with half a configuration.
 */
export class MtlintConfigError extends Error {
  /** Each problem found. */
  readonly problems: Problem[]

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'))
    this.name = 'MtlintConfigError'
    this.problems = problems
  }
}

/** Whether a value is an `MtlintConfigError` (also across module copies). */
export function isConfigError(value: unknown): value is MtlintConfigError {
  return (
    value instanceof MtlintConfigError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as {name?: unknown}).name === 'MtlintConfigError')
  )
}
