/** Simplified Chinese for trust roots, netrc credentials and team-mirror health; merged into ZH by ../messages-zh.ts. */
export const ZH_TRUSTNET: Readonly<Record<string, string>> = {
  // ui/render-probe.ts (--verbose)
  'credentials: {file}:{line} (machine {machine}, login {login}), as go sends them': '凭据：{file}:{line}（machine {machine}，login {login}），与 go 发送的相同',
  'credentials: from the URL': '凭据：来自 URL',
  'service health: {urls} answered 200': '服务健康检查：{urls} 返回 200',
  'system store (Node)': '系统证书库（Node 读取）',
  'Node bundled': 'Node 内置根证书',
  '{n} certs': '{n} 个证书',
  'none found': '一个也没找到',
  'as go reads them': '与 go 读取的相同',
  'what Node can read of the store go uses': 'Node 能读到的、go 所用证书库中的内容',
  '; {vars} ignored, as go ignores them here': '；{vars} 已忽略（go 在此平台上也忽略它们）',
  'trust roots ({how}): {list}{ignored}': '信任的根证书（{how}）：{list}{ignored}',

  // doctor/checks-auth.ts
  'SSL_CERT_FILE={file} gives go no certificate (missing, unreadable or not PEM), so the company CA in it is not trusted; {summary}':
    'SSL_CERT_FILE={file} 没有给 go 提供任何证书（文件不存在、不可读或不是 PEM 格式），其中的公司 CA 不会被信任；{summary}',
  'point SSL_CERT_FILE at a PEM file with the CA certificate, or unset it': '请让 SSL_CERT_FILE 指向含有 CA 证书的 PEM 文件，或取消这个变量',
  'go finds no trusted certificate authority on this machine, so every https proxy fails ("x509: certificate signed by unknown authority"); {summary}':
    'go 在本机找不到任何受信任的证书颁发机构，所有 https 代理都会失败（"x509: certificate signed by unknown authority"）；{summary}',
  'install the ca-certificates package, or set SSL_CERT_FILE to a CA bundle': '请安装 ca-certificates 软件包，或把 SSL_CERT_FILE 设为一个 CA 证书包',
  'GOAUTH=off: go sends no credentials to proxies, and neither do the probes': 'GOAUTH=off：go 不向代理发送任何凭据，探测也一样',
  '{file} cannot be read ({error}), so go sends no credentials from it': '无法读取 {file}（{error}），go 不会发送其中的凭据',
  'go sends credentials from {file} ({n} complete entries) over https, matched by host name; the probes send the same':
    'go 通过 https 发送 {file} 中的凭据（{n} 条完整记录），按主机名匹配；探测发送的凭据与之相同',
  'no {file}: go sends no credentials to proxies (none needed for public mirrors)': '没有 {file}：go 不向代理发送凭据（公共镜像不需要）',
  'GOAUTH runs {commands} for credentials; gomirror never runs them and probes without those credentials, so a proxy that needs them may look unhealthy here while go can use it':
    'GOAUTH 会运行 {commands} 获取凭据；gomirror 从不运行它们，探测时不带这些凭据，所以需要它们的代理在这里可能显示为不可用，而 go 却能使用',
  '{url}: {answered} answered 200 (a self-hosted mirror such as Athens)': '{url}：{answered} 返回 200（自建镜像，例如 Athens）',
  'add this line to {file} (chmod 600), with your user and token: {line}': '在 {file} 中加入这一行（chmod 600），填入你的用户名和令牌：{line}',
  '{url} answered HTTP {status}; go never sends credentials over plain http': '{url} 返回 HTTP {status}；go 从不通过明文 http 发送凭据',
  'use the https URL of that proxy, and {advice}': '请改用该代理的 https URL，并{advice}',
  '{url} answered HTTP {status}; GOAUTH=off, so go sends it no credentials': '{url} 返回 HTTP {status}；GOAUTH=off，go 不会向它发送凭据',
  'go env -u GOAUTH, and {advice}': '执行 go env -u GOAUTH，并{advice}',
  '{url} answered HTTP {status} to the credentials go sends from {file}:{line} (machine {machine}, login {login}): they are wrong, expired or lack access':
    '{url} 对 go 从 {file}:{line}（machine {machine}，login {login}）发送的凭据返回 HTTP {status}：凭据错误、已过期或没有权限',
  'update the password (token) on line {line} of {file}': '请更新 {file} 第 {line} 行中的 password（令牌）',
  '{url} answered HTTP {status} to the credentials in its URL (go sends those, as no {file} entry matches {host})':
    '{url} 对其 URL 中的凭据返回 HTTP {status}（{file} 中没有匹配 {host} 的记录，所以 go 发送的是 URL 中的凭据）',
  'take them out of the URL and {advice}': '请把凭据从 URL 中去掉，并{advice}',
  '{url} answered HTTP {status} to the probe, which sends no credentials; go would ask GOAUTH ({commands}), which gomirror does not run':
    '{url} 对不带凭据的探测返回 HTTP {status}；go 会调用 GOAUTH（{commands}）获取凭据，而 gomirror 不会运行它',
  '{url} answered HTTP {status}, and go sends it no credentials: {file} has no entry for machine {host}': '{url} 返回 HTTP {status}，而 go 不会向它发送凭据：{file} 中没有 machine {host} 的记录',
}
