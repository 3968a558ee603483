package io.zerogc.events.autoconfigure;

/**
 * Part of the engine's settings that looks up beans, which it can only once all singletons exist: just
 * before the listeners are installed.
 */
interface StartupResolved {

    /** Looks up what it needs; fails startup with a message naming the property that asked for it. */
    void resolve();
}
