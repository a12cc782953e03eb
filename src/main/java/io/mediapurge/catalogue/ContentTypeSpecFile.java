package io.mediapurge.catalogue;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The YAML form of a content-type spec, as bound from one file of {@code jobs/}.
 *
 * @param name lower-case name of the content type
 * @param collection MongoDB collection
 * @param idField business id field
 * @param softDelete the soft-delete contract fields
 * @param imagePaths image paths such as {@code images[].url}
 * @param updatedAtField top-level BSON date field the CMS sets on every write, if it
 * keeps one
 */
record ContentTypeSpecFile(
		@NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{0,62}",
				message = "must be lower-case letters, digits and '-', starting with a letter") String name,
		@NotBlank @Pattern(regexp = "[^$\\x00]+", message = "is not a valid MongoDB collection name") String collection,
		@NotBlank @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String idField,
		@Valid @NotNull @DefaultValue SoftDelete softDelete, @NotEmpty List<@NotBlank String> imagePaths,
		@Nullable @Pattern(regexp = FIELD, message = FIELD_MESSAGE) String updatedAtField) {

	static final String FIELD = "[A-Za-z_][A-Za-z0-9_-]*";

	static final String FIELD_MESSAGE = "must be a top-level field name (letters, digits, '_' or '-')";

	/**
	 * @param flagField boolean field set to {@code true} by a soft delete
	 * @param deletedAtField BSON date field set by a soft delete
	 */
	record SoftDelete(
			@NotBlank @Pattern(regexp = FIELD, message = FIELD_MESSAGE) @DefaultValue("is_deleted") String flagField,
			@NotBlank @Pattern(regexp = FIELD,
					message = FIELD_MESSAGE) @DefaultValue("deleted_at") String deletedAtField) {
	}

}
