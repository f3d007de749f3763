/** Simplified Chinese for masking, input checks and message hygiene; merged into ZH by ../messages-zh.ts. */
export const ZH_SECRETS: Readonly<Record<string, string>> = {
  'invalid mirror URL "{url}": "{escape}" is not a valid percent escape (Go refuses the URL)': '无效的镜像 URL "{url}"："{escape}" 不是有效的百分号转义（Go 会拒绝这个 URL）',
  'write a literal % as %25': '字面的 % 请写成 %25',
}
