/** Simplified Chinese for the checksum-database proof; merged into ZH by ../messages-zh.ts (same rules apply). */
export const ZH_SUMPROOF: Readonly<Record<string, string>> = {
  // src/sumdb/proof.ts PROOF_TEMPLATES
  'checksum database key {key} is not valid: {reason}': '校验和数据库公钥 {key} 无效：{reason}',
  '{path}: HTTP {status}': '{path}：HTTP {status}',
  '{path}: {reason}': '{path}：{reason}',
  '{path}: tree head not signed by {name} ({reason})': '{path}：树头不是 {name} 签名的（{reason}）',
  '{path}: signed text is not a checksum database tree head': '{path}：签名内容不是校验和数据库的树头',
  '{path}: not a checksum database record': '{path}：不是校验和数据库的记录',
  '{path}: record holds other go.sum lines than the known ones ({got})': '{path}：记录中的 go.sum 行与已知的不同（{got}）',
  '{path}: record {id} is not in the signed tree of {size} records': '{path}：记录 {id} 不在已签名的 {size} 条记录的树中',
  '{path}: tiles do not hash to the signed tree ({reason})': '{path}：瓦片的哈希与已签名的树不符（{reason}）',
  '{path}: record {id} is not the one the signed tree holds at {id}': '{path}：记录 {id} 与已签名的树在 {id} 处保存的记录不同',
  'latest (tree of {latest}) and lookup (tree of {lookup}) are not the same log': 'latest（{latest} 条记录的树）与 lookup（{lookup} 条记录的树）不是同一个日志',
  // src/ui/render-probe.ts, src/commands/use-plan.ts
  bad: '异常',
  '{name}: its checksum database proxy failed verification: {error}': '{name}：它代理的校验和数据库未通过验证：{error}',
  '{name} proxies the checksum database, but what it serves failed verification ({error}).': '{name} 代理了校验和数据库，但它提供的数据未通过验证（{error}）。',
  'GOSUMDB set to "{value}": go asks the checksum database itself instead of {name}.': '已将 GOSUMDB 设为 "{value}"：go 将直接访问校验和数据库，而不经过 {name}。',
  // src/doctor/checks-network.ts
  'the checksum database {name} is reached through {url}, but what it serves failed verification ({error}): go refuses modules not yet in go.sum': '校验和数据库 {name} 经由 {url} 访问，但它提供的数据未通过验证（{error}）：go 会拒绝尚未记录在 go.sum 中的模块',
}
