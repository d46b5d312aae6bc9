/**
 * The Node preset used by the CLI and the language server: takes a
 * configuration (as `.mtlintrc` holds it, with absolute paths), resolves it
 * (built-in pack, the project's glossaries and words) and attaches the core
 * `mtlint` preset. unified merges options when the engine adds this plugin
 * again from a config file, so file configuration and command-line flags
 * combine in one place.
 */
import type {Processor} from 'unified'
import {mtlint} from '../processor.js'
import {resolveConfig, type Config} from './config.js'

/** Attach mtlint for a configuration. */
export function mtlintNode(this: Processor, config?: Config | undefined): void {
  const settings = resolveConfig(config ?? {})
  this.use(mtlint, settings)
}
