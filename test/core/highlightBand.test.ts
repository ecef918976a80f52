import { highlightBand } from "../../src/core";

const bands = (alertDays: number[] | undefined, days: number[]) => days.map((d) => highlightBand(d, alertDays)?.band ?? null);

describe("the colour of an expiry under a product's Alert Days", () => {
  it("is red once expired, then orange, yellow and pale yellow within 30, 60 and 90 days by default", () => {
    expect(bands(undefined, [-1, 0, 30, 31, 60, 61, 90, 91])).toEqual(["expired", "nearest", "nearest", "middle", "middle", "farthest", "farthest", null]);
  });

  it("follows the smallest, second smallest and largest threshold, in whatever order they were written", () => {
    expect(bands([7, 120, 30], [7, 8, 30, 31, 120, 121])).toEqual(["nearest", "middle", "middle", "farthest", "farthest", null]);
  });

  it("has only orange with one threshold, and orange and yellow with two", () => {
    expect(bands([45], [-1, 0, 45, 46])).toEqual(["expired", "nearest", "nearest", null]);
    expect(bands([60, 14], [14, 15, 60, 61])).toEqual(["nearest", "middle", "middle", null]);
  });

  it("gives thresholds between the second smallest and the largest no colour of their own", () => {
    // 14, 30, 60, 90: orange to 14, yellow to 30, pale yellow on to 90 (60 included).
    expect(bands([90, 60, 30, 14], [14, 15, 30, 31, 60, 61, 90, 91])).toEqual(["nearest", "middle", "middle", "farthest", "farthest", "farthest", "farthest", null]);
  });

  it("counts a repeated threshold once", () => {
    expect(bands([30, 30, 90], [30, 31, 90, 91])).toEqual(["nearest", "middle", "middle", null]);
  });

  it("names the threshold of the band", () => {
    expect(highlightBand(45)).toEqual({ band: "middle", within: 60 });
    expect(highlightBand(-3)).toEqual({ band: "expired", within: 0 });
  });
});
