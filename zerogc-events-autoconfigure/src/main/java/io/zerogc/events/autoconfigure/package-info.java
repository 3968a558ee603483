/**
 * Spring Boot glue: listener discovery, properties, the publisher bean and its auto-configurations
 * (core, actuator endpoint, Micrometer meters).
 *
 * <p>Applications configure it through {@code zerogc.events.*} properties and program against
 * {@code io.zerogc.events}; the classes here are not API and carry no compatibility promise.
 */
package io.zerogc.events.autoconfigure;
