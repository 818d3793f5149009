import type { ImageRecords } from './types.ts';

export interface Batch {
  /** Sort key: data_batch_N has order N; batches with equal order keep the order they were added in. */
  order: number;
  fileName: string;
  records: ImageRecords;
}

/**
 * Batches that may arrive in any order (archives are not sorted), held in batch order and
 * capped at `maxRecords` images in total, so later batches never cost memory we cannot use.
 */
export class BatchPool {
  private readonly batches: Batch[] = [];

  constructor(
    readonly pixelsPerImage: number,
    readonly maxRecords: number,
  ) {}

  get size(): number {
    return this.batches.length;
  }

  get fileNames(): string[] {
    return this.batches.map((b) => b.fileName);
  }

  /** How many images a batch with this order could still contribute, given the batches before it. */
  roomFor(order: number): number {
    let before = 0;
    for (const b of this.batches) if (b.order <= order) before += b.records.count;
    return Math.max(0, this.maxRecords - before);
  }

  add(batch: Batch): void {
    let at = this.batches.length;
    while (at > 0 && this.batches[at - 1].order > batch.order) at--;
    this.batches.splice(at, 0, batch);
    this.trim();
  }

  /** All images held, in batch order; null when no batch was added. */
  assemble(): ImageRecords | null {
    if (this.batches.length === 0) return null;
    if (this.batches.length === 1) return this.batches[0].records;
    const count = this.batches.reduce((n, b) => n + b.records.count, 0);
    const images = new Uint8Array(count * this.pixelsPerImage);
    const labels = new Uint8Array(count);
    let at = 0;
    for (const { records } of this.batches) {
      images.set(records.images, at * this.pixelsPerImage);
      labels.set(records.labels, at);
      at += records.count;
    }
    return { images, labels, count };
  }

  /** Cuts batches beyond the cap (a batch added earlier may now come after the cap). */
  private trim(): void {
    let total = 0;
    for (let i = 0; i < this.batches.length; i++) {
      const { records } = this.batches[i];
      const keep = Math.min(records.count, this.maxRecords - total);
      if (keep < records.count) {
        this.batches[i] = {
          ...this.batches[i],
          records: {
            images: records.images.slice(0, keep * this.pixelsPerImage),
            labels: records.labels.slice(0, keep),
            count: keep,
          },
        };
      }
      total += keep;
    }
  }
}
