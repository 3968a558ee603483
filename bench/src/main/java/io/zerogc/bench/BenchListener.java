package io.zerogc.bench;

/**
 * What every benchmark listener exposes, so a run can check that events arrived.
 */
public interface BenchListener {

    /**
     * The sum of the values received.
     *
     * @return the sum
     */
    long sum();
}
