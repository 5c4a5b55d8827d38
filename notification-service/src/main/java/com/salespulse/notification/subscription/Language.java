package com.salespulse.notification.subscription;

/** The language of the messages a subscriber reads. */
public enum Language {
    ru,
    en
}
