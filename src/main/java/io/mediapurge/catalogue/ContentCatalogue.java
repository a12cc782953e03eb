package io.mediapurge.catalogue;

import java.util.List;
import java.util.Optional;

/**
 * The content types the job knows, in a stable order (by name).
 *
 * @param contentTypes the specs
 */
public record ContentCatalogue(List<ContentTypeSpec> contentTypes) {

	public ContentCatalogue {
		contentTypes = List.copyOf(contentTypes);
	}

	public Optional<ContentTypeSpec> find(String name) {
		return this.contentTypes.stream().filter(spec -> spec.name().equals(name)).findFirst();
	}

	public List<String> names() {
		return this.contentTypes.stream().map(ContentTypeSpec::name).toList();
	}

}
