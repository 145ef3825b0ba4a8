// The inspection pipeline for one request, in stages that each read the previous one's output:
// request → parts (request/) → decoded texts (decode/) → windows → scores (core/).
// Called by glue/stream.ts once per request and by core/index.ts for Node.

import { Config } from "../config/config";
import { PartList } from "../request/parts";
import { RequestFacts, splitRequest } from "../request/request";
import { TextList, decodeParts, keepFromModel } from "../decode/texts";
import { WindowSink, forEachWindow } from "./windows";
import { RequestScores } from "./score";
import { Model } from "./model";
import { applySignatures } from "./signatures";
import { applyPayloadVerdicts } from "./payloads";

export class Inspection {
  parts: PartList = new PartList();
  texts: TextList = new TextList();
  facts: RequestFacts = new RequestFacts();
  scores!: RequestScores; // made in the constructor, from the tables above
  windows: i32 = 0;
  // The scoring work ran out (max_windows) before every window was scored, or before every piece
  // the zoom cut from them was (core/zoom.ts).
  windowsCut: bool = false;
  piecesCut: bool = false;

  constructor(public model: Model) {
    this.scores = new RequestScores(model, this.parts.rows, this.texts.rows);
  }

  // Splits and decodes a request under cfg (its route's configuration; head: the serialized header
  // map; body: the bytes buffered, bodyCut when that is a prefix), then feeds its windows to sink:
  // the scores, or a collector.
  run<T extends WindowSink>(cfg: Config, headPtr: usize, headLen: i32, bodyPtr: usize, bodyLen: i32, bodyCut: bool, sink: T): void {
    splitRequest(headPtr, headLen, bodyPtr, bodyLen, bodyCut, cfg, this.parts, this.facts);
    decodeParts(this.parts, this.texts);
    if (this.parts.filesOrRuns) keepFromModel(this.parts, this.texts);
    this.scores.reset();
    sink.pieceBudget = cfg.maxWindows;
    sink.piecesCut = false;
    let w = forEachWindow<T>(this.texts, sink, cfg.maxWindows);
    this.windowsCut = w < 0;
    this.piecesCut = sink.piecesCut;
    this.windows = w < 0 ? -w : w;
  }

  score(cfg: Config, headPtr: usize, headLen: i32, bodyPtr: usize, bodyLen: i32, bodyCut: bool = false): RequestScores {
    // Windows no lexer can confirm are scored only where their scores can decide: under a
    // threshold (overall or a class's) at or over the score the gate holds them to.
    this.scores.skipUnconfirmable = cfg.highestThreshold < this.scores.gateScore;
    this.run<RequestScores>(cfg, headPtr, headLen, bodyPtr, bodyLen, bodyCut, this.scores);
    applySignatures(this.parts, this.texts, this.scores);
    applyPayloadVerdicts(this.parts, this.texts, this.scores);
    return this.scores;
  }

  // Parts were left uninspected: more than max_parts or the tables hold, past max_windows (of
  // windows, or of the pieces of them scored again: core/zoom.ts), or an encoded body that
  // inflated to more than max_body_bytes.
  get overflow(): bool {
    return this.parts.overflow || this.texts.overflow || this.windowsCut || this.piecesCut || this.facts.inflatedPartly;
  }
}
