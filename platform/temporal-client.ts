import { readFileSync } from 'node:fs';
import { Client, Connection, type TLSConfig } from '@temporalio/client';
import type { Config } from './config';

/** TLS to the Temporal server when the configuration names certificates (mTLS with a client pair). */
export function temporalTls(
  config: Pick<Config, 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA' | 'TEMPORAL_TLS_SERVER_NAME'>,
): TLSConfig | undefined {
  if (!config.TEMPORAL_TLS_CERT && !config.TEMPORAL_TLS_CA) return undefined;
  return {
    serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: config.TEMPORAL_TLS_CA ? readFileSync(config.TEMPORAL_TLS_CA) : undefined,
    clientCertPair:
      config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
        ? { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) }
        : undefined,
  };
}

export async function connectClient(address: string, namespace: string, tls?: TLSConfig): Promise<{ client: Client; connection: Connection }> {
  const connection = await Connection.connect({ address, tls });
  return { client: new Client({ connection, namespace }), connection };
}
