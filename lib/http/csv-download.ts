/**
 * A CSV download streamed from an async generator of text chunks (one per page of rows), for the
 * export routes: chunks are pulled as the client reads, a client that goes away stops the
 * generator (its `finally` blocks run, cursors close), and an error after the headers went out is
 * logged with the request id and cuts the download short — a truncated file, never a 200 that
 * looks complete.
 */
export function csvDownload(
  chunks: AsyncGenerator<string, unknown, unknown>,
  o: { filename: string; requestId: string; what: string; headers?: Record<string, string> },
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (err) {
        console.error(`[request ${o.requestId}] ${o.what} export failed mid-stream`, err);
        controller.error(new Error("export failed"));
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${o.filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...o.headers,
      "x-request-id": o.requestId,
    },
  });
}
