package io.mediapurge.references;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonDocumentReader;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.Test;

/**
 * A document's bytes as the catch-up reads them, from the driver's binary reader inside a
 * server answer or from any other reader: the very bytes of the document, equal to
 * another only when every byte is, whatever the bytes it is hashed by.
 */
class DocumentBytesTests {

	private final Map<DocumentBytes, DocumentBytes> known = new HashMap<>();

	private final DocumentBytes.DocumentBytesCodec codec = new DocumentBytes.DocumentBytesCodec(this.known::get);

	@Test
	void documentsInsideAnAnswerAreReadAsTheirBytesAndEqualOnlyWhenEveryByteIs() {
		// the same long _id fills the hashed bytes; the second differs in its last image
		// only, the third is the first again, the last is larger than any before
		List<BsonDocument> batch = List.of(gallery("a.jpg", 1), gallery("b.jpg", 1), gallery("a.jpg", 1),
				gallery("a.jpg", 200));
		List<DocumentBytes> read = readInsideAnAnswer(batch);

		for (int i = 0; i < batch.size(); i++) {
			assertThat(bytes(read.get(i).document())).isEqualTo(bytes(raw(batch.get(i))));
		}
		assertThat(read.get(0)).isNotEqualTo(read.get(1)).isEqualTo(read.get(2));
		assertThat(read.get(0).hashCode()).isEqualTo(read.get(1).hashCode());
	}

	@Test
	void aDocumentReadAgainIsTheKnownOneAndAnyOtherAFreshCopy() {
		DocumentBytes first = readInsideAnAnswer(List.of(gallery("a.jpg", 3))).get(0);
		this.known.put(first, first);

		List<DocumentBytes> again = readInsideAnAnswer(List.of(gallery("a.jpg", 3), gallery("b.jpg", 3)));

		assertThat(again.get(0)).isSameAs(first);
		assertThat(again.get(1)).isNotSameAs(first).isNotEqualTo(first);
		assertThat(bytes(again.get(1).document())).isEqualTo(bytes(raw(gallery("b.jpg", 3))));
		assertThat(bytes(first.document())).isEqualTo(bytes(raw(gallery("a.jpg", 3))));
	}

	@Test
	void fromAnyOtherReaderADocumentIsReadAsItsBytes() {
		List<DocumentBytes> read = new ArrayList<>();
		for (BsonDocument document : List.of(gallery("a.jpg", 200), gallery("b.jpg", 1), gallery("a.jpg", 1))) {
			read.add(this.codec.decode(new BsonDocumentReader(document), DecoderContext.builder().build()));
			assertThat(bytes(read.get(read.size() - 1).document())).isEqualTo(bytes(raw(document)));
		}
		assertThat(read.get(1)).isNotEqualTo(read.get(2));
		assertThat(read.get(2)).isEqualTo(readInsideAnAnswer(List.of(gallery("a.jpg", 1))).get(0));
	}

	/** Reads the documents as the driver does a batch: elements of an array. */
	private List<DocumentBytes> readInsideAnAnswer(List<BsonDocument> batch) {
		BsonDocument answer = new BsonDocument("cursor",
				new BsonDocument("firstBatch", new BsonArray(batch)).append("ns", new BsonString("cms.galleries")));
		ByteBuffer bytes = raw(answer).getByteBuffer().asNIO();
		List<DocumentBytes> read = new ArrayList<>();
		try (BsonBinaryReader reader = new BsonBinaryReader(bytes)) {
			reader.readStartDocument();
			reader.readName("cursor");
			reader.readStartDocument();
			reader.readName("firstBatch");
			reader.readStartArray();
			while (reader.readBsonType() != BsonType.END_OF_DOCUMENT) {
				read.add(this.codec.decode(reader, DecoderContext.builder().build()));
			}
			reader.readEndArray();
			assertThat(reader.readString("ns")).isEqualTo("cms.galleries");
		}
		return read;
	}

	private static BsonDocument gallery(String image, int images) {
		BsonArray urls = new BsonArray();
		for (int i = 0; i < images; i++) {
			urls.add(new BsonDocument("url", new BsonString("https://cdn.example.com/media/galleries/" + image)));
		}
		return new BsonDocument("_id", new BsonString("imported-from-the-old-cms-gallery-0000000001")).append("images",
				urls);
	}

	private static RawBsonDocument raw(BsonDocument document) {
		return new RawBsonDocument(document, new BsonDocumentCodec());
	}

	private static byte[] bytes(RawBsonDocument document) {
		ByteBuffer buffer = document.getByteBuffer().asNIO();
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

}
