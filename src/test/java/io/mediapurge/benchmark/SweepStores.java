package io.mediapurge.benchmark;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

import io.mediapurge.support.FaultInjectingBlobStore;

import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The servers' JVM side of the orphan sweep benchmark: seeds a {@link SweepData} straight
 * into the stores and checks the bucket after an apply.
 */
final class SweepStores {

	private final MongoDatabase cms;

	private final FaultInjectingBlobStore store;

	private final Path bucket;

	private final String endpoint;

	/**
	 * @param root the root of the in-memory file system behind the S3 server
	 * @param endpoint the S3 server's endpoint, for path-style URLs
	 */
	SweepStores(MongoDatabase cms, FaultInjectingBlobStore store, Path root, String endpoint) {
		this.cms = cms;
		this.store = store;
		this.bucket = root.resolve(BenchmarkData.BUCKET);
		this.endpoint = endpoint;
	}

	/**
	 * Drops and re-inserts the four collections, empties the bucket and writes O objects
	 * under the prefixes and O / 200 outside them, every one but the young ones dated 30
	 * days back.
	 * @return {@code documents=... objects=...}
	 */
	String seed(SweepData data) {
		Set<String> existing = this.cms.listCollectionNames().into(new TreeSet<>());
		long inserted = 0;
		for (int type = 0; type < 4; type++) {
			String name = BenchmarkData.COLLECTIONS.get(type);
			MongoCollection<Document> collection = this.cms.getCollection(name);
			if (existing.contains(name)) {
				collection.drop();
			}
			List<Document> batch = new ArrayList<>(1000);
			Iterator<Document> documents = data.documents(type, this.endpoint).iterator();
			while (documents.hasNext()) {
				batch.add(documents.next());
				if (batch.size() == 1000 || !documents.hasNext()) {
					collection.insertMany(batch);
					inserted += batch.size();
					batch.clear();
				}
			}
		}
		this.store.reset();
		this.store.deleteContainer(BenchmarkData.BUCKET);
		this.store.createContainer(BenchmarkData.BUCKET);
		FileTime old = FileTime.from(Instant.now().minus(SweepData.OLD));
		IntStream.range(0, data.objects())
			.parallel()
			.forEach(k -> put(SweepData.key(k), (data.kind(k) == SweepData.Kind.YOUNG) ? null : old));
		IntStream.range(0, data.outside()).parallel().forEach(i -> put(SweepData.outsideKey(i), old));
		return "documents=" + inserted + " objects=" + (data.objects() + data.outside());
	}

	private void put(String key, FileTime lastModified) {
		this.store.putBlob(PutObjectRequest.builder().bucket(BenchmarkData.BUCKET).key(key).contentLength(1L).build(),
				new ByteArrayInputStream(new byte[] { 'x' }));
		if (lastModified != null) {
			try {
				Files.setLastModifiedTime(this.bucket.resolve(key), lastModified);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * What the bucket holds now, by kind of key ({@code orphan}, {@code young},
	 * {@code referenced}, {@code outside}, each the objects left), and what the
	 * DeleteObjects requests since the seed asked for: {@code deleted-keys} in all,
	 * {@code deleted-not-orphans} of them not orphans of the swept prefixes.
	 */
	String check(SweepData data) {
		Map<SweepData.Kind, Long> left = new EnumMap<>(SweepData.Kind.class);
		for (SweepData.Kind kind : SweepData.Kind.values()) {
			left.put(kind, 0L);
		}
		IntStream.range(0, data.objects())
			.filter(k -> Files.exists(this.bucket.resolve(SweepData.key(k))))
			.mapToObj(data::kind)
			.forEach(kind -> left.merge(kind, 1L, Long::sum));
		left.put(SweepData.Kind.OUTSIDE,
				IntStream.range(0, data.outside())
					.filter(i -> Files.exists(this.bucket.resolve(SweepData.outsideKey(i))))
					.count());
		long deleted = 0;
		long notOrphans = 0;
		for (List<String> request : this.store.deleteRequests()) {
			for (String key : request) {
				deleted++;
				notOrphans += (data.kind(key) == SweepData.Kind.ORPHAN) ? 0 : 1;
			}
		}
		return String.format("orphan=%d young=%d referenced=%d outside=%d deleted-keys=%d deleted-not-orphans=%d",
				left.get(SweepData.Kind.ORPHAN), left.get(SweepData.Kind.YOUNG), left.get(SweepData.Kind.REFERENCED),
				left.get(SweepData.Kind.OUTSIDE), deleted, notOrphans);
	}

}
