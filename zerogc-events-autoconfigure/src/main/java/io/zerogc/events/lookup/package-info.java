/**
 * Lookups by class for the publishing path: faster than {@link java.lang.ClassValue} and holding nothing
 * static. Internal: no compatibility promise.
 */
package io.zerogc.events.lookup;
