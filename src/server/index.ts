/** The language server as a library: the session the server drives on each change, and the server itself. */
export {LintSession, createLintSession, defaultDebounce, defaultWordsFile, type LintDocument, type LintResult, type LintSessionOptions} from './session.js'
export {startServer, type ServerStartOptions} from './connection.js'
export {toDiagnostic, codeActionsFor, addWordCommand, type DiagnosticData} from './diagnostics.js'
export {ConfigFinder, configNames, normalizeClientSettings, mergeConfigs, loadConfigFile, type ClientSettings, type ServerOptions} from './config.js'
