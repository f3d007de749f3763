/** Simplified Chinese for the profiles messages; merged into ZH by ../messages-zh.ts (same rules apply). */
export const ZH_PROFILES: Readonly<Record<string, string>> = {
}
