package io.mediapurge.references;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Function;

import org.bson.AbstractBsonReader;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.RawBsonDocumentCodec;
import org.bson.io.BsonInput;
import org.bson.io.BsonInputMark;
import org.jspecify.annotations.Nullable;

/**
 * A document exactly as the server returned it, as BSON bytes: two are equal when their
 * bytes are, and decode then to equal documents.
 */
final class DocumentBytes {

	private static final int HASHED_BYTES = 32;

	/** The bytes; only the codec's probe has more than {@link #length}. */
	private byte[] bytes;

	private int length;

	private int hash;

	private DocumentBytes(byte[] bytes, int length) {
		this.bytes = bytes;
		this.length = length;
		this.hash = hash(bytes, length);
	}

	/**
	 * @return the document, for decoding
	 */
	RawBsonDocument document() {
		return new RawBsonDocument(this.bytes, 0, this.length);
	}

	@Override
	public boolean equals(Object other) {
		return this == other || other instanceof DocumentBytes that && this.hash == that.hash
				&& this.length == that.length && Arrays.equals(this.bytes, 0, this.length, that.bytes, 0, that.length);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	/**
	 * Hashes the first bytes only: the document's length and, first in every document the
	 * server returns, its {@code _id}, which tell documents apart; equality still
	 * compares every byte.
	 */
	private static int hash(byte[] bytes, int length) {
		int hash = length;
		for (int i = 0; i < Math.min(length, HASHED_BYTES); i++) {
			hash = 31 * hash + bytes[i];
		}
		return hash;
	}

	/**
	 * Decodes a document into its bytes, and into the very instance of a known document
	 * with the same bytes, so that a document read again unchanged costs no new copy.
	 * From the driver's binary reader it reads the document's bytes as they are, without
	 * walking its fields; from any other reader it re-encodes it as
	 * {@link RawBsonDocumentCodec} does. Not for concurrent use.
	 */
	static final class DocumentBytesCodec implements Codec<DocumentBytes> {

		private final RawBsonDocumentCodec fallback = new RawBsonDocumentCodec();

		private final Function<DocumentBytes, @Nullable DocumentBytes> known;

		/** The bytes just read, looked up among the known documents. */
		private final DocumentBytes probe = new DocumentBytes(new byte[1024], 0);

		/**
		 * @param known the known document equal to a probe, if any
		 */
		DocumentBytesCodec(Function<DocumentBytes, @Nullable DocumentBytes> known) {
			this.known = known;
		}

		@Override
		public DocumentBytes decode(BsonReader reader, DecoderContext context) {
			if (reader instanceof BsonBinaryReader binary && binary.getState() == AbstractBsonReader.State.VALUE) {
				BsonInput input = binary.getBsonInput();
				BsonInputMark mark = input.getMark(Integer.MAX_VALUE);
				int start = input.getPosition();
				binary.skipValue();
				int length = input.getPosition() - start;
				mark.reset();
				if (this.probe.bytes.length < length) {
					this.probe.bytes = new byte[Math.max(length, 2 * this.probe.bytes.length)];
				}
				input.readBytes(this.probe.bytes, 0, length);
				return own(length);
			}
			ByteBuffer buffer = this.fallback.decode(reader, context).getByteBuffer().asNIO();
			int length = buffer.remaining();
			if (this.probe.bytes.length < length) {
				this.probe.bytes = new byte[length];
			}
			buffer.get(this.probe.bytes, 0, length);
			return own(length);
		}

		/** The known document with the probe's bytes, or a copy of them. */
		private DocumentBytes own(int length) {
			this.probe.length = length;
			this.probe.hash = hash(this.probe.bytes, length);
			DocumentBytes known = this.known.apply(this.probe);
			return (known != null) ? known : new DocumentBytes(Arrays.copyOf(this.probe.bytes, length), length);
		}

		@Override
		public void encode(BsonWriter writer, DocumentBytes value, EncoderContext context) {
			this.fallback.encode(writer, value.document(), context);
		}

		@Override
		public Class<DocumentBytes> getEncoderClass() {
			return DocumentBytes.class;
		}

	}

}
