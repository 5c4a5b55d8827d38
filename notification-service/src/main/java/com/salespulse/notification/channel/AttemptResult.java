package com.salespulse.notification.channel;

/** How one attempt went: accepted or not, the receiver's HTTP status when there is one, and why it failed. */
public record AttemptResult(boolean succeeded, Integer statusCode, String error) {

    public static AttemptResult accepted(Integer statusCode) {
        return new AttemptResult(true, statusCode, null);
    }

    public static AttemptResult failed(Integer statusCode, String error) {
        return new AttemptResult(false, statusCode, error);
    }
}
