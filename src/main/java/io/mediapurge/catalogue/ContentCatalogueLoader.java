package io.mediapurge.catalogue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Reads and validates the content-type specs. Any mistake fails start-up with a message
 * naming the file, the field and, where known, the line.
 *
 * <p>
 * Specs are bound with Spring Boot's own binder, so they follow the same rules as
 * {@code application.yaml} (kebab-case keys, relaxed binding) and unknown keys are
 * refused rather than ignored: a misspelt {@code image-path} must not silently mean "no
 * images".
 */
public final class ContentCatalogueLoader {

	private final ResourcePatternResolver resolver;

	public ContentCatalogueLoader(ResourcePatternResolver resolver) {
		this.resolver = resolver;
	}

	public ContentCatalogueLoader() {
		this(new PathMatchingResourcePatternResolver());
	}

	/**
	 * @param locationPattern a resource pattern such as {@code file:jobs/*.yaml}
	 * @return the catalogue
	 * @throws CatalogueException when no spec is found or one is invalid
	 */
	public ContentCatalogue load(String locationPattern) {
		Resource[] resources;
		try {
			resources = this.resolver.getResources(locationPattern);
		}
		catch (IOException ex) {
			throw new CatalogueException(
					"Cannot list content-type specs at '" + locationPattern + "': " + ex.getMessage(), ex);
		}
		List<ContentTypeSpec> specs = new ArrayList<>();
		for (Resource resource : resources) {
			if (resource.exists()) {
				specs.add(loadOne(resource));
			}
		}
		if (specs.isEmpty()) {
			throw new CatalogueException("No content-type specs found at '" + locationPattern
					+ "' (set media-purge.catalogue.location to the folder of *.yaml specs, e.g. file:jobs/*.yaml)");
		}
		rejectDuplicates(specs, ContentTypeSpec::name, "content type");
		rejectDuplicates(specs, ContentTypeSpec::collection, "collection");
		specs.sort(Comparator.comparing(ContentTypeSpec::name));
		return new ContentCatalogue(specs);
	}

	ContentTypeSpec loadOne(Resource resource) {
		String source = describe(resource);
		List<PropertySource<?>> sources;
		try {
			sources = new YamlPropertySourceLoader().load(source, resource);
		}
		catch (IOException | RuntimeException ex) {
			throw new CatalogueException("Content-type spec " + source + " is not valid YAML: " + ex.getMessage(), ex);
		}
		if (sources.size() != 1) {
			throw new CatalogueException(
					"Content-type spec " + source + " must hold exactly one YAML document, found " + sources.size());
		}
		ContentTypeSpecFile file = bind(source, sources.get(0));
		List<ImagePath> paths = new ArrayList<>();
		for (int i = 0; i < file.imagePaths().size(); i++) {
			try {
				paths.add(ImagePath.parse(file.imagePaths().get(i)));
			}
			catch (IllegalArgumentException ex) {
				String field = "image-paths[" + i + "]";
				throw invalid(source, field, OriginLookup.getOrigin(sources.get(0), field), ex.getMessage());
			}
		}
		try {
			ImageFieldTree.of(paths);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(source, "image-paths", OriginLookup.getOrigin(sources.get(0), "image-paths[0]"),
					ex.getMessage());
		}
		return new ContentTypeSpec(file.name(), file.collection(), file.idField(), file.softDelete().flagField(),
				file.softDelete().deletedAtField(), paths, source, file.updatedAtField());
	}

	private ContentTypeSpecFile bind(String source, PropertySource<?> propertySource) {
		Binder binder = new Binder(ConfigurationPropertySources.from(propertySource));
		try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
			// unknown keys first: a misspelt 'image-path' is the real news, not the
			// missing 'image-paths'
			binder.bindOrCreate("", Bindable.of(ContentTypeSpecFile.class),
					new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
			BindHandler handler = new ValidationBindHandler(BindHandler.DEFAULT,
					new SpringValidatorAdapter(factory.getValidator()));
			return binder.bindOrCreate("", Bindable.of(ContentTypeSpecFile.class), handler);
		}
		catch (BindException ex) {
			throw new CatalogueException(describeBindFailure(source, ex), ex);
		}
	}

	private static String describeBindFailure(String source, BindException ex) {
		if (ex.getCause() instanceof BindValidationException validation) {
			return "Content-type spec " + source + " is invalid: "
					+ validation.getValidationErrors()
						.getAllErrors()
						.stream()
						.map(ContentCatalogueLoader::describe)
						.collect(Collectors.joining("; "));
		}
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			return "Content-type spec " + source + " has unknown fields: "
					+ unbound.getUnboundProperties()
						.stream()
						.map(property -> "'" + property.getName() + "'" + at(property.getOrigin()))
						.sorted()
						.collect(Collectors.joining(", "))
					+ " (known: name, collection, id-field, soft-delete.flag-field, soft-delete.deleted-at-field, image-paths, "
					+ "updated-at-field)";
		}
		String field = ex.getName().toString().isEmpty() ? "" : " field '" + ex.getName() + "'";
		String cause = (ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage();
		return "Content-type spec " + source + " is invalid:" + field
				+ at(ex.getProperty() != null ? ex.getProperty().getOrigin() : null) + ": " + cause;
	}

	private static String describe(ObjectError error) {
		String field = (error instanceof FieldError fieldError) ? toKebab(fieldError.getField())
				: error.getObjectName();
		return "field '" + field + "'" + at(Origin.from(error)) + " " + error.getDefaultMessage();
	}

	private static String at(@Nullable Origin origin) {
		return (origin != null) ? " (" + origin + ")" : "";
	}

	/** Bean-validation names fields as Java does; people wrote them in kebab-case. */
	static String toKebab(String javaPath) {
		return javaPath.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static CatalogueException invalid(String source, String field, @Nullable Origin origin, String message) {
		return new CatalogueException(
				"Content-type spec " + source + " is invalid: field '" + field + "'" + at(origin) + " " + message);
	}

	private static void rejectDuplicates(List<ContentTypeSpec> specs,
			java.util.function.Function<ContentTypeSpec, String> key, String what) {
		Map<String, String> seen = new HashMap<>();
		for (ContentTypeSpec spec : specs) {
			String previous = seen.putIfAbsent(key.apply(spec), spec.source());
			if (previous != null) {
				throw new CatalogueException("Content-type specs " + previous + " and " + spec.source()
						+ " both declare " + what + " '" + key.apply(spec) + "'");
			}
		}
	}

	private static String describe(Resource resource) {
		try {
			if (resource.isFile()) {
				return resource.getFile().getPath();
			}
		}
		catch (IOException ex) {
			// fall back to the description below
		}
		return resource.getDescription();
	}

}
