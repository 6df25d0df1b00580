// The slice of papaparse the analyzers core uses. @types/papaparse pulls in Node's `stream`
// types, which the core must compile without, so the core tsconfig maps 'papaparse' here.
declare const Papa: {
  parse<T>(input: string, config: { delimiter?: string; header?: boolean; skipEmptyLines?: boolean | 'greedy'; dynamicTyping?: boolean; preview?: number }): {
    data: T[];
    errors: { type: string; code: string; message: string; row?: number }[];
    meta: { delimiter: string; linebreak: string; aborted: boolean; truncated: boolean; fields?: string[] };
  };
};
export default Papa;
