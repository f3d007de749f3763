/** A mirror gomirror knows by name: built in, or added with `gomirror mirror add`. */
export interface Mirror {
  name: string
  url: string
  builtin: boolean
  /** Where it is run from, for the listing. */
  note?: string
}

/** The built-in mirrors, in the order CONTRACT.md lists them. */
export const BUILTIN_MIRRORS = [
  // Notes stay short so `gomirror ls` fits 80 columns; render-env.ts translates them.
  { name: 'official', url: 'https://proxy.golang.org', note: 'Google' },
  { name: 'goproxy.cn', url: 'https://goproxy.cn', note: 'Qiniu' },
  { name: 'goproxy.io', url: 'https://goproxy.io', note: 'goproxy.io' },
  { name: 'aliyun', url: 'https://mirrors.aliyun.com/goproxy/', note: 'Alibaba Cloud' },
  { name: 'tencent', url: 'https://mirrors.cloud.tencent.com/go/', note: 'Tencent Cloud' },
  { name: 'huawei', url: 'https://mirrors.huaweicloud.com/repository/goproxy/', note: 'Huawei Cloud' },
  { name: 'baidu', url: 'https://goproxy.bj.bcebos.com/', note: 'Baidu Cloud' },
] as const


/** Words that mean something else on the `use` command line and so cannot name a mirror. */
export const RESERVED_NAMES = ['fastest', 'direct', 'off'] as const
