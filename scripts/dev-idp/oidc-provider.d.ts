/**
 * Minimal type declarations for `oidc-provider` v9, which ships no types (and there is no
 * @types package installed). Only the surface the dev IdP (scripts/dev-idp/server.ts) uses is
 * declared; widen it here if you need more.
 */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Awaitable<T> = T | Promise<T>;

  /** What an interaction can be finished with (`interactionFinished` / `interactionResult`). */
  export interface InteractionResults {
    login?: {
      accountId: string;
      remember?: boolean;
      ts?: number;
      amr?: string[];
      acr?: string;
    };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  /** The subset of Koa's context (plus `ctx.oidc`) the provider hands to configuration hooks. */
  export interface KoaContextWithOIDC {
    body: unknown;
    type: string;
    status: number;
    set(field: string, value: string): void;
    oidc: {
      result?: InteractionResults;
      client?: { clientId: string; clientName?: string };
      params?: Record<string, unknown>;
    };
  }

  export interface Account {
    accountId: string;
    /**
     * `use` is "id_token" or "userinfo"; the provider filters the returned claims down to
     * what the grant allows, so returning everything is fine.
     */
    claims(
      use: string,
      scope: string,
      claims: Record<string, unknown>,
      rejected: string[],
    ): Awaitable<{ sub: string; [claim: string]: unknown }>;
  }

  export interface PromptDetail {
    name: string;
    reasons: string[];
    details: {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
      [key: string]: unknown;
    };
  }

  export class Interaction {
    readonly uid: string;
    exp: number;
    returnTo: string;
    prompt: PromptDetail;
    params: Record<string, unknown>;
    /** Present when the authorization request arrived with a signed-in provider session. */
    session?: { accountId: string; uid?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
    result?: InteractionResults;
    save(ttl: number): Promise<string>;
    /** Re-saves with the remaining TTL. */
    persist(): Promise<string>;
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    readonly jti: string;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    /** Returns the grant id. */
    save(ttl?: number): Promise<string>;
    static find(id: string): Promise<Grant | undefined>;
  }

  export class Session {
    readonly uid: string;
    accountId?: string;
    destroy(): Promise<void>;
    static findByUid(uid: string): Promise<Session | undefined>;
  }

  export class Check {
    constructor(
      reason: string,
      description: string,
      check: (ctx: KoaContextWithOIDC) => Awaitable<boolean>,
      details?: (
        ctx: KoaContextWithOIDC,
      ) => Awaitable<Record<string, unknown> | undefined>,
    );
    static readonly REQUEST_PROMPT: true;
    static readonly NO_NEED_TO_PROMPT: false;
  }

  export interface Prompt {
    name: string;
    requestable: boolean;
    checks: Check[] & {
      add(check: Check, index?: number): void;
      remove(reason: string): void;
    };
  }

  export type InteractionPolicy = Prompt[] & {
    get(name: string): Prompt | undefined;
  };

  export const interactionPolicy: {
    base(): InteractionPolicy;
    Check: typeof Check;
  };

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    id_token_signed_response_alg?: string;
    [key: string]: unknown;
  }

  type TTLValue =
    number | ((ctx: KoaContextWithOIDC, ...rest: unknown[]) => number);

  /** Loosely typed on purpose: the real option tree is large; see node_modules/oidc-provider. */
  export interface Configuration {
    clients?: ClientMetadata[];
    clientAuthMethods?: string[];
    responseTypes?: string[];
    scopes?: string[];
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    pkce?: { required?: (ctx: KoaContextWithOIDC, client: unknown) => boolean };
    features?: Record<string, { enabled: boolean; [option: string]: unknown }>;
    interactions?: {
      policy?: InteractionPolicy;
      url?: (
        ctx: KoaContextWithOIDC,
        interaction: Interaction,
      ) => Awaitable<string>;
    };
    findAccount?: (
      ctx: KoaContextWithOIDC,
      sub: string,
      token?: unknown,
    ) => Awaitable<Account | undefined>;
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: {
      keys?: string[];
      names?: { session?: string; interaction?: string; resume?: string };
      long?: Record<string, unknown>;
      short?: Record<string, unknown>;
    };
    ttl?: Record<string, TTLValue>;
    renderError?: (
      ctx: KoaContextWithOIDC,
      out: {
        error: string;
        error_description?: string;
        [key: string]: unknown;
      },
      error: Error,
    ) => Awaitable<void>;
    clientBasedCORS?: (
      ctx: KoaContextWithOIDC,
      origin: string,
      client: unknown,
    ) => boolean;
    [option: string]: unknown;
  }

  type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

  export class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    /** Koa's `proxy` flag: whether X-Forwarded-* headers are trusted. */
    proxy: boolean;
    readonly Grant: typeof Grant;
    readonly Session: typeof Session;
    callback(): NodeHandler;
    interactionDetails(
      req: IncomingMessage,
      res: ServerResponse,
    ): Promise<Interaction>;
    interactionResult(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<string>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: {
    SessionNotFound: new (...args: unknown[]) => Error;
  };

  export default Provider;
}

/** The provider's bundled in-memory adapter (no "exports" map, so the deep import is allowed). */
declare module "oidc-provider/lib/adapters/memory_adapter.js" {
  /** Returns an adapter factory with its own store (not shared with other providers). */
  export function createMemoryAdapter(
    clockTolerance?: number,
  ): (model: string) => unknown;
}
