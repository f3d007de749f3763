/**
 * Typed errors. Helpers throw these; only `cli.ts` turns them into output and an exit code.
 * `message` says what was wrong, `hint` says what to do.
 */
export class GomirrorError extends Error {
  /** @default 1 */
  readonly exitCode: number = 1
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message)
    this.name = 'GomirrorError'
  }
}

/** Bad usage or invalid input: exit 2, nothing written. */
export class UsageError extends GomirrorError {
  override readonly exitCode = 2
  constructor(message: string, hint?: string) {
    super(message, hint)
    this.name = 'UsageError'
  }
}

/** The user pressed Ctrl-C at a prompt: exit 130, nothing written. */
export class CancelledError extends GomirrorError {
  override readonly exitCode = 130
  constructor() {
    super('cancelled; nothing was changed')
    this.name = 'CancelledError'
  }
}
