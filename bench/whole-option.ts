/** A benchmark option that is a whole number: its fallback when not given, else at least `min`, or an error naming it. */
export function wholeOption(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return Number(value);
}
