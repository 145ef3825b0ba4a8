// Per-request context: holds the request until its body is in (up to max_body_bytes), scores
// it in one go, then blocks, tags or logs it. Created by root.ts for every HTTP stream.
//
// Lifecycle (coraza-proxy-wasm's lessons):
// - a request without a body never gets onRequestBody (coraza #128): decide on headers;
// - HTTP/2 with trailers never sets end_of_stream on the body (coraza #289): decide on trailers;
// - the body size Envoy passes is what is buffered so far, not the new chunk;
// - StopIteration on headers needs `allow_on_headers_stop_iteration: true`, or Envoy turns it
//   into StopAll and the body callback never comes (proxy-wasm-cpp-host #143).

import {
  Context, FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues,
  LogLevel, log, getRequestHeaderPairsRaw, getRequestBody,
  addRequestHeaderBytes, sendLocalResponse, HeaderBytes, nowNanos,
} from "./host";
import { WafRoot } from "./root";
import { blockBody, flagLine } from "./verdict";
import { Config } from "../config/config";
import { Where } from "../request/where";
import { whereForContentType } from "../request/body";
import { Action, Reason, decide } from "../core/decide";
import { CLASS_NAMES, HEADER_CLASSES } from "../core/classes";

// Header names, encoded once per VM. Envoy hands header names lower-cased.
const PATH = String.UTF8.encode(":path");
const USER_AGENT = String.UTF8.encode("user-agent");
const REFERER = String.UTF8.encode("referer");
const COOKIE = String.UTF8.encode("cookie");
const CONTENT_TYPE = String.UTF8.encode("content-type");
const CONTENT_ENCODING = String.UTF8.encode("content-encoding");
const REQUEST_ID = String.UTF8.encode("x-request-id");
const PARTIAL = String.UTF8.encode("partial");
const JSON_TYPE = String.UTF8.encode("application/json");

export class WafStream extends Context {
  private decided: bool = false;
  private bufferedBytes: u32 = 0;
  // The request headers, copied out of Envoy once in onRequestHeaders and read until decided.
  private headers: ArrayBuffer | null = null;

  constructor(contextId: u32, private waf: WafRoot) {
    super(contextId, waf);
  }

  onRequestHeaders(_headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    let cfg = this.waf.config;
    if (cfg == null) return FilterHeadersStatusValues.Continue;
    this.headers = getRequestHeaderPairsRaw();
    if (this.isExcludedPath(cfg)) {
      this.decided = true;
      this.headers = null;
      this.waf.metrics!.inc(this.waf.metrics!.excluded);
      return FilterHeadersStatusValues.Continue;
    }
    if (endOfStream || cfg.maxBodyBytes == 0) {
      return this.decide(cfg, null, false) ? FilterHeadersStatusValues.StopIteration : FilterHeadersStatusValues.Continue;
    }
    return FilterHeadersStatusValues.StopIteration;
  }

  onRequestBody(bodyBytes: usize, endOfStream: bool): FilterDataStatusValues {
    if (this.decided) return FilterDataStatusValues.Continue;
    let cfg = this.waf.config!;
    let size = <u32>bodyBytes;
    this.bufferedBytes = size;
    let max = <u32>cfg.maxBodyBytes;
    if (!endOfStream && size < max) return FilterDataStatusValues.StopIterationAndBuffer;
    // Past the limit the rest is not inspected: decide on the prefix (the policy for the
    // tail is on_uninspectable) and let the body stream on without buffering more of it.
    let truncated = size > max || !endOfStream;
    let body = getRequestBody(0, min(size, max));
    return this.decide(cfg, body, truncated) ? FilterDataStatusValues.StopIterationNoBuffer : FilterDataStatusValues.Continue;
  }

  onRequestTrailers(_trailers: u32): FilterTrailersStatusValues {
    if (this.decided) return FilterTrailersStatusValues.Continue;
    let cfg = this.waf.config!;
    let max = <u32>cfg.maxBodyBytes;
    let body = this.bufferedBytes > 0 ? getRequestBody(0, min(this.bufferedBytes, max)) : null;
    return this.decide(cfg, body, this.bufferedBytes > max) ? FilterTrailersStatusValues.StopIteration : FilterTrailersStatusValues.Continue;
  }

  private isExcludedPath(cfg: Config): bool {
    let prefixes = cfg.excludePathBytes;
    let headers = this.headers;
    if (prefixes.length == 0 || headers == null) return false;
    let hm = this.waf.headerMap;
    if (!hm.reset(changetype<usize>(headers), headers.byteLength) || !hm.first()) return false;
    while (!hm.nameIs(PATH)) if (!hm.next()) return false;
    let p = changetype<usize>(headers) + hm.valueOff;
    let n = hm.valueLen;
    for (let i = 0, k = prefixes.length; i < k; i++) {
      let pre = unchecked(prefixes[i]);
      if (pre.byteLength <= n && memory.compare(p, changetype<usize>(pre), pre.byteLength) == 0) return true;
    }
    return false;
  }

  // Scores the request and acts on it; returns true when it sent a 403 (stop the stream).
  private decide(cfg: Config, body: ArrayBuffer | null, truncated: bool): bool {
    this.decided = true;
    let root = this.waf;
    let metrics = root.metrics!;
    let s = root.scorer!;
    s.reset();

    let headers = this.headers;
    this.headers = null;
    let t0 = nowNanos();
    let ctOff = 0, ctLen = 0, ridOff = 0, ridLen = 0;
    let compressed = false;
    let hm = root.headerMap;
    let hp: usize = 0;
    if (headers != null && hm.reset(changetype<usize>(headers), headers.byteLength) && hm.first()) {
      hp = changetype<usize>(headers);
      let inspect = cfg.inspectHeaderBytes;
      do {
        let v = hp + hm.valueOff;
        if (hm.nameIs(PATH)) {
          let q = 0;
          while (q < hm.valueLen && load<u8>(v + q) != 0x3F) q++;
          s.scoreWire(Where.PATH, v, q);
          if (q + 1 < hm.valueLen) s.scoreWire(Where.QUERY, v + q + 1, hm.valueLen - q - 1);
        } else if (hm.nameIs(USER_AGENT) || hm.nameIs(REFERER)) {
          s.scoreWire(Where.HEADER, v, hm.valueLen);
        } else if (hm.nameIs(COOKIE)) {
          s.scoreWire(Where.COOKIE, v, hm.valueLen);
        } else if (hm.nameIs(CONTENT_TYPE)) {
          ctOff = hm.valueOff; ctLen = hm.valueLen;
        } else if (hm.nameIs(CONTENT_ENCODING)) {
          compressed = !isIdentity(v, hm.valueLen);
        } else if (hm.nameIs(REQUEST_ID)) {
          ridOff = hm.valueOff; ridLen = hm.valueLen;
        } else {
          for (let i = 0, k = inspect.length; i < k; i++) {
            if (hm.nameIs(unchecked(inspect[i]))) { s.scoreWire(Where.HEADER, v, hm.valueLen); break; }
          }
        }
      } while (hm.next());
    }

    let uninspectable = truncated;
    if (body != null && body.byteLength > 0) {
      let bp = changetype<usize>(body);
      let bl = body.byteLength;
      if (compressed) {
        // A compressed body is opaque to the scorer; say so rather than score noise.
        uninspectable = true;
      } else {
        s.scoreWire(whereForContentType(hp + ctOff, ctLen, bp, bl), bp, bl);
      }
    }
    if (truncated) metrics.inc(metrics.truncated);
    if (uninspectable) metrics.inc(metrics.uninspectable);

    let score = s.score(0);
    metrics.recordScoringTime(t0, nowNanos());
    let d = root.decision;
    decide(cfg, score, uninspectable, d);
    metrics.inc(metrics.scored);
    metrics.tick();
    // Strings are built for flagged requests only: clean traffic allocates none.
    let klass = "";
    let rid = "";
    if (d.flagged) {
      metrics.inc(metrics.flagged);
      if (d.reason == Reason.UNINSPECTABLE) {
        klass = "uninspectable";
      } else {
        let worst = s.worstClass();
        klass = CLASS_NAMES[worst];
        metrics.inc(metrics.perClass[worst]);
      }
      rid = String.UTF8.decodeUnsafe(hp + ridOff, ridLen);
      let action = d.action == Action.BLOCK ? "block" : d.action == Action.TAG ? "tag" : "log";
      log(LogLevel.Info, flagLine(action, rid, s, klass, uninspectable ? "inspection=partial" : ""));
    }

    if (d.action == Action.BLOCK) {
      let hdrs = new Array<HeaderBytes>(1);
      hdrs[0] = new HeaderBytes(CONTENT_TYPE, JSON_TYPE);
      sendLocalResponse(403, blockBody(score, klass, rid), hdrs, "wafscore_blocked");
      metrics.inc(metrics.blocked);
      return true;
    }
    if (d.action == Action.TAG) {
      addRequestHeaderBytes(root.scoreHeaders[0], root.scoreValues[score]);
      for (let k = 1; k <= HEADER_CLASSES; k++) addRequestHeaderBytes(root.scoreHeaders[k], root.scoreValues[s.score(k)]);
      if (uninspectable) addRequestHeaderBytes(root.inspectionHeader, PARTIAL);
      metrics.inc(metrics.tagged);
    }
    if (d.action == Action.LOG) metrics.inc(metrics.logged);
    return false;
  }

  // The SDK's defaults build a debug string per call on every request; these
  // overrides keep the request path free of them.
  onLog(): void {}
  onDone(): bool { return true; }
  onDelete(): void {}
}

function isIdentity(p: usize, n: i32): bool {
  while (n > 0 && load<u8>(p + n - 1) == 0x20) n--;
  if (n != 8) return n == 0;
  let want = "identity";
  for (let i = 0; i < 8; i++) if ((<i32>load<u8>(p + i) | 0x20) != want.charCodeAt(i)) return false;
  return true;
}
