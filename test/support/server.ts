import { startTestApp, type TestApp } from './app.ts'

export interface TestServer extends TestApp {
  baseUrl: string
}

/** The service listening on a free local port, for browser tests. */
export async function startTestServer(
  partnershipFile?: string,
  options: { now?: () => Date } = {},
): Promise<TestServer> {
  const testApp = await startTestApp(partnershipFile, options)
  const address = await testApp.app.listen({ port: 0, host: '127.0.0.1' })
  return { ...testApp, baseUrl: address }
}
