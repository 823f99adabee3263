export type Scored = { score: number; positive: boolean };

/** Precision, recall and F1 of the positive class at a threshold (score >= threshold is "yes"). */
export function measure(scores: readonly Scored[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { score, positive } of scores) {
    const predicted = score >= threshold;
    if (predicted && positive) tp++;
    else if (predicted) fp++;
    else if (positive) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, selected: tp + fp };
}

/** The threshold in 0.01 steps with the best F1; ties go to the middle of the best run. */
export function bestThreshold(scores: readonly Scored[]): number {
  let best = -1;
  let run: number[] = [];
  for (let i = 1; i < 100; i++) {
    const t = i / 100;
    const f1 = Math.round(measure(scores, t).f1 * 1e6);
    if (f1 > best) {
      best = f1;
      run = [t];
    } else if (f1 === best && run[run.length - 1] === (i - 1) / 100) run.push(t);
  }
  return run[Math.floor((run.length - 1) / 2)] ?? 0.5;
}
