/** Simplified Chinese for trust boundaries of project files and doctor's advice (branch advice). */
export const ZH_ADVICE: Readonly<Record<string, string>> = {
  // profiles/trust.ts
  'GOSUMDB={value} replaces sum.golang.org: the checksums of every module not yet in go.sum would be checked against the database {name}, which this file chose; whoever holds its key decides what Go accepts':
    'GOSUMDB={value} 会取代 sum.golang.org：所有尚未写入 go.sum 的模块，其校验和都将由该文件指定的数据库 {name} 来核对；谁持有它的密钥，谁就决定 Go 接受什么',
  'GOPRIVATE={value} (GONOSUMDB defaults to it)': 'GOPRIVATE={value}（GONOSUMDB 默认取它的值）',
  ' (public ones included: {modules})': '（其中包括公开模块：{modules}）',
  '{setting} exempts {patterns} from checksum verification: modules matching them{public} would not be checked against any checksum database, and Go would accept whatever code is served for them':
    '{setting} 让 {patterns} 免于校验和验证：匹配它们的模块{public}将不再由任何校验和数据库核对，别人提供什么代码，Go 就接受什么代码',
  'GOINSECURE={value} lets Go fetch {patterns}{public} over plain http or without checking TLS certificates (their checksums are still checked)':
    'GOINSECURE={value} 让 Go 通过明文 http 或不校验 TLS 证书的方式获取 {patterns}{public}（校验和仍会核对）',
  // commands/profile-switch.ts
  "Use the project's definition, which changes how modules are verified (see the warnings above), and switch?": '使用项目的定义（它会改变模块的验证方式，见上面的警告）并切换吗？',
  '{file} would change how modules are verified: {reason} (and {n} more); nothing was changed': '{file} 会改变模块的验证方式：{reason}（另有 {n} 项）；未做任何更改',
  '{file} would change how modules are verified: {reason}; nothing was changed': '{file} 会改变模块的验证方式：{reason}；未做任何更改',
  // doctor/checks-trust.ts, checks-settings.ts
  'GOPRIVATE={value} is well-formed': 'GOPRIVATE={value} 格式正确',
  "GOSUMDB={value}: module checksums are checked against the database {name}, not sum.golang.org; whoever holds its key decides what Go accepts. Keep it only if it is your organisation's":
    'GOSUMDB={value}：模块校验和由数据库 {name} 核对，而不是 sum.golang.org；谁持有它的密钥，谁就决定 Go 接受什么。只有它属于你的组织时才应保留',
  '{setting} exempts {patterns} (on a public host, not in GOPRIVATE) from checksum verification: Go accepts whatever code a proxy serves for them':
    '{setting} 让 {patterns}（位于公开托管站点，且不在 GOPRIVATE 中）免于校验和验证：代理提供什么代码，Go 就接受什么代码',
  '{setting} lets Go fetch {patterns} (on a public host, not in GOPRIVATE) over plain http or without checking TLS certificates':
    '{setting} 让 Go 通过明文 http 或不校验 TLS 证书的方式获取 {patterns}（位于公开托管站点，且不在 GOPRIVATE 中）',
  '{setting}: private modules ({paths}) are requested from {url}, a public proxy, which cannot serve them and learns their names; this setting is meant for a company proxy in GOPROXY':
    '{setting}：私有模块（{paths}）会向公共代理 {url} 请求，它无法提供这些模块，却会得知它们的名字；这个设置是为 GOPROXY 中的公司代理准备的',
  'put your company proxy first in GOPROXY, or remove GONOPROXY (it then defaults to GOPRIVATE)': '请把公司代理放在 GOPROXY 的第一位，或去掉 GONOPROXY（它随后默认取 GOPRIVATE 的值）',
  '{setting}: private modules ({paths}) are fetched through GOPROXY on purpose (a company proxy)': '{setting}：私有模块（{paths}）有意通过 GOPROXY（公司代理）获取',
  '{setting}: private modules ({paths}) are looked up in the public checksum database, which cannot know them (verifying them fails, and their names are sent)':
    '{setting}：私有模块（{paths}）会在公共校验和数据库中查询，而它不可能知道这些模块（验证会失败，而且会泄露它们的名字）',
  'keep it only with your own GOSUMDB; otherwise remove GONOSUMDB (it then defaults to GOPRIVATE)': '只有在使用自己的 GOSUMDB 时才保留它；否则请去掉 GONOSUMDB（它随后默认取 GOPRIVATE 的值）',
  '{setting}: private modules ({paths}) are verified by your own checksum database on purpose': '{setting}：私有模块（{paths}）有意由你自己的校验和数据库验证',
}
