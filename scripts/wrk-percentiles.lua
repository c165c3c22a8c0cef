-- wrk reporter: latency percentiles in milliseconds (wrk's own --latency prints no p95) and the errors.
done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("запросов %d за %.1f с (%.0f/с); ошибок соединения %d, ответов не 2xx/3xx %d\n", summary.requests, seconds,
    summary.requests / seconds, e.connect + e.read + e.write + e.timeout, e.status))
  for _, p in ipairs({ 50, 90, 95, 99 }) do
    io.write(string.format("p%d %.1f мс\n", p, latency:percentile(p) / 1000))
  end
end
