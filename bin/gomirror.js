#!/usr/bin/env node
import { fastMain } from '../dist/fast.js'
process.exitCode = (await fastMain(process.argv)) ?? (await (await import('../dist/cli.js')).main(process.argv))
