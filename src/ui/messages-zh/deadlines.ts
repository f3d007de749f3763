/** Simplified Chinese for the deadline messages (go subprocess timeouts); merged into ZH by ../messages-zh.ts. */
export const ZH_DEADLINES: Readonly<Record<string, string>> = {
  '{command} did not finish within {seconds} s and was stopped, with the processes it started': '{command} 在 {seconds} 秒内没有结束，已将它及其启动的进程一并终止',
  'run {command} yourself to see where it waits (a wrapper script around go?); GOMIRROR_GO_TIMEOUT_MS sets the limit in ms': '请自己运行 {command}，看它卡在哪里（go 是不是一个包装脚本？）；GOMIRROR_GO_TIMEOUT_MS 可设置时限（毫秒）',
}
