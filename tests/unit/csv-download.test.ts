import { describe, expect, it, vi } from "vitest";
import { csvDownload } from "@/lib/http/csv-download";

describe("csvDownload", () => {
  it("streams the generator's chunks with download headers", async () => {
    async function* gen() {
      yield "\uFEFFa,b\r\n";
      yield "1,2\r\n";
    }
    const res = csvDownload(gen(), { filename: "x-20261129.csv", requestId: "req-1", what: "test", headers: { "X-Total-Rows": "1" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="x-20261129.csv"');
    expect(res.headers.get("x-total-rows")).toBe("1");
    expect(res.headers.get("x-request-id")).toBe("req-1");
    expect(res.headers.get("cache-control")).toBe("no-store");
    // The BOM stays in the bytes (Excel reads UTF-8 with it).
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes)).toBe("\uFEFFa,b\r\n1,2\r\n");
  });

  it("a client that goes away stops the generator (its finally runs)", async () => {
    let closed = false;
    let produced = 0;
    async function* gen() {
      try {
        for (;;) {
          produced++;
          yield "row\r\n";
        }
      } finally {
        closed = true;
      }
    }
    const res = csvDownload(gen(), { filename: "x.csv", requestId: "r", what: "test" });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(closed).toBe(true);
    expect(produced).toBeLessThan(5);
  });

  it("an error mid-stream is logged with the request id and cuts the download short", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    async function* gen() {
      yield "a\r\n";
      throw new Error("db gone");
    }
    const res = csvDownload(gen(), { filename: "x.csv", requestId: "req-9", what: "test" });
    await expect(res.text()).rejects.toThrow();
    expect(log.mock.calls[0]![0]).toContain("[request req-9] test export failed mid-stream");
    log.mockRestore();
  });
});
