// An agency's case system as the tests see it: a local HTTP server that checks the signature,
// can fail its first N requests, and keeps each event once by its idempotency key.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  IDEMPOTENCY_HEADER,
  SIGNATURE_HEADER,
  verifySignature,
} from '../../src/platform/webhooks/signature.ts'

export interface ReceivedEvent {
  idempotencyKey: string
  eventType: string
  body: { id: string; type: string; occurredAt: string; agencyId: string; data: Record<string, unknown> }
}

export interface WebhookReceiver {
  url: string
  /** Every request, including failed and refused ones. */
  requests: number
  /** Requests refused for a bad or missing signature. */
  badSignatures: number
  /** Each event once, in the order first accepted. */
  received: ReceivedEvent[]
  close(): Promise<void>
}

export async function startWebhookReceiver(options: {
  secret: string
  failFirst?: number
}): Promise<WebhookReceiver> {
  let toFail = options.failFirst ?? 0
  const seen = new Set<string>()
  const receiver: WebhookReceiver = {
    url: '',
    requests: 0,
    badSignatures: 0,
    received: [],
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  const server = createServer(async (request, response) => {
    receiver.requests += 1
    const body = await readBody(request)
    const signature = request.headers[SIGNATURE_HEADER] as string | undefined
    if (!verifySignature(options.secret, signature, body, new Date())) {
      receiver.badSignatures += 1
      response.writeHead(401).end()
      return
    }
    if (toFail > 0) {
      toFail -= 1
      response.writeHead(503).end()
      return
    }
    const key = String(request.headers[IDEMPOTENCY_HEADER] ?? '')
    if (!seen.has(key)) {
      seen.add(key)
      receiver.received.push({
        idempotencyKey: key,
        eventType: String(request.headers['x-masa-event'] ?? ''),
        body: JSON.parse(body),
      })
    }
    response.writeHead(204).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return receiver
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
