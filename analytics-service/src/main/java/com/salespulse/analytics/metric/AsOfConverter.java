package com.salespulse.analytics.metric;

import com.salespulse.problem.ProblemException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Reads {@code asOf=} as an {@link AsOf}; anything else is a 400 naming it (as rest-problem's converters do). */
@Provider
public class AsOfConverter implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        if (rawType != AsOf.class) {
            return null;
        }
        return (ParamConverter<T>) new ParamConverter<AsOf>() {
            @Override
            public AsOf fromString(String value) {
                AsOf asOf = value == null ? null : AsOf.parse(value.trim());
                if (asOf == null) {
                    ProblemException problem = ProblemException.invalidField(
                            AsOf.PARAM, "must be a day (2026-11-20) or an instant (2026-11-20T15:00:00Z)");
                    throw new WebApplicationException(
                            problem, problem.toProblem().status());
                }
                return asOf;
            }

            @Override
            public String toString(AsOf value) {
                return value == null ? null : value.toString();
            }
        };
    }
}
