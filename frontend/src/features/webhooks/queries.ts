// Webhooks: an app's delivery history and the test delivery. The live feed refreshes the history
// (live.ts), so a push shows up without a reload.
import { useQuery } from '@tanstack/react-query';
import { get, post } from '../../shared/api/client';
import type { WebhookDeliveryList, WebhookTestResult } from '../../shared/api/types';
import { useApiMutation } from '../../shared/data/useApiMutation';
import { webhookKeys } from './keys';
import './live';

const enc = encodeURIComponent;

export function useDeliveries(appId: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(appId),
    queryFn: () => get<WebhookDeliveryList>(`/api/apps/${enc(appId)}/webhooks/deliveries`).then((r) => r.deliveries),
  });
}

/** The server sends a signed ping to its own public webhook URL and says what came back. */
export function useTestDelivery(appId: string) {
  return useApiMutation({
    run: () => post<WebhookTestResult>(`/api/apps/${enc(appId)}/webhooks/test`),
    failure: 'Test delivery not sent',
    invalidates: () => [webhookKeys.deliveries(appId)],
  });
}
