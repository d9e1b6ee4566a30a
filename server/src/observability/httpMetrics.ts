import type { RequestHandler } from 'express';
import type { Metrics } from './metrics.ts';

/**
 * Times every request into `waymark_http_request_duration_seconds`, labelled by the route pattern (never the
 * raw path: user and journey ids would make unbounded label sets) and the status class.
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const route = req.route?.path ? `${req.baseUrl}${String(req.route.path)}` : req.path.startsWith('/v1') || req.path.startsWith('/api') ? 'unmatched' : 'static';
      metrics.httpDuration.observe({ method: req.method, route, status: `${Math.floor(res.statusCode / 100)}xx` }, seconds);
    });
    next();
  };
}
