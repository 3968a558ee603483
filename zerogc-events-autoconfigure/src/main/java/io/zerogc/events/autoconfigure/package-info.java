/**
 * Spring Boot glue: listener discovery, properties, the publisher bean and its auto-configuration.
 */
package io.zerogc.events.autoconfigure;
