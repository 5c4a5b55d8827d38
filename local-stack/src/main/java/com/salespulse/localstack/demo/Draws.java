package com.salespulse.localstack.demo;

import java.util.random.RandomGenerator;

/**
 * The random draws the generated histories share (the demo's and the scale benchmark's), so that both sample their
 * counts and categories the same way. Each draw consumes the generator exactly as before it was shared: a seeded
 * history stays the same byte for byte.
 */
public final class Draws {

    private Draws() {}

    /** A Poisson count by Knuth's method: exact, and fine for the small daily means of the demo. */
    public static int poisson(RandomGenerator random, double mean) {
        int k = 0;
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        while (product > limit) {
            k++;
            product *= random.nextDouble();
        }
        return k;
    }

    /**
     * A Poisson count for any mean: above 30 the normal approximation (Knuth's product would underflow for large
     * means and take a draw per unit), below it {@link #poisson}.
     */
    public static int poissonAnyMean(RandomGenerator random, double mean) {
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        return poisson(random, mean);
    }

    /** One of {@code values}, drawn with the given weights (summing to 1; the last value takes any rounding rest). */
    public static String pick(RandomGenerator random, String[] values, double[] weights) {
        double roll = random.nextDouble();
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i];
            if (roll < sum) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }
}
