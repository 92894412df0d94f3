/** Bounded input files and atomic output files, for commands: see src/apply/files.ts. */
export * from '../apply/files.js'
