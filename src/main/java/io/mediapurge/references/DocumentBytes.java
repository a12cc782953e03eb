package io.mediapurge.references;

import java.nio.ByteBuffer;
import java.util.Arrays;

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

/**
 * A document exactly as the server returned it, as BSON bytes: two are equal when their
 * bytes are, and decode then to equal documents.
 */
final class DocumentBytes {

	private final byte[] bytes;

	private final int hash;

	DocumentBytes(byte[] bytes) {
		this.bytes = bytes;
		this.hash = Arrays.hashCode(bytes);
	}

	/**
	 * @return the document, for decoding
	 */
	RawBsonDocument document() {
		return new RawBsonDocument(this.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DocumentBytes that && this.hash == that.hash && Arrays.equals(this.bytes, that.bytes);
	}

	@Override
	public int hashCode() {
		return this.hash;
	}

	/**
	 * Decodes a document into its bytes. From the driver's binary reader it copies the
	 * document's bytes as they are, without walking its fields; from any other reader it
	 * re-encodes it as {@link RawBsonDocumentCodec} does.
	 */
	static final class DocumentBytesCodec implements Codec<DocumentBytes> {

		private final RawBsonDocumentCodec fallback = new RawBsonDocumentCodec();

		@Override
		public DocumentBytes decode(BsonReader reader, DecoderContext context) {
			if (reader instanceof BsonBinaryReader binary && binary.getState() == AbstractBsonReader.State.VALUE) {
				BsonInput input = binary.getBsonInput();
				BsonInputMark mark = input.getMark(Integer.MAX_VALUE);
				int start = input.getPosition();
				binary.skipValue();
				byte[] bytes = new byte[input.getPosition() - start];
				mark.reset();
				input.readBytes(bytes);
				return new DocumentBytes(bytes);
			}
			ByteBuffer buffer = this.fallback.decode(reader, context).getByteBuffer().asNIO();
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return new DocumentBytes(bytes);
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
