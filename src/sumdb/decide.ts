/**
 * `--sumdb auto`: what GOSUMDB should be once a mirror is chosen. Pure.
 *
 * | the user's GOSUMDB | GOPROXY proxies the DB | sum.golang.org | sum.golang.google.cn | result                          |
 * | set (env or file)  | –                      | –              | –                    | keep it                         |
 * | Go's default       | yes                    | –              | –                    | leave the default               |
 * | Go's default       | no                     | reachable      | –                    | leave the default               |
 * | Go's default       | no                     | unreachable    | reachable            | set GOSUMDB=sum.golang.google.cn |
 * | Go's default       | no                     | unreachable    | unreachable          | leave the default, and warn     |
 *
 * "Proxies the DB": go asks each GOPROXY entry for `sumdb/sum.golang.org/supported` in turn and
 * uses the first that answers 200 (cmd/go/internal/modfetch/sumdb.go), so any of the chosen mirror
 * and its fallbacks will do. `off` is never chosen here: only `--sumdb off` writes it.
 */
import type { HostCheck } from './check.js'

export type GosumdbDecision =
  | { kind: 'own' }
  | { kind: 'proxied'; via: string }
  | { kind: 'direct'; ms: number | null }
  | { kind: 'china'; official: HostCheck; china: HostCheck }
  | { kind: 'unreachable'; official: HostCheck | null; china: HostCheck | null }

export interface GosumdbFacts {
  /** GOSUMDB is set in the OS environment or the go env file. */
  own: boolean
  /** The first mirror, in GOPROXY order, that proxies the database; null when none does. */
  proxiedBy: string | null
  /** checkSumdbHosts' rows; null when they were not asked (then the hosts count as unknown). */
  hosts: readonly HostCheck[] | null
}

export function decideGosumdb(facts: GosumdbFacts): GosumdbDecision {
  if (facts.own) return { kind: 'own' }
  if (facts.proxiedBy !== null) return { kind: 'proxied', via: facts.proxiedBy }
  const official = facts.hosts?.find((h) => h.host === 'sum.golang.org') ?? null
  const china = facts.hosts?.find((h) => h.host === 'sum.golang.google.cn') ?? null
  // Not asked: assume Go's default works rather than change a setting on no evidence.
  if (!official || official.reachable) return { kind: 'direct', ms: official?.ms ?? null }
  if (china?.reachable) return { kind: 'china', official, china }
  return { kind: 'unreachable', official, china }
}
