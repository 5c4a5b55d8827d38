package com.salespulse.notification.subscription;

/** The language of the messages a subscriber reads. */
public enum Language {
    ru,
    en;

    /** A tenant's language as lead-service's settings give it: en, else ru (the suite's default). */
    public static Language of(String language) {
        return "en".equals(language) ? en : ru;
    }
}
