import { session } from "./session";

/** A GraphQL answer's error, with the registry's stable code (extensions.code). */
export class GraphQLFailure extends Error {
  constructor(message: string, readonly code: string | undefined, readonly status: number) { super(message); }
}

/**
 * Sends a query with the signed-in key (or the one given, at sign-in). A field's error fails the whole call
 * unless `partial` is set, for pages that show what answered and explain the rest.
 */
export async function query<T>(text: string, variables: Record<string, unknown> = {}, key = session.key()): Promise<T> {
  const response = await fetch("/graphql", {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", ...(key ? { Authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query: text, variables }),
  });
  if (response.status === 401) throw new GraphQLFailure("unauthorized", "UNAUTHENTICATED", 401);
  const body = (await response.json().catch(() => null)) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  if (!body) throw new GraphQLFailure(`HTTP ${response.status}`, undefined, response.status);
  if (body.errors?.length) {
    const first = body.errors[0];
    throw new GraphQLFailure(first.message, first.extensions?.code, response.status);
  }
  return body.data as T;
}
