/**
 * Tests of the publisher's context (trace, MDC) carried to asynchronous listeners.
 */
package io.zerogc.events.autoconfigure.tracing;
