// The model's heads, for the core's stages: defined in lib/classes.ts, where config/ reads them too.
export { HEAD_ATTACK, CLASS_NAMES, HEAD_COUNT, HEADER_CLASSES, HEAD_SCANNER, HEAD_RCE, HEAD_CRLF, HEAD_SQLI, HEAD_TRAVERSAL, HEAD_SSRF, HEAD_JNDI, HEAD_OPEN_REDIRECT, HEAD_XSS, HEAD_SSTI, HEAD_NOSQLI, HEAD_LDAPI, HEAD_XXE } from "../lib/classes";
