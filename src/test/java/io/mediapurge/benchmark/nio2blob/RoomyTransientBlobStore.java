package io.mediapurge.benchmark.nio2blob;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import org.gaul.s3proxy.nio2blob.AbstractNio2BlobStore;

/**
 * S3Proxy's in-memory store, on an in-memory file system sized for millions of tiny
 * objects: S3Proxy's own transient store caps its file system at 4 GB in 8 KB blocks, a
 * block per object at least, so it runs out of room near half a million objects. Here the
 * cap is lifted and the blocks are 256 bytes.
 *
 * <p>
 * It lives in a package named {@code nio2blob} because S3Proxy tells its backends apart
 * by the class name: it serves a conditional DeleteObjects (keys with an ETag) for its
 * own file-system stores, whose package that is, and answers 501 NotImplemented for a
 * store it cannot tell.
 */
public final class RoomyTransientBlobStore extends AbstractNio2BlobStore {

	public RoomyTransientBlobStore() {
		super(Jimfs
			.newFileSystem(Configuration.unix()
				.toBuilder()
				.setAttributeViews("posix", "user")
				.setWorkingDirectory("/")
				.setBlockSize(256)
				.setMaxSize(256L << 30)
				.build())
			.getPath("/"));
	}

	/** The root of the file system: a bucket is a folder under it, a key a path in it. */
	public java.nio.file.Path root() {
		return getRoot();
	}

}
