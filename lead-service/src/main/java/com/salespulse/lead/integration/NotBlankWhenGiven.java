package com.salespulse.lead.integration;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.CONSTRUCTOR;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An optional text that, when given, says something: null passes, a blank string is refused. For names and
 * identifiers, where a blank value would be stored (and inherited by later cards) as if it were known.
 */
@Documented
@Pattern(regexp = ".*\\S.*", flags = Pattern.Flag.DOTALL)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({METHOD, FIELD, ANNOTATION_TYPE, CONSTRUCTOR, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NotBlankWhenGiven {

    String message() default "must not be blank; leave the field out instead";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
