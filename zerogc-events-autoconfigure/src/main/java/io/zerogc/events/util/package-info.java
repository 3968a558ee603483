/**
 * Low-level pieces the engine packages share: padded sequences, a back-off for waiting threads, a
 * copy-on-write table by class, a sampler, and the rule for slots owned by threads. Plain Java, no
 * Spring imports.
 *
 * <p>Internal: not API, no compatibility promise between versions. Applications use
 * {@code io.zerogc.events}.
 */
package io.zerogc.events.util;
