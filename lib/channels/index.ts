import { metaConnector } from "./meta";
import { sandboxConnector } from "./sandbox";
import type { Connector, ConnectorKind } from "./types";

export * from "./types";

const CONNECTORS: Record<ConnectorKind, Connector> = { sandbox: sandboxConnector, meta: metaConnector };

/** The connector for a channel's kind. */
export function connectorFor(kind: ConnectorKind): Connector {
  return CONNECTORS[kind];
}
