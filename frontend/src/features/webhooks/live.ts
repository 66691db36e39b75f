// What the live feed does to the webhook keys: a `webhook_delivery` event says an app's delivery
// history grew, so that list is fetched again (only if it is on screen; else it is marked stale).
import type { QueryClient } from '@tanstack/react-query';
import { onLiveEvent } from '../../shared/data/live';
import { webhookKeys } from './keys';

export interface WebhookDeliveryEvent { app_id: string; result: string; deployment_id: string | null }

export function applyWebhookDelivery(qc: QueryClient, e: WebhookDeliveryEvent): void {
  void qc.invalidateQueries({ queryKey: webhookKeys.deliveries(e.app_id) });
}

onLiveEvent('webhook_delivery', (qc, data) => applyWebhookDelivery(qc, data as WebhookDeliveryEvent));
