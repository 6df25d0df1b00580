// How much text a piece of code hands to regular expressions: the characters of every string a
// RegExp's exec is called on (RegExp.prototype.test, String.prototype.match/replace/split call it
// too), while `fn` runs. A deterministic measure of work, for tests that a reader does not go over
// the same long line once per later line (quadratic) without timing anything.
export function regexInputChars(fn: () => void): number {
  const exec = RegExp.prototype.exec;
  let chars = 0;
  RegExp.prototype.exec = function (this: RegExp, s: string) {
    chars += String(s).length;
    return exec.call(this, s);
  };
  try {
    fn();
  } finally {
    RegExp.prototype.exec = exec;
  }
  return chars;
}
