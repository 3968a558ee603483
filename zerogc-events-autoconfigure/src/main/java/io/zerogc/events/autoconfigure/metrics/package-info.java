/**
 * Micrometer meters of dispatch statistics and their auto-configuration.
 *
 * <p>Not API: applications read the meters through their {@code MeterRegistry}.
 */
package io.zerogc.events.autoconfigure.metrics;
