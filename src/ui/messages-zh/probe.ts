/** Simplified Chinese for the probe messages; merged into ZH by ../messages-zh.ts (same rules apply). */
export const ZH_PROBE: Readonly<Record<string, string>> = {
}
