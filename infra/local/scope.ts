type Task = () => Promise<void> | void;

const run = (task: Task) => Promise.resolve().then(task).catch(() => undefined);

/**
 * What has been started and how to undo it. Every service registers its stop
 * the moment it exists (a spawned JVM before it answers, a table before it is
 * ready), so closing the scope at any moment of start-up stops exactly what
 * is running. Once closing has begun, anything registered later is stopped at
 * once, and `close()` waits for that too.
 */
export class Scope {
  readonly #tasks: Task[] = [];
  readonly #late = new Set<Promise<void>>();
  readonly #controller = new AbortController();
  #closing: Promise<void> | undefined;

  /** Aborted when the scope starts closing: start-up waits give up instead of running on. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Registers how to undo something that now exists; stops it right away if the scope is already closing. */
  defer(task: Task): void {
    if (!this.closed) {
      this.#tasks.push(task);
      return;
    }
    const late = run(task);
    this.#late.add(late);
    void late.then(() => this.#late.delete(late));
  }

  /** Undoes everything, last started first. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= this.#drain();
    return this.#closing;
  }

  async #drain(): Promise<void> {
    this.#controller.abort();
    for (let task = this.#tasks.pop(); task; task = this.#tasks.pop()) await run(task);
    while (this.#late.size > 0) await Promise.all(this.#late);
  }
}
