// The client's lazy chunks (failure handling, clone, listAll, raw, observability), loaded before each test file.
// In an app a chunk loads once, on first use; in a test under a fake clock, that first load is real
// I/O that `settle()` (which only runs timers) cannot wait for, so it is done here, up front.
await Promise.all([
  import("../src/failure.js"),
  import("../src/clone.js"),
  import("../src/list-all.js"),
  import("../src/raw.js"),
  import("../src/observe.js"),
]);
