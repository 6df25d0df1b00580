// A service name on a graph node: up to two lines, cut at a separator where one is near; the full
// name is the node's <title> (pure, tested).

export function nodeLabelLines(name: string, perLine = 26): string[] {
  if (name.length <= perLine) return [name];
  // Break after the last separator that leaves a reasonable first line.
  let cut = perLine;
  for (let i = perLine; i >= Math.floor(perLine / 2); i--) {
    if ('-_./: '.includes(name[i - 1]!)) {
      cut = i;
      break;
    }
  }
  const first = name.slice(0, cut);
  const rest = name.slice(cut);
  return [first, rest.length > perLine ? `${rest.slice(0, perLine - 1)}…` : rest];
}
