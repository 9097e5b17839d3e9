/** Types of build-state.js (the launcher's build check, plain JavaScript). */
export declare const ROOT: string;
export declare const DIST: string;
export declare const COMPILED_MAIN: string;
export declare const SOURCE_MAIN: string;
export declare const SOURCES: string[];
export declare function newestSource(root?: string): number;
export declare function compiledIsCurrent(root?: string): boolean;
