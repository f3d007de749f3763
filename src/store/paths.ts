import { join } from 'node:path'
import { userConfigDir } from '../goenv/env-file.js'

/** gomirror keeps its config beside Go's own env file: <UserConfigDir>/gomirror, or GOMIRROR_CONFIG_DIR. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.GOMIRROR_CONFIG_DIR || join(userConfigDir(env), 'gomirror')
}

export function configFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.json')
}
