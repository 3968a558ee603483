package io.zerogc.events.util;

/**
 * Picks one call in a power of two, for latency sampling: a plain counter, racy by design when several
 * threads share it (a lost increment only moves a sample, it never costs a fence or an atomic).
 */
public final class Sampler {

    private final int mask;
    private int tick;

    /**
     * Creates a sampler.
     *
     * @param every a power of two, as the settings that ask for sampling have checked: 1 picks every call
     */
    public Sampler(int every) {
        this.mask = every - 1;
    }

    /**
     * Counts a call.
     *
     * @return {@code true} for the call picked, one in {@code every}
     */
    public boolean next() {
        int next = tick + 1;
        tick = next;
        return (next & mask) == 0;
    }
}
