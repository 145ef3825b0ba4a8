// Per-request context: holds the request until its body is in (up to max_body_bytes), has the
// core inspect it in one go, then blocks, tags or logs it. Created by root.ts for every stream.
//
// Lifecycle (coraza-proxy-wasm's lessons):
// - a request without a body never gets onRequestBody (coraza #128): decide on headers;
// - HTTP/2 with trailers never sets end_of_stream on the body (coraza #289): decide on trailers;
// - the body size Envoy passes is what is buffered so far, not the new chunk;
// - StopIteration on headers needs `allow_on_headers_stop_iteration: true`, or Envoy turns it
//   into StopAll and the body callback never comes (proxy-wasm-cpp-host #143);
// - a CONNECT or an upgrade (WebSocket) carries a tunnel, not a body: end_of_stream comes only
//   when the tunnel closes, so decide on headers, the tunnel's bytes uninspected (partial);
// - hold_headers: false (hosts that cannot set allow_on_headers_stop_iteration) lets the headers
//   go on at once, tagged with what they alone scored, and holds only the body: a block decided
//   on the body is a local reply after the headers left, and Envoy then resets the upstream
//   request (the router's upstream stream is reset when the downstream stream ends);
// - a body of a `stream` media type (gRPC: client and bidi streams never end while the client
//   waits for replies) is not held at all: the headers go on as with hold_headers: false, each
//   chunk goes on as it comes and is copied aside up to max_body_bytes, and the request is decided
//   once on that copy (at the limit, the end of the stream, or trailers); a block then resets it.
//
// Policy: a request from a trusted source (trust.ts) is not scored; any other gets the Config
// of the first route it matches (request/policy.ts), read for the rest of its life from this.cfg.

import {
  Context, RootContext, FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues,
  LogLevel, log, getRequestHeaderPairsRaw, getRequestBody,
  addRequestHeaderBytes, sendLocalResponse, HeaderBytes, nowNanos,
} from "./host";
import { Plugin } from "./plugin";
import { blockBody, flagLine } from "./verdict";
import { Config, ScoreHeaders } from "../config/config";
import { RequestFacts, readFacts } from "../request/request";
import { normalizePath, normalizedLength } from "../request/path";
import { matchRoute, streamsBody } from "../request/policy";
import { Action, Decision, Reason, decide } from "../core/decide";
import { RequestScores } from "../core/score";
import { CLASS_NAMES, HEADER_CLASSES, HEAD_COUNT } from "../core/classes";
import { FLAGGED_UNINSPECTABLE, FLAGGED_UNDECODABLE } from "./metrics";
import { Inspected, NOT_FLAGGED, writeSkipped } from "./state";
import { Trusted } from "./trust";

const CONTENT_TYPE = String.UTF8.encode("content-type");
const PARTIAL = String.UTF8.encode("partial");
const UNDECODABLE = String.UTF8.encode("undecodable");
const JSON_TYPE = String.UTF8.encode("application/json");
// Facts read before the body arrives (routes, exclude_paths, stream); one VM runs one callback at a time.
const earlyFacts = new RequestFacts();
// A streamed body's first copy, then doubled up to max_body_bytes.
const STREAM_FIRST_BYTES = 4096;

export class WafStream extends Context {
  private decided: bool = false;
  // hold_headers: false: the headers went upstream before the decision, so it can no longer tag them.
  private headersSent: bool = false;
  private bufferedBytes: u32 = 0;
  // The request headers, copied out of Envoy once in onRequestHeaders and read until decided.
  private headers: ArrayBuffer | null = null;
  // The policy this request gets (its route's Config, or the top level's), set in onRequestHeaders.
  private cfg: Config | null = null;
  // A `stream` body: passed on as it comes; its first max_body_bytes copied into streamBody.
  private streaming: bool = false;
  private streamBody: ArrayBuffer | null = null;
  private streamLen: i32 = 0;
  private streamCut: bool = false;

  constructor(contextId: u32, root: RootContext, private plugin: Plugin | null) {
    super(contextId, root);
  }

  onRequestHeaders(_headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    let plugin = this.plugin;
    if (plugin == null) return FilterHeadersStatusValues.Continue;
    let top = plugin.config;
    let headers = getRequestHeaderPairsRaw();
    // Before anything else, in every mode: a client's own x-waf-* headers would pass for the
    // filter's verdict upstream. Read again after a removal, so what is scored is what goes on.
    let spoofed = plugin.spoofed.removeFrom(headers);
    if (spoofed > 0) {
      plugin.metrics.inc(plugin.metrics.spoofedRemoved, spoofed);
      headers = getRequestHeaderPairsRaw();
    }
    if (top.hasTrustedSources) {
      let trusted = plugin.trusted.check(top, headers);
      if (trusted != Trusted.NO) {
        this.decided = true;
        plugin.metrics.inc(plugin.metrics.trusted);
        if (top.filterState) writeSkipped(trusted);
        return FilterHeadersStatusValues.Continue;
      }
      if (plugin.trusted.removed) headers = getRequestHeaderPairsRaw();
    }
    this.headers = headers;
    if (headers != null) readFacts(changetype<usize>(headers), headers.byteLength, earlyFacts);
    else earlyFacts.reset();
    // Routes and exclusions match the path the server will resolve, not the bytes sent
    // (request/path.ts, into its own buffer): normalized once, when the configuration needs it.
    let normPtr: usize = 0, normLen = 0;
    if (top.needsPath && headers != null) {
      normPtr = normalizePath(earlyFacts.pathPtr, earlyFacts.pathLen);
      normLen = normalizedLength();
    }
    let cfg = matchRoute(top, earlyFacts.authorityPtr, earlyFacts.authorityLen, normPtr, normLen);
    this.cfg = cfg;
    if (this.isExcludedPath(cfg, normPtr, normLen)) {
      this.decided = true;
      this.headers = null;
      plugin.metrics.inc(plugin.metrics.excluded);
      return FilterHeadersStatusValues.Continue;
    }
    // max_body_bytes 0: a body that follows is not inspected at all, which is a body longer than
    // the limit (partial, counted, and handled by on_uninspectable) like any other. A tunnel
    // (CONNECT, an upgrade) has no body end to wait for: decided on headers, partial too.
    if (endOfStream || cfg.maxBodyBytes == 0 || earlyFacts.tunnel) {
      return this.decide(plugin, 0, 0, !endOfStream) ? FilterHeadersStatusValues.StopIteration : FilterHeadersStatusValues.Continue;
    }
    if (streamsBody(cfg, earlyFacts.contentTypePtr, earlyFacts.contentTypeLen)) {
      this.streaming = true;
      return this.passHeaders(plugin);
    }
    if (!cfg.holdHeaders) return this.passHeaders(plugin);
    return FilterHeadersStatusValues.StopIteration;
  }

  // hold_headers: false or a `stream` body, and a body follows. The headers are scored alone: blocked now if they alone
  // decide it (nothing has gone upstream yet), otherwise sent on at once with the scores they had
  // and `inspection: partial` (the body was not scored when they left). The body is then held (or,
  // streamed, copied aside) and the request decided with it, once: logs and counters come from that decision.
  private passHeaders(plugin: Plugin): FilterHeadersStatusValues {
    let headers = this.headers;
    let ins = plugin.inspection;
    let s = ins.score(this.cfg!, headers == null ? 0 : changetype<usize>(headers), headers == null ? 0 : headers.byteLength, 0, 0, false);
    let undecodable = ins.facts.undecodable;
    let d = judge(plugin, this.cfg!, s, ins.overflow, undecodable);
    if (d.action == Action.BLOCK) {
      return this.decide(plugin, 0, 0, false) ? FilterHeadersStatusValues.StopIteration : FilterHeadersStatusValues.Continue;
    }
    if (d.action == Action.TAG && wantsScoreHeaders(this.cfg!, d.flagged || ins.overflow || undecodable) &&
      addRequestHeaderBytes(plugin.scoreHeaders[0], plugin.scoreValues[s.score(0)])) {
      for (let k = 1; k <= HEADER_CLASSES; k++) addRequestHeaderBytes(plugin.scoreHeaders[k], plugin.scoreValues[s.score(k)]);
      addRequestHeaderBytes(plugin.inspectionHeader, undecodable ? UNDECODABLE : PARTIAL);
      plugin.metrics.inc(plugin.metrics.tagged);
    }
    this.headersSent = true;
    return FilterHeadersStatusValues.Continue;
  }

  onRequestBody(bodyBytes: usize, endOfStream: bool): FilterDataStatusValues {
    if (this.decided) return FilterDataStatusValues.Continue;
    let plugin = this.plugin!;
    let size = <u32>bodyBytes;
    if (this.streaming) return this.streamChunk(plugin, size, endOfStream);
    this.bufferedBytes = size;
    let max = <u32>this.cfg!.maxBodyBytes;
    if (!endOfStream && size < max) return FilterDataStatusValues.StopIterationAndBuffer;
    // Past the limit the rest is not inspected: decide on the prefix (the policy for the
    // tail is on_uninspectable) and let the body stream on without buffering more of it.
    let truncated = size > max || !endOfStream;
    let body = getRequestBody(0, min(size, max));
    return this.decideOn(plugin, body, truncated) ? FilterDataStatusValues.StopIterationNoBuffer : FilterDataStatusValues.Continue;
  }

  // A `stream` body: each chunk goes on at once (Continue, so the size is this chunk's alone);
  // up to max_body_bytes of them are copied aside, and the request is decided on that copy when
  // it is full or the stream ends.
  private streamChunk(plugin: Plugin, size: u32, endOfStream: bool): FilterDataStatusValues {
    let max = this.cfg!.maxBodyBytes;
    let room = <u32>(max - this.streamLen);
    let take = <i32>min(size, room);
    if (take > 0) {
      let chunk = getRequestBody(0, <u32>take);
      if (chunk != null) this.append(chunk, max);
    }
    if (size > room) this.streamCut = true;
    if (!endOfStream && !this.streamCut && this.streamLen < max) return FilterDataStatusValues.Continue;
    return this.decideStreamed(plugin, this.streamCut || !endOfStream) ? FilterDataStatusValues.StopIterationNoBuffer : FilterDataStatusValues.Continue;
  }

  // Decides a `stream` body on the copy set aside (cut: the stream went on past it, or has not ended).
  private decideStreamed(plugin: Plugin, cut: bool): bool {
    let b = this.streamBody;
    this.streamBody = null;
    return this.decide(plugin, b == null ? 0 : changetype<usize>(b), this.streamLen, cut);
  }

  private append(chunk: ArrayBuffer, max: i32): void {
    let n = chunk.byteLength;
    let need = this.streamLen + n;
    let b = this.streamBody;
    if (b == null || b.byteLength < need) {
      let cap = b == null ? min(max, STREAM_FIRST_BYTES) : b.byteLength;
      while (cap < need) cap = min(max, cap * 2);
      let grown = new ArrayBuffer(cap);
      if (b != null) memory.copy(changetype<usize>(grown), changetype<usize>(b), this.streamLen);
      this.streamBody = b = grown;
    }
    memory.copy(changetype<usize>(b) + this.streamLen, changetype<usize>(chunk), n);
    this.streamLen = need;
  }

  onRequestTrailers(_trailers: u32): FilterTrailersStatusValues {
    if (this.decided) return FilterTrailersStatusValues.Continue;
    let plugin = this.plugin!;
    if (this.streaming) return this.decideStreamed(plugin, this.streamCut) ? FilterTrailersStatusValues.StopIteration : FilterTrailersStatusValues.Continue;
    let max = <u32>this.cfg!.maxBodyBytes;
    let body = this.bufferedBytes > 0 ? getRequestBody(0, min(this.bufferedBytes, max)) : null;
    return this.decideOn(plugin, body, this.bufferedBytes > max) ? FilterTrailersStatusValues.StopIteration : FilterTrailersStatusValues.Continue;
  }

  // p[0..n): the normalized path (computed whenever some configuration has exclude_paths).
  private isExcludedPath(cfg: Config, p: usize, n: i32): bool {
    let prefixes = cfg.excludePathBytes;
    if (prefixes.length == 0 || this.headers == null) return false;
    for (let i = 0, k = prefixes.length; i < k; i++) {
      let pre = unchecked(prefixes[i]);
      if (pre.byteLength <= n && memory.compare(p, changetype<usize>(pre), pre.byteLength) == 0) return true;
    }
    return false;
  }

  private decideOn(plugin: Plugin, body: ArrayBuffer | null, truncated: bool): bool {
    return this.decide(plugin, body == null ? 0 : changetype<usize>(body), body == null ? 0 : body.byteLength, truncated);
  }

  // Inspects the request and acts on it; returns true when it sent a 403 (stop the stream).
  private decide(plugin: Plugin, bodyPtr: usize, bodyLen: i32, truncated: bool): bool {
    this.decided = true;
    let cfg = this.cfg!;
    let metrics = plugin.metrics;
    let headers = this.headers;
    this.headers = null;
    let headPtr: usize = headers == null ? 0 : changetype<usize>(headers);
    let headLen = headers == null ? 0 : headers.byteLength;

    let t0 = nowNanos();
    let ins = plugin.inspection;
    let s = ins.score(cfg, headPtr, headLen, bodyPtr, bodyLen, truncated);
    let facts = ins.facts;
    // A request inspected only in part (a body past max_body_bytes, more parts or windows than
    // allowed) and one whose body could not be decoded: say so rather than pass them as clean.
    let uninspectable = truncated || ins.overflow;
    let undecodable = facts.undecodable;
    if (truncated) metrics.inc(metrics.truncated);
    if (uninspectable) metrics.inc(metrics.uninspectable);
    if (undecodable) metrics.inc(metrics.undecodable);

    let score = s.score(0);
    let t1 = nowNanos();
    metrics.recordScoringTime(t0, t1);
    let d = judge(plugin, cfg, s, uninspectable, undecodable);
    metrics.inc(metrics.scored);
    metrics.tick();
    // Strings are built for flagged requests only: clean traffic allocates none.
    let klass = "";
    let rid = "";
    let named = NOT_FLAGGED;
    if (d.flagged) {
      metrics.inc(metrics.flagged);
      if (d.reason == Reason.UNINSPECTABLE) {
        klass = "uninspectable";
        named = FLAGGED_UNINSPECTABLE;
      } else if (d.reason == Reason.UNDECODABLE) {
        klass = "undecodable";
        named = FLAGGED_UNDECODABLE;
      } else {
        named = d.klass > 0 ? d.klass : s.worstClass();
        klass = CLASS_NAMES[named];
      }
      metrics.incFlagged(named, d.action);
      rid = String.UTF8.decodeUnsafe(facts.requestIdPtr, facts.requestIdLen);
      // Checked before the line is built: a dropped line costs no string.
      if (plugin.logBudget.take(t1)) {
        let action = d.action == Action.BLOCK ? "block" : d.action == Action.TAG ? "tag" : "log";
        log(LogLevel.Info, flagLine(action, ins, klass, undecodable ? "inspection=undecodable" : uninspectable ? "inspection=partial" : "", cfg));
      } else {
        metrics.inc(metrics.logsDropped);
      }
    }

    // For access logs, before a 403 ends the stream; filter_state false spares the host calls.
    if (cfg.filterState) plugin.state.write(d.action, score, s, named, undecodable ? Inspected.UNDECODABLE : uninspectable ? Inspected.PARTIAL : Inspected.FULL);
    if (d.action == Action.BLOCK) {
      let hdrs = new Array<HeaderBytes>(1);
      hdrs[0] = new HeaderBytes(CONTENT_TYPE, JSON_TYPE);
      sendLocalResponse(403, blockBody(cfg.blockResponseDetails, score, klass, rid), hdrs, "wafscore_blocked");
      metrics.inc(metrics.blocked);
      return true;
    }
    // Counted as tagged only when the host took the headers (it refuses once they went upstream);
    // with hold_headers false they went at header time, tagged then (passHeaders).
    if (d.action == Action.TAG && !this.headersSent && wantsScoreHeaders(cfg, d.flagged || uninspectable || undecodable) &&
      addRequestHeaderBytes(plugin.scoreHeaders[0], plugin.scoreValues[score])) {
      for (let k = 1; k <= HEADER_CLASSES; k++) addRequestHeaderBytes(plugin.scoreHeaders[k], plugin.scoreValues[s.score(k)]);
      if (undecodable) addRequestHeaderBytes(plugin.inspectionHeader, UNDECODABLE);
      else if (uninspectable) addRequestHeaderBytes(plugin.inspectionHeader, PARTIAL);
      metrics.inc(metrics.tagged);
    }
    if (d.action == Action.LOG) metrics.inc(metrics.logged);
    return false;
  }

  // A request whose headers went on at once (hold_headers: false, a `stream` body) and that was
  // never decided: no body came (ngx_wasm_module gives a bodyless request no body callback, where
  // Envoy ends the stream on its headers), or the stream was reset before its end. Decided when the
  // context is deleted, on what arrived, so that it is logged and counted like every other; nothing
  // can be blocked or tagged any more (the headers alone did not block it, or they would have).
  // proxy_on_delete, not proxy_on_log: the filter does not export on_log (glue/abi.ts: one VM call
  // less per request), and every host calls on_delete at a stream's end.
  // The SDK's defaults build a debug string per call on every request; these overrides do not.
  onLog(): void {}
  onDone(): bool { return true; }
  onDelete(): void {
    if (this.decided || !this.headersSent) return;
    let plugin = this.plugin;
    if (plugin == null || this.cfg == null) return;
    if (this.streaming) this.decideStreamed(plugin, true);
    else this.decide(plugin, 0, 0, this.bufferedBytes > 0);
  }
}

// The decision for a scored request under `cfg`; with class_thresholds, every head's score goes in.
function judge(plugin: Plugin, cfg: Config, s: RequestScores, uninspectable: bool, undecodable: bool): Decision {
  let d = plugin.decision;
  if (!cfg.classRules) {
    decide(cfg, s.score(0), uninspectable, undecodable, d);
    return d;
  }
  let scores = plugin.classScores;
  for (let k = 1; k < HEAD_COUNT; k++) unchecked(scores[k] = s.score(k));
  decide(cfg, s.score(0), uninspectable, undecodable, d, scores, s.worstClass());
  return d;
}

// score_headers: all, or only requests worth a look upstream (`notable`: flagged, or not wholly
// inspected), or none; with "flagged" or "none" clean traffic makes no header writes.
function wantsScoreHeaders(cfg: Config, notable: bool): bool {
  return cfg.scoreHeaders == ScoreHeaders.ALL || (cfg.scoreHeaders == ScoreHeaders.FLAGGED && notable);
}
