"use client";

import { lazy, Suspense, type ComponentType } from "react";

/**
 * A component fetched when first rendered (nothing shows until it is there), out of the page's
 * first-load JavaScript; `preload` fetches it earlier, when it is about to be needed.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  function LazyComponent(props: P) {
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  LazyComponent.preload = () => void load();
  return LazyComponent;
}
