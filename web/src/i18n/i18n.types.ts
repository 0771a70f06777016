// The English side of a feature's messages: every German key, nothing else, only strings.
export type Translations<T> = { readonly [K in keyof T]: string };
