/** GOPROXY as cmd/go's modfetch.proxyList reads it: the port lives with the other value rules in src/values. */
export { parseGoproxy, type ParsedGoproxy, type ProxyEntry } from '../values/goproxy.js'
