// Every change the dashboard makes goes through here: pending state for the button, the server's
// {"error":{code,message,field}} kept for the form (fieldError puts it on the right field), the
// query keys the change makes stale invalidated, and a toast with the result.
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { ApiError, describeError } from '../api/client';
import { useClearToasts, useToast } from '../ui/Toast';

export interface ApiMutationOptions<TVars, TResult> {
  run: (vars: TVars) => Promise<TResult>;
  /** The toast on success; none when it returns undefined. */
  success?: (result: TResult, vars: TVars) => string | undefined;
  /** What the toast says on failure, before the server's message. */
  failure?: string;
  /** Keys whose data the change makes stale. */
  invalidates?: (result: TResult | undefined, vars: TVars) => QueryKey[];
  onDone?: (result: TResult, vars: TVars) => void;
  /** The toasts' topic: a change on the same topic removes the previous one's toast when it starts. */
  topic?: string;
}

export function useApiMutation<TVars = void, TResult = unknown>(o: ApiMutationOptions<TVars, TResult>) {
  const qc = useQueryClient();
  const toast = useToast();
  const clearToasts = useClearToasts();
  return useMutation<TResult, unknown, TVars>({
    mutationFn: o.run,
    onMutate: () => { if (o.topic) clearToasts(o.topic); },
    onSuccess: (result, vars) => {
      o.onDone?.(result, vars);
      const text = o.success?.(result, vars);
      if (text) toast(text, 'ok', o.topic);
    },
    onError: (e) => toast(`${o.failure ?? 'Failed'}: ${describeError(e)}`, 'bad', o.topic),
    onSettled: (result, _e, vars) => {
      for (const key of o.invalidates?.(result, vars) ?? []) void qc.invalidateQueries({ queryKey: key });
    },
  });
}

/** The server's message for one form field, when the error names it. */
export function fieldError(e: unknown, field: string): string | undefined {
  return e instanceof ApiError && e.field === field ? e.message : undefined;
}

/** The error text for the form as a whole: only when no field of the form carries it. */
export function formError(e: unknown, fields: readonly string[]): string | undefined {
  if (!e) return undefined;
  if (e instanceof ApiError && e.field && fields.includes(e.field)) return undefined;
  return describeError(e);
}
