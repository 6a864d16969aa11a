// TEMPORARY until the wasm package is merged: the agreed JS API of "united-voice" (types only;
// there is no runtime stand-in). Deleted once ../pkg provides its own declarations.
declare module "united-voice" {
  export default function init(input?: unknown): Promise<unknown>;
  export class Agent {
    constructor(config?: unknown);
    static restore(snapshot: string, options?: unknown): Agent;
    greeting(): unknown;
    respond(text: string): Promise<unknown>;
    hear(audio: Blob): Promise<unknown>;
    snapshot(): string;
    free(): void;
  }
  export class AudioQueue {
    constructor(config?: unknown);
  }
}
