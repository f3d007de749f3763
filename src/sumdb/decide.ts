/**
 * `--sumdb auto`: what GOSUMDB should be once a mirror is chosen. Pure.
 *
 * | the user's GOSUMDB | GOPROXY proxies the DB | sum.golang.org | sum.golang.google.cn | result                          |
 * | set (env or file)  | –                      | –              | –                    | keep it                         |
 * | Go's default       | yes                    | –              | –                    | leave the default               |
 * | Go's default       | no                     | reachable      | –                    | leave the default               |
 * | Go's default       | no                     | unreachable    | reachable            | set GOSUMDB=sum.golang.google.cn |
 * | Go's default       | no                     | unreachable    | unreachable          | leave the default, and warn     |
 * | Go's default       | refused                | reachable      | –                    | set GOSUMDB to sum.golang.org with its own URL |
 * | Go's default       | refused                | unreachable    | reachable / not      | as for "no"                     |
 *
 * "Refused": the mirror go would ask answers `supported`, but what it serves failed the proof
 * (src/sumdb/proof.ts). Only a GOSUMDB with a URL makes go skip the proxies, so that is written.
 * "Proxies the DB": go asks each GOPROXY entry for `sumdb/sum.golang.org/supported` in turn and
 * uses the first that answers 200 (cmd/go/internal/modfetch/sumdb.go), so any of the chosen mirror
 * and its fallbacks will do. `off` is never chosen here: only `--sumdb off` writes it.
 */
import type { HostCheck } from './check.js'

export type GosumdbDecision =
  | { kind: 'own' }
  | { kind: 'proxied'; via: string }
  | { kind: 'direct'; ms: number | null }
  | { kind: 'bypass'; refused: string; value: string; ms: number | null }
  | { kind: 'china'; official: HostCheck; china: HostCheck }
  | { kind: 'unreachable'; official: HostCheck | null; china: HostCheck | null }

export interface GosumdbFacts {
  /** GOSUMDB is set in the OS environment or the go env file. */
  own: boolean
  /** The first mirror, in GOPROXY order, that proxies the database; null when none does. */
  proxiedBy: string | null
  /** The mirror go would verify through whose database proxy failed its proof; null when none. */
  refused?: string | null
  /** checkSumdbHosts' rows; null when they were not asked (then the hosts count as unknown). */
  hosts: readonly HostCheck[] | null
}

/** GOSUMDB naming sum.golang.org with its own URL: go then never asks a proxy for it. */
export const DIRECT_GOSUMDB = 'sum.golang.org https://sum.golang.org'

export function decideGosumdb(facts: GosumdbFacts): GosumdbDecision {
  if (facts.own) return { kind: 'own' }
  if (facts.proxiedBy !== null) return { kind: 'proxied', via: facts.proxiedBy }
  const official = facts.hosts?.find((h) => h.host === 'sum.golang.org') ?? null
  const china = facts.hosts?.find((h) => h.host === 'sum.golang.google.cn') ?? null
  // Not asked: assume Go's default works rather than change a setting on no evidence.
  if (!official || official.reachable) {
    const ms = official?.ms ?? null
    return facts.refused ? { kind: 'bypass', refused: facts.refused, value: DIRECT_GOSUMDB, ms } : { kind: 'direct', ms }
  }
  if (china?.reachable) return { kind: 'china', official, china }
  return { kind: 'unreachable', official, china }
}
