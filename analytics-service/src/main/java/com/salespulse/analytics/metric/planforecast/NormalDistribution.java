package com.salespulse.analytics.metric.planforecast;

/**
 * The standard normal distribution function, by Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7): a few
 * lines instead of a statistics library for one function.
 */
final class NormalDistribution {

    private NormalDistribution() {}

    /** P(Z <= z) for a standard normal Z. */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1
                - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                        * t
                        * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
