// Constants shared by the filter glue: the root id Envoy selects the plugin by.
// Read by main.ts (registration) and mirrored by envoy/*.yaml (`root_id`).

// proxy-runtime throws (aborting the VM) when Envoy's root_id has no registered
// factory (proxy-runtime #79), so the registration and the configs must agree.
export const ROOT_ID = "wafscore";
