/** Replies of the operations routes: /healthz (the load balancer's probe) and /metrics (Prometheus). */
import { z } from 'zod';

const database = z.enum(['sqlite', 'postgres']);

/** 200: a real write went through within HEALTH_TIMEOUT_MS. */
export const healthReply = z.object({ status: z.literal('ok'), database });

/** 503: the database's trouble (the code and sentence of any other 503), with Retry-After. */
export const healthTroubleReply = z.object({
  status: z.literal('unavailable'),
  database,
  reason: z.enum(['database_unavailable', 'database_busy', 'storage_full']),
  detail: z.enum(['timeout', 'low_disk', 'write_failed']),
  message: z.string(),
});
