// Loads data for a page and keeps loading/error/ready apart, without a data-fetching library.
import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

export interface ResourceHandle<T> {
  resource: Resource<T>;
  reload: () => void;
  /** Applies a local change after a successful write, sparing a round trip. */
  update: (change: (data: T) => T) => void;
}

/** `load` must be stable (module function or useCallback); it reruns when it changes. */
export function useResource<T>(load: () => Promise<T>): ResourceHandle<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    load().then(
      (data) => {
        if (current) {
          setResource({ status: 'ready', data });
        }
      },
      (error: unknown) => {
        if (current) {
          setResource({ status: 'error', error });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [load, generation]);

  const reload = useCallback(() => {
    setResource({ status: 'loading' });
    setGeneration((value) => value + 1);
  }, []);

  const update = useCallback((change: (data: T) => T) => {
    setResource((previous) =>
      previous.status === 'ready' ? { status: 'ready', data: change(previous.data) } : previous,
    );
  }, []);

  return { resource, reload, update };
}
