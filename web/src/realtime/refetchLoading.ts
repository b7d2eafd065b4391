import {
  QueryClient,
  type InvalidateOptions,
  type InvalidateQueryFilters,
  type Query,
} from "@tanstack/react-query";

/**
 * A QueryClient whose invalidations also reach queries still loading for the first time.
 *
 * A realtime event invalidates the queries it touches. TanStack Query refetches one that
 * has data (cancelling a fetch in flight), but a query still loading for the first time
 * joins the running fetch instead, which may have read the server before the event's
 * change: its answer then settles as fresh and the change never shows (a conversation that
 * arrives while the inbox list loads). Such a query, found when the invalidation happens,
 * is invalidated once more when that first fetch succeeds (a failed one is retried or
 * shown as failed anyway).
 */
export class LiveQueryClient extends QueryClient {
  override invalidateQueries<TTaggedQueryKey extends readonly unknown[] = readonly unknown[]>(
    filters?: InvalidateQueryFilters<TTaggedQueryKey>,
    options?: InvalidateOptions,
  ): Promise<void> {
    const cache = this.getQueryCache();
    for (const query of cache.findAll(filters as InvalidateQueryFilters)) {
      if (query.state.data === undefined && query.state.fetchStatus === "fetching")
        this.#againAfterFirstAnswer(query);
    }
    return super.invalidateQueries(filters, options);
  }

  #againAfterFirstAnswer(query: Query): void {
    const stop = this.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.query !== query) return;
      if (event.action.type !== "success" && event.action.type !== "error") return;
      stop();
      if (event.action.type === "success")
        void super.invalidateQueries({ queryKey: query.queryKey, exact: true });
    });
  }
}
