package com.salespulse.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import jakarta.inject.Singleton;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;

/**
 * The JSON reader (and writer) of every REST API: the application's {@link ObjectMapper} made strict, for the REST
 * layer only (the CloudEvent codec and other users of the mapper keep theirs). A body is read as sent or refused
 * with a 400 naming the field:
 * <ul>
 * <li>a key given twice ({@code {"name":"a","name":"b"}});</li>
 * <li>a value of another JSON type: no number into a text, no {@code 1} or {@code "true"} into a boolean, no
 * {@code "12"} into a number, no fraction into an integer, no number into a date or an instant;</li>
 * <li>the NUL character in any text (PostgreSQL cannot store it);</li>
 * <li>a date or an instant outside the years {@value #MIN_YEAR}..{@value #MAX_YEAR}.</li>
 * </ul>
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER) // not the REST clients' readers
@Singleton
public class ApiJsonReader implements ContextResolver<ObjectMapper> {

    public static final int MIN_YEAR = 1900;
    public static final int MAX_YEAR = 2100;

    private final ObjectMapper mapper;

    public ApiJsonReader(ObjectMapper applicationMapper) {
        this.mapper = strict(applicationMapper.copy());
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }

    /** Makes {@code mapper} (a copy: it is changed) read only what was sent. */
    public static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("salespulse-strict-reader");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                Class<?> type = description.getBeanClass();
                if (type == String.class) {
                    return new NoNulText(deserializer);
                }
                if (Temporal.class.isAssignableFrom(type)) {
                    return new BoundedTemporal(deserializer);
                }
                return deserializer;
            }
        });
        mapper.registerModule(module);
        return mapper;
    }

    /** Text without the NUL character. */
    static final class NoNulText extends DelegatingDeserializer {

        NoNulText(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new NoNulText(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof String text && text.indexOf('\u0000') >= 0) {
                throw new RefusedValueException(parser, "must not contain the NUL character");
            }
            return value;
        }
    }

    /** Dates and instants: ISO-8601 text only, within the years the suite accepts. */
    static final class BoundedTemporal extends DelegatingDeserializer {

        BoundedTemporal(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new BoundedTemporal(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                throw new RefusedValueException(parser, "must be an ISO-8601 date or time as a string");
            }
            Object value = super.deserialize(parser, context);
            Integer year = yearOf(value);
            if (year != null && (year < MIN_YEAR || year > MAX_YEAR)) {
                throw new RefusedValueException(parser, "must be within the years " + MIN_YEAR + " to " + MAX_YEAR);
            }
            return value;
        }
    }

    /** The year of a date or an instant (in UTC), or null for a temporal without one (a time of day). */
    static Integer yearOf(Object value) {
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC).getYear();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.getYear();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.getYear();
        }
        if (value instanceof TemporalAccessor accessor && accessor.isSupported(ChronoField.YEAR)) {
            return accessor.get(ChronoField.YEAR);
        }
        return null;
    }
}
