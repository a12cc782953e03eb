package io.mediapurge.operations.schedule;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.scheduling.support.CronExpression;

/**
 * A Spring cron expression: six fields (second, minute, hour, day of month, month, day of
 * week) or a macro such as {@code @daily}.
 */
@Documented
@Constraint(validatedBy = ValidCron.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ValidCron {

	String message() default "is not a valid cron expression (six fields: second minute hour day-of-month month "
			+ "day-of-week, e.g. '0 0 2 * * *' for 02:00 every night)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/**
	 * Checks the expression with {@link CronExpression#isValidExpression(String)}.
	 */
	class Validator implements ConstraintValidator<ValidCron, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || CronExpression.isValidExpression(value);
		}

	}

}
