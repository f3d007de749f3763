/** Simplified Chinese for the doctor messages; merged into ZH by ../messages-zh.ts (same rules apply). */
export const ZH_DOCTOR: Readonly<Record<string, string>> = {
  "find what is wrong with this machine's Go module settings, and how to fix it": '找出本机 Go 模块设置的问题，并给出修复方法',
  'apply the fixes that are safe and unambiguous (shown first; undoable)': '应用安全且无歧义的修复（先显示；可撤销）',
  'skip the network checks': '跳过网络检查',
  'apply the safe fixes without asking': '不询问，直接应用安全的修复',
}
