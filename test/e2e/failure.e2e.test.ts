// e2e: what Envoy does under each Wasm failure_policy when the VM traps (build/trap.wasm, on a
// header): statuses, whether the VM comes back, what to alert on. README "Failure modes" quotes it.
import { describe, expect, it } from "vitest";
import { type Stack, startStack, tail } from "./harness";

const TRAP = { "x-wafscore-test-trap": "1" };
const CLEAN = "/shop?q=running+shoes";
const ATTACK = "/shop?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E";
// Envoy's log line for the trap (source/extensions/common/wasm/wasm_vm.cc), whatever the policy.
const TRAP_LOG = "Function: proxy_on_request_headers failed: Uncaught RuntimeError: unreachable";

interface Case {
  /** What replaces the template's `fail_open: false` ("" removes it), or null for the template as it is (the demo's choice). */
  policy: string | null;
  trapped: number;           // the trapping request
  nextClean: number;         // a clean request right after
  nextAttack: number;        // an attack right after
  later: number;             // an attack 1.5 s later (past FAIL_RELOAD's 1 s backoff)
}

const CASES: Case[] = [
  // The trap kills the VM for good: every request answered 503 until Envoy restarts.
  { policy: "FAIL_CLOSED", trapped: 503, nextClean: 503, nextAttack: 503, later: 503 },
  // The trapping request still gets 503; after it, everything passes upstream unscored.
  { policy: "FAIL_OPEN", trapped: 503, nextClean: 200, nextAttack: 200, later: 200 },
  // 503 while backing off (1 s), then a fresh VM: scoring (and blocking) again.
  { policy: "FAIL_RELOAD", trapped: 503, nextClean: 503, nextAttack: 503, later: 403 },
  // envoy/envoy.template.yaml's `fail_open: false` is FAIL_CLOSED, and so is setting neither.
  { policy: null, trapped: 503, nextClean: 503, nextAttack: 503, later: 503 },
  { policy: "", trapped: 503, nextClean: 503, nextAttack: 503, later: 503 },
];

async function status(s: Stack, path: string, headers: Record<string, string> = {}): Promise<number> {
  const r = await fetch(s.url + path, { headers, signal: AbortSignal.timeout(5000) });
  await r.arrayBuffer();
  return r.status;
}

async function stats(s: Stack): Promise<Map<string, number>> {
  const text = await (await fetch(`${s.adminUrl}/stats`)).text();
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([^:]+): (\d+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

describe("when the VM traps", () => {
  for (const c of CASES) {
    it(`${c.policy === null ? "the template as shipped (fail_open: false)" : c.policy || "neither failure_policy nor fail_open"}: trap ${c.trapped}, next ${c.nextClean}/${c.nextAttack}, 1.5 s later ${c.later}`, async () => {
      const s = await startStack({
        pluginConfig: { mode: "block" },
        wasmPath: "build/trap.wasm",
        editConfig: (yaml) => {
          if (c.policy === null) return yaml;
          if (!/^\s+fail_open: false$/m.test(yaml)) throw new Error("the template no longer sets fail_open: false; update this test");
          return c.policy === "" ? yaml.replace(/^\s+fail_open: false\n/m, "") : yaml.replace(/fail_open: false/, `failure_policy: ${c.policy}`);
        },
      });
      try {
        // Alive and scoring before the trap.
        expect([await status(s, CLEAN), await status(s, ATTACK)]).toEqual([200, 403]);
        const before = await stats(s);

        const seen = {
          trapped: await status(s, CLEAN, TRAP),
          nextClean: await status(s, CLEAN),
          nextAttack: await status(s, ATTACK),
        };
        const after = await stats(s);
        await new Promise((r) => setTimeout(r, 1500));
        const later = await status(s, ATTACK);
        const end = await stats(s);
        expect({ ...seen, later }).toEqual({ trapped: c.trapped, nextClean: c.nextClean, nextAttack: c.nextAttack, later: c.later });

        // What to alert on. Always: Envoy's error line for the trap.
        expect(s.logs()).toContain(TRAP_LOG);
        const scored = "wasmcustom.wafscore_requests_scored_total";
        const requests = "http.ingress_http.downstream_rq_total";
        if (c.policy === "FAIL_RELOAD") {
          // wasm.<plugin name>.vm_reload_backoff counts requests refused while waiting to
          // reload, vm_reload_success the reloads (the plugin's name is `wafscore`).
          expect(after.get("wasm.wafscore.vm_reload_backoff")).toBeGreaterThanOrEqual(2);
          expect(end.get("wasm.wafscore.vm_reload_success")).toBe(1);
          expect(end.get("wasm.wafscore.vm_reload_failure")).toBe(0);
        } else {
          // No wasm.* counter moves (runtime.v8.active/created stay as they were): the signal is
          // the filter's own counter standing still while requests keep arriving.
          for (const k of ["wasm.envoy.wasm.runtime.v8.active", "wasm.envoy.wasm.runtime.v8.created"]) expect(end.get(k), k).toBe(before.get(k));
          expect(end.get(scored)).toBe(before.get(scored));
          expect(end.get(requests)! - before.get(requests)!).toBe(4);
        }
      } catch (e) {
        console.error(tail(s.logs(), 30));
        throw e;
      } finally {
        await s.stop();
      }
    });
  }
});
