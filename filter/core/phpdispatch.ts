// A PHP function run by name through parameters a framework dispatches on, as ThinkPHP 5's remote
// code execution does (CVE-2018-20062 and its kin, among the exploits scanners send most):
// - a value that is one of PHP's callers of a function by its name, whole
//   (`s=/index/\think\app/invokefunction&function=call_user_func_array&vars[0]=system&vars[1][]=id`);
// - the method override `_method=__construct` (ThinkPHP 5.0.23: `filter[]=system&method=get&
//   server[REQUEST_METHOD]=id`), which makes the request's constructor take the attacker's filters.
// Each value alone is a lone word the model never scores. The route alone
// (`s=index/\think\Request/input&filter=system&data=id`) is left to the model: a test of every
// value for it cost the 1 KiB form 0.6% of its instructions (make profile). Read by
// core/signatures.ts for query, form and multipart field values whose first two bytes its table
// lets through; total and allocation-free.

import { equalsCI } from "../lib/bytes";

// Whether a value of length n may be one phpDispatch reads.
// @ts-ignore: decorator
@inline export function phpDispatchLength(n: i32): bool { return n == 11 || n == 14 || n == 20; }

// Whether value p[0..n) of the parameter named np[0..nn) calls PHP code through ThinkPHP's dispatch.
export function phpDispatch(p: usize, n: i32, np: usize, nn: i32): bool {
  if (n == 11) return nn == 7 && equalsCI(np, nn, "_method") && equalsCI(p, n, "__construct");
  return equalsCI(p, n, "call_user_func") || equalsCI(p, n, "call_user_func_array");
}
