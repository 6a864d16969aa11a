/** Alex's voice arrives from /api/tts as raw signed 16-bit little-endian PCM (SPEECH_TYPE in
 * shared/audio-types.ts). This turns its byte chunks into samples (-1..1) as they arrive. A chunk
 * may end in the middle of a sample: the odd byte waits for the next chunk. */
export class Pcm16 {
  private odd: number | null = null;

  push(chunk: Uint8Array): Float32Array {
    let bytes = chunk;
    if (this.odd !== null) {
      bytes = new Uint8Array(chunk.length + 1);
      bytes[0] = this.odd;
      bytes.set(chunk, 1);
    }
    const count = bytes.length >> 1;
    this.odd = bytes.length & 1 ? bytes[bytes.length - 1]! : null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, count * 2);
    const samples = new Float32Array(count);
    for (let i = 0; i < count; i++) samples[i] = view.getInt16(i * 2, true) / 32768;
    return samples;
  }
}
