/**
 * Reads a byte stream to its end into one array. `onBytes` sees the running total after each
 * chunk; when it throws, reading stops, the stream is cancelled and the error goes to the caller
 * (a size limit). DOM-free: streams exist in workers, browsers and node.
 */
export async function readBytes(
	stream: ReadableStream<Uint8Array>,
	onBytes: (received: number) => void = () => {}
): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let received = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		received += value.length;
		try {
			onBytes(received);
		} catch (error) {
			await reader.cancel().catch(() => undefined);
			throw error;
		}
	}
	return joinChunks(chunks, received);
}

/** The chunks of a body, end to end, in one array of `length` bytes. */
export function joinChunks(chunks: Uint8Array[], length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.length;
	}
	return bytes;
}
