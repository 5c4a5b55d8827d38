package com.salespulse.problem;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The ISO 4217 code of a real currency ({@link Currencies#isReal}); null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = Currencies.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {

    String message() default "must be the ISO 4217 code of a real currency, such as RUB";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
