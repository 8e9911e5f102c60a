/** Counts of requests a client sent, for tests ("no writes") and benchmarks. */
export class RequestStats {
  readonly byMethod = new Map<string, number>();
  retries = 0;
  /** True once the server answered with API Priority and Fairness headers. */
  serverUsesPriorityAndFairness = false;

  record(method: string): void {
    this.byMethod.set(method, (this.byMethod.get(method) ?? 0) + 1);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.byMethod.values()) sum += count;
    return sum;
  }

  /** POST, PUT, PATCH and DELETE requests (server-side dry runs included). */
  get writes(): number {
    return ['POST', 'PUT', 'PATCH', 'DELETE'].reduce((sum, method) => sum + (this.byMethod.get(method) ?? 0), 0);
  }
}
