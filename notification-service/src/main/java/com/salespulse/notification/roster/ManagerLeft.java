package com.salespulse.notification.roster;

import java.util.UUID;

/**
 * Fired (synchronously, inside the transaction that applies the dismissal) when the replica learns a manager left,
 * so that what depends on the roster reacts without the roster depending on it.
 */
public record ManagerLeft(UUID managerId) {}
