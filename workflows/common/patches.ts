// Live patch ids: every id a workflow passes to `patched()` or `deprecatePatch()`, until the call is
// deleted. Each entry says which process it changes, where it stands, and when it was deployed:
//   'id': { process: 'taskDispatch', stage: 'patched' | 'deprecated', deployed: 'YYYY-MM-DD' },
// The replay test refuses a recorded history whose patch marker is not listed here, so every patch is
// documented while it lives. The lifecycle (README, "Changing a running process"):
//   1. `if (patched('id')) new else old`, recorded fixtures of both;
//   2. once no run started before that deploy is open: `deprecatePatch('id')` and the new code only, re-recorded;
//   3. once no run started before step 2 is open: the call deleted, and its entry here.
// Empty: nothing had been released when the pre-release markers were retired (issue 21).
export const LIVE_PATCHES: Record<string, { process: string; stage: 'patched' | 'deprecated'; deployed: string }> = {};
