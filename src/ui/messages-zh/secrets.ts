/** Simplified Chinese for masking, input checks and message hygiene; merged into ZH by ../messages-zh.ts. */
export const ZH_SECRETS: Readonly<Record<string, string>> = {
}
