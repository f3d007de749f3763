/** The variables gomirror manages (CONTRACT.md). Order is the order they are shown in. */
export const MANAGED_VARS = ['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'] as const
export type ManagedVar = (typeof MANAGED_VARS)[number]

/** Where a variable's effective value comes from, in Go's order of precedence. */
export type VarSource = 'env' | 'goenv' | 'default'

/** Go's built-in defaults when neither the OS environment nor the go env file sets a variable. */
export const GO_DEFAULTS: Record<ManagedVar, string> = {
  GOPROXY: 'https://proxy.golang.org,direct',
  GOSUMDB: 'sum.golang.org',
  GOPRIVATE: '',
  GONOPROXY: '',
  GONOSUMDB: '',
  GOINSECURE: '',
}

export function isManagedVar(name: string): name is ManagedVar {
  return (MANAGED_VARS as readonly string[]).includes(name)
}
