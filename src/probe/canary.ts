/**
 * The canary module every health probe asks for (CONTRACT.md, "Health").
 * rsc.io/quote v1.5.2 is the module Go's own documentation uses; every public mirror has it.
 */
export const CANARY = {
  module: 'rsc.io/quote',
  version: 'v1.5.2',
  /** go.sum: `rsc.io/quote v1.5.2/go.mod h1:…` */
  goModHash: 'h1:LzX7hefJvL54yjefDEDHNONDjII0t9xZLPXsUe+TKr0=',
  /** go.sum: `rsc.io/quote v1.5.2 h1:…` (dirhash of the module zip) */
  zipHash: 'h1:w5fcysjrx7yqtD/aO+QwRjYZOKnaM9Uh2b40tElTs3Y=',
  goMod: 'module "rsc.io/quote"\n\nrequire "rsc.io/sampler" v1.3.0\n',
} as const

/** Paths requested under a mirror's base URL. */
export const CANARY_PATHS = {
  list: `${CANARY.module}/@v/list`,
  info: `${CANARY.module}/@v/${CANARY.version}.info`,
  mod: `${CANARY.module}/@v/${CANARY.version}.mod`,
  zip: `${CANARY.module}/@v/${CANARY.version}.zip`,
  sumdbSupported: 'sumdb/sum.golang.org/supported',
} as const
