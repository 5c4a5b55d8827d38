package com.salespulse.problem;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a query parameter the matched operation does not declare with a 400 naming it: a misspelt filter
 * ({@code ?externalRef=} for {@code externalId}) would otherwise be ignored and answer every record. The declared
 * names are those of the operation's {@code @QueryParam}/{@code @RestQuery} parameters, of the fields of its
 * {@code @BeanParam} classes and of the resource class's own fields. A value with the NUL character is refused
 * too, naming its parameter.
 */
public class UnknownQueryParameters {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void refuseUnknownQueryParameters(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        Set<String> known = declared.computeIfAbsent(method, m -> declaredNames(m, resource.getResourceClass()));
        for (String name :
                new TreeSet<>(request.getUriInfo().getQueryParameters().keySet())) {
            if (!known.contains(name)) {
                throw ProblemException.invalidField(name, "is not a parameter of this operation");
            }
            // PostgreSQL cannot hold the NUL character: a search or filter with one would fail in the database
            for (String value : request.getUriInfo().getQueryParameters().get(name)) {
                if (value != null && value.indexOf('\u0000') >= 0) {
                    throw ProblemException.invalidField(name, "must not contain the NUL character");
                }
            }
        }
    }

    static Set<String> declaredNames(Method method, Class<?> resourceClass) {
        Set<String> names = new TreeSet<>();
        for (Parameter parameter : method.getParameters()) {
            collect(parameter.getAnnotations(), parameter.getName(), parameter.getType(), names);
        }
        if (resourceClass != null) {
            collectFields(resourceClass, names);
        }
        return Set.copyOf(names);
    }

    private static void collectFields(Class<?> type, Set<String> names) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                collect(field.getAnnotations(), field.getName(), field.getType(), names);
            }
        }
    }

    private static void collect(Annotation[] annotations, String javaName, Class<?> type, Set<String> names) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                names.add(query.value());
            } else if (annotation instanceof RestQuery query) {
                names.add(query.value().isEmpty() ? javaName : query.value());
            } else if (annotation instanceof BeanParam) {
                collectFields(type, names);
            }
        }
    }
}
