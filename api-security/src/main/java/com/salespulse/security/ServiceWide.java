package com.salespulse.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that acts for the whole service, not for one tenant (the read-model rebuild): the caller's
 * token need not name a tenant there. Every other operation refuses a token without a valid {@code tenant} claim
 * ({@link TenantClaimCheck}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ServiceWide {}
