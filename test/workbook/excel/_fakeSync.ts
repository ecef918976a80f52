// The request batch and `context.sync` that the fake Excel contexts share. office-addin-mock has
// no request queue: a mock's loaded values settle only when `sync` is called on that mock. So a
// fake queues its writes here, each sync applies the batch queued since the last one (a failed
// sync applies none of it), and then syncs every mock the fake handed out. Syncs are counted in
// the fake's log, and a test can make the nth sync from now fail with an Office error code.
import { OfficeMockObject } from "office-addin-mock";

/** What a fake gives its sync: where syncs are counted, and what it does at a sync besides the shared part. */
export interface FakeSyncOptions {
  /** The fake's log: `syncs` counts every sync, failed ones included. */
  log: { syncs: number };
  /** When given, each sync adds the number of cells loaded in its request (see `loadCells`). */
  requestSizes?: number[];
  /**
   * Called at each sync once it is counted, before its batch applies or fails: the error the sync
   * fails with when no failure was injected for it, or null. A fake forgets here what the sync takes.
   */
  starting?: () => Error | null;
  /** Called once a sync's batch has applied, before the mocks settle. */
  applied?: () => void;
}

/** The request batch and sync of one fake context: see `fakeSync`. */
export interface FakeSync {
  /** An office-addin-mock object made from `data`, whose loaded values settle at each sync. */
  mock(data: Record<string, unknown>): OfficeMockObject;
  /** Queues a change to the fake's state: it applies at the next sync, unless that sync fails. */
  queue(apply: () => void): void;
  /** Drops the changes queued and not yet synced. */
  clear(): void;
  /**
   * A `load` for a mock range whose `cells` values travel in the request that loads them: they
   * count toward the size of the coming sync's request.
   */
  loadCells(cells: number): (this: OfficeMockObject, what: string) => OfficeMockObject | undefined;
  /** The coming sync fails with ItemNotFound, as Excel fails a request that got an item that does not exist. */
  notFound(): void;
  /** The `n`th sync from now fails with this error code and message, applying nothing of its batch. */
  failAt(n: number, code: string, message: string): void;
  /** The fake's `context.sync`. */
  sync(): Promise<void>;
  /**
   * Runs `batch` on `context` as `Excel.run` would, with an empty batch to start: changes queued
   * and not synced before are dropped. `ran` is told the number of syncs the run made, whether the
   * batch resolved or threw.
   */
  run<T>(context: object, batch: (context: Excel.RequestContext) => Promise<T>, ran: (syncs: number) => void): Promise<T>;
}

/** The request batch and sync of a fake context whose syncs are counted in `options.log`. */
export function fakeSync(options: FakeSyncOptions): FakeSync {
  const { log } = options;
  const live: OfficeMockObject[] = [];
  let pending: (() => void)[] = [];
  const failures = new Map<number, Error>();
  let missing: Error | null = null;
  let requestCells = 0;

  const sync = async (): Promise<void> => {
    log.syncs++;
    options.requestSizes?.push(requestCells);
    requestCells = 0;
    const started = options.starting?.() ?? null;
    const failure = failures.get(log.syncs) ?? started ?? missing;
    missing = null;
    const batch = pending;
    pending = [];
    if (failure) throw failure;
    for (const apply of batch) apply();
    options.applied?.();
    await Promise.all(live.map((m) => OfficeMockObject.prototype.sync.call(m)));
    // The mock settles loaded values a few microtasks after sync returns.
    await new Promise((resolve) => setTimeout(resolve, 0));
  };

  return {
    mock(data) {
      const m = new OfficeMockObject(data as never);
      live.push(m);
      return m;
    },
    queue(apply) {
      pending.push(apply);
    },
    clear() {
      pending = [];
    },
    loadCells(cells) {
      return function load(this: OfficeMockObject, what: string) {
        requestCells += cells;
        return OfficeMockObject.prototype.load.call(this, what);
      };
    },
    notFound() {
      missing = Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" });
    },
    failAt(n, code, message) {
      failures.set(log.syncs + n, Object.assign(new Error(message), { code }));
    },
    sync,
    async run(context, batch, ran) {
      pending = [];
      const before = log.syncs;
      try {
        return await batch(context as unknown as Excel.RequestContext);
      } finally {
        ran(log.syncs - before);
      }
    },
  };
}

/**
 * `m` with `isNullObject` set. Office.js sets isNullObject at sync without a load; a plain property
 * keeps it out of the mock's load rules.
 */
export function orNull(m: OfficeMockObject, isNull: boolean): OfficeMockObject {
  return Object.assign(m, { isNullObject: isNull });
}
