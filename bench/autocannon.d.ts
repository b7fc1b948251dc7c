// The part of autocannon 8's API the benchmarks use (the package ships no types).
declare module 'autocannon' {
  type Headers = Record<string, string>
  export type RequestParams = { method?: string; path?: string; headers?: Headers; body?: string | Buffer; [key: string]: unknown }
  export type Request = RequestParams & {
    setupRequest?: (request: RequestParams, context: Record<string, unknown>) => RequestParams | null
    onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Headers) => void
  }
  export type Client = { opts: { requests?: Request[] }; requestIterator: { rebuildRequest(): unknown } }
  export type Options = {
    url: string
    connections?: number
    duration?: number
    amount?: number
    timeout?: number
    pipelining?: number
    method?: string
    headers?: Headers
    requests?: Request[]
    setupClient?: (client: Client) => void
  }
  export type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; total: number; sent: number; p50: number; p90: number; p97_5: number; p99: number; p99_9: number }
  export type Result = {
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    resets: number
    '1xx': number
    '2xx': number
    '3xx': number
    '4xx': number
    '5xx': number
    statusCodeStats: Record<string, { count: number }>
    latency: Histogram
    requests: Histogram
    throughput: Histogram
  }
  export type Instance = Promise<Result> & { stop(): void }
  function autocannon(options: Options): Instance
  export default autocannon
}
